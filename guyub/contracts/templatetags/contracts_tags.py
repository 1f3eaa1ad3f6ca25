"""The member's contracts card on the cooperative's home page: contracts open for
capacity, the next goods to bring, and what the cooperative owes them. The menu keeps
a member's short flat row (one more entry would fold it into groups on a phone), so
this card is how a member finds their contract pages."""

from django import template
from django.db.models import Sum

from ..allocation import selectors as allocation
from ..models import Allotment, MemberPayment

register = template.Library()


@register.inclusion_tag("contracts/_portal_card.html", takes_context=True)
def portal_contracts(context, member):
    open_contracts = list(allocation.published_contracts()[:5])
    upcoming = list(allocation.member_allotments(member)
                    .filter(status=Allotment.Status.ALLOTTED)
                    .order_by("delivery__due_on")[:3])
    owed = (MemberPayment.objects.filter(member=member, status=MemberPayment.Status.DUE)
            .aggregate(total=Sum("amount"))["total"])
    return {"coop": context.get("coop"), "open_contracts": open_contracts,
            "upcoming": upcoming, "owed": owed}
