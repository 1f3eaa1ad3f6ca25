"""Browser journeys in headless Chromium, shared resources and member loans.

1. Two trained members want the roaster at the same time: the first books it, the
   second is offered the waiting list and joins it; the first cancels in time (free),
   the slot is booked for the second, who reads the notice in her inbox.
2. A member applies for a loan from her portal, the board approves it, staff pay it
   out, the member reads her schedule and pays the first instalment from her simpanan
   sukarela; the books still balance."""

import datetime as dt
import re
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core.roles import Role
from guyub.members.simpanan.selectors import balances
from guyub.notifications.models import Notice
from guyub.resources.bookings.models import Booking, Slot, WaitlistEntry
from guyub.support.loans.models import Instalment, Loan
from guyub.testing.bookings import make_asset, qualify
from guyub.testing.browser import click_menu
from guyub.testing.browser import signed_in as browser_signed_in
from guyub.testing.factories import CooperativeFactory, CoopRoleFactory, MemberFactory, UserFactory
from guyub.testing.loans import limits, save
from guyub.testing.resources import books

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-uji-123"
# Looked at by hand when the pages change; not compared in the test.
SHOTS = Path("/tmp")


def signed_in(browser, base, username, **viewport):
    return browser_signed_in(browser, base, username, PASSWORD, home=r"/k/kopi/", **viewport)


