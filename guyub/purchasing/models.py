"""The models Django loads for the purchasing app (its label, its migrations): each
sub-package defines its own, and this module gathers them."""

from .rounds.models import Commitment, Round, RoundItem, RoundPayment, Share
from .suppliers.models import Item, PriceList, PriceTier, Supplier, SupplierPayment
from .tenders.models import Bid, Tender

__all__ = ["Bid", "Commitment", "Item", "PriceList", "PriceTier", "Round", "RoundItem",
           "RoundPayment", "Share", "Supplier", "SupplierPayment", "Tender"]
