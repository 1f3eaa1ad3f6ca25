"""Reads for the negotiation pages and API: floor prices, grades and approvals, the
contracts a person may see, the negotiation on the table and the capacity declared
against a contract."""

from decimal import Decimal

from django.db.models import Q, Sum
from django.utils import timezone

from guyub.core.models import CoopRole
from guyub.core.roles import Role
from guyub.sales.models import Buyer

from ..allocation import selectors as allocation
from ..allocation.models import Capacity, Delivery
from .models import Contract, ContractVersion, FloorPrice, Grade, GradeApproval, Offer

# Statuses in which a proposal can be on the table.
OPEN = (Contract.Status.REQUESTED, Contract.Status.NEGOTIATING, Contract.Status.AMENDING)
PROPOSALS = (Offer.Kind.REQUEST, Offer.Kind.OFFER)


def floor_price(grade) -> Decimal | None:
    """The floor price in force for `grade`: the newest row, or None when none is set."""
    row = (FloorPrice.objects.filter(grade=grade).order_by("-set_at", "-id")
           .values_list("price", flat=True).first())
    return row


def floor_history(grade):
    return FloorPrice.objects.filter(grade=grade).select_related("set_by").order_by(
        "-set_at", "-id")


def grades():
    return Grade.objects.select_related("category").order_by("category__name", "name")


def active_grades():
    return grades().filter(active=True)


def approvals(grade=None):
    rows = GradeApproval.objects.select_related("product", "product__member", "grade",
                                                "grade__category", "approved_by")
    if grade is not None:
        rows = rows.filter(grade=grade)
    return rows.order_by("grade__name", "product__name")


def is_approval_valid(approval, on=None) -> bool:
    on = on or timezone.localdate()
    return approval.valid_until is None or approval.valid_until >= on


def contract_list(status: str = ""):
    rows = Contract.objects.select_related("buyer", "buyer__business_profile", "grade",
                                           "grade__category")
    return rows.filter(status=status) if status else rows


def contracts_of_buyer(user, status: str = ""):
    """A buyer's own contracts: those of the Buyer rows its login holds."""
    return contract_list(status).filter(buyer__user=user)


def business_buyer_of(user) -> Buyer | None:
    return (Buyer.objects.filter(user=user, kind=Buyer.Kind.BUSINESS)
            .select_related("business_profile").order_by("id").first())


def business_buyers():
    return (Buyer.objects.filter(kind=Buyer.Kind.BUSINESS, business_profile__isnull=False)
            .select_related("business_profile").order_by("business_profile__legal_name"))


def history(contract):
    return contract.offers.select_related("by").order_by("at", "id")


def versions(contract):
    return contract.versions.select_related("accepted_by").order_by("version")


def version(contract, number) -> ContractVersion | None:
    return contract.versions.filter(version=number).select_related("accepted_by").first()


def on_table(contract) -> Offer | None:
    """The proposal waiting for an answer: the latest request or offer of the version
    under negotiation, while the contract is open to negotiation; else None."""
    if contract.status not in OPEN:
        return None
    return (contract.offers.filter(version=contract.version, kind__in=PROPOSALS)
            .order_by("-at", "-id").first())


def below_floor(contract, offer=None) -> Decimal | None:
    """The floor in force when the proposal's price is below it, else None."""
    offer = offer if offer is not None else on_table(contract)
    floor = floor_price(contract.grade)
    if offer is None or offer.price is None or floor is None:
        return None
    return floor if offer.price < floor else None


def capacity(contract) -> dict:
    """Capacity members declared for each delivery against what one delivery needs. The
    shortfall is the allocation's own (eligible members only, whole lots and the
    minimum share counted), so what the board reads before accepting is what the
    split will meet."""
    declared = Capacity.objects.filter(contract=contract).aggregate(
        total=Sum("quantity"))["total"] or 0
    return {"declared": declared, "needed": contract.quantity_per_delivery,
            "short": allocation.capacity_shortfall(contract),
            "members": Capacity.objects.filter(contract=contract).count()}


def schedule(contract):
    return Delivery.objects.filter(contract=contract).order_by("sequence")


def cooperative_side_users(cooperative) -> list[int]:
    """Who answers for the cooperative in a negotiation: its board and staff."""
    return sorted(set(CoopRole.objects.filter(
        cooperative=cooperative, role__in=[Role.BOARD, Role.STAFF]).values_list(
        "user_id", flat=True)))


def last_agreed(contract) -> ContractVersion | None:
    return contract.versions.order_by("-version").first()


def search_filter(text: str):
    return Q(title__icontains=text) | Q(buyer__business_profile__legal_name__icontains=text)
