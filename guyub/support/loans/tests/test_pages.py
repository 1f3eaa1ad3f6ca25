"""The loan pages as people use them: officers list, filter and act on loans; a member
applies with a preview, sees only their own loans and pays an instalment from sukarela."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from guyub.core.roles import Role
from guyub.support.loans import selectors
from guyub.support.loans.models import Loan, LoanSettings
from guyub.testing import loans as world
from guyub.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db


def url(coop, name, *args):
    return reverse(f"support:{name}", args=[coop.slug, *args])


def test_member_previews_the_schedule_then_applies(client, coop, member, member_user):
    client.force_login(member_user)
    page = client.get(url(coop, "my_loan_apply"))
    assert "Rp6.000.000" in page.content.decode()  # their ceiling
    data = {"amount": "3.000.000", "term_months": "3", "method": "declining",
            "purpose": "Beli bahan baku"}
    preview = client.post(url(coop, "my_loan_apply"), {**data, "preview": "1"})
    assert preview.status_code == 200 and 'id="preview"' in preview.content.decode()
    with scope(cooperative=coop):
        assert not Loan.objects.exists()
    sent = client.post(url(coop, "my_loan_apply"), {**data, "send": "1"})
    with scope(cooperative=coop):
        loan = Loan.objects.get()
    assert sent.status_code == 302 and sent.url == url(coop, "my_loan", loan.pk)
    assert loan.entered_by == member_user and loan.amount == 3_000_000


def test_over_the_ceiling_is_a_form_error(client, coop, member, member_user):
    client.force_login(member_user)
    page = client.post(url(coop, "my_loan_apply"), {
        "amount": "9.000.000", "term_months": "3", "method": "flat", "purpose": "x",
        "send": "1"})
    assert page.status_code == 200 and "plafon" in page.content.decode()


def test_member_sees_only_their_own_loans(client, coop, member, member_user):
    other = MemberFactory(cooperative=coop)
    world.save(other, 1_000_000)
    theirs = world.running(other, 1_000_000)
    mine = world.running(member, 1_000_000)
    client.force_login(member_user)
    listing = client.get(url(coop, "my_loans")).content.decode()
    assert mine.display_number in listing and theirs.display_number not in listing
    assert client.get(url(coop, "my_loan", theirs.pk)).status_code == 404
    assert client.get(url(coop, "loan_statement", theirs.pk)).status_code == 404
    with scope(cooperative=coop):
        their_row = selectors.next_due(theirs)
    assert client.post(url(coop, "my_instalment_pay", their_row.pk)).status_code == 404
    assert client.get(url(coop, "loans")).status_code == 403
    statement = client.get(url(coop, "loan_statement", mine.pk))
    assert statement.status_code == 200 and statement["Content-Type"] == "application/pdf"


def test_member_pays_the_next_instalment_from_sukarela(client, coop, member, member_user):
    loan = world.running(member, 1_000_000)
    client.force_login(member_user)
    with scope(cooperative=coop):
        row = selectors.next_due(loan)
    client.post(url(coop, "my_instalment_pay", row.pk))
    client.post(url(coop, "my_instalment_pay", row.pk))  # a double submit pays once
    with scope(cooperative=coop):
        row.refresh_from_db()
        assert row.status == "paid" and loan.repayments.count() == 1
    page = client.get(url(coop, "my_loan", loan.pk)).content.decode()
    assert "Lunas" in page


def test_board_approves_and_staff_disburses(client, coop, member, board, staff):
    loan = world.applied(member, 2_000_000)
    client.force_login(staff)
    client.post(url(coop, "loan_assess", loan.pk), {"note": "Usaha lancar"})
    assert client.post(url(coop, "loan_decide", loan.pk),
                       {"decision": "approve"}).status_code == 403
    client.force_login(board)
    detail = client.get(url(coop, "loan", loan.pk)).content.decode()
    assert "Usaha lancar" in detail and 'id="decide"' in detail
    client.post(url(coop, "loan_decide", loan.pk), {"decision": "approve"})
    client.force_login(staff)
    response = client.post(url(coop, "loan_disburse", loan.pk), {
        "date": timezone.localdate().isoformat(), "via": "cash"})
    assert response.status_code == 302
    loan.refresh_from_db()
    assert loan.status == "active"
    detail = client.get(url(coop, "loan", loan.pk)).content.decode()
    assert 'id="schedule"' in detail and "Catat pembayaran" in detail


def test_board_restructures_from_the_page(client, coop, member, board):
    loan = world.running(member, 1_200_000)
    client.force_login(board)
    first_due = timezone.localdate() + dt.timedelta(days=30)
    response = client.post(url(coop, "loan_restructure", loan.pk), {
        "term_months": "12", "monthly_rate_pct": "1", "method": "flat",
        "first_due": first_due.isoformat(), "reason": "Gagal panen"})
    assert response.status_code == 302
    page = client.get(url(coop, "loan", loan.pk)).content.decode()
    assert 'id="superseded"' in page and "Gagal panen" in page


def test_list_filters_by_collectibility_and_portfolio_sums(client, coop, member, board):
    late = world.running(member, 1_000_000, on=timezone.localdate() - dt.timedelta(days=150))
    client.force_login(board)
    macet_or_not = client.get(url(coop, "loans") + "?grade=diragukan").content.decode()
    assert late.display_number in macet_or_not  # oldest unpaid due 120 days ago
    assert late.display_number not in client.get(url(coop, "loans") + "?grade=lancar") \
        .content.decode()
    with scope(cooperative=coop):
        rows = {r.grade: r for r in selectors.portfolio(coop, as_of=timezone.localdate(),
                                                         grace_days=7)}
    assert rows["diragukan"].loans == 1 and rows["diragukan"].outstanding == 1_000_000
    assert rows["lancar"].loans == 0
    assert client.get(url(coop, "loan_portfolio")).status_code == 200


def test_board_saves_the_limits(client, coop, board, make_user):
    client.force_login(board)
    response = client.post(url(coop, "loan_settings"), {
        "ceiling_multiple": "2,5", "max_term_months": "36", "monthly_rate_pct": "1.25",
        "default_method": "flat", "grace_days": "5"})
    assert response.status_code in (200, 302)
    client.post(url(coop, "loan_settings"), {
        "ceiling_multiple": "2.5", "max_term_months": "36", "monthly_rate_pct": "1.25",
        "default_method": "flat", "grace_days": "5"})
    with scope(cooperative=coop):
        limits = LoanSettings.objects.get()
    assert (limits.ceiling_multiple, limits.max_term_months) == (Decimal("2.5"), 36)
    client.force_login(make_user(coop, Role.STAFF))
    assert client.get(url(coop, "loan_settings")).status_code == 403


def test_officer_opens_any_statement_and_the_portfolio(client, coop, member, make_user):
    loan = world.running(member, 1_000_000)
    client.force_login(make_user(coop, Role.SUPERVISOR))  # oversight: reads, no actions
    statement = client.get(url(coop, "loan_statement", loan.pk))
    assert statement.status_code == 200 and statement["Content-Type"] == "application/pdf"
    detail = client.get(url(coop, "loan", loan.pk)).content.decode()
    assert "Catat pembayaran" not in detail and "Restrukturisasi" not in detail
    portfolio = client.get(url(coop, "loan_portfolio")).content.decode()
    assert "Rp1.000.000" in portfolio
