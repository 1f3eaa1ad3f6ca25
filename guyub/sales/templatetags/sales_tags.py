"""Template helpers of the sales pages: weights, and the member portal's sales card."""

from decimal import Decimal

from babel.numbers import format_decimal
from django import template
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

register = template.Library()


def _locale() -> str:
    return "en_ID" if (get_language() or "id").startswith("en") else "id_ID"


@register.filter
def kg(grams) -> str:
    """Grams shown as kilograms the Indonesian way: 1250 -> 1,25."""
    if grams in (None, ""):
        return "–"
    return format_decimal(Decimal(grams) / 1000, format="#,##0.##", locale=_locale())


@register.filter
def place(destination: str) -> str:
    """A shipment destination for people: a country code abroad becomes its name."""
    if isinstance(destination, str) and len(destination) == 2 and destination.isupper():
        from babel import Locale

        return Locale.parse(_locale()).territories.get(destination, destination)
    return destination


@register.inclusion_tag("sales/_portal_card.html", takes_context=True)
def portal_sales(context, member):
    """The member portal's summary: goods to bring, money owed, the latest payouts."""
    from guyub.ledger.selectors import member_balance

    from ..fulfilment import selectors as fulfilment
    from ..payouts import selectors as payouts

    pending = list(fulfilment.pick_lines(member=member, state=fulfilment.PENDING))
    return {
        "coop": context.get("coop"),
        "member": member,
        "pending_count": len(pending),
        "next_due": pending[0].due_date if pending else None,
        "overdue": bool(pending) and pending[0].due_date < timezone.localdate(),
        "owed": member_balance(member=member, role="payable_members"),
        "payouts": list(payouts.member_payouts(member)[:3]),
    }


@register.inclusion_tag("sales/_home_buyer.html", takes_context=True)
def home_buyer(context):
    """A buyer's home: their latest orders and the way to the shop."""
    from ..orders.selectors import orders_of

    orders = orders_of(context["request"].user)
    return {"coop": context.get("coop"), "orders": list(orders[:5])}


@register.inclusion_tag("core/_queue.html", takes_context=True)
def home_sales_queue(context):
    """Officers' work in joint marketing: orders to collect payment for or to prepare."""
    from ..orders.models import Order
    from ..orders.selectors import waiting_counts

    counts = waiting_counts()
    slug = context["coop"].slug
    return {"request": context["request"], "items": [
        (counts.get(Order.Status.PLACED, 0), _("pesanan menunggu pembayaran"), "sales:orders",
         slug, "?status=placed"),
        (counts.get(Order.Status.PAID, 0), _("pesanan dibayar, siap disiapkan"), "sales:orders",
         slug, "?status=paid"),
    ]}
