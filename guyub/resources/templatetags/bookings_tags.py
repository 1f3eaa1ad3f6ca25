"""The member's bookings card on the cooperative's home page: their next bookings and
the way to book. The menu keeps a member's short flat row (one more entry would fold
it into groups on a phone), so this card is how a member finds the booking pages."""

from django import template
from django.utils import timezone

from guyub.core.links import allowed_url

from ..bookings.models import Booking

register = template.Library()


@register.inclusion_tag("resources/bookings/_portal_card.html", takes_context=True)
def portal_bookings(context, member):
    coop, access = context.get("coop"), context.get("access")
    # A board member who is also an anggota has a member record but books through the
    # officers' pages: the card shows only to whoever may open the member's pages.
    book_url = allowed_url(access, "resources:book_assets", coop.slug) if coop else None
    if book_url is None:
        return {"show": False}
    upcoming = list(Booking.objects.filter(member=member, status__in=Booking.HOLDING,
                                           ends_at__gte=timezone.now())
                    .select_related("asset").order_by("starts_at")[:3])
    return {"show": True, "coop": coop, "upcoming": upcoming, "book_url": book_url}
