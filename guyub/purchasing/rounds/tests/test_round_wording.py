"""What the round pages say, so nobody is misled: when a round really closed, what a
member's estimate depends on, and the unit of every quantity."""

import re
from decimal import Decimal as D

import pytest
from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation
from django_scopes import scope

from guyub.purchasing.rounds import services
from guyub.testing.factories import MemberFactory
from guyub.testing.purchase_pages import commit, member_with_login, soy_round, url
from guyub.testing.purchasing import open_round, supplier_offer

pytestmark = pytest.mark.django_db


def shown(moment) -> str:
    with translation.override("id"):
        return date_filter(timezone.localtime(moment), "l, d F Y H:i")


def fact(html: str, label: str) -> str | None:
    found = re.search(rf"<dt>{label}</dt><dd[^>]*>(.*?)</dd>", html, re.S)
    return found.group(1) if found else None


# --- closing time --------------------------------------------------------------------------


def test_a_round_closed_by_hand_shows_when_it_closed_and_keeps_the_schedule_apart(
        board_client, coop, board):
    round_, item = soy_round(coop, board)   # scheduled to close in 48 hours
    commit(item, MemberFactory(cooperative=coop), 100)
    with scope(cooperative=coop):
        round_ = services.close_round(round_=round_, actor=board)
    html = board_client.get(url("round", coop, round_.pk)).content.decode()
    assert shown(round_.closed_at) in fact(html, "Ditutup")
    assert "ditutup lebih awal" in fact(html, "Ditutup")
    assert fact(html, "Jadwal tutup") == shown(round_.closes_at)
    listed = board_client.get(url("rounds", coop)).content.decode()
    assert timezone.localtime(round_.closed_at).strftime("%d-%m-%Y %H:%M") in listed
    assert timezone.localtime(round_.closes_at).strftime("%d-%m-%Y %H:%M") not in listed


def test_an_open_round_shows_only_its_scheduled_closing(board_client, coop, board):
    round_, _item = soy_round(coop, board)
    html = board_client.get(url("round", coop, round_.pk)).content.decode()
    assert fact(html, "Ditutup") is None
    assert fact(html, "Jadwal tutup") == shown(round_.closes_at)
    listed = board_client.get(url("rounds", coop)).content.decode()
    assert "(jadwal)" in listed


# --- the commit card below the supplier's minimum -------------------------------------------


def test_below_the_minimum_no_price_is_reached_and_the_estimate_is_conditional(
        board_client, coop, board, make_user):
    round_, item = soy_round(coop, board)   # 50 kg sacks, minimum 100 kg
    member, client = member_with_login(coop, make_user)
    commit(item, member, 60, 10)
    html = client.get(url("my_round", coop, round_.pk)).content.decode()
    assert "Bila ditutup sekarang: 0 kemasan (0 kg)" in html
    assert "Harga tercapai" not in html and "Harga termurah sudah tercapai" not in html
    assert "Harga awal: <strong>Rp10.000/kg</strong>" in html
    assert 'class="reached"' not in html   # no tier highlighted as reached
    # 60 kg × Rp10.000 + 2%, on the condition that the minimum is reached.
    assert "Perkiraan biaya jika minimal pesanan tercapai: <strong>Rp612.000</strong>" in html
    assert "Perkiraan biaya Anda" not in html
    assert "belum tentu dipesan" in html   # the page's total says so too
    # The staff's view of the round says the same.
    staff_html = board_client.get(url("round", coop, round_.pk)).content.decode()
    assert "Harga tercapai" not in staff_html and "Harga awal" in staff_html

    # Once the minimum is reached the price is reached and the estimate is plain.
    commit(item, MemberFactory(cooperative=coop), 40)
    html = client.get(url("my_round", coop, round_.pk)).content.decode()
    assert "Harga tercapai: <strong>Rp10.000/kg</strong>" in html
    assert "Perkiraan biaya Anda: <strong>Rp612.000</strong>" in html
    assert "jika minimal pesanan tercapai" not in html and "belum tentu dipesan" not in html


def test_without_a_minimum_the_estimate_waits_for_the_first_full_pack(coop, board, make_user):
    with scope(cooperative=coop):
        sugar = supplier_offer(coop, board, name="UD Manis", item="Gula", pack="50")
        round_ = open_round(coop, board, sugar)
        item = round_.items.get()
    member, client = member_with_login(coop, make_user)
    commit(item, member, 20)
    html = client.get(url("my_round", coop, round_.pk)).content.decode()
    assert "Harga tercapai" not in html
    assert "Perkiraan biaya jika kemasan pertama terpenuhi: <strong>Rp204.000</strong>" in html
    response = client.post(url("commit", coop, round_.pk, item.pk), {"quantity": "50"},
                           HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Harga tercapai: <strong>Rp10.000/kg</strong>" in html
    assert "Perkiraan biaya Anda: <strong>Rp510.000</strong>" in html
    assert "belum tentu dipesan" not in html


# --- goods receipt ------------------------------------------------------------------------


def test_the_members_whose_share_changed_are_listed_with_the_unit(board_client, coop, board):
    round_, item = soy_round(coop, board)
    early, late = (MemberFactory(cooperative=coop, owner_name=n) for n in ("Bu Siti",
                                                                           "Pak Budi"))
    commit(item, early, 100)
    commit(item, late, 40, 10)   # 150 kg: three sacks
    with scope(cooperative=coop):
        services.close_round(round_=round_, actor=board)
        item.refresh_from_db()
        services.receive_goods(round_item=item, received_qty=D(140), actor=board,
                               note="1 karung sobek")
    html = board_client.get(url("round_receive", coop, round_.pk)).content.decode()
    row = re.search(r"<tr><td>Pak Budi.*?</tr>", html, re.S).group(0)
    assert '<td class="num">50 kg</td><td class="num">40 kg</td>' in row
