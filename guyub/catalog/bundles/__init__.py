"""Bundles (paket): several members' approved products sold as one item."""
