"""Member lifecycle, numbering, roles and the records every change leaves."""

import datetime as dt
import threading

import pytest
from django.contrib.auth import authenticate
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core.errors import DomainError
from guyub.core.models import AuditLog, CoopRole
from guyub.core.roles import Role
from guyub.members import services
from guyub.members.models import Member, StatusChange

pytestmark = pytest.mark.django_db

APPLICANT = Member.Status.APPLICANT
ACTIVE = Member.Status.ACTIVE
TODAY = dt.date(2025, 3, 3)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    # One fixed "today" so dates are reproducible; the services ask timezone.localdate().
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


@pytest.fixture
def apply(coop, profile):
    """Submit an application in `coop`; each one gets its own NIK and email."""
    count = iter(range(1, 1000))

    def submit(cooperative=None, **overrides):
        n = next(count)
        data = {**profile, "nik": f"3404016506900{n:03d}", "email": f"pemohon{n}@contoh.id",
                **overrides}
        cooperative = cooperative or coop
        with scope(cooperative=cooperative):
            return services.submit_application(cooperative=cooperative, profile=data,
                                               password="Kopi-Sleman-2025")

    return submit


def move(member, to_status, actor, *, date=TODAY, reason=""):
    with scope(cooperative=member.cooperative):
        return services.change_status(member=member, actor=actor, to_status=to_status,
                                      date=date, reason=reason)


def approve(member, actor):
    return move(member, ACTIVE, actor)


def roles(user, cooperative):
    return CoopRole.objects.roles_of(user, cooperative)


# --- applications -----------------------------------------------------------------

def test_an_application_creates_a_user_whose_password_works(apply):
    member = apply(email="budi@contoh.id", owner_name="Budi Santoso")
    assert member.status == APPLICANT
    assert member.number is None
    assert member.user.username == "budi@contoh.id"
    assert member.user.first_name == "Budi Santoso"
    # APPLICANT login always comes with its request (the lockout counts by its address).
    login = RequestFactory().post("/masuk/")
    assert authenticate(login, username="budi@contoh.id", password="Kopi-Sleman-2025") == \
        member.user
    assert authenticate(login, username="budi@contoh.id", password="salah") is None


def test_an_applicant_gets_no_role_before_approval(apply, coop):
    member = apply()
    assert roles(member.user, coop) == set()


def test_an_application_is_recorded_in_history_and_audit_log(apply, coop):
    member = apply()
    with scopes_disabled():
        change = StatusChange.objects.get(member=member)
        entry = AuditLog.objects.get(cooperative=coop)
    assert (change.from_status, change.to_status, change.actor) == ("", APPLICANT, member.user)
    assert (entry.action, entry.object_id, entry.actor) == ("member.applied", str(member.pk),
                                                            member.user)


def test_a_user_cannot_apply_twice_while_the_first_application_is_open(apply, coop, profile):
    first = apply()
    with scope(cooperative=coop), pytest.raises(DomainError):
        services.submit_application(cooperative=coop, user=first.user,
                                    profile={**profile, "nik": "3404015703809999"})


def test_a_rejected_applicant_may_apply_again_with_the_same_account(apply, coop, board,
                                                                    profile):
    first = apply()
    move(first, Member.Status.REJECTED, board, reason="Data usaha belum lengkap")
    with scope(cooperative=coop):
        again = services.submit_application(cooperative=coop, user=first.user,
                                            profile={**profile, "nik": "3404015703809999"})
    assert again.user == first.user and again.status == APPLICANT


# --- member numbers -----------------------------------------------------------------

def test_approval_numbers_members_one_after_another(apply, board):
    numbers = [approve(apply(), board).number for _ in range(3)]
    assert numbers == [1, 2, 3]


def test_a_number_is_never_reused_after_a_member_leaves(apply, board):
    first, second = approve(apply(), board), approve(apply(), board)
    move(second, Member.Status.EXITED, board)
    move(first, Member.Status.EXPELLED, board, reason="Tidak membayar simpanan wajib")
    third = approve(apply(), board)
    assert third.number == 3
    second.refresh_from_db()
    assert second.number == 2  # a member who left keeps their number in the register


def test_each_cooperative_counts_its_own_member_numbers(apply, coop, other_coop, board,
                                                        make_user):
    other_board = make_user(other_coop, Role.BOARD)
    assert approve(apply(), board).number == 1
    assert approve(apply(other_coop), other_board).number == 1
    assert approve(apply(), board).number == 2
    assert approve(apply(other_coop), other_board).number == 2
    coop.refresh_from_db()
    other_coop.refresh_from_db()
    assert (coop.last_member_number, other_coop.last_member_number) == (2, 2)


