"""A member's commitment and its place in the queue: lowering trims the newest rows,
raising joins the back, and what the round, the member and the columns refuse."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django_scopes import scope, scopes_disabled

from guyub.core.errors import DomainError
from guyub.members.models import Member
from guyub.purchasing.models import Commitment, Round, RoundItem
from guyub.purchasing.rounds import selectors, services
from guyub.testing.factories import MemberFactory
from guyub.testing.purchase_rounds import (
    HOUR,
    commit,
    make_round,
    members,
    rows_of,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ticking_clock")]
Status = Round.Status


# --- commitments and the queue ------------------------------------------------------------


def test_lowering_removes_the_newest_rows_first_and_keeps_the_queue_place(coop):
    _round, (item,) = make_round(coop)
    siti, budi = members(coop, 2)
    with scope(cooperative=coop):
        commit(item, siti, 30)
        commit(item, budi, 20)
        commit(item, siti, 50)   # +20 at the back
        commit(item, siti, 60)   # +10 at the back
        first, second, third = Commitment.objects.filter(member=siti).order_by("created_at")
        assert first.created_at < second.created_at < third.created_at

        assert commit(item, siti, 35) == (D(35), D(0))

        kept = list(Commitment.objects.filter(member=siti).order_by("created_at", "id"))
        # The newest row (10) went entirely, the one before it gave 15 of its 20; the
        # first row is untouched and both keep their timestamps, so their place.
        assert [(r.pk, r.created_at, r.quantity) for r in kept] == [
            (first.pk, first.created_at, D(30)), (second.pk, second.created_at, D(5))]
        assert not Commitment.objects.filter(pk=third.pk).exists()
        assert rows_of(item) == [(siti.pk, D(30), D(0)), (budi.pk, D(20), D(0)),
                                 (siti.pk, D(5), D(0))]


def test_lowering_the_tolerance_trims_the_newest_tolerance_and_keeps_the_quantity(coop):
    _round, (item,) = make_round(coop)
    (siti,) = members(coop, 1)
    with scope(cooperative=coop):
        commit(item, siti, 10, 5)
        commit(item, siti, 10, 8)    # +3 tolerance at the back
        first = Commitment.objects.filter(member=siti).order_by("created_at").first()
        commit(item, siti, 10, 4)
        assert rows_of(item, siti) == [(siti.pk, D(10), D(4))]
        assert Commitment.objects.get(member=siti).created_at == first.created_at


def test_lowering_quantity_and_tolerance_together_removes_a_row_emptied_by_both(coop):
    # The newest row, holding only quantity, is emptied and deleted while the quantity
    # is trimmed; trimming the tolerance then walks past it again.
    _round, (item,) = make_round(coop)
    (siti,) = members(coop, 1)
    with scope(cooperative=coop):
        commit(item, siti, 10, 5)
        commit(item, siti, 15, 5)    # row 2: 5 kg, no tolerance
        commit(item, siti, 10, 0)
        assert rows_of(item, siti) == [(siti.pk, D(10), D(0))]
        commit(item, siti, 0, 0)
        assert rows_of(item, siti) == []


def test_raising_adds_a_row_at_the_back_of_the_queue(coop):
    _round, (item,) = make_round(coop)
    siti, budi = members(coop, 2)
    with scope(cooperative=coop):
        commit(item, siti, 10, 2)
        commit(item, budi, 10)
        commit(item, siti, 25, 2)
        rows = list(Commitment.objects.filter(round_item=item).order_by("created_at", "id"))
        assert [(r.member_id, r.quantity, r.tolerance) for r in rows] == [
            (siti.pk, D(10), D(2)), (budi.pk, D(10), D(0)), (siti.pk, D(15), D(0))]
        assert rows[2].created_at > rows[1].created_at > rows[0].created_at
        assert [c.seq for c in selectors.queue(item)] == [0, 1, 2]


def test_setting_the_same_commitment_again_writes_nothing(coop):
    _round, (item,) = make_round(coop)
    (siti,) = members(coop, 1)
    with scope(cooperative=coop):
        commit(item, siti, "12.5", "2.25")
        before = list(Commitment.objects.values_list("pk", "created_at", "quantity"))
        commit(item, siti, "12.500", "2.250")
        assert list(Commitment.objects.values_list("pk", "created_at", "quantity")) == before


@pytest.mark.parametrize("round_args", [
    pytest.param({"status": Status.CLOSED}, id="closed"),
    pytest.param({"status": Status.CANCELLED}, id="cancelled"),
    pytest.param({"opens": HOUR, "closes": 2 * HOUR}, id="before-opening"),
    pytest.param({"opens": -2 * HOUR, "closes": -dt.timedelta(seconds=1)},
                 id="after-closing-time"),
])
def test_a_commitment_is_refused_unless_the_round_is_open(coop, round_args):
    _round, (item,) = make_round(coop, **round_args)
    (siti,) = members(coop, 1)
    with scope(cooperative=coop):
        with pytest.raises(DomainError) as refused:
            services.set_commitment(round_item=item, member=siti, quantity=D(10))
        assert refused.value.code == "transition"
        assert not Commitment.objects.exists()


@pytest.mark.parametrize("status", [Member.Status.APPLICANT, Member.Status.EXITED,
                                    Member.Status.EXPELLED, Member.Status.REJECTED])
def test_only_active_members_can_commit(coop, status):
    _round, (item,) = make_round(coop)
    member = MemberFactory(cooperative=coop, status=status)
    with scope(cooperative=coop):
        with pytest.raises(DomainError):
            services.set_commitment(round_item=item, member=member, quantity=D(10))
        assert not Commitment.objects.exists()


def test_a_member_of_another_cooperative_cannot_commit(coop, other_coop):
    _round, (item,) = make_round(coop)
    outsider = MemberFactory(cooperative=other_coop, owner_name="Bu Warsini Lain")
    # In either cooperative's scope: the service itself refuses, not the scope.
    for scoped in (coop, other_coop):
        with scope(cooperative=scoped):
            with pytest.raises(DomainError) as refused:
                services.set_commitment(round_item=item, member=outsider, quantity=D(10))
            assert refused.value.field == "member"
            assert str(refused.value.message) == ("Bu Warsini Lain bukan anggota koperasi "
                                                  "yang mengadakan pembelian bersama ini.")
    with scopes_disabled():
        assert not Commitment.objects.exists()


def test_an_item_recorded_under_another_cooperative_than_its_round_is_refused(coop,
                                                                             other_coop):
    # Rows that disagree about their cooperative (a bad import, a script) must not take
    # a member's commitment into another cooperative's books.
    _round, (item,) = make_round(coop)
    with scopes_disabled():
        RoundItem.objects.filter(pk=item.pk).update(cooperative=other_coop)
        item.refresh_from_db()
    (siti,) = members(coop, 1)
    with scope(cooperative=coop):
        with pytest.raises(DomainError) as refused:
            services.set_commitment(round_item=item, member=siti, quantity=D(10))
        assert refused.value.field == "item"
        assert "bukan bagian dari pembelian bersama" in str(refused.value.message)
    with scopes_disabled():
        assert not Commitment.objects.exists()


@pytest.mark.parametrize("quantity, tolerance, field", [
    ("-1", "0", "quantity"),
    ("-0.001", "0", "quantity"),
    ("5", "-2", "tolerance"),
    ("1.0001", "0", "quantity"),
    ("5", "0.0005", "tolerance"),
    ("abc", "0", "quantity"),
    ("NaN", "0", "quantity"),
    ("Infinity", "0", "quantity"),
    ("1000000000", "0", "quantity"),   # more than the column holds
    ("1E+30", "0", "quantity"),        # used to raise InvalidOperation (a 500)
    ("5", "1E+30", "tolerance"),
])
def test_negative_too_precise_or_too_large_quantities_are_refused_and_change_nothing(
        coop, quantity, tolerance, field):
    _round, (item,) = make_round(coop)
    (siti,) = members(coop, 1)
    with scope(cooperative=coop):
        commit(item, siti, 10, 1)
        before = list(Commitment.objects.values_list("pk", "quantity", "tolerance"))
        with pytest.raises(DomainError) as refused:
            services.set_commitment(round_item=item, member=siti, quantity=quantity,
                                    tolerance=tolerance)
        assert refused.value.field == field
        assert list(Commitment.objects.values_list("pk", "quantity", "tolerance")) == before


# --- limits the database would otherwise hit ------------------------------------------


def test_a_commitment_too_large_for_a_share_or_the_order_is_refused(coop):
    round_, (item,) = make_round(coop, ("Kedelai", {"pack": "1000"}))
    siti, budi = members(coop, 2)
    with scope(cooperative=coop):
        # Each number fits, their sum (her share if the tolerance is used) does not.
        with pytest.raises(DomainError, match="terlalu besar") as refused:
            services.set_commitment(round_item=item, member=siti,
                                    quantity=D("999999999.999"), tolerance=D(1))
        assert refused.value.field == "quantity"
        commit(item, siti, 600_000_000)
        # Nor may the item's whole order outgrow what a round item can hold.
        with pytest.raises(DomainError, match="terlalu besar"):
            services.set_commitment(round_item=item, member=budi, quantity=D(400_000_000))
        assert rows_of(item) == [(siti.pk, D(600_000_000), D(0))]
        services.close_round(round_=round_, actor=None)  # and the round still closes
