"""The models Django loads for the contracts app (its label, its migrations): each
sub-package defines its own, and this module gathers them."""

from .allocation.models import Allotment, Capacity, Delivery
from .deliveries.models import BuyerInvoice, ContractSettings, MemberPayment, Receipt
from .disputes.models import Dispute, DisputeMessage
from .negotiation.models import (
    BusinessProfile,
    Contract,
    ContractVersion,
    FloorPrice,
    Grade,
    GradeApproval,
    Offer,
)

__all__ = ["Allotment", "BusinessProfile", "BuyerInvoice", "Capacity", "Contract",
           "ContractSettings", "ContractVersion", "Delivery", "Dispute", "DisputeMessage",
           "FloorPrice", "Grade", "GradeApproval", "MemberPayment", "Offer", "Receipt"]
