"""The PDFs: the delivery note and the invoice for the buyer, the goods received note
for a member. Officers open all; a member only their own notes, a buyer only its own
invoices and delivery notes (another's: 404)."""

import pytest
from django.test import Client
from django_scopes import scopes_disabled

from guyub.core.models import Cooperative
from guyub.core.roles import Role
from guyub.testing.contracts import corporate_buyer
from guyub.testing.contracts_deliveries import delivered_world


@pytest.fixture
def sold(coop, board):
    return delivered_world(coop, board)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def urls(coop, sold):
    slug = coop.slug
    return {"grn": f"/k/{slug}/kontrak/tanda-terima/{sold['receipts'][0].pk}.pdf",
            "invoice": f"/k/{slug}/kontrak/tagihan/{sold['invoice'].pk}.pdf",
            "note": f"/k/{slug}/kontrak/pengiriman/{sold['delivery'].pk}/surat-jalan.pdf"}


def test_officers_open_every_document(board_client, coop, sold, rendered):
    for url in urls(coop, sold).values():
        response = board_client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    grn, invoice, note = rendered
    assert "Tanda Terima Barang" in grn and "Sri Wahyuni" in grn
    assert "Rp90.250.000" in grn  # what the member is paid for the accepted 1,000 kg
    assert "Faktur FK-00001" in invoice and "Rp190.000.000" in invoice
    assert "PT Hotel Nusantara Raya" in invoice
    assert "Surat Jalan" in note and "Gudang Hotel Nusantara" in note and "2000 kg" in note


def test_the_invoice_shows_the_cooperatives_bank_and_qris(board_client, coop, sold, rendered):
    Cooperative.objects.filter(pk=coop.pk).update(
        bank_name="Bank Rakyat Indonesia", bank_account_number="002101000123567",
        bank_account_holder="Koperasi Produsen Maju Bersama",
        qris_merchant_name="KOPERASI MAJU", qris_nmid="ID1020012345678")
    assert board_client.get(urls(coop, sold)["invoice"]).status_code == 200
    assert "002101000123567" in rendered[0]
    assert "ID1020012345678" in rendered[0]


def test_a_member_opens_their_own_goods_received_note_only(coop, sold):
    own, other = sold["members"][0], sold["members"][1]
    assert client_for(own.user).get(urls(coop, sold)["grn"]).status_code == 200
    assert client_for(other.user).get(urls(coop, sold)["grn"]).status_code == 404
    # Nor the buyer's papers: a member is neither officer nor buyer.
    assert client_for(own.user).get(urls(coop, sold)["invoice"]).status_code == 403


def test_a_buyer_opens_its_own_invoice_and_delivery_note_only(coop, sold):
    buyer = client_for(sold["buyer"].user)
    rival = corporate_buyer(coop, legal_name="PT Kafe Saingan")
    stranger = client_for(rival.user)
    for name in ("invoice", "note"):
        assert buyer.get(urls(coop, sold)[name]).status_code == 200
        assert stranger.get(urls(coop, sold)[name]).status_code == 404
    assert buyer.get(urls(coop, sold)["grn"]).status_code == 403


def test_another_cooperative_cannot_reach_the_documents(coop, other_coop, sold, make_user):
    outsider = client_for(make_user(other_coop, Role.BOARD))
    for url in urls(coop, sold).values():
        assert outsider.get(url).status_code == 404


def test_the_buyer_portal_lists_its_own_invoices(coop, sold):
    response = client_for(sold["buyer"].user).get(f"/k/{coop.slug}/pembeli/kontrak/tagihan/")
    assert response.status_code == 200
    assert f'id="invoice-{sold["invoice"].pk}"' in response.content.decode()
    rival = corporate_buyer(coop, legal_name="PT Kafe Saingan")
    response = client_for(rival.user).get(f"/k/{coop.slug}/pembeli/kontrak/tagihan/")
    assert response.status_code == 200
    assert f'id="invoice-{sold["invoice"].pk}"' not in response.content.decode()


def test_the_member_page_shows_what_is_owed_and_by_when(coop, sold):
    member = sold["members"][0]
    with scopes_disabled():
        payment = member.contract_payments.get()
    page = client_for(member.user).get(f"/k/{coop.slug}/saya/kontrak/pembayaran/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Rp90.250.000" in text
    assert payment.due_on.strftime("%d-%m-%Y") in text
    assert "1000 satuan" in text  # the year's contract business
    # Another member's figures are not there.
    assert "Rp54.150.000" not in text
