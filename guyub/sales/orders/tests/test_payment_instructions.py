"""Where a buyer pays: the order page and the invoice name the cooperative's bank account,
the amount and the order number as transfer reference; without an account they say the
cooperative will get in touch, and show no empty fields."""

import io

import pytest
from django.conf import settings
from django_scopes import scope

from guyub.sales.orders import payments
from guyub.sales.tests.store_helpers import batik_order

pytestmark = pytest.mark.django_db

try:
    from pypdf import PdfReader
except ImportError:  # not a dependency: the HTML handed to WeasyPrint is checked instead
    PdfReader = None

ACCOUNT = {"bank_name": "Bank BRI", "bank_account_number": "024501001873302",
           # As the bank has it: not the cooperative's name as the header shows it.
           "bank_account_holder": "KOP PRODUSEN MAJU BERSAMA"}
QRIS = {"qris_merchant_name": "KOPERASI MAJU BERSAMA", "qris_nmid": "ID1020012345678"}




def instructions(client, order) -> str:
    response = client.get(f"/toko/{order.cooperative.slug}/pesanan/{order.access_key}/")
    assert response.status_code == 200
    page = response.content.decode()
    start = page.index('id="payment-instructions"')
    return page[start:page.index("</section>", start)]


def invoice_text(client, order, rendered) -> str:
    response = client.get(f"/toko/{order.cooperative.slug}/pesanan/{order.access_key}/faktur.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    if PdfReader is not None:
        return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    return rendered[-1]


# --- the order page ------------------------------------------------------------------------


def test_the_order_page_names_the_account_the_amount_and_the_reference(client, coop):
    order = batik_order(coop, **ACCOUNT)
    box = instructions(client, order)
    assert "Rp1.250.000" in box
    assert "<dd>Bank BRI</dd>" in box
    assert '<strong class="account-no">024501001873302</strong>' in box
    assert "<dd>KOP PRODUSEN MAJU BERSAMA</dd>" in box
    assert f"Tulis <strong>{order.display_number}</strong> sebagai berita/referensi" in box
    assert "akan menghubungi" not in box and "QRIS" not in box


def test_without_an_account_the_order_page_says_the_cooperative_will_get_in_touch(client, coop):
    order = batik_order(coop)
    box = instructions(client, order)
    assert "Koperasi akan menghubungi Anda (rina@contoh.id · +6281222334455)" in box
    assert "Rp1.250.000" in box and order.display_number in box
    # No empty account fields, and no promise of an account it does not have.
    assert "Nomor rekening" not in box and "Atas nama" not in box and "<dd>" not in box
    assert "Transfer tepat" not in box


def test_a_qris_merchant_is_named_with_its_nmid(client, coop):
    order = batik_order(coop, **ACCOUNT, **QRIS)
    box = instructions(client, order)
    assert "QRIS atas nama <strong>KOPERASI MAJU BERSAMA</strong> (NMID ID1020012345678)" in box
    assert "024501001873302" in box


def test_a_paid_order_asks_for_no_payment(client, coop, board):
    order = batik_order(coop, **ACCOUNT)
    with scope(cooperative=coop):
        payments.record_payment(order=order, amount=order.total, method="bank_transfer",
                                reference="BRI-0042", actor=board)
    page = client.get(f"/toko/maju/pesanan/{order.access_key}/").content.decode()
    assert 'id="payment-instructions"' not in page
    assert "024501001873302" not in page


def test_the_order_page_shows_the_account_in_english_too(client, coop):
    order = batik_order(coop, **ACCOUNT)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    box = instructions(client, order)
    assert "024501001873302" in box and order.display_number in box


# --- the invoice ---------------------------------------------------------------------------


def test_the_invoice_of_an_unpaid_order_names_the_account_and_the_reference(
        client, coop, rendered):
    order = batik_order(coop, **ACCOUNT)
    text = invoice_text(client, order, rendered)
    assert "Pembayaran: transfer Rp1.250.000 ke rekening koperasi" in text
    assert "Bank BRI" in text
    assert "024501001873302" in text
    assert "KOP PRODUSEN MAJU BERSAMA" in text
    assert "Berita/referensi" in text
    assert text.count(order.display_number) >= 3  # title, order number, reference


def test_an_invoice_without_an_account_says_the_cooperative_will_get_in_touch(
        client, coop, rendered):
    order = batik_order(coop)
    text = invoice_text(client, order, rendered)
    assert "Koperasi akan menghubungi Anda tentang cara pembayaran" in text
    assert "Rp1.250.000" in text and order.display_number in text
    assert "Nomor rekening" not in text and "Atas nama" not in text


def test_the_invoice_names_the_qris_merchant(client, coop, rendered):
    order = batik_order(coop, **ACCOUNT, **QRIS)
    text = invoice_text(client, order, rendered)
    assert "QRIS atas nama KOPERASI MAJU BERSAMA (NMID ID1020012345678)" in text


def test_a_paid_invoice_shows_the_payment_not_the_account(client, coop, board, rendered):
    order = batik_order(coop, **ACCOUNT)
    with scope(cooperative=coop):
        payments.record_payment(order=order, amount=order.total, method="bank_transfer",
                                reference="BRI-0042", actor=board)
    text = invoice_text(client, order, rendered)
    assert "Lunas" in text and "BRI-0042" in text
    assert "024501001873302" not in text