def test_registering_a_paper_member_takes_the_next_number_too(apply, coop, board, profile):
    approve(apply(), board)
    with scope(cooperative=coop):
        member = services.register_member(cooperative=coop, actor=board, profile=profile,
                                          join_date=dt.date(2019, 7, 1))
    assert (member.status, member.number, member.join_date) == (ACTIVE, 2, dt.date(2019, 7, 1))
    assert approve(apply(), board).number == 3


def test_registering_without_a_date_joins_today(coop, board, profile):
    with scope(cooperative=coop):
        member = services.register_member(cooperative=coop, actor=board, profile=profile)
    assert member.join_date == TODAY


# --- lifecycle ----------------------------------------------------------------------

ALLOWED = [
    (APPLICANT, ACTIVE), (APPLICANT, Member.Status.REJECTED),
    (ACTIVE, Member.Status.EXITED), (ACTIVE, Member.Status.EXPELLED),
]
REFUSED = [
    (APPLICANT, APPLICANT), (APPLICANT, Member.Status.EXITED), (APPLICANT, Member.Status.EXPELLED),
    (ACTIVE, ACTIVE), (ACTIVE, APPLICANT), (ACTIVE, Member.Status.REJECTED),
    (Member.Status.REJECTED, ACTIVE), (Member.Status.REJECTED, APPLICANT),
    (Member.Status.EXITED, ACTIVE), (Member.Status.EXITED, Member.Status.EXPELLED),
    (Member.Status.EXPELLED, ACTIVE), (Member.Status.EXPELLED, Member.Status.EXITED),
]


@pytest.mark.parametrize("from_status, to_status", ALLOWED)
def test_the_lifecycle_allows_its_steps(make_member, board, from_status, to_status):
    member = make_member(status=from_status)
    changed = move(member, to_status, board, reason="Sesuai keputusan rapat pengurus")
    assert changed.status == to_status


@pytest.mark.parametrize("from_status, to_status", REFUSED)
def test_the_lifecycle_refuses_any_other_step(make_member, board, from_status, to_status):
    member = make_member(status=from_status)
    with pytest.raises(DomainError) as excinfo:
        move(member, to_status, board, reason="Sesuai keputusan rapat pengurus")
    assert excinfo.value.code == "transition"
    assert "tidak dapat diubah" in excinfo.value.message
    member.refresh_from_db()
    assert member.status == from_status
    with scopes_disabled():
        assert not StatusChange.objects.filter(member=member).exists()
        assert not AuditLog.objects.exists()


@pytest.mark.parametrize("from_status, to_status", [
    (APPLICANT, Member.Status.REJECTED), (ACTIVE, Member.Status.EXPELLED),
])
@pytest.mark.parametrize("reason", ["", "   \n"])
def test_rejection_and_expulsion_need_a_reason(make_member, board, from_status, to_status,
                                               reason):
    member = make_member(status=from_status)
    with pytest.raises(DomainError) as excinfo:
        move(member, to_status, board, reason=reason)
    assert excinfo.value.field == "reason"
    assert excinfo.value.message == "Alasan wajib diisi."
    member.refresh_from_db()
    assert member.status == from_status


def test_an_exit_needs_no_reason(make_member, board):
    member = move(make_member(), Member.Status.EXITED, board)
    assert member.status == Member.Status.EXITED


def test_a_change_dated_in_the_future_is_refused(apply, coop, board):
    member = apply()
    with pytest.raises(DomainError) as excinfo:
        move(member, ACTIVE, board, date=TODAY + dt.timedelta(days=1))
    assert excinfo.value.field == "date"
    member.refresh_from_db()
    coop.refresh_from_db()
    assert (member.status, member.number, coop.last_member_number) == (APPLICANT, None, 0)


def test_a_change_dated_today_or_earlier_is_accepted(apply, board):
    assert move(apply(), ACTIVE, board, date=TODAY).join_date == TODAY
    assert move(apply(), ACTIVE, board, date=dt.date(2024, 12, 31)).join_date == dt.date(
        2024, 12, 31)


# --- roles --------------------------------------------------------------------------

def test_approval_gives_the_applicant_the_member_role(apply, coop, board):
    member = approve(apply(), board)
    assert roles(member.user, coop) == {Role.MEMBER}


def test_rejection_gives_no_role(apply, coop, board):
    member = move(apply(), Member.Status.REJECTED, board, reason="NIK tidak sesuai KTP")
    assert roles(member.user, coop) == set()


