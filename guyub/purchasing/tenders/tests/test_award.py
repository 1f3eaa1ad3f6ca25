"""The comparison (sealed until the deadline, whole packs at the tier reached, cheapest
first) and the award: a reason, a price list a round can use, and the losers told."""

from decimal import Decimal as D

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core.errors import DomainError
from guyub.core.tests.helpers import api
from guyub.purchasing.models import PriceList, Round, RoundItem, Tender
from guyub.purchasing.rounds import services as rounds
from guyub.purchasing.tenders import comparison
from guyub.purchasing.tenders import services as tenders
from guyub.testing.factories import MemberFactory
from guyub.testing.purchase_pages import signed_in
from guyub.testing.tenders import (
    HOUR,
    bid,
    fresh,
    past_deadline,
    token_client,
)

pytestmark = pytest.mark.django_db


# --- comparison and award -----------------------------------------------------------------


def test_the_comparison_is_refused_while_the_bids_are_sealed(coop, tender, suppliers):
    bid(tender, suppliers["nusantara"])
    with scope(cooperative=coop), pytest.raises(DomainError, match="tersegel"):
        comparison.comparison(fresh(tender), [])


def test_the_comparison_prices_whole_packs_at_the_tier_reached_cheapest_first(
        coop, board, tender, suppliers):
    with scopes_disabled():
        Tender.objects.filter(pk=tender.pk).update(quantity=D(1990))
    # 1.990 kg: 40 sacks of 50 kg = 2.000 kg at the 1.000 kg tier.
    bid(tender, suppliers["nusantara"], tiers=((0, 9800), (1000, 9300)), delivery=10)
    # 25 kg bags: 80 bags, 2.000 kg; but only reaches its cheap tier at 2.500 kg.
    bid(tender, suppliers["makmur"], tiers=((0, 9400), (2500, 8000)), pack=25, delivery=3)
    # A minimum order of 3.000 kg: buys more than needed.
    bid(tender, suppliers["jaya"], tiers=((0, 9000),), pack=100, minimum=3000)
    tender = past_deadline(tender)
    client = signed_in(board)
    page = client.get(f"/k/{coop.slug}/tender/{tender.pk}/perbandingan/").content.decode()
    table = [(q.bid.supplier.name, q.packs, q.quantity, q.unit_price, q.total, q.rank)
            for q in _quotes(coop, board, tender)]
    assert table == [
        ("PT Kedelai Nusantara", 40, D(2000), D(9300), D(18_600_000), 1),
        ("CV Tani Makmur", 80, D(2000), D(9400), D(18_800_000), 2),
        ("UD Jaya Abadi", 30, D(3000), D(9000), D(27_000_000), 3),
    ]
    assert page.index("PT Kedelai Nusantara") < page.index("CV Tani Makmur") < page.index(
        "UD Jaya Abadi")
    assert "Rp18.600.000" in page and "Tempo 30 hari" in page


def _quotes(coop, user, tender):
    from guyub.core.tenancy import resolve_access
    from guyub.purchasing.tenders import selectors as tender_selectors

    with scope(cooperative=coop):
        return tender_selectors.comparison(resolve_access(user, coop.slug), tender)


def test_award_waits_for_the_deadline_and_needs_a_reason(coop, board, tender, suppliers):
    placed = bid(tender, suppliers["nusantara"])
    with scope(cooperative=coop), pytest.raises(DomainError, match="setelah batas"):
        tenders.award(bid=placed, reason="Termurah", actor=board)
    past_deadline(tender)
    with scope(cooperative=coop), pytest.raises(DomainError, match="alasan"):
        tenders.award(bid=fresh(placed), reason="  ", actor=board)
    client = signed_in(board)
    url = f"/k/{coop.slug}/tender/{tender.pk}/pemenang/"
    page = client.post(url, {"bid": placed.pk, "reason": ""})
    assert page.status_code == 200 and "tidak boleh kosong" in page.content.decode()
    page = client.post(url, {"bid": "999999", "reason": "Termurah"})
    assert page.status_code == 200 and "Pilih salah satu penawaran" in page.content.decode()
    page = client.post(url, {"bid": "abc", "reason": "Termurah"})
    assert page.status_code == 200
    assert fresh(tender).status == "open"


