"""Tender objects for tests: an open (sealed) tender with a bid placed."""

import datetime as dt
from decimal import Decimal

from django.test import Client
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core.models import CoopRole
from guyub.core.roles import Role
from guyub.purchasing.models import Item, Supplier, Tender
from guyub.purchasing.tenders import services as tenders
from guyub.testing.factories import UserFactory


def supplier_account(cooperative, name: str, user=None) -> Supplier:
    """A supplier with a portal login holding the supplier role (made when not given)."""
    if user is None:
        user = UserFactory()
    with scopes_disabled():
        CoopRole.objects.get_or_create(user=user, cooperative=cooperative, role=Role.SUPPLIER)
        return Supplier.objects.create(cooperative=cooperative, name=name, user=user)


def tender_world(cooperative, user) -> dict:
    """An item, two invited suppliers — one of them `user`'s own supplier record —, a
    tender open for three more days and `user`'s bid on it (sealed). Supplier accounts
    a test made before are invited too (see `invite_everywhere` for after)."""
    with scope(cooperative=cooperative):
        item = Item.objects.create(cooperative=cooperative, name="Kedelai impor", unit="kg",
                                   retail_reference_price=Decimal(11500))
        # Only the record: whether `user` may bid is decided by their roles.
        own = Supplier.objects.create(cooperative=cooperative, name="PT Kedelai Nusantara",
                                      user=user)
    rival = supplier_account(cooperative, "CV Tani Makmur")
    with scope(cooperative=cooperative):
        tender = tenders.create_tender(
            cooperative=cooperative, item=item, quantity=Decimal(2000),
            deadline=timezone.now() + dt.timedelta(days=3),
            suppliers=[own, rival, *Supplier.objects.filter(user__isnull=False)
                       .exclude(pk__in=[own.pk, rival.pk])],
            terms="Kedelai kuning, kadar air paling tinggi 14%, diantar ke gudang koperasi.",
            actor=user)
        bid = tenders.place_bid(tender=tender, supplier=own, pack_size=Decimal(50),
                                tiers=[[0, 9800], [1000, 9300]],
                                delivery_date=timezone.localdate() + dt.timedelta(days=10),
                                payment_terms="Tempo 30 hari", actor=user)
    # Keys prefixed with tender_: other worlds (the rounds') have suppliers and items too.
    return {"tender": tender, "tender_bid": bid, "tender_item": item, "tender_supplier": own,
            "tender_rival": rival}


def invite_everywhere(supplier: Supplier) -> Supplier:
    """Invite `supplier` to every tender its cooperative has."""
    with scope(cooperative=supplier.cooperative):
        for tender in Tender.objects.all():
            tender.suppliers.add(supplier)
    return supplier


def api_tender(cooperative) -> Tender:
    """The world's tender, with every supplier account of the cooperative invited (so a
    supplier-role user made by a test can read it and bid)."""
    with scope(cooperative=cooperative):
        tender = Tender.objects.order_by("pk").first()
        tender.suppliers.add(*Supplier.objects.filter(user__isnull=False))
        return tender


def bid_body(**changes) -> dict:
    """A valid bid for the API."""
    body = {"pack_size": "50", "min_order_qty": "0", "tiers": [["0", "9700"], ["1000", "9250"]],
            "delivery_date": (timezone.localdate() + dt.timedelta(days=14)).isoformat(),
            "payment_terms": "Tempo 14 hari"}
    body.update(changes)
    return body


HOUR = dt.timedelta(hours=1)


def bid(tender, supplier, *, tiers=((0, 9800), (1000, 9300)), pack=50, minimum=0,
        delivery=7, terms="Tempo 30 hari"):
    """`supplier` bids on `tender` through the service (its own login as the actor)."""
    with scope(cooperative=tender.cooperative):
        return tenders.place_bid(
            tender=tender, supplier=supplier, pack_size=Decimal(pack),
            min_order_qty=Decimal(minimum), tiers=[list(t) for t in tiers],
            payment_terms=terms, actor=supplier.user,
            delivery_date=timezone.localdate() + dt.timedelta(days=delivery))


def past_deadline(tender) -> Tender:
    """Move the deadline behind the server's clock (nothing else moves it)."""
    with scopes_disabled():
        Tender.objects.filter(pk=tender.pk).update(deadline=timezone.now() - HOUR)
        return Tender.objects.get(pk=tender.pk)


def fresh(obj):
    with scopes_disabled():
        return type(obj).objects.get(pk=obj.pk)


def token_client(coop, user) -> Client:
    # Imported here: core's test helpers build their world from this module.
    from guyub.core.tests.helpers import issue_token

    return Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(coop, user)[1]}")
