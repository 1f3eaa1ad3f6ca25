"""Simpanan (member capital and savings): pokok, wajib dues, sukarela, settlement on exit."""
