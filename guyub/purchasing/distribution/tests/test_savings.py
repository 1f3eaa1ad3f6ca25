"""The savings report: what members paid (goods at the tier price, their part of the
costs, the cooperative's fee) against what each would have paid alone at the retail
reference price — per round, and per member over all rounds, on their own page."""

from decimal import Decimal as D

import pytest
from django_scopes import scope

from guyub.purchasing.distribution import selectors
from guyub.purchasing.models import Item
from guyub.purchasing.rounds import services
from guyub.testing.factories import MemberFactory
from guyub.testing.purchase_pages import (
    close_and_receive,
    commit,
    member_with_login,
    signed_in,
    soy_round,
    url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def received(coop, board, make_user):
    """Siti 100 kg (has a login) and Budi 60 kg; 150 kg ordered at Rp9.500/kg, Rp30.000
    transport by weight, 2% fee; retail reference Rp12.000/kg."""
    round_, item = soy_round(coop, board, transport_cost=D(30000), title="Kedelai Mei")
    siti, client = member_with_login(coop, make_user, owner_name="Siti Aminah")
    budi = MemberFactory(cooperative=coop, owner_name="Budi Santoso")
    commit(item, siti, 100)
    commit(item, budi, 60)
    close_and_receive(round_, board)
    return round_, item, siti, budi, client


def test_the_round_savings_compare_each_member_with_buying_alone(coop, board, received):
    round_, item, siti, budi, _client = received
    with scope(cooperative=coop):
        bills = {b.member.pk: b for b in selectors.bills(round_)}
        totals = selectors.savings_totals(list(bills.values()))
    # Siti: 100 kg → Rp950.000 + Rp20.000 + Rp19.000 = Rp989.000; alone Rp1.200.000.
    assert (bills[siti.pk].total, bills[siti.pk].retail, bills[siti.pk].gain) == (
        989000, 1200000, 211000)
    # Budi: 50 kg (the third sack filled by his first 50) → Rp475.000 + Rp10.000 + Rp9.500.
    assert (bills[budi.pk].total, bills[budi.pk].retail, bills[budi.pk].gain) == (
        494500, 600000, 105500)
    assert totals == {"retail": 1800000, "paid": 1483500, "gain": 316500, "members": 2}


def test_the_round_savings_page_and_its_spreadsheet(coop, board, received):
    round_, *_ = received
    client = signed_in(board)
    html = client.get(url("round_savings", coop, round_.pk)).content.decode()
    assert "Rp316.500" in html and "Rp211.000" in html and "Rp105.500" in html
    assert "Perkiraan" not in html
    sheet = client.get(url("round_savings", coop, round_.pk) + "?format=xlsx")
    assert sheet.status_code == 200
    assert sheet["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_later_change_of_the_retail_reference_leaves_past_savings_alone(coop, board,
                                                                          received):
    round_, item, siti, *_ = received
    with scope(cooperative=coop):
        Item.objects.filter(pk=item.price_list.item_id).update(
            retail_reference_price=D(20000))
        assert selectors.bill_of(round_, siti).gain == 211000


def test_the_member_sees_their_savings_over_all_rounds_on_their_pages(coop, board, make_user,
                                                                      received):
    round_, item, siti, _budi, client = received
    # A second round, received: 100 kg at the base price Rp10.000 (below the 150 kg tier).
    second, second_item = soy_round(coop, board, title="Kedelai Juni")
    commit(second_item, siti, 100)
    close_and_receive(second, board)
    # A third, closed but not received: not counted yet.
    third, third_item = soy_round(coop, board, title="Kedelai Juli")
    commit(third_item, siti, 100)
    with scope(cooperative=coop):
        services.close_round(round_=third, actor=board)
        savings = selectors.member_savings(siti)
    # Second round: 100 kg × Rp10.000 = Rp1.000.000 + 2% = Rp1.020.000; alone Rp1.200.000.
    assert [r.title for r, _b in savings["rows"]] == ["Kedelai Juni", "Kedelai Mei"]
    assert (savings["paid"], savings["retail"], savings["gain"]) == (
        989000 + 1020000, 1200000 + 1200000, 211000 + 180000)
    html = client.get(url("my_rounds", coop)).content.decode()
    assert "Rp391.000" in html and "hemat berkat membeli bersama" in html
    portal = client.get(f"/k/{coop.slug}/saya/").content.decode()
    assert 'id="portal-purchasing"' in portal and "Rp391.000" in portal


def test_a_member_who_never_joined_sees_no_savings_yet(coop, board, make_user, received):
    _member, client = member_with_login(coop, make_user)
    html = client.get(url("my_rounds", coop)).content.decode()
    assert "Belum ada pembelian bersama yang barangnya sudah Anda terima." in html
