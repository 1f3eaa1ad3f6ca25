"""Browser journey in headless Chromium, joint marketing: a buyer finds a bundle in the
cooperative's storefront on a phone and orders it; staff record the bank transfer in
the order back office; each maker then sees the sale on their own pick list."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django_scopes import scope, scopes_disabled
from playwright.sync_api import expect

from guyub.catalog.models import Bundle, BundleItem, Category, Product
from guyub.core.roles import Role
from guyub.sales.models import Order
from guyub.testing.browser import click_menu
from guyub.testing.factories import CooperativeFactory, CoopRoleFactory, MemberFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-uji-123"
SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def login(page, base, username, password=PASSWORD):
    page.goto(f"{base}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/k/merapi/"))


def maker(coop, email, owner, business, regency):
    user = UserFactory(username=email)
    CoopRoleFactory(user=user, cooperative=coop, role=Role.MEMBER)
    return MemberFactory(cooperative=coop, user=user, owner_name=owner, business_name=business,
                         regency=regency)


@pytest.fixture
def demo(db):
    coop = CooperativeFactory(name="Koperasi Produsen Kopi Merapi", slug="merapi",
                              address="Jl. Kaliurang Km 20, Pakem")
    staff = UserFactory(username="staf@merapi.id")
    CoopRoleFactory(user=staff, cooperative=coop, role=Role.STAFF)
    kopi_maker = maker(coop, "bambang@merapi.id", "Bambang Suryo", "Kopi Turgo", "Sleman")
    batik_maker = maker(coop, "siti@merapi.id", "Siti Rahayu", "Batik Sekar", "Bantul")
    with scope(cooperative=coop):
        kopi_cat = Category.objects.create(cooperative=coop, name="Kopi")
        batik_cat = Category.objects.create(cooperative=coop, name="Batik")
        kopi = Product.objects.create(
            cooperative=coop, member=kopi_maker, name="Kopi Arabika Merapi 250 g",
            category=kopi_cat, net_weight_grams=250, price=Decimal("55000"), stock=12,
            status="approved", story="Dipetik dari kebun keluarga di lereng Merapi.")
        batik = Product.objects.create(
            cooperative=coop, member=batik_maker, name="Selendang Batik Tulis", category=batik_cat,
            net_weight_grams=200, price=Decimal("185000"), stock=6, status="approved")
        Product.objects.create(
            cooperative=coop, member=batik_maker, name="Kain Batik Cap", category=batik_cat,
            net_weight_grams=400, price=Decimal("240000"), stock=4, status="approved")
        hamper = Bundle.objects.create(cooperative=coop, name="Hampers Merapi",
                                       description="Kopi lereng Merapi dan selendang batik tulis.",
                                       price=Decimal("280000"))
        BundleItem.objects.create(cooperative=coop, bundle=hamper, product=kopi, quantity=2,
                                  agreed_price=Decimal("100000"))
        BundleItem.objects.create(cooperative=coop, bundle=hamper, product=batik, quantity=1,
                                  agreed_price=Decimal("180000"))
    return coop


def test_a_buyer_orders_a_bundle_staff_record_the_payment_and_the_makers_see_it(
        live_server, browser, demo):
    base = live_server.url
    SHOTS.mkdir(parents=True, exist_ok=True)

    # A buyer on a phone finds the bundle in the storefront with the search box.
    phone = browser.new_context(locale="id-ID", viewport={"width": 360, "height": 780})
    buyer = phone.new_page()
    buyer.set_default_timeout(10000)
    buyer.goto(f"{base}/toko/merapi/")
    assert buyer.locator(".store-card").count() == 4  # the bundle and three products
    buyer.fill("input[name=q]", "hampers")
    expect(buyer.locator(".store-card")).to_have_count(1)  # (no string eval under the CSP)
    assert "q=hampers" in buyer.url
    buyer.screenshot(path=str(SHOTS / "store-search-360.png"), full_page=True)
    buyer.click(".store-card >> text=Hampers Merapi")
    buyer.wait_for_url(re.compile(r"/toko/merapi/paket/\d+/$"))
    assert "Kopi Turgo" in buyer.inner_text("#bundle-items")
    buyer.fill("input[name=quantity]", "2")
    buyer.click("text=Masukkan keranjang")
    buyer.wait_for_url(re.compile(r"/toko/merapi/keranjang/$"))
    assert "Rp560.000" in buyer.inner_text("#cart-total")
    buyer.click("text=Lanjut ke pemesanan")
    buyer.fill("#id_name", "Rina Wulandari")
    buyer.fill("#id_email", "rina@contoh.id")
    buyer.fill("#id_phone", "0812-2233-4455")
    buyer.select_option("#id_province", "51")
    buyer.fill("#id_city", "Denpasar")
    buyer.fill("#id_address", "Jl. Sunset Road 8, Kuta")
    buyer.screenshot(path=str(SHOTS / "store-checkout-360.png"), full_page=True)
    buyer.click("text=Pesan sekarang")
    buyer.wait_for_url(re.compile(r"/toko/merapi/pesanan/[\w-]{20,}/$"))
    instructions = buyer.inner_text("#payment-instructions")
    assert "PSN-000001" in instructions and "Rp560.000" in instructions
    assert buyer.evaluate("document.documentElement.scrollWidth") <= 360, (
        "the order page must fit a 360-pixel phone without sideways scroll")
    buyer.screenshot(path=str(SHOTS / "store-order-360.png"), full_page=True)
    order_page = buyer.url

    # Staff find the order in the back office and record the bank transfer.
    office = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = office.new_page()
    page.set_default_timeout(10000)
    login(page, base, "staf@merapi.id")
    click_menu(page, "Pesanan")
    page.click("text=PSN-000001")
    assert page.locator("#id_amount").input_value() == "560000"
    page.select_option("#id_method", "bank_transfer")
    page.fill("#id_reference", "BPD-BALI-88213")
    page.click("text=Catat pembayaran")
    page.wait_for_selector("text=Pembayaran dicatat.")
    fulfilment = page.inner_text("#fulfilment")
    assert "Bambang Suryo" in fulfilment and "Siti Rahayu" in fulfilment
    page.screenshot(path=str(SHOTS / "order-paid-1280.png"), full_page=True)
    with scopes_disabled():
        order = Order.objects.get()
        assert order.status == "paid" and order.payments.count() == 1

    # Each maker logs in and finds what to bring to the warehouse for this sale.
    for email, product, units in (("bambang@merapi.id", "Kopi Arabika Merapi 250 g", "4 buah"),
                                  ("siti@merapi.id", "Selendang Batik Tulis", "2 buah")):
        maker_page = office.new_page()
        maker_page.context.clear_cookies()
        login(maker_page, base, email)
        click_menu(maker_page, "Setoran barang")
        items = maker_page.inner_text(".pick-items")
        assert product in items and units in items
        assert "PSN-000001" in items and "paket Hampers Merapi" in items
        maker_page.close()

    # The buyer's page now says the order is paid.
    buyer.goto(order_page)
    assert buyer.inner_text("#order-status") == "Dibayar"
    phone.close()
    office.close()
