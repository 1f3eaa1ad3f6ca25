"""Browser journey in headless Chromium, contracts with a corporate buyer: the hotel asks
for roasted coffee in its portal; the board counter-offers above the floor and the hotel
accepts; staff publish the split rule and three members declare their capacity; staff
split the first delivery and check the goods (part of one member's rejected); the board
pays the members before the hotel has paid its invoice."""

import datetime as dt
import re
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_scopes import scopes_disabled

from guyub.contracts.allocation.models import Allotment, Delivery
from guyub.contracts.deliveries.models import BuyerInvoice, MemberPayment
from guyub.contracts.negotiation.models import Contract
from guyub.core.roles import Role
from guyub.testing.browser import click_menu
from guyub.testing.browser import signed_in as browser_signed_in
from guyub.testing.contracts import coffee_grade, corporate_buyer, producers
from guyub.testing.factories import CooperativeFactory, CoopRoleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-uji-123"
# Looked at by hand when the pages change; not compared in the test.
SHOTS = Path("/tmp")
LOGINS = ("sri@kopi.id", "bambang@kopi.id", "siti@kopi.id")


def signed_in(browser, base, username, **viewport):
    return browser_signed_in(browser, base, username, PASSWORD, home=r"/k/kopi/", **viewport)


def shot(page, name):
    page.screenshot(path=str(SHOTS / f"contract-{name}.png"), full_page=True)


@pytest.fixture
def coffee(db):
    """Koperasi Kopi Merapi: a board member, a staff member, the hotel's buyer login, the
    grade (floor Rp85.000/kg) and three producers with approved coffee."""
    coop = CooperativeFactory(name="Koperasi Kopi Merapi", slug="kopi")
    board = UserFactory(username="ketua@kopi.id", first_name="Agus")
    CoopRoleFactory(user=board, cooperative=coop, role=Role.BOARD)
    staff = UserFactory(username="staf@kopi.id", first_name="Dewi")
    CoopRoleFactory(user=staff, cooperative=coop, role=Role.STAFF)
    corporate_buyer(coop, user=UserFactory(username="beli@hotelnusantara.id",
                                           first_name="Rina"))
    grade = coffee_grade(coop)
    members = producers(coop, board, grade)
    with scopes_disabled():
        for member, login in zip(members, LOGINS, strict=True):
            get_user_model().objects.filter(pk=member.user_id).update(username=login,
                                                                      email=login)
    return {"coop": coop, "members": members}


