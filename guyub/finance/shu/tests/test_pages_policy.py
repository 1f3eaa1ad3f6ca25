"""The SHU policy page: the board sets the portions and the by-laws' choices (a split
that does not add up to 100 % is refused with its sum, the typed values kept); the
pengawas and staff read it; a member does not see it."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scope

from guyub.core.models import AuditLog, Cooperative
from guyub.core.roles import Role
from guyub.finance.shu.models import ShuPolicy
from guyub.testing import finance_plans as books

D = Decimal


@pytest.fixture
def url(coop):
    return reverse("finance:shu_policy", args=[coop.slug])


def client_as(client, make_user, coop, role):
    client.force_login(make_user(coop, role))
    return client


def test_a_split_of_105_percent_is_refused_with_its_sum_and_the_values_kept(
        board_client, coop, url):
    data = books.policy_form_data(coop, shu_reserve_pct="45", name_reserve="Cadangan umum")
    response = board_client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Pembagian SHU harus berjumlah tepat 100%; sekarang 105%." in page
    assert 'value="45' in page and 'value="Cadangan umum"' in page
    coop.refresh_from_db()
    assert coop.shu_reserve_pct == D(40)
    with scope(cooperative=coop):
        assert not ShuPolicy.objects.exists()


def test_the_board_saves_the_split_on_the_cooperative_and_the_policy(board_client, coop, url):
    data = books.policy_form_data(coop, shu_reserve_pct="35", shu_area_pct="5",
                                  name_area="Dana pembangunan desa", weight_sales="0.5",
                                  non_member_to="social_fund", unclaimed_months="24",
                                  unclaimed_to="income_other", capital_includes_sukarela="on")
    response = board_client.post(url, data)
    assert response.status_code == 302
    coop = Cooperative.objects.get(pk=coop.pk)
    assert (coop.shu_reserve_pct, coop.shu_area_pct) == (D(35), D(5))
    with scope(cooperative=coop):
        policy = ShuPolicy.objects.get()
        assert policy.portion_names == {"area": "Dana pembangunan desa"}
        assert (policy.weight_sales, policy.non_member_to, policy.unclaimed_months,
                policy.unclaimed_to, policy.capital_includes_sukarela) == (
            D("0.5"), "social_fund", 24, "income_other", True)
        audit = AuditLog.objects.get(action="shu.policy_saved")
        assert audit.data["changes"]["reserve"] == ["40%", "35%"]
    assert "Dana pembangunan desa" in board_client.get(url).content.decode()


@pytest.mark.parametrize("field, value", [
    ("weight_sales", "-1"), ("weight_sales", "100.01"), ("weight_sales", "0.001"),
    ("unclaimed_months", "0"), ("unclaimed_months", "121"), ("market_loan_rate", "NaN"),
    ("shu_board_pct", "-5"), ("name_board", "x" * 61), ("non_member_to", "income_other"),
])
def test_values_out_of_range_are_refused_and_nothing_is_saved(board_client, coop, url,
                                                              field, value):
    response = board_client.post(url, books.policy_form_data(coop, **{field: value}))
    assert response.status_code == 200
    with scope(cooperative=coop):
        assert not ShuPolicy.objects.exists()


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.STAFF])
def test_officers_read_the_policy_but_only_the_board_changes_it(client, make_user, coop, url,
                                                                 role):
    reader = client_as(client, make_user, coop, role)
    page = reader.get(url)
    assert page.status_code == 200
    assert "<form method=\"post\"" not in page.content.decode()
    assert "disabled" in page.content.decode()
    assert reader.post(url, books.policy_form_data(coop, shu_reserve_pct="35",
                                                   shu_area_pct="5")).status_code == 403
    coop.refresh_from_db()
    assert coop.shu_reserve_pct == D(40)


def test_a_member_does_not_see_the_policy(client, make_user, coop, url):
    assert client_as(client, make_user, coop, Role.MEMBER).get(url).status_code == 403
