"""The simulation page: the board changes percentages and weights and sees at once the
portions in rupiah and every member's amount (paged, searchable, and all of them in an
Excel); a split of 105 % is refused with its sum, the typed values kept."""

from io import BytesIO

import pytest
from django.urls import reverse
from django_scopes import scope
from openpyxl import load_workbook

from guyub.core.roles import Role
from guyub.finance.shu.models import ShuPlan
from guyub.testing import finance_plans as books
from guyub.testing import governance as world

YEAR = books.YEAR


@pytest.fixture
def members(coop):
    people = [world.member_with_login(coop, name) for name in ("Ani Lestari", "Budi Santoso")]
    for member, capital in zip(people, (1_000_000, 3_000_000), strict=True):
        books.capital_and_interest(coop, member, capital=capital, interest=200_000)
    books.book_year(coop)
    return people


@pytest.fixture
def url(coop):
    return reverse("finance:shu_simulate", args=[coop.slug, YEAR])


def split(coop, **changes):
    data = {field: str(getattr(coop, field)) for _k, field, _a in books.PORTIONS}
    data.update({f"weight_{k}": "1" for k in ("sales", "purchases", "contracts",
                                              "loan_interest", "asset_fees")})
    return {**data, **{k: str(v) for k, v in changes.items()}}


def test_the_simulation_shows_the_portions_and_every_members_amount(board_client, url,
                                                                   members):
    page = board_client.get(url).content.decode()
    assert "Ani Lestari" in page and "Budi Santoso" in page
    assert 'id="portions"' in page and "Simpan sebagai rencana" in page


def test_changing_the_split_changes_the_amounts_at_once(board_client, coop, url, members):
    usual = board_client.get(url, split(coop)).context["sim"]
    more = board_client.get(url, split(coop, shu_reserve_pct=20,
                                       shu_capital_pct=40)).context["sim"]
    modal = {r.member_id: r.jasa_modal for r in usual.rows}
    assert all(r.jasa_modal >= 2 * modal[r.member_id] - 1 for r in more.rows)
    assert sum(r.jasa_modal for r in more.rows) > sum(modal.values())


def test_a_split_of_105_percent_is_refused_with_the_sum_and_the_values_kept(
        board_client, coop, url, members):
    response = board_client.get(url, split(coop, shu_reserve_pct="45"))
    page = response.content.decode()
    assert response.status_code == 200 and response.context["sim"] is None
    assert "Pembagian SHU harus berjumlah tepat 100%; sekarang 105%." in page
    assert 'value="45' in page
    assert "Ani Lestari" not in page


@pytest.mark.parametrize("value", ["NaN", "-1", "1" + "0" * 30, "abc", "100.001"])
def test_nonsense_in_a_field_is_refused_not_a_500(board_client, coop, url, members, value):
    response = board_client.get(url, split(coop, weight_sales=value))
    assert response.status_code == 200 and response.context["sim"] is None


def test_search_finds_a_member_and_the_excel_has_them_all(board_client, coop, url, members):
    page = board_client.get(url, {**split(coop), "q": "budi"}).content.decode()
    assert "Budi Santoso" in page and "Ani Lestari" not in page
    excel = board_client.get(reverse("finance:shu_simulate_export", args=[coop.slug, YEAR]),
                             {**split(coop), "q": "budi"})
    rows = list(load_workbook(BytesIO(excel.content)).active.iter_rows(values_only=True))
    assert {r[1] for r in rows[1:]} == {"Ani Lestari", "Budi Santoso"}


def test_the_board_saves_the_simulation_as_a_draft_plan(board_client, coop, members):
    response = board_client.post(reverse("finance:shu_save_draft", args=[coop.slug, YEAR]),
                                 split(coop, shu_reserve_pct=35, shu_area_pct=5))
    with scope(cooperative=coop):
        plan = ShuPlan.objects.get()
    assert response["Location"] == reverse("finance:shu_plan", args=[coop.slug, plan.pk])
    assert {p["key"]: p["percent"] for p in plan.portions}["area"] == "5.00"


def test_a_105_percent_draft_is_not_saved(board_client, coop, members):
    board_client.post(reverse("finance:shu_save_draft", args=[coop.slug, YEAR]),
                      split(coop, shu_reserve_pct=45))
    with scope(cooperative=coop):
        assert not ShuPlan.objects.exists()


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.STAFF])
def test_other_officers_simulate_but_do_not_save(client, make_user, coop, url, members, role):
    client.force_login(make_user(coop, role))
    page = client.get(url).content.decode()
    assert "Budi Santoso" in page and "Simpan sebagai rencana" not in page
    assert client.post(reverse("finance:shu_save_draft", args=[coop.slug, YEAR]),
                       split(coop)).status_code == 403


def test_a_drafts_page_links_to_the_simulation_of_its_own_split(board_client, coop, members):
    saved = board_client.post(reverse("finance:shu_save_draft", args=[coop.slug, YEAR]),
                              split(coop, shu_reserve_pct=35, shu_area_pct=5))
    page = board_client.get(saved["Location"]).content.decode()
    link = page.split('href="')[1:]
    link = next(h.split('"')[0] for h in link if "simulasi/?" in h).replace("&amp;", "&")
    sim = board_client.get(link).context["sim"]
    assert {p.key: p.percent for p in sim.portions}["area"] == 5