def test_the_award_makes_a_price_list_a_round_can_use(coop, board, tender, suppliers):
    winner = bid(tender, suppliers["nusantara"], tiers=((0, 9800), (150, 9300)), minimum=100)
    loser = bid(tender, suppliers["makmur"], tiers=((0, 9900),))
    past_deadline(tender)
    response = signed_in(board).post(f"/k/{coop.slug}/tender/{tender.pk}/pemenang/",
                                     {"bid": winner.pk, "reason": "Termurah, kirim tepat"})
    assert response.status_code == 302
    tender, winner, loser = fresh(tender), fresh(winner), fresh(loser)
    assert (tender.status, tender.award_reason) == ("awarded", "Termurah, kirim tepat")
    assert (winner.status, loser.status) == ("awarded", "lost")
    with scope(cooperative=coop):
        price_list = PriceList.objects.get(tender_bid=winner)
        assert (price_list.supplier, price_list.item) == (suppliers["nusantara"], tender.item)
        assert (price_list.pack_size, price_list.min_order_qty) == (D(50), D(100))
        assert price_list.tier_table() == [(D(0), D(9800)), (D(150), D(9300))]
        # A round buys on it: 3 sacks reach the 150 kg tier.
        now = timezone.now()
        round_ = Round.objects.create(cooperative=coop, title="Kedelai Desember",
                                      opens_at=now - HOUR, closes_at=now + 24 * HOUR,
                                      pickup_place="Gudang koperasi",
                                      pickup_date=timezone.localdate())
        item = RoundItem.objects.create(cooperative=coop, round=round_, price_list=price_list)
        for quantity in (D(90), D(60)):
            rounds.set_commitment(round_item=item, member=MemberFactory(cooperative=coop),
                                  quantity=quantity)
        rounds.close_round(round_=round_, actor=board)
        item.refresh_from_db()
    assert (item.packs, item.ordered_qty, item.unit_price) == (3, D(150), D(9300))
    with scope(cooperative=coop), pytest.raises(DomainError):
        tenders.award(bid=loser, reason="Berubah pikiran", actor=board)


def test_losing_bidders_see_the_result_and_the_winning_price(coop, board, tender, suppliers):
    winner = bid(tender, suppliers["nusantara"], tiers=((0, 9300),))
    bid(tender, suppliers["makmur"], tiers=((0, 9950),))
    past_deadline(tender)
    with scope(cooperative=coop):
        tenders.award(bid=fresh(winner), reason="Harga terendah", actor=board)
    loser = signed_in(suppliers["makmur"].user)
    page = loser.get(f"/k/{coop.slug}/saya/tender/{tender.pk}/").content.decode()
    assert "tidak menang" in page and "PT Kedelai Nusantara" in page
    assert "Rp9.300" in page and "Harga terendah" in page
    listed = loser.get(f"/k/{coop.slug}/saya/tender/").content.decode()
    assert "Harga pemenang: Rp9.300" in listed
    won = signed_in(suppliers["nusantara"].user).get(
        f"/k/{coop.slug}/saya/tender/{tender.pk}/").content.decode()
    assert "penawaran Anda menang" in won
    # The same through the API, for a supplier's own system.
    data = api(token_client(coop, suppliers["makmur"].user), "get",
               f"/api/v1/cooperatives/{coop.slug}/tenders/{tender.pk}").json()
    assert data["status"] == "awarded"
    assert data["award"]["supplier"] == "PT Kedelai Nusantara"
    assert D(data["award"]["unit_price"]) == D(9300)
    assert data["invited"] is None  # who else was invited is the officers' business
