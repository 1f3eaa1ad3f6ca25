"""Reads of what the cooperative buys and from whom: suppliers, items, price lists,
and what a round owes its suppliers."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils.translation import gettext as _

from guyub.core.models import CoopRole
from guyub.core.roles import Role

from ..rounds.models import Round, RoundItem, Share
from .models import Item, PriceList, Supplier, SupplierPayment

ZERO = Decimal(0)
COSTS = "costs"  # the payee of a round's transport and handling costs


def supplier_users(cooperative):
    """The logins that may be linked to a supplier: users holding the supplier role."""
    ids = CoopRole.objects.filter(cooperative=cooperative, role=Role.SUPPLIER).values("user_id")
    return get_user_model().objects.filter(pk__in=ids).order_by("username")


def price_list_in_use(price_list: PriceList) -> bool:
    """Whether a round was opened on the price list (then it is never changed)."""
    return RoundItem.objects.filter(price_list=price_list).exists()


def suppliers():
    return (Supplier.objects.select_related("user")
            .annotate(price_list_count=Count("price_lists")).order_by("name"))


def supplier_price_lists(supplier: Supplier):
    return (supplier.price_lists.select_related("item").prefetch_related("tiers")
            .order_by("item__name", "-valid_from"))


def items():
    return Item.objects.annotate(price_list_count=Count("price_lists")).order_by("name")


def own_suppliers(user):
    """The supplier records a supplier's login speaks for."""
    return Supplier.objects.filter(user=user).order_by("name")


def price_lists_of(suppliers_):
    return (PriceList.objects.filter(supplier__in=suppliers_)
            .select_related("item", "supplier").prefetch_related("tiers")
            .order_by("item__name", "-valid_from"))


def round_payables(round_: Round) -> list[dict]:
    """What the round owes whom, as posted when the goods came in: each supplier's
    goods, and the transport and handling costs; what was paid; what is left."""
    if round_.status not in Round.FINAL:
        return []
    owed: dict = {}
    names: dict = {}
    costs = ZERO
    shares = (Share.objects.filter(round_item__round=round_, quantity__gt=0)
              .select_related("round_item__price_list__supplier"))
    for share in shares:
        supplier = share.round_item.price_list.supplier
        owed[supplier.pk] = owed.get(supplier.pk, ZERO) + share.goods_amount
        names[supplier.pk] = supplier
        costs += share.cost_amount
    paid: dict = {}
    for payment in SupplierPayment.objects.filter(round=round_):
        key = payment.supplier_id or COSTS
        paid[key] = paid.get(key, ZERO) + payment.amount
    payables = [{"key": str(pk), "supplier": names[pk], "label": names[pk].name,
                 "owed": amount, "paid": paid.get(pk, ZERO),
                 "outstanding": amount - paid.get(pk, ZERO)}
                for pk, amount in sorted(owed.items(), key=lambda kv: names[kv[0]].name)]
    if costs:
        payables.append({"key": COSTS, "supplier": None,
                         "label": _("Ongkos angkut dan bongkar muat"), "owed": costs,
                         "paid": paid.get(COSTS, ZERO),
                         "outstanding": costs - paid.get(COSTS, ZERO)})
    return payables
