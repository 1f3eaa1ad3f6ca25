"""Helpers shared by the member page tests."""

from django.urls import reverse
from django_scopes import scopes_disabled

from guyub.members.models import Member

PASSWORD = "Kopi-Sleman-2025"

def url(name, coop, *args):
    return reverse(f"members:{name}", args=[coop.slug, *args])


def listed(response):
    return [m.owner_name for m in response.context["page"]]


def members_of(coop):
    with scopes_disabled():
        return list(Member.objects.filter(cooperative=coop).order_by("id"))
