"""The board's SHU pages over a plan: the years, the plan with its members' shares, the
posting from its page; who may do what (the pengawas reads, staff cannot post, a member
does not see the board's pages)."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scope

from guyub.core.roles import Role
from guyub.finance.shu.models import ShuPlan
from guyub.testing import finance_plans as books
from guyub.testing import governance as world


@pytest.fixture
def members(coop):
    return [world.member_with_login(coop, name) for name in ("Ani Lestari", "Budi Santoso")]


@pytest.fixture
def plan(coop, board, members):
    books.book_year(coop)
    books.close_year(coop, board)
    return books.proposed_plan(coop, [(members[0], 1_000_000, 2_000_000),
                                      (members[1], 3_000_000, 1_000_000)])


def as_role(client, make_user, coop, role):
    client.force_login(make_user(coop, role))
    return client


def url(name, coop, *args):
    return reverse(f"finance:{name}", args=[coop.slug, *args])


def test_the_home_shows_each_year_with_its_result_plans_and_decision(
        board_client, coop, board, members, plan):
    decision = books.rat_decision(coop, board, members)
    page = board_client.get(url("shu", coop)).content.decode()
    assert "Tahun buku 2025" in page and "Rp20.000.000" in page and "Rp5.000.000" in page
    assert url("shu_plan", coop, plan.pk) in page and "Diajukan ke RAT" in page
    assert decision.number in page


def test_the_plan_page_lists_every_members_share_and_finds_one_by_name(
        board_client, coop, plan):
    page = board_client.get(url("shu_plan", coop, plan.pk)).content.decode()
    with scope(cooperative=coop):
        shares = list(plan.shares.select_related("member"))
    for share in shares:
        assert share.member.owner_name in page
    found = board_client.get(url("shu_plan", coop, plan.pk), {"q": "budi"}).content.decode()
    assert "Budi Santoso" in found and "Ani Lestari" not in found
    assert "Bukukan SHU" in page


def test_the_board_posts_from_the_plan_page_once_the_rat_approved(
        board_client, coop, board, members, plan):
    response = board_client.post(url("shu_plan_post", coop, plan.pk), {"date": "2026-03-01"})
    assert response.status_code == 302
    page = board_client.get(response["Location"]).content.decode()
    assert "RAT belum menyetujui" in page
    books.rat_decision(coop, board, members)
    board_client.post(url("shu_plan_post", coop, plan.pk), {"date": "2026-03-01"})
    with scope(cooperative=coop):
        plan.refresh_from_db()
    assert plan.status == ShuPlan.Status.POSTED and plan.entry.date == dt.date(2026, 3, 1)
    page = board_client.get(url("shu_plan", coop, plan.pk)).content.decode()
    assert "Bukukan SHU" not in page and plan.decision.number in page


@pytest.mark.parametrize("date", ["2026-02-30", "", "99999-01-01", "2025-06-01"])
def test_a_bad_posting_date_is_refused_and_nothing_posts(board_client, coop, board, members,
                                                          plan, date):
    books.rat_decision(coop, board, members)
    response = board_client.post(url("shu_plan_post", coop, plan.pk), {"date": date})
    assert response.status_code == 302
    with scope(cooperative=coop):
        plan.refresh_from_db()
    assert plan.status == ShuPlan.Status.PROPOSED


def test_the_pengawas_reads_everything_and_changes_nothing(client, make_user, coop, board,
                                                           members, plan):
    books.rat_decision(coop, board, members)
    pengawas = as_role(client, make_user, coop, Role.SUPERVISOR)
    for name, args in (("shu", ()), ("shu_policy", ()), ("shu_plan", (plan.pk,))):
        assert pengawas.get(url(name, coop, *args)).status_code == 200
    page = pengawas.get(url("shu_plan", coop, plan.pk)).content.decode()
    assert "Bukukan SHU" not in page and "Tarik rencana" not in page
    for name in ("shu_plan_post", "shu_plan_withdraw", "shu_plan_propose"):
        assert pengawas.post(url(name, coop, plan.pk), {"date": "2026-03-01"}).status_code == 403
    assert pengawas.post(url("shu_save_draft", coop, 2025)).status_code == 403
    with scope(cooperative=coop):
        plan.refresh_from_db()
    assert plan.status == ShuPlan.Status.PROPOSED


def test_staff_cannot_post_the_shu(client, make_user, coop, board, members, plan):
    books.rat_decision(coop, board, members)
    staff = as_role(client, make_user, coop, Role.STAFF)
    assert staff.post(url("shu_plan_post", coop, plan.pk),
                      {"date": "2026-03-01"}).status_code == 403
    with scope(cooperative=coop):
        plan.refresh_from_db()
    assert plan.status == ShuPlan.Status.PROPOSED


def test_a_member_is_refused_the_boards_pages(client, make_user, coop, plan):
    member = as_role(client, make_user, coop, Role.MEMBER)
    for name, args in (("shu", ()), ("shu_plan", (plan.pk,)), ("shu_simulate", (2025,))):
        assert member.get(url(name, coop, *args)).status_code == 403


def test_the_board_withdraws_a_proposal(board_client, coop, plan):
    board_client.post(url("shu_plan_withdraw", coop, plan.pk))
    with scope(cooperative=coop):
        plan.refresh_from_db()
    assert plan.status == ShuPlan.Status.WITHDRAWN
    again = board_client.post(url("shu_plan_withdraw", coop, plan.pk))
    assert "sudah ditarik" in board_client.get(again["Location"]).content.decode()


def test_the_plans_excel_has_a_row_per_member(board_client, coop, plan):
    from io import BytesIO

    from openpyxl import load_workbook

    response = board_client.get(url("shu_plan_export", coop, plan.pk))
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Nomor" and len(rows) == 3
    assert sum(r[-1] for r in rows[1:]) == sum(r[-3] + r[-2] for r in rows[1:])


def test_the_proposal_pdf_is_for_the_rats_documents(board_client, coop, plan):
    response = board_client.get(url("shu_plan_pdf", coop, plan.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