def shot(page, name):
    """The page at 1280 px, then at 360 px (a phone: nothing wider than the screen),
    then back."""
    page.screenshot(path=str(SHOTS / f"journey14-{name}-1280.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 780})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, name
    page.screenshot(path=str(SHOTS / f"journey14-{name}-360.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def member_with_login(coop, login, name):
    user = UserFactory(username=login, first_name=name.split()[0])
    CoopRoleFactory(user=user, cooperative=coop, role=Role.MEMBER)
    return MemberFactory(cooperative=coop, user=user, owner_name=name)


@pytest.fixture
def coop(db):
    coop = CooperativeFactory(name="Koperasi Kopi Merapi", slug="kopi")
    board = UserFactory(username="ketua@kopi.id", first_name="Agus")
    CoopRoleFactory(user=board, cooperative=coop, role=Role.BOARD)
    staff = UserFactory(username="staf@kopi.id", first_name="Dewi")
    CoopRoleFactory(user=staff, cooperative=coop, role=Role.STAFF)
    return coop


def test_a_cancelled_roaster_slot_goes_to_the_member_waiting_for_it(live_server, browser, coop):
    base, kopi = live_server.url, f"{live_server.url}/k/kopi"
    roaster = make_asset(coop, name="Mesin sangrai kopi 5 kg", location="Gudang Pakem",
                         required_training="Pelatihan sangrai dasar", free_cancel_hours=24)
    sri = member_with_login(coop, "sri@kopi.id", "Sri Wahyuni")
    siti = member_with_login(coop, "siti@kopi.id", "Siti Aminah")
    for member in (sri, siti):
        qualify(roaster, member)
    day = timezone.localdate() + dt.timedelta(days=3)

    def book(page):
        page.click("#home-book-assets")
        assets = page.inner_text("#bookable-assets")
        assert "Pelatihan sangrai dasar" in assets and "Anda sudah terlatih" in assets
        page.click("#bookable-assets >> text=Mesin sangrai kopi 5 kg")
        page.wait_for_selector("#calendar")
        page.click("main >> a.btn:has-text('Pesan')")
        page.fill("#id_date", day.isoformat())
        page.fill("#id_start_time", "08:00")
        page.fill("#id_end_time", "10:00")
        page.click("main form.card button[type=submit]")

    # 1. Sri books Thursday's 08:00–10:00 from her home page.
    first = signed_in(browser, base, "sri@kopi.id")
    book(first)
    first.wait_for_selector("text=terkonfirmasi")
    mine = first.inner_text("#my-bookings")
    assert "Mesin sangrai kopi 5 kg" in mine and "Terkonfirmasi" in mine
    shot(first, "my-bookings")

    # 2. Siti wants the same two hours: full, so she joins the waiting list.
    second = signed_in(browser, base, "siti@kopi.id")
    book(second)
    second.wait_for_selector("#waitlist-offer")
    second.click("#waitlist-offer button[type=submit]")
    second.wait_for_selector("text=Anda masuk daftar tunggu, urutan 1.")
    assert "Mesin sangrai kopi 5 kg" in second.inner_text("#my-waitlist")
    # Her calendar shows the time as taken by someone else (not whom).
    second.goto(f"{kopi}/saya/sumber-daya/{roaster.pk}/?v=week&d={day.isoformat()}")
    calendar = second.inner_text("#calendar")
    assert "dipesan" in calendar and "Sri" not in calendar
    shot(second, "calendar")
    with scopes_disabled():
        assert Booking.objects.filter(asset=roaster, status="confirmed").count() == 1
        assert WaitlistEntry.objects.get(asset=roaster).status == "waiting"

    # 3. Sri cancels three days ahead: free.
    first.click("#my-bookings >> text=Batalkan")
    assert "gratis" in first.inner_text("#cancel-free")
    first.fill("#id_reason", "Biji kopi belum datang")
    first.click("main form.card button[type=submit]")
    first.wait_for_selector("text=Pemesanan dibatalkan.")
    assert "Dibatalkan" in first.inner_text("#my-bookings")

    # 4. The slot is Siti's now, and she is told.
    second.goto(f"{kopi}/saya/pemesanan/")
    mine = second.inner_text("#my-bookings")
    assert "Mesin sangrai kopi 5 kg" in mine and "Terkonfirmasi" in mine
    assert second.locator("#my-waitlist").count() == 0
    second.click("a.bell")
    second.wait_for_url(re.compile(r"/notifikasi/"))
    inbox = second.inner_text("ul.notices")
    assert "Slot kosong untuk Anda" in inbox and "dipesankan untuk Anda" in inbox
    shot(second, "inbox")

    with scopes_disabled():
        active = Booking.objects.filter(asset=roaster, status__in=("requested", "confirmed"))
        assert [b.member_id for b in active] == [siti.pk]
        entry = WaitlistEntry.objects.get(asset=roaster)
        assert entry.status == "booked" and entry.booking.member_id == siti.pk
        # The only active slot rows (the overlap guard's) are the new booking's.
        held = Slot.objects.filter(asset=roaster, active=True)
        assert set(held.values_list("booking_id", flat=True)) == {entry.booking_id}
        assert Notice.objects.filter(user=siti.user, topic="resources.slot_freed").count() == 1


def test_a_member_loan_from_application_to_first_instalment_paid_from_sukarela(
        live_server, browser, coop):
    base = live_server.url
    limits(coop)
    sri = member_with_login(coop, "sri@kopi.id", "Sri Wahyuni")
    save(sri, 5_000_000)
    with scope(cooperative=coop):
        before = balances(sri)["sukarela"]

    # 1. Sri applies from her portal: 3 juta over 6 months, after a look at the schedule.
    member = signed_in(browser, base, "sri@kopi.id")
    member.click("#home-my-loans")
    member.click("text=Ajukan pinjaman")
    member.fill("#id_amount", "3.000.000")
    member.fill("#id_term_months", "6")
    member.select_option("#id_method", "declining")
    member.fill("#id_purpose", "Modal kerja: biji kopi mentah")
    member.click("button[name=preview]")
    member.wait_for_selector("#preview")
    assert "Perkiraan jadwal angsuran" in member.inner_text("#preview")
    member.click("button[name=send]")
    member.wait_for_selector("text=Pengajuan terkirim")
    with scopes_disabled():
        loan = Loan.objects.get(member=sri)
    assert loan.status == "applied"

    # 2. The board approves it.
    board = signed_in(browser, base, "ketua@kopi.id")
    click_menu(board, "Pinjaman anggota")
    board.click(f"#loans >> text={loan.display_number}")
    board.check("#decide input[name=decision][value=approve]")
    board.click("#decide button[type=submit]")
    board.wait_for_selector("text=Pinjaman disetujui.")

    # 3. Staff pay it out in cash today.
    staff = signed_in(browser, base, "staf@kopi.id")
    click_menu(staff, "Pinjaman anggota")
    staff.click(f"#loans >> text={loan.display_number}")
    staff.click("text=Cairkan pinjaman")
    staff.select_option("#id_via", "cash")
    staff.click("main form.card button[type=submit]")
    staff.wait_for_selector("text=Pinjaman dicairkan; jadwal angsuran dibuat.")
    assert staff.locator("#schedule tbody tr").count() == 6

    # 4. Sri reads her schedule and pays the first instalment from her sukarela.
    member.goto(f"{base}/k/kopi/")
    member.click("#home-my-loans")
    member.click(f"#my-loans >> text={loan.display_number}")
    member.wait_for_selector("#schedule")
    assert member.locator("#schedule tbody tr").count() == 6
    assert "Rp5.000.000" in member.inner_text("#sukarela")
    shot(member, "loan-schedule")
    with scopes_disabled():
        first = Instalment.objects.get(loan=loan, seq=1, status="due")
    assert first.total == D("545000")  # 500.000 principal + 1,5 % of 3 juta
    member.click("#schedule >> text=Bayar dari simpanan sukarela")
    member.wait_for_selector("text=Angsuran dibayar dari simpanan sukarela.")
    row = member.locator("#schedule tbody tr").first.inner_text()
    assert "Lunas" in row
    assert "Rp4.455.000" in member.inner_text("#sukarela")

    with scope(cooperative=coop):
        assert balances(sri)["sukarela"] == before - first.total
        books(coop)  # debits equal credits
    with scopes_disabled():
        first.refresh_from_db()
        assert first.status == "paid"
    # The board's trial balance page says the same.
    click_menu(board, "Buku besar")
    board.wait_for_url(re.compile(r"/buku-besar/neraca-saldo/"))
    assert board.inner_text("#total-debit") == board.inner_text("#total-credit")
