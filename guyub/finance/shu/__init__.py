"""The SHU: the by-laws' portions and each member's jasa modal and jasa usaha."""
