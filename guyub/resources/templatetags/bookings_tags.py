"""The member's bookings card on the cooperative's home page: their next bookings and
the way to book. The menu keeps a member's short flat row (one more entry would fold
it into groups on a phone), so this card is how a member finds the booking pages."""

from django import template
from django.utils import timezone

from ..bookings.models import Booking

register = template.Library()


@register.inclusion_tag("resources/bookings/_portal_card.html", takes_context=True)
def portal_bookings(context, member):
    upcoming = list(Booking.objects.filter(member=member, status__in=Booking.HOLDING,
                                           ends_at__gte=timezone.now())
                    .select_related("asset").order_by("starts_at")[:3])
    return {"coop": context.get("coop"), "upcoming": upcoming}
