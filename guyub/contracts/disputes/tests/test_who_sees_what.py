"""Each party sees the complaints it is party to, and only those: the buyer its own,
the member those about their goods; a complaint about the whole delivery stays between
the buyer and the cooperative, a member's contest between the member and the
cooperative."""

import pytest
from django.test import Client
from django_scopes import scopes_disabled

from guyub.contracts.models import Dispute
from guyub.testing.contracts import corporate_buyer
from guyub.testing.contracts_disputes import open_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def disputes(world):
    buyer = world["buyer"].user
    sri, bambang = world["allotments"][0], world["allotments"][1]
    return {
        "whole": open_complaint(world["delivery"], party=Dispute.Party.BUYER, by=buyer,
                                subject="Seluruh kiriman terlambat"),
        "naming_sri": open_complaint(world["delivery"], party=Dispute.Party.BUYER, by=buyer,
                                     allotment=sri, subject="Karung Bu Sri sobek"),
        "bambang_contests": open_complaint(world["delivery"], party=Dispute.Party.MEMBER,
                                           by=bambang.member.user, allotment=bambang,
                                           subject="Keberatan uji kadar air"),
    }


def _as(user):
    client = Client()
    client.force_login(user)
    return client


def _subjects(client, url):
    html = client.get(url).content.decode()
    return {s for s in ("Seluruh kiriman terlambat", "Karung Bu Sri sobek",
                        "Keberatan uji kadar air") if s in html}


def test_the_buyer_sees_its_own_complaints_not_a_members_contest(coop, world, disputes):
    buyer = _as(world["buyer"].user)
    assert _subjects(buyer, f"/k/{coop.slug}/pembeli/kontrak/keluhan/") == {
        "Seluruh kiriman terlambat", "Karung Bu Sri sobek"}
    base = f"/k/{coop.slug}/pembeli/kontrak/keluhan/"
    assert buyer.get(f"{base}{disputes['naming_sri'].pk}/").status_code == 200
    assert buyer.get(f"{base}{disputes['bambang_contests'].pk}/").status_code == 404


def test_another_buyer_sees_none_of_them(coop, world, disputes):
    other = _as(corporate_buyer(coop, legal_name="PT Pesaing").user)
    assert _subjects(other, f"/k/{coop.slug}/pembeli/kontrak/keluhan/") == set()
    for dispute in disputes.values():
        assert other.get(f"/k/{coop.slug}/pembeli/kontrak/keluhan/{dispute.pk}/").status_code \
            == 404


def test_a_member_sees_the_complaints_about_their_own_goods_only(coop, world, disputes):
    sri, bambang, siti = (_as(m.user) for m in world["members"])
    base = f"/k/{coop.slug}/saya/kontrak/keluhan/"
    assert _subjects(sri, base) == {"Karung Bu Sri sobek"}
    assert _subjects(bambang, base) == {"Keberatan uji kadar air"}
    assert _subjects(siti, base) == set()
    # The whole-delivery complaint names no member: no member opens it.
    for member in (sri, bambang, siti):
        assert member.get(f"{base}{disputes['whole'].pk}/").status_code == 404
    assert sri.get(f"{base}{disputes['bambang_contests'].pk}/").status_code == 404
    assert sri.get(f"{base}{disputes['naming_sri'].pk}/").status_code == 200


def test_the_cooperative_sees_every_complaint_and_filters_them(coop, board_client, disputes):
    base = f"/k/{coop.slug}/kontrak/keluhan/"
    assert len(_subjects(board_client, base)) == 3
    with scopes_disabled():
        Dispute.objects.filter(pk=disputes["whole"].pk).update(
            status=Dispute.Status.RESOLVED, resolution="dismissed")
    assert _subjects(board_client, base + "?status=resolved") == {"Seluruh kiriman terlambat"}
    assert "Seluruh kiriman terlambat" not in _subjects(board_client, base + "?status=open")
