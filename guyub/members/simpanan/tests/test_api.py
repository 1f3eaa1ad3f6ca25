"""/api/v1/cooperatives/<slug>/members/<id>/simpanan and /me/simpanan."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core.roles import Role
from guyub.core.services import issue_token
from guyub.ledger.models import JournalEntry
from guyub.members.models import Member, SimpananTransaction
from guyub.members.simpanan import services as simpanan
from guyub.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 30)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


@pytest.fixture
def member(coop):
    return MemberFactory(cooperative=coop, owner_name="Sri Wahyuni",
                         join_date=dt.date(2025, 3, 5))


class Api:
    """The test client speaking JSON with a Bearer token."""

    def __init__(self, client, key):
        self.client, self.headers = client, {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def get(self, path):
        return self.client.get(path, **self.headers)

    def post(self, path, body, content_type="application/json"):
        return self.client.post(path, body, content_type=content_type, **self.headers)


@pytest.fixture
def api_as(client, coop, make_user):
    def make(role=Role.BOARD, user=None):
        user = user or make_user(coop, role)
        with scope(cooperative=coop):
            _token, key = issue_token(cooperative=coop, actor=user, user=user,
                                      name="Aplikasi kasir")
        return Api(client, key)

    return make


@pytest.fixture
def api(api_as):
    return api_as(Role.BOARD)


def simpanan_url(coop, member):
    return f"/api/v1/cooperatives/{coop.slug}/members/{member.pk}/simpanan"


def rows(coop):
    with scopes_disabled():
        return (SimpananTransaction.objects.filter(cooperative=coop).count(),
                JournalEntry.objects.filter(cooperative=coop).count())


def deposit(member, amount, date=dt.date(2025, 4, 1)):
    with scope(cooperative=member.cooperative):
        return simpanan.deposit_sukarela(member=member, actor=None, date=date, amount=amount)


# --- reading -----------------------------------------------------------------------------

def test_it_reads_balances_arrears_and_transactions(api, coop, member):
    deposit(member, 1_250_000)
    with scope(cooperative=coop):
        simpanan.pay_wajib(member=member, actor=None, date=dt.date(2025, 4, 2), months=2)
    response = api.get(simpanan_url(coop, member))
    assert response.status_code == 200
    body = response.json()
    assert body["member_id"] == member.pk
    assert [Decimal(body[k]) for k in ("pokok", "wajib", "sukarela")] == [0, 50_000, 1_250_000]
    assert (body["arrears_months"], Decimal(body["arrears_amount"])) == (2, 50_000)
    wajib, setoran = body["transactions"]
    assert (wajib["receipt"], wajib["kind"], wajib["type"], wajib["months"]) == (
        "BS-000002", "wajib", "deposit", 2)
    assert (setoran["receipt"], Decimal(setoran["amount"]), setoran["date"]) == (
        "BS-000001", 1_250_000, "2025-04-01")
    with scopes_disabled():
        assert setoran["journal_entry"] == SimpananTransaction.objects.get(
            receipt_number=1).entry_id


@pytest.mark.parametrize("role, status", [(Role.SUPERVISOR, 200), (Role.STAFF, 200),
                                          (Role.MEMBER, 403), (Role.BUYER, 403),
                                          (Role.SUPPLIER, 403)])
def test_officers_read_a_member_s_simpanan(api_as, coop, member, role, status):
    assert api_as(role).get(simpanan_url(coop, member)).status_code == status


def test_a_member_of_another_cooperative_is_not_found(api, coop, other_coop):
    stranger = MemberFactory(cooperative=other_coop)
    assert api.get(simpanan_url(coop, stranger)).status_code == 404


# --- recording ---------------------------------------------------------------------------

def test_it_records_wajib_for_several_months(api, coop, member):
    response = api.post(simpanan_url(coop, member), {
        "action": "wajib", "date": "2025-06-02", "months": 3, "method": "bank"})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["kind"], body["type"], Decimal(body["amount"]), body["months"],
            body["method"], body["receipt"]) == ("wajib", "deposit", 75_000, 3, "bank",
                                                 "BS-000001")
    assert body["journal_entry"] is not None
    assert rows(coop) == (1, 1)


def test_it_records_a_sukarela_deposit_and_withdrawal(api, coop, member):
    deposited = api.post(simpanan_url(coop, member), {
        "action": "deposit_sukarela", "date": "2025-06-02", "amount": "1250000",
        "note": "Hasil panen"})
    withdrawn = api.post(simpanan_url(coop, member), {
        "action": "withdraw_sukarela", "date": "2025-06-03", "amount": 250000})
    assert (deposited.status_code, withdrawn.status_code) == (201, 201)
    assert (withdrawn.json()["type"], Decimal(withdrawn.json()["amount"])) == (
        "withdrawal", 250_000)
    body = api.get(simpanan_url(coop, member)).json()
    assert Decimal(body["sukarela"]) == 1_000_000


@pytest.mark.parametrize("body, field", [
    ({"action": "tarik_pokok", "date": "2025-06-02", "amount": 1000}, "action"),
    ({"action": "wajib", "months": 1}, "date"),
    ({"action": "wajib", "date": "kemarin", "months": 1}, "date"),
    ({"action": "wajib", "date": "2025-07-01", "months": 1}, "date"),
    ({"action": "wajib", "date": "2025-06-02"}, "months"),
    ({"action": "wajib", "date": "2025-06-02", "months": 0}, "months"),
    ({"action": "wajib", "date": "2025-06-02", "months": 61}, "months"),
    ({"action": "wajib", "date": "2025-06-02", "months": "tiga"}, "months"),
    ({"action": "wajib", "date": "2025-06-02", "months": 10**30}, "months"),
    ({"action": "wajib", "date": "2025-06-02", "months": 1, "method": "cek"}, "method"),
    ({"action": "deposit_sukarela", "date": "2025-06-02"}, "amount"),
    ({"action": "deposit_sukarela", "date": "2025-06-02", "amount": 0}, "amount"),
    ({"action": "deposit_sukarela", "date": "2025-06-02", "amount": -1000}, "amount"),
    ({"action": "deposit_sukarela", "date": "2025-06-02", "amount": "1000.5"}, "amount"),
    ({"action": "deposit_sukarela", "date": "2025-06-02", "amount": "sejuta"}, "amount"),
    ({"action": "deposit_sukarela", "date": "2025-06-02", "amount": "NaN"}, "amount"),
    ({"action": "deposit_sukarela", "date": "2025-06-02", "amount": "Infinity"}, "amount"),
    ({"action": "deposit_sukarela", "date": "2025-06-02", "amount": 10**15}, "amount"),
    ({"action": "withdraw_sukarela", "date": "2025-06-02", "amount": "1" * 40}, "amount"),
    ({"action": "deposit_sukarela", "date": "2025-06-02", "amount": 1000, "note": "x" * 201},
     "note"),
])
def test_bad_input_gets_422_naming_the_field_and_saves_nothing(api, coop, member, body,
                                                               field):
    response = api.post(simpanan_url(coop, member), body)
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert list(errors) == [field] and all(errors[field])
    assert rows(coop) == (0, 0)


def test_a_body_that_is_not_json_gets_a_4xx(api, coop, member):
    response = api.post(simpanan_url(coop, member), "action=wajib&months=1",
                        content_type="application/x-www-form-urlencoded")
    assert 400 <= response.status_code < 500


def test_a_withdrawal_above_the_balance_gets_400_naming_the_balance(api, coop, member):
    deposit(member, 50_000)
    response = api.post(simpanan_url(coop, member), {
        "action": "withdraw_sukarela", "date": "2025-06-02", "amount": 50_001})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Saldo simpanan sukarela tidak cukup: saldo Rp50.000, diminta Rp50.001.",
        "errors": {"amount": ["Saldo simpanan sukarela tidak cukup: saldo Rp50.000, "
                              "diminta Rp50.001."]}}
    assert rows(coop) == (1, 1)


def test_a_member_who_left_gets_400(api, coop):
    gone = MemberFactory(cooperative=coop, status=Member.Status.EXITED)
    response = api.post(simpanan_url(coop, gone), {
        "action": "deposit_sukarela", "date": "2025-06-02", "amount": 1000})
    assert response.status_code == 400
    assert response.json()["detail"] == "Hanya anggota aktif yang dapat bertransaksi simpanan."


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.MEMBER, Role.BUYER, Role.SUPPLIER])
def test_only_board_and_staff_record(api_as, coop, member, role):
    response = api_as(role).post(simpanan_url(coop, member), {
        "action": "deposit_sukarela", "date": "2025-06-02", "amount": 1000})
    assert response.status_code == 403
    assert rows(coop) == (0, 0)


def test_staff_record(api_as, coop, member):
    response = api_as(Role.STAFF).post(simpanan_url(coop, member), {
        "action": "wajib", "date": "2025-06-02", "months": 1})
    assert response.status_code == 201


# --- the member's own simpanan -----------------------------------------------------------

def me_url(coop):
    return f"/api/v1/cooperatives/{coop.slug}/me/simpanan"


def test_a_member_reads_their_own_simpanan(api_as, coop, member, make_user):
    user = make_user(coop, Role.MEMBER)
    with scopes_disabled():
        Member.objects.filter(pk=member.pk).update(user=user)
    deposit(member, 1_250_000)
    deposit(MemberFactory(cooperative=coop), 9_900_000)
    response = api_as(user=user).get(me_url(coop))
    assert response.status_code == 200
    body = response.json()
    assert (body["member_id"], Decimal(body["sukarela"])) == (member.pk, 1_250_000)
    assert body["arrears_months"] == 4
    assert [t["receipt"] for t in body["transactions"]] == ["BS-000001"]


def test_my_simpanan_is_for_members_only(api_as, coop):
    assert api_as(Role.BOARD).get(me_url(coop)).status_code == 403


def test_a_member_role_without_a_member_record_gets_404(api_as, coop):
    assert api_as(Role.MEMBER).get(me_url(coop)).status_code == 404
