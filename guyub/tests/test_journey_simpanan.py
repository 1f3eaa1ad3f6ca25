"""Browser journey: the board records a simpanan wajib payment, finds it in the trial
balance and the account ledger; the member logs in and sees the new balance."""

import datetime as dt
import re

import pytest
from django_scopes import scope

from guyub.core.roles import Role
from guyub.members import services
from guyub.testing.browser import click_menu
from guyub.testing.factories import CooperativeFactory, CoopRoleFactory, MemberFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-uji-123"


def login(page, base, username):
    page.goto(f"{base}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_board_records_wajib_and_member_sees_new_balance(live_server, browser):
    base = live_server.url
    coop = CooperativeFactory(name="Koperasi Produsen Batik Sleman", slug="batik")
    board = UserFactory(username="bendahara@batik.id")
    CoopRoleFactory(user=board, cooperative=coop, role=Role.BOARD)
    member_user = UserFactory(username="sari@batik.id")
    applicant = MemberFactory(cooperative=coop, owner_name="Sari Handayani", number=None,
                              status="applicant", user=member_user, business_name="Batik Sari")
    with scope(cooperative=coop):
        member = services.change_status(member=applicant, actor=board, to_status="active",
                                        date=dt.date.today(), method="cash")

    page = browser.new_context(locale="id-ID").new_page()
    login(page, base, "bendahara@batik.id")
    page.goto(f"{base}/k/batik/anggota/{member.pk}/")
    page.fill("#id_wajib-months", "3")
    page.click("#form-wajib button[type=submit]")
    page.wait_for_selector("text=tercatat")
    assert page.inner_text("#balance-wajib") == "Rp75.000"

    click_menu(page, "Buku besar")
    page.wait_for_url(re.compile(r"/buku-besar/neraca-saldo/"))
    table = page.inner_text("#trial-balance")
    assert "Simpanan wajib" in table and "Rp75.000" in table
    assert page.inner_text("#total-debit") == page.inner_text("#total-credit")

    page.click("#trial-balance >> text=Simpanan wajib")
    ledger = page.inner_text("#account-ledger")
    assert "Sari Handayani" in ledger and "Rp75.000" in ledger

    member_page = browser.new_context(locale="id-ID",
                                      viewport={"width": 360, "height": 780}).new_page()
    login(member_page, base, "sari@batik.id")
    click_menu(member_page, "Profil saya")
    assert member_page.inner_text("#balance-wajib") == "Rp75.000"
    assert member_page.inner_text("#balance-pokok") == "Rp100.000"
    assert "Simpanan wajib (3 bln)" in member_page.inner_text("#simpanan-history")
