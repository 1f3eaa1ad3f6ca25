"""/api/v1/cooperatives/<slug>/ledger/…: accounts, trial balance and journal entries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.core.roles import Role
from guyub.core.services import issue_token
from guyub.ledger import services
from guyub.ledger.chart import TEMPLATE
from guyub.ledger.models import JournalEntry

pytestmark = pytest.mark.django_db

JAN, FEB, MAR = dt.date(2025, 1, 15), dt.date(2025, 2, 15), dt.date(2025, 3, 15)


def ledger_url(coop, what):
    return f"/api/v1/cooperatives/{coop.slug}/ledger/{what}"


@pytest.fixture
def bearer(client, coop, make_user):
    """GET with a Bearer token of a user holding `role` (board by default)."""

    def get(path, params=None, *, role=Role.BOARD, cooperative=None):
        cooperative = cooperative or coop
        user = make_user(cooperative, role)
        with scope(cooperative=cooperative):
            _token, key = issue_token(cooperative=cooperative, actor=user, user=user,
                                      name="Aplikasi akuntansi")
        return client.get(path, params or {}, HTTP_AUTHORIZATION=f"Bearer {key}")

    return get


@pytest.fixture
def books(post, member):
    post("cash", "simpanan_pokok", 100_000, date=JAN, member=member,
         description="Simpanan pokok Sri")
    post("cash", "simpanan_sukarela", 1_250_000, date=FEB, member=member,
         description="Setoran sukarela Sri")
    post("operating_expense", "cash", 75_000, date=MAR, description="Bayar listrik gudang")
    return member


def test_it_lists_the_chart_of_accounts(bearer, coop):
    response = bearer(ledger_url(coop, "accounts"))
    assert response.status_code == 200
    accounts = response.json()
    assert len(accounts) == len(TEMPLATE)
    assert accounts[0] | {"id": 0} == {"id": 0, "code": "1101", "name": "Kas", "type": "asset",
                                       "role": "cash"}


def test_the_trial_balance_totals_are_equal(bearer, coop, books):
    body = bearer(ledger_url(coop, "trial-balance"), {"as_of": "2025-03-31"}).json()
    assert body["as_of"] == "2025-03-31"
    assert Decimal(body["total_debit"]) == Decimal(body["total_credit"]) == 1_425_000
    rows = {r["account"]["role"]: r for r in body["rows"]}
    assert len(rows) == len(TEMPLATE)
    cash = rows["cash"]
    assert [Decimal(cash[k]) for k in ("debit", "credit", "balance")] == [
        1_350_000, 75_000, 1_275_000]
    assert Decimal(rows["simpanan_sukarela"]["balance"]) == 1_250_000


def test_the_trial_balance_is_read_at_the_date_asked(bearer, coop, books):
    body = bearer(ledger_url(coop, "trial-balance"), {"as_of": "2025-01-31"}).json()
    assert Decimal(body["total_debit"]) == Decimal(body["total_credit"]) == 100_000
    today = bearer(ledger_url(coop, "trial-balance")).json()
    assert today["as_of"] == timezone.localdate().isoformat()


def test_the_entries_come_with_their_lines_newest_first(bearer, coop, books, member):
    body = bearer(ledger_url(coop, "entries")).json()
    assert (body["count"], body["page"], body["pages"]) == (3, 1, 1)
    assert [e["description"] for e in body["items"]] == [
        "Bayar listrik gudang", "Setoran sukarela Sri", "Simpanan pokok Sri"]
    pokok = body["items"][2]
    assert (pokok["number"], pokok["date"], pokok["reverses_id"]) == (1, "2025-01-15", None)
    assert [(Decimal(ln["debit"]), Decimal(ln["credit"]), ln["member_id"])
            for ln in pokok["lines"]] == [(100_000, 0, member.pk), (0, 100_000, member.pk)]


def test_the_entries_filter_by_date_and_show_reversals(bearer, coop, board, books):
    with scope(cooperative=coop):
        original = JournalEntry.objects.get(number=3)
        services.reverse_entry(entry=original, date=MAR, reason="Salah", actor=board)
    body = bearer(ledger_url(coop, "entries"), {"start": "2025-03-01",
                                                "end": "2025-03-31"}).json()
    assert [(e["number"], e["reverses_id"]) for e in body["items"]] == [
        (4, original.pk), (3, None)]


def test_the_entries_come_in_pages_of_fifty(bearer, coop, post):
    for i in range(51):
        post("cash", "income_other", 1000 + i, date=JAN, description=f"Penjualan {i}")
    second = bearer(ledger_url(coop, "entries"), {"page": 2}).json()
    assert (second["count"], second["page"], second["pages"]) == (51, 2, 2)
    assert [e["description"] for e in second["items"]] == ["Penjualan 0"]


@pytest.mark.parametrize("what, params, field", [
    ("trial-balance", {"as_of": "31-03-2025"}, "as_of"),
    ("entries", {"start": "kemarin"}, "start"),
    ("entries", {"page": 0}, "page"),
])
def test_bad_parameters_get_422_with_the_field_named(bearer, coop, what, params, field):
    response = bearer(ledger_url(coop, what), params)
    assert response.status_code == 422
    assert list(response.json()["errors"]) == [field]


@pytest.mark.parametrize("role", [Role.MEMBER, Role.BUYER, Role.SUPPLIER])
@pytest.mark.parametrize("what", ["accounts", "trial-balance", "entries"])
def test_members_buyers_and_suppliers_are_refused(bearer, coop, books, role, what):
    assert bearer(ledger_url(coop, what), role=role).status_code == 403


def test_a_supervisor_reads_the_books(bearer, coop, books):
    assert bearer(ledger_url(coop, "trial-balance"), role=Role.SUPERVISOR).status_code == 200


def test_a_token_of_another_cooperative_finds_nothing(bearer, coop, other_coop, books):
    response = bearer(ledger_url(coop, "trial-balance"), cooperative=other_coop)
    assert response.status_code == 404


def test_without_a_token_the_books_are_closed(client, coop, books):
    assert client.get(ledger_url(coop, "entries")).status_code == 401
