"""Template helpers of collective purchasing: quantities the Indonesian way, and the
member portal's card (open rounds, bills to pay, savings)."""

from decimal import Decimal

from babel.numbers import format_decimal
from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def qty(value) -> str:
    """150.000 (three decimals in the database) shown as 150; 2.5 as 2,5; 1250 as 1.250."""
    if value in (None, ""):
        return "–"
    locale = "en_ID" if (get_language() or "id").startswith("en") else "id_ID"
    return format_decimal(Decimal(str(value)), format="#,##0.###", locale=locale)


@register.inclusion_tag("purchasing/_portal_card.html", takes_context=True)
def portal_purchasing(context, member):
    from ..distribution import selectors as after_close
    from ..rounds import selectors

    open_rounds = list(selectors.open_rounds())
    unpaid = [(r, b) for r in selectors.member_rounds(member)
              if (b := after_close.bill_of(r, member)) is not None and b.outstanding > 0
              and r.status in r.FINAL]
    return {"coop": context.get("coop"), "member": member, "open_rounds": open_rounds,
            "unpaid": unpaid, "savings": after_close.member_savings(member)}
