"""Reads for the dispute pages: the cooperative sees every complaint; a buyer only the
complaints it is party to, on deliveries of its own contracts; a member only those on
their own allotments. A record outside those reads as missing (the page answers 404).

Who takes part in a complaint (Dispute.buyer_is_party / member_is_party):
- the cooperative (board and staff) always, it mediates;
- the buyer in the complaints it opened (itself or staff for it);
- the member whose part of the delivery is named (the allotment). A buyer's complaint
  about the whole delivery names no member: it stays between buyer and cooperative.
  A member contesting their quality result is between member and cooperative.
"""

from django.db.models import Q, QuerySet

from guyub.core.models import CoopRole
from guyub.core.roles import Role

from ..allocation.models import Allotment, Delivery
from ..deliveries.models import BuyerInvoice
from .models import Dispute, DisputeMessage

OPEN_STATUSES = (Dispute.Status.OPEN, Dispute.Status.MEDIATING)
FILTERS = ("open", "resolved")


def _disputes() -> QuerySet:
    return Dispute.objects.select_related(
        "delivery__contract__buyer", "allotment__member", "opened_by")


def dispute_list(status: str = "") -> QuerySet:
    disputes = _disputes()
    if status == "open":
        disputes = disputes.filter(status__in=OPEN_STATUSES)
    elif status == "resolved":
        disputes = disputes.filter(status=Dispute.Status.RESOLVED)
    return disputes


def dispute(pk) -> Dispute | None:
    return _disputes().filter(pk=pk).first()


def thread(dispute: Dispute) -> list[DisputeMessage]:
    return list(dispute.messages.select_related("by"))


# --- the buyer ------------------------------------------------------------------------


def _buyer_filter(user) -> Q:
    return Q(delivery__contract__buyer__user=user,
             opened_by_party=Dispute.Party.BUYER)


def buyer_disputes(user) -> QuerySet:
    return _disputes().filter(_buyer_filter(user))


def buyer_dispute(user, pk) -> Dispute | None:
    return _disputes().filter(_buyer_filter(user), pk=pk).first()


def buyer_deliveries(user) -> QuerySet:
    """The buyer's delivered deliveries: what it may complain about."""
    return (Delivery.objects.filter(contract__buyer__user=user,
                                    status=Delivery.Status.DELIVERED)
            .select_related("contract").order_by("-due_on", "-id"))


def buyer_delivery(user, pk) -> Delivery | None:
    return buyer_deliveries(user).filter(pk=pk).first()


def checked_allotments(delivery: Delivery) -> QuerySet:
    """The members' parts of a delivery that went through the quality check."""
    return (Allotment.objects.filter(delivery=delivery, status=Allotment.Status.RECEIVED)
            .select_related("member").order_by("member__business_name", "id"))


# --- the member -----------------------------------------------------------------------


def member_disputes(member) -> QuerySet:
    return _disputes().filter(allotment__member=member)


def member_dispute(member, pk) -> Dispute | None:
    return member_disputes(member).filter(pk=pk).first()


def member_allotments(member) -> QuerySet:
    """The member's checked allotments (with a quality result they may contest)."""
    return (Allotment.objects.filter(member=member, status=Allotment.Status.RECEIVED,
                                     receipt__isnull=False)
            .select_related("delivery__contract", "receipt")
            .order_by("-delivery__due_on", "-id"))


def member_allotment(member, pk) -> Allotment | None:
    return member_allotments(member).filter(pk=pk).first()


# --- the cooperative ------------------------------------------------------------------


def recent_deliveries(limit: int = 20) -> list[Delivery]:
    """Deliveries checked or delivered lately, on which staff may record a complaint."""
    return list(Delivery.objects.filter(status__in=[Delivery.Status.RECEIVED,
                                                    Delivery.Status.DELIVERED])
                .select_related("contract__buyer").order_by("-due_on", "-id")[:limit])


def officer_ids(cooperative) -> set[int]:
    """Board and staff: they mediate every complaint."""
    return set(CoopRole.objects.filter(cooperative=cooperative,
                                       role__in=[Role.BOARD, Role.STAFF])
               .values_list("user_id", flat=True))


def invoice_of(delivery: Delivery) -> BuyerInvoice | None:
    return BuyerInvoice.objects.filter(delivery=delivery).first()
