"""The sales app's models, defined in its sub-domains (Django looks for them here; the
app label stays "sales", so the tables and migrations are unchanged)."""

from .fulfilment.models import FulfilmentLine, Shipment
from .orders.models import Buyer, Order, OrderCounter, OrderLine, Payment
from .payouts.models import PayoutBatch, PayoutLine
from .summaries.models import ChannelMonth, ProductMonth, SummaryState

__all__ = ["Buyer", "FulfilmentLine", "Order", "OrderCounter", "OrderLine", "Payment",
           "PayoutBatch", "PayoutLine", "Shipment", "ChannelMonth", "ProductMonth",
           "SummaryState"]
