"""The round's documents as real PDFs (WeasyPrint): the purchase order to the supplier,
the pick-up checklist with a signature column, and a member's bill. The text is read
from the HTML the view hands to WeasyPrint (pypdf is not a dependency)."""

from decimal import Decimal as D

import pytest
from django_scopes import scope

from guyub.core.roles import Role
from guyub.purchasing.models import Supplier
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


def text_of(response, rendered) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    return " ".join(rendered[-1].split())


@pytest.fixture
def round_with_two(coop, board, make_user):
    """Wulan 100 kg (she has a login), Bu Siti 60 kg: 150 kg in three sacks at Rp9.500."""
    round_, item = soy_round(coop, board, transport_cost=D(30000), title="Kedelai April")
    wulan, client = member_with_login(coop, make_user, owner_name="Wulan Puspitasari")
    siti = MemberFactory(cooperative=coop, owner_name="Siti Aminah")
    commit(item, wulan, 100)
    commit(item, siti, 60)
    return round_, item, wulan, siti, client


def test_the_purchase_order_lists_packs_tier_price_total_and_delivery(
        coop, board, rendered, round_with_two):
    round_, item, *_ = round_with_two
    with scope(cooperative=coop):
        services.close_round(round_=round_, actor=board)
    client = signed_in(board)
    response = client.get(url("po_pdf", coop, round_.pk, item.price_list.supplier_id))
    text = text_of(response, rendered)
    assert f"Pesanan Pembelian PO-{round_.pk:05d}-" in text
    assert "PT Kedelai Nusantara" in text and "Kedelai impor" in text
    assert "3 × 50 kg" in text and "150 kg" in text
    assert "Rp9.500" in text and "Rp1.425.000" in text
    assert "Gudang koperasi" in text and "paling lambat" in text
    assert response["Content-Disposition"].startswith('inline; filename="PO-')


def test_the_pick_up_checklist_has_a_signature_column(coop, board, rendered, round_with_two):
    round_, *_ = round_with_two
    close_and_receive(round_, board)
    text = text_of(signed_in(board).get(url("pickup_pdf", coop, round_.pk)), rendered)
    assert "Daftar Pengambilan Barang" in text and "Tanda tangan" in text
    assert "Wulan Puspitasari" in text and "Siti Aminah" in text
    assert "100 kg Kedelai impor" in text and "50 kg Kedelai impor" in text


def test_a_members_bill_shows_goods_costs_fee_and_savings(coop, board, rendered,
                                                          round_with_two):
    round_, item, wulan, siti, wulan_client = round_with_two
    close_and_receive(round_, board)
    text = text_of(wulan_client.get(url("invoice_pdf", coop, round_.pk, wulan.pk)), rendered)
    # 100 kg × Rp9.500 = Rp950.000; 2/3 of Rp30.000 transport; 2% fee Rp19.000.
    assert "Tagihan Pembelian Bersama" in text and "(perkiraan)" not in text
    assert "Rp950.000" in text and "Rp20.000" in text and "Rp19.000" in text
    assert "Rp989.000" in text
    # Alone at Rp12.000/kg: Rp1.200.000, so Rp211.000 saved.
    assert "Rp1.200.000" in text and "Rp211.000" in text


def test_a_member_opens_only_their_own_bill(coop, board, make_user, round_with_two):
    round_, item, wulan, siti, wulan_client = round_with_two
    close_and_receive(round_, board)
    assert wulan_client.get(url("invoice_pdf", coop, round_.pk, siti.pk)).status_code == 404
    supervisor = signed_in(make_user(coop, Role.SUPERVISOR))
    assert supervisor.get(url("invoice_pdf", coop, round_.pk, siti.pk)).status_code == 200
    buyer = signed_in(make_user(coop, Role.BUYER))
    assert buyer.get(url("invoice_pdf", coop, round_.pk, siti.pk)).status_code == 403
    # Nobody who took no part in the round has a bill.
    stranger = MemberFactory(cooperative=coop)
    assert supervisor.get(url("invoice_pdf", coop, round_.pk, stranger.pk)).status_code == 404


def test_a_bill_before_the_goods_are_in_says_it_is_an_estimate(coop, board, rendered,
                                                               round_with_two):
    round_, item, wulan, _siti, wulan_client = round_with_two
    with scope(cooperative=coop):
        services.close_round(round_=round_, actor=board)
    text = text_of(wulan_client.get(url("invoice_pdf", coop, round_.pk, wulan.pk)), rendered)
    assert "(perkiraan)" in text


def test_the_supplier_downloads_its_own_purchase_order(coop, board, make_user, rendered,
                                                       round_with_two):
    round_, item, *_ = round_with_two
    login = make_user(coop, Role.SUPPLIER)
    with scope(cooperative=coop):
        Supplier.objects.filter(pk=item.price_list.supplier_id).update(user=login)
        services.close_round(round_=round_, actor=board)
    text = text_of(signed_in(login).get(url("po_pdf", coop, round_.pk,
                                            item.price_list.supplier_id)), rendered)
    assert "Rp1.425.000" in text
