"""Helpers for the collective purchasing page tests: URLs, flashed messages, a round
built the way the pages build it, and a count of everything a page could write."""

import datetime as dt
from decimal import Decimal as D

from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core.models import AuditLog
from guyub.core.roles import Role
from guyub.ledger.models import JournalEntry
from guyub.purchasing.models import (
    Commitment,
    Item,
    PriceList,
    PriceTier,
    Round,
    RoundPayment,
    Share,
    Supplier,
    SupplierPayment,
)
from guyub.purchasing.rounds import services
from guyub.testing.factories import MemberFactory
from guyub.testing.purchasing import open_round, supplier_offer


def url(name, coop, *args) -> str:
    return reverse(f"purchasing:{name}", args=[coop.slug, *args])


def local(moment: dt.datetime) -> str:
    """A moment as a datetime-local field holds it."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def flashed(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def snapshot(coop) -> dict:
    """How many rows of each kind the cooperative has: a refused form changes none."""
    with scopes_disabled():
        models = [Supplier, Item, PriceList, PriceTier, Round, Commitment, Share,
                  RoundPayment, SupplierPayment, JournalEntry]
        counts = {m.__name__: m.objects.filter(cooperative=coop).count() for m in models}
        counts["audit"] = AuditLog.objects.filter(cooperative=coop,
                                                  action__startswith="purchase").count()
        return counts


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def member_with_login(coop, make_user, **fields):
    """An active member whose user holds the member role: (member, signed-in client)."""
    user = make_user(coop, Role.MEMBER)
    return MemberFactory(cooperative=coop, user=user, **fields), signed_in(user)


def soy_round(coop, board, **terms):
    """Soybeans in 50 kg sacks, minimum 100 kg, Rp10.000/kg, Rp9.500 from 150 kg and
    Rp9.000 from 300 kg; retail Rp12.000/kg. The round is open now."""
    with scope(cooperative=coop):
        # One offer per cooperative: a second round reuses it.
        offer = PriceList.objects.filter(item__name="Kedelai impor").first() or supplier_offer(
            coop, board, minimum="100", tiers=((0, 10000), (150, 9500), (300, 9000)))
        round_ = open_round(coop, board, offer, **terms)
        return round_, round_.items.get()


def commit(item, member, quantity, tolerance=0):
    with scope(cooperative=item.cooperative):
        services.set_commitment(round_item=item, member=member, quantity=D(quantity),
                                tolerance=D(tolerance), confirm=True)


def close_and_receive(round_, board, received=None, note=""):
    with scope(cooperative=round_.cooperative):
        services.close_round(round_=round_, actor=board)
        for item in round_.items.all():
            services.receive_goods(round_item=item, actor=board, note=note,
                                   received_qty=item.ordered_qty if received is None
                                   else D(received))
        round_.refresh_from_db()
    return round_
