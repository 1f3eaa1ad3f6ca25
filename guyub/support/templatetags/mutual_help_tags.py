"""The member's mutual-help card on the cooperative's home page: the solidarity fund's
balance, their own open requests, and the help board (open posts, replies to theirs).
The menu keeps a member's short flat row, so this card is how a member finds these
pages (as the contracts card does for contracts)."""

from django import template

from ..helpboard.models import Post
from ..solidarity import selectors as fund
from ..solidarity.models import Grant

register = template.Library()


@register.inclusion_tag("support/_mutual_help_card.html", takes_context=True)
def portal_mutual_help(context, member):
    coop = context.get("coop")
    return {
        "coop": coop,
        "balance": fund.fund_balance(coop),
        "open_requests": Grant.objects.filter(member=member,
                                              status__in=fund.OPEN_STATUSES).count(),
        "open_posts": Post.objects.filter(hidden=False, done=False).count(),
    }