def test_hotel_contract_from_request_to_members_paid_before_the_buyer(
        live_server, browser, coffee):
    base = live_server.url
    kopi = f"{base}/k/kopi"
    first_day = timezone.localdate() + dt.timedelta(days=7)
    accept_dialogs = lambda page: page.on("dialog", lambda d: d.accept())  # noqa: E731

    # 1. The hotel asks for 300 kg a week, twice, at Rp80.000/kg, paid in 60 days.
    hotel = signed_in(browser, base, "beli@hotelnusantara.id")
    click_menu(hotel, "Kontrak saya")
    hotel.click("text=Minta kontrak")
    hotel.fill("#id_title", "Kopi sangrai untuk hotel")
    hotel.select_option("#id_grade", label="Kopi sangrai · Arabika grade 1")
    hotel.fill("#id_specification", "Arabika sangrai medium, kemasan 1 kg")
    for name, value in (("lot_size", "1"), ("min_lot", "0"), ("quantity_per_delivery", "300"),
                        ("deliveries", "2"), ("interval_days", "7"),
                        ("first_delivery_on", first_day.isoformat()),
                        ("delivery_place", "Gudang Hotel Nusantara, Jl. Malioboro 52"),
                        ("price", "80.000"), ("payment_terms_days", "60")):
        hotel.fill(f"#id_{name}", value)
    shot(hotel, "1-request")
    hotel.click("text=Kirim permintaan")
    hotel.wait_for_selector("text=Permintaan kontrak dikirim ke koperasi.")
    assert "300 kg" in hotel.inner_text("#quantity")
    assert "Rp80.000" in hotel.inner_text("#price")
    assert "60 hari" in hotel.inner_text("#terms")
    contract_path = re.search(r"/pembeli/kontrak/(\d+)/", hotel.url)
    pk = int(contract_path.group(1))
    contract_url = f"{kopi}/kontrak/{pk}/"

    # 2. The board sees the request below its floor and counters at Rp90.000.
    board = signed_in(browser, base, "ketua@kopi.id")
    click_menu(board, "Kontrak")
    board.click("#contracts a")
    board.wait_for_url(contract_url)
    assert "Rp85.000" in board.inner_text("#floor")
    assert "di bawah harga dasar" in board.inner_text("#on-table")
    assert board.is_disabled("#on-table button[type=submit]")
    board.fill("#id_offer-price", "90.000")
    board.fill("#id_offer-message", "Untuk mutu grade 1 kami tawarkan Rp90.000.")
    board.click("#offer button[type=submit]")
    board.wait_for_selector("text=Penawaran dikirim.")
    shot(board, "2-counter")

    # The hotel sees the whole history and accepts the counter-offer.
    hotel.reload()
    history = hotel.inner_text("#history")
    assert "Rp80.000" in history and "Rp90.000" in history
    assert "kami tawarkan Rp90.000" in history
    # The floor is the cooperative's: the buyer reads neither it nor which offers fall
    # below it.
    assert "Rp85.000" not in hotel.inner_text("main")
    assert "harga dasar" not in history
    assert "Rp90.000 per satuan, 300 kg × 2 pengiriman, bayar 60 hari" in hotel.inner_text(
        "#on-table")
    hotel.click("text=Setujui penawaran ini")
    hotel.wait_for_selector("text=Kontrak disepakati: versi 1.")
    assert hotel.inner_text("#status") == "Berjalan"
    pdf_url = hotel.get_attribute("#versions a", "href")
    assert pdf_url.endswith(f"/kontrak/{pk}/versi/1/pdf/")
    pdf = hotel.request.get(base + pdf_url)
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    shot(hotel, "2-accepted")

    # 3. Staff publish the proportional rule on the capacity page.
    staff = signed_in(browser, base, "staf@kopi.id")
    accept_dialogs(staff)
    staff.goto(contract_url)
    staff.click("text=Aturan pembagian dan kapasitas")
    staff.check("input[name=rule][value=proportional]")
    staff.click("button[name=publish]")
    staff.wait_for_selector("text=Aturan pembagian diumumkan")
    silent = staff.inner_text("#silent-members")
    assert all(name in silent for name in ("Sri Wahyuni", "Bambang Sutrisno", "Siti Aminah"))

    # Three members declare 150, 100 and 50 kg; Sri on a 360-pixel phone from her home.
    members = {}
    for login, quantity, width in zip(LOGINS, ("150", "100", "50"), (360, 1280, 1280),
                                      strict=True):
        page = signed_in(browser, base, login, width=width, height=780)
        accept_dialogs(page)
        page.click("#portal-contracts >> text=Kopi sangrai untuk hotel")
        page.fill("#id_quantity", quantity)
        if width == 360:
            assert page.evaluate("document.documentElement.scrollWidth") <= 360
            shot(page, "3-capacity-360")
        page.click("#capacity-form button[type=submit]")
        page.wait_for_selector("text=Kapasitas Anda untuk")
        assert f"Kapasitas Anda: {quantity} kg" in page.inner_text(".open-contract")
        members[login] = page
    staff.reload()
    assert "300 kg" in staff.inner_text("#capacity-summary")
    assert "cukup" in staff.inner_text("#capacity-summary")

    # 4. Staff split delivery 1: 150 / 100 / 50 kg, in proportion to the capacities.
    staff.click("nav.subnav >> text=Jadwal dan pembagian")
    staff.locator("#schedule tbody tr").first.locator("text=Bagi sekarang").click()
    staff.wait_for_selector("text=Pengiriman ke-1 dibagi ke anggota.")
    split = staff.inner_text("#allotments")
    for name, kg in (("Sri Wahyuni", 150), ("Bambang Sutrisno", 100), ("Siti Aminah", 50)):
        assert re.search(rf"{name}.*\n?.*\s{kg} kg", split), (name, split)
    shot(staff, "4-split")

    # Sri asks why her share is 150 kg.
    sri = members["sri@kopi.id"]
    sri.goto(f"{kopi}/saya/kontrak/")
    sri.click("#upcoming >> text=Mengapa sebesar ini?")
    assert "Bagian Anda: 150 kg" in sri.inner_text("h1")
    why = sri.inner_text("#explain-share")
    assert "Sebanding kapasitas" in why and "150 kg" in why and "300 kg" in why
    assert "50" in why  # 50 % of the 300 kg asked
    assert sri.evaluate("document.documentElement.scrollWidth") <= 360
    shot(sri, "4-explain-360")

    # 5. Staff check the goods: Sri's all accepted, 10 kg of Bambang's too wet, Siti's fine.
    click_menu(staff, "Pengiriman kontrak")
    staff.click("#deliveries >> text=Terima dan periksa")
    with scopes_disabled():
        allotments = {a.member.owner_name: a.pk for a in Allotment.objects.filter(
            delivery__contract_id=pk, delivery__sequence=1).select_related("member")}
    for name, rejected in (("Sri Wahyuni", 0), ("Bambang Sutrisno", 10), ("Siti Aminah", 0)):
        card, prefix = f"#allotment-{allotments[name]}", f"#id_a{allotments[name]}"
        if rejected:
            received = staff.input_value(f"{prefix}-received")
            staff.fill(f"{prefix}-accepted", str(int(received) - rejected))
            staff.fill(f"{prefix}-rejected", str(rejected))
            staff.fill(f"{prefix}-reason", "Kadar air 14 %, di atas batas 12,5 %")
        staff.click(f"{card} button[type=submit]")
        staff.wait_for_selector(f"text=Hasil uji mutu {name} dicatat.")
    checked = staff.inner_text(f"#allotment-{allotments['Bambang Sutrisno']}")
    assert "Kadar air 14 %" in checked and "Rp7.695.000" in checked  # 90 kg × Rp85.500
    assert "Lolos uji mutu: 290" in staff.inner_text("main")
    staff.click("text=Kirim ke pembeli")
    staff.wait_for_selector("text=Barang dikirim ke pembeli; faktur")
    shot(staff, "5-checked")

    # 6. The board pays the members before the hotel pays: Rp85.500/kg (5 % kept).
    click_menu(board, "Pengiriman kontrak")
    board.click("nav.subnav >> text=Pembayaran anggota")
    due = board.inner_text("#payments-due")
    for amount in ("Rp12.825.000", "Rp7.695.000", "Rp4.275.000", "Rp24.795.000"):
        assert amount in due, (amount, due)
    board.fill("#id_paid_on", timezone.localdate().isoformat())
    board.click("#member-pay-form button[type=submit]")
    board.wait_for_selector("text=3 pembayaran anggota dicatat.")
    assert "Tidak ada pembayaran anggota yang menunggu." in board.inner_text("main")
    # The hotel's invoice is still open: Rp26.100.000 for 290 kg at Rp90.000.
    board.goto(f"{kopi}/kontrak/tagihan/")
    receivables = board.inner_text("main")
    assert "Rp26.100.000" in receivables and "Belum dibayar" in receivables
    shot(board, "6-receivables")

    # Bambang sees his 90 kg paid, and the 10 kg rejected with the reason.
    bambang = members["bambang@kopi.id"]
    bambang.goto(f"{kopi}/saya/kontrak/pembayaran/")
    assert "Rp7.695.000" in bambang.inner_text("#paid")
    assert "Tidak ada yang menunggu dibayar." in bambang.inner_text("#owed")
    assert "Kadar air 14 %" in bambang.inner_text("#receipts")
    shot(bambang, "6-member-paid")
    hotel.goto(f"{kopi}/pembeli/kontrak/tagihan/")
    assert "Rp26.100.000" in hotel.inner_text("main")
    shot(hotel, "6-buyer-invoice")

    with scopes_disabled():
        contract = Contract.objects.get(pk=pk)
        assert contract.status == Contract.Status.ACTIVE and contract.price == D(90000)
        assert contract.payment_terms_days == 60
        delivery = Delivery.objects.get(contract=contract, sequence=1)
        assert delivery.status == Delivery.Status.DELIVERED
        payments = MemberPayment.objects.filter(receipt__allotment__delivery=delivery)
        assert {p.status for p in payments} == {MemberPayment.Status.PAID}
        assert sorted(p.amount for p in payments) == [D(4275000), D(7695000), D(12825000)]
        invoice = BuyerInvoice.objects.get(delivery=delivery)
        assert invoice.status == BuyerInvoice.Status.OPEN and invoice.amount == D(26100000)
        assert invoice.due_on == invoice.issued_on + dt.timedelta(days=60)
    for page in (hotel, board, staff, *members.values()):
        page.context.close()
