"""Fixtures every purchasing sub-package's tests reach (the helpers themselves are in
guyub/testing/purchase_rounds.py and purchase_pages.py)."""

from guyub.testing.purchase_rounds import ticking_clock  # noqa: F401
