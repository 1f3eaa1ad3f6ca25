"""The invoice PDF of an order: for the buyer with the order's key, for staff from the
back office; PPN only when the cooperative is PKP; Bahasa Indonesia, Rp1.250.000."""

from decimal import Decimal

import pytest
from django.conf import settings
from django_scopes import scope

from guyub.core.roles import Role
from guyub.sales.orders import payments
from guyub.sales.tests.store_helpers import batik_order

pytestmark = pytest.mark.django_db




def invoice(client, order, rendered):
    response = client.get(f"/toko/{order.cooperative.slug}/pesanan/{order.access_key}/faktur.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f'filename="faktur-{order.display_number}.pdf"' in response["Content-Disposition"]
    return rendered[-1]


def test_the_invoice_of_a_cooperative_that_is_not_pkp_has_no_ppn(client, coop, rendered):
    order = batik_order(coop)
    html = invoice(client, order, rendered)
    assert f"Faktur {order.display_number}" in html
    assert "Koperasi Produsen Maju Bersama" in html
    assert "Kain Batik Tulis Parang" in html and "Rp625.000" in html
    assert "Rp1.250.000" in html  # subtotal and total
    assert "PPN" not in html.replace("bukan Pengusaha Kena Pajak: harga tidak dikenai PPN", "")
    assert "NPWP" not in html
    assert "Belum dibayar" in html and order.display_number in html
    assert "Galeri Rina" in html and "Denpasar, Bali, Indonesia" in html


def test_a_pkp_cooperative_invoices_ppn_and_shows_its_npwp(client, coop, rendered):
    order = batik_order(coop, is_pkp=True, ppn_rate=Decimal("11"), npwp="01.234.567.8-542.000")
    html = invoice(client, order, rendered)
    assert "PPN 11%" in html and "Rp137.500" in html  # 11% of Rp1.250.000
    assert "Rp1.387.500" in html
    assert "01.234.567.8-542.000" in html


def test_the_invoice_stays_indonesian_for_an_english_page(client, coop, rendered):
    order = batik_order(coop)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = invoice(client, order, rendered)
    assert "Rp1.250.000" in html and "Belum dibayar" in html


def test_a_paid_invoice_says_paid_and_names_the_payment(client, coop, board, rendered):
    order = batik_order(coop)
    with scope(cooperative=coop):
        payments.record_payment(order=order, amount=order.total, method="bank_transfer",
                                reference="BCA-0042", actor=board)
    html = invoice(client, order, rendered)
    assert "Lunas" in html and "BCA-0042" in html and "Transfer bank" in html


def test_staff_open_the_invoice_from_the_order_back_office(client, coop, make_user, rendered):
    order = batik_order(coop)
    staff = make_user(coop, Role.STAFF)
    client.force_login(staff)
    detail = client.get(f"/k/maju/pesanan/{order.pk}/").content.decode()
    assert f'href="/k/maju/pesanan/{order.pk}/faktur.pdf"' in detail
    response = client.get(f"/k/maju/pesanan/{order.pk}/faktur.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    client.force_login(make_user(coop, Role.BUYER))
    assert client.get(f"/k/maju/pesanan/{order.pk}/faktur.pdf").status_code == 403


def test_without_the_key_there_is_no_invoice(client, coop, other_coop):
    order = batik_order(coop)
    assert client.get(f"/toko/maju/pesanan/{order.access_key[:20]}/faktur.pdf"
                      ).status_code == 404
    assert client.get(f"/toko/lain/pesanan/{order.access_key}/faktur.pdf").status_code == 404
