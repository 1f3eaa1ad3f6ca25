"""Certificates (PIRT, BPOM MD, halal, SNI) and their validity."""
