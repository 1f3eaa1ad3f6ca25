"""Changing a tender's terms: the bids placed are voided and their bidders told, a
deadline less than 24 hours away moves, and inviting more suppliers keeps the bids."""

from decimal import Decimal as D

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core.models import AuditLog
from guyub.purchasing.models import Bid, Tender
from guyub.purchasing.tenders import selectors as tender_selectors
from guyub.purchasing.tenders import services as tenders
from guyub.testing.purchase_pages import signed_in
from guyub.testing.tenders import (
    HOUR,
    bid,
    fresh,
    past_deadline,
    supplier_account,
)

pytestmark = pytest.mark.django_db


# --- changing the terms -------------------------------------------------------------------


def test_changing_the_terms_voids_the_bids_and_tells_each_bidder(coop, board, tender,
                                                                  suppliers):
    bid(tender, suppliers["nusantara"])
    bid(tender, suppliers["makmur"])
    with scope(cooperative=coop):
        change = tenders.change_terms(tender=tender, actor=board, quantity=D(2500))
    assert change.voided == 2 and not change.extended
    tender = fresh(tender)
    assert (tender.terms_version, tender.quantity) == (2, D(2500))
    with scopes_disabled():
        assert set(Bid.objects.filter(tender=tender).values_list("status", flat=True)) == {
            "void"}
        told = AuditLog.objects.filter(action="tender.bid_voided")
        assert {e.data["supplier"] for e in told} == {suppliers["nusantara"].pk,
                                                      suppliers["makmur"].pk}
    # The bidder reads it on the portal, and bids again on the new terms.
    client = signed_in(suppliers["nusantara"].user)
    for url in (f"/k/{coop.slug}/saya/tender/", f"/k/{coop.slug}/saya/tender/{tender.pk}/"):
        page = client.get(url).content.decode()
        assert "dibatalkan karena syarat berubah" in page
    new = bid(tender, suppliers["nusantara"])
    assert (new.terms_version, new.status) == (2, "valid")
    page = client.get(f"/k/{coop.slug}/saya/tender/{tender.pk}/").content.decode()
    assert "dibatalkan karena syarat berubah" not in page
    # A supplier who had not bid is told nothing.
    page = signed_in(suppliers["jaya"].user).get(f"/k/{coop.slug}/saya/tender/").content
    assert b"dibatalkan karena syarat berubah" not in page


def test_a_change_within_24_hours_of_the_deadline_extends_it(coop, board, tender, suppliers):
    with scopes_disabled():
        Tender.objects.filter(pk=tender.pk).update(deadline=timezone.now() + 5 * HOUR)
    bid(tender, suppliers["jaya"])
    before = timezone.now()
    with scope(cooperative=coop):
        change = tenders.change_terms(tender=fresh(tender), actor=board,
                                      terms="Kadar air paling tinggi 13%.")
    assert change.extended
    deadline = fresh(tender).deadline
    assert before + 24 * HOUR <= deadline <= timezone.now() + 24 * HOUR


def test_a_change_well_before_the_deadline_leaves_it(coop, board, tender):
    deadline = tender.deadline
    with scope(cooperative=coop):
        change = tenders.change_terms(tender=tender, actor=board, terms="Syarat baru.")
    assert not change.extended and fresh(tender).deadline == deadline


def test_inviting_another_supplier_keeps_the_bids(coop, board, tender, suppliers):
    placed = bid(tender, suppliers["jaya"])
    late = supplier_account(coop, "PT Datang Belakangan")
    with scope(cooperative=coop):
        change = tenders.change_terms(tender=tender, actor=board, add_suppliers=[late])
    assert change.voided == 0 and fresh(tender).terms_version == 1
    assert fresh(placed).status == "valid"
    with scope(cooperative=coop):
        assert tender_selectors.invited_supplier(fresh(tender), late.user) == late


def test_the_terms_page_changes_the_terms_and_says_what_happened(coop, board, tender,
                                                                 suppliers):
    bid(tender, suppliers["nusantara"])
    client = signed_in(board)
    url = f"/k/{coop.slug}/tender/{tender.pk}/syarat/"
    assert client.get(url).status_code == 200
    page = client.post(url, {"quantity": "abc", "terms": "x"})
    assert page.status_code == 200 and "Masukkan angka" in page.content.decode()
    page = client.post(url, {"quantity": "2000", "terms": tender.terms})
    assert "Tidak ada yang berubah" in page.content.decode()
    response = client.post(url, {"quantity": "1800", "terms": tender.terms}, follow=True)
    assert "perlu menawar ulang" in response.content.decode()
    assert fresh(tender).terms_version == 2
    past_deadline(tender)
    refused = client.post(url, {"quantity": "1500", "terms": ""})
    assert refused.status_code == 200 and "selama tender menerima" in refused.content.decode()
    assert fresh(tender).quantity == D(1800)