@pytest.mark.parametrize("to_status", [Member.Status.EXITED, Member.Status.EXPELLED])
def test_leaving_takes_away_the_member_role_only(apply, coop, board, to_status):
    member = approve(apply(), board)
    CoopRole.objects.create(user=member.user, cooperative=coop, role=Role.BUYER)
    move(member, to_status, board, reason="Pindah domisili")
    assert roles(member.user, coop) == {Role.BUYER}


def test_leaving_one_cooperative_keeps_membership_of_another(apply, coop, other_coop, board,
                                                             make_user):
    here = approve(apply(), board)
    with scope(cooperative=other_coop):
        there = services.submit_application(
            cooperative=other_coop, user=here.user,
            profile={**{f: getattr(here, f) for f in ("owner_name", "nik", "business_name",
                                                      "province", "regency", "sector")}})
    approve(there, make_user(other_coop, Role.BOARD))
    move(here, Member.Status.EXITED, board)
    assert roles(here.user, coop) == set()
    assert roles(here.user, other_coop) == {Role.MEMBER}


# --- history and audit --------------------------------------------------------------

def test_every_status_change_leaves_a_history_row_and_an_audit_entry(apply, coop, board):
    member = apply()
    approve(member, board)
    move(member, Member.Status.EXPELLED, board, date=TODAY,
         reason="Melanggar AD/ART")
    with scopes_disabled():
        history = list(StatusChange.objects.filter(member=member)
                       .values_list("from_status", "to_status", "actor", "date", "reason"))
        # Money moved on approval and exit is logged too (simpanan.*); these are the
        # lifecycle's own entries.
        actions = list(AuditLog.objects.filter(cooperative=coop, object_id=str(member.pk),
                                               action__startswith="member.")
                       .order_by("id").values_list("action", "actor", "data"))
    assert history[1:] == [
        (APPLICANT, ACTIVE, board.pk, TODAY, ""),
        (ACTIVE, Member.Status.EXPELLED, board.pk, TODAY, "Melanggar AD/ART"),
    ]
    assert [a[:2] for a in actions] == [
        ("member.applied", member.user.pk),
        ("member.approved", board.pk),
        ("member.expelled", board.pk),
    ]
    assert actions[2][2] == {"date": "2025-03-03", "reason": "Melanggar AD/ART"}


def test_registering_a_member_is_recorded_in_history_and_audit_log(coop, board, profile):
    with scope(cooperative=coop):
        member = services.register_member(cooperative=coop, actor=board, profile=profile)
    with scopes_disabled():
        change = StatusChange.objects.get(member=member)
        entry = AuditLog.objects.get(cooperative=coop, action__startswith="member.")
    assert (change.from_status, change.to_status, change.actor) == ("", ACTIVE, board)
    assert (entry.action, entry.actor, entry.object_id) == ("member.registered", board,
                                                            str(member.pk))


def test_an_update_logs_exactly_what_changed(make_member, coop, board):
    member = make_member(owner_name="Sri Wahyuni", regency="Sleman")
    with scope(cooperative=coop):
        services.update_member(member=member, actor=board,
                               profile={"owner_name": "Sri Wahyuningsih", "regency": "Sleman"})
    with scopes_disabled():
        entry = AuditLog.objects.get(cooperative=coop)
    assert entry.action == "member.updated" and entry.actor == board
    assert entry.data == {"changes": {"owner_name": ["Sri Wahyuni", "Sri Wahyuningsih"]}}


def test_an_update_that_changes_nothing_logs_nothing(make_member, coop, board):
    member = make_member(regency="Sleman")
    with scope(cooperative=coop):
        services.update_member(member=member, actor=board, profile={"regency": "Sleman"})
    with scopes_disabled():
        assert not AuditLog.objects.exists()


def test_an_update_recomputes_the_scale(make_member, coop, board):
    member = make_member(business_capital=None, annual_sales=None)
    assert member.scale == ""
    with scope(cooperative=coop):
        member = services.update_member(member=member, actor=board,
                                        profile={"annual_sales": 16 * 10**9})
    member.refresh_from_db()
    assert member.scale == "menengah"


# --- concurrency (PostgreSQL: real parallel connections) ----------------------------

@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_approvals_never_share_a_number(coop, board, make_member):
    applicants = [make_member(status=APPLICANT, nik=f"3404016506900{n:03d}") for n in range(1, 5)]
    start = threading.Barrier(len(applicants))
    numbers, errors = [], []

    def approve_in_own_connection(member):
        try:
            start.wait()
            numbers.append(approve(member, board).number)
        except Exception as exc:  # collected: an exception in a thread is otherwise lost
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve_in_own_connection, args=(m,))
               for m in applicants]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == [1, 2, 3, 4]
