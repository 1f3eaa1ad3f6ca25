"""Browser journey in headless Chromium: the board finds members and approves an
application; the new member logs in and sees their own profile."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from guyub.core.roles import Role
from guyub.members.models import Member
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


@pytest.fixture
def demo(db):
    coop = CooperativeFactory(name="Koperasi Produsen Kopi Merapi", slug="merapi")
    board = UserFactory(username="ketua@merapi.id")
    CoopRoleFactory(user=board, cooperative=coop, role=Role.BOARD)
    MemberFactory(cooperative=coop, owner_name="Siti Rahayu", business_name="Batik Sekar",
                  sector="batik", number=1)
    MemberFactory(cooperative=coop, owner_name="Bambang Suryo", business_name="Kopi Turgo",
                  sector="kopi", number=2)
    MemberFactory(cooperative=coop, owner_name="Dewi Lestari", business_name="Keripik Dewi",
                  sector="makanan_ringan", number=3)
    return coop


def test_board_searches_approves_and_new_member_sees_own_profile(live_server, browser, demo):
    base = live_server.url
    SHOTS.mkdir(parents=True, exist_ok=True)

    # A would-be member applies through the public form, on a phone.
    phone = browser.new_context(locale="id-ID", viewport={"width": 360, "height": 780})
    applicant = phone.new_page()
    applicant.goto(f"{base}/k/merapi/daftar/")
    applicant.fill("#id_owner_name", "Rina Wulandari")
    applicant.fill("#id_nik", "3404015708900001")
    applicant.fill("#id_business_name", "Kopi Lereng Rina")
    applicant.fill("#id_phone", "0812-2233-4455")
    applicant.fill("#id_email", "rina@contoh.id")
    applicant.select_option("#id_province", "34")
    applicant.fill("#id_regency", "Sleman")
    applicant.select_option("#id_sector", "kopi")
    applicant.fill("#id_workers", "4")
    applicant.fill("#id_business_capital", "80000000")
    applicant.fill("#id_annual_sales", "350000000")
    applicant.fill("#id_password1", "kopi-lereng-2026")
    applicant.fill("#id_password2", "kopi-lereng-2026")
    applicant.screenshot(path=str(SHOTS / "apply-360.png"), full_page=True)
    applicant.click("button[type=submit]")
    applicant.wait_for_url(re.compile(r"/daftar/terkirim/$"))
    assert "Permohonan terkirim" in applicant.content()

    # The board logs in and searches the member list; htmx refreshes the table only.
    board = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = board.new_page()
    login(page, base, "ketua@merapi.id")
    click_menu(page, "Anggota")
    page.wait_for_url(re.compile(r"/k/merapi/anggota/"))
    assert page.locator("table.members tbody tr").count() == 3
    page.fill("input[name=q]", "kopi")
    # A locator assertion, not wait_for_function: that evaluates a string, which the
    # Content-Security-Policy (no 'unsafe-eval') refuses.
    expect(page.locator("table.members tbody tr")).to_have_count(1)
    assert "Bambang Suryo" in page.inner_text("#member-table")
    assert "Siti Rahayu" not in page.inner_text("#member-table")
    assert "q=kopi" in page.url  # the filtered list can be bookmarked and shared

    # The board approves the application.
    click_menu(page, "Permohonan")
    card = page.locator("article.application", has_text="Rina Wulandari")
    card.locator("form", has=page.locator("button", has_text="Setujui")).locator(
        "button").click()
    page.wait_for_selector("text=status sekarang Aktif")
    page.screenshot(path=str(SHOTS / "applications-1280.png"), full_page=True)
    with scopes_disabled():
        member = Member.objects.get(nik="3404015708900001")
    assert member.status == Member.Status.ACTIVE and member.number == 4

    # The new member logs in on the phone and sees their own profile, nobody else's.
    login(applicant, base, "rina@contoh.id", "kopi-lereng-2026")
    click_menu(applicant, "Profil saya")
    text = applicant.inner_text("main")
    applicant.screenshot(path=str(SHOTS / "portal-360.png"), full_page=True)
    assert "Rina Wulandari" in text and "A-00004" in text and "+6281222334455" in text
    assert "Bambang Suryo" not in text
    assert applicant.locator("nav.mainnav >> text=Anggota").count() == 0
    width = applicant.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, "the member portal must fit a 360-pixel phone without sideways scroll"
    phone.close()
    board.close()
