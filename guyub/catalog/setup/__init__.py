"""The catalog's set-up: market channels with their rules, product categories."""
