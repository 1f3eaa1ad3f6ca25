"""A grant: asked for, decided by a board member other than the requester and whoever
entered it, paid once, never beyond the fund; the ledger balances after each step."""

import datetime as dt
from decimal import Decimal

import pytest
from django_scopes import scope

from guyub.core.errors import DomainError
from guyub.core.roles import Role
from guyub.members.simpanan.models import SimpananAccount
from guyub.support.notices import GRANT_DECIDED, GRANT_REQUESTED
from guyub.support.solidarity import services
from guyub.support.solidarity.models import Grant
from guyub.testing.factories import CoopRoleFactory
from guyub.testing.notices import inbox
from guyub.testing.support import approved_grant, fund_balance, ledger_balanced

TODAY = dt.date.today


def _ask(coop, member, actor, amount=400_000):
    with scope(cooperative=coop):
        return services.request_grant(member=member, actor=actor, category="illness",
                                      amount=Decimal(amount), reason="Operasi usus buntu")


def _pay(coop, grant, actor, method="cash"):
    with scope(cooperative=coop):
        return services.pay_grant(grant=grant, actor=actor, method=method, date=TODAY())


def test_a_request_tells_the_board_and_the_decision_tells_the_member(coop, world):
    sari = world["sari"]
    grant = _ask(coop, sari, sari.user)
    assert [t.topic for t in inbox(world["board"])] == [GRANT_REQUESTED]
    assert "Sari Wulandari" in inbox(world["other_board"])[0].text
    with scope(cooperative=coop):
        services.decide_grant(grant=grant, actor=world["board"], approve=True,
                              note="Layak dibantu", amount=Decimal(300_000))
    told = [t for t in inbox(sari.user) if t.topic == GRANT_DECIDED]
    assert len(told) == 1
    assert "300.000" in told[0].text and "Layak dibantu" in told[0].text


def test_the_requester_and_whoever_entered_it_cannot_decide(coop, world):
    # Staff entered it: staff has no right to decide anyway; the board member who
    # entered a request for a member is refused, another board member decides.
    grant = _ask(coop, world["sari"], world["board"])
    with scope(cooperative=coop), pytest.raises(DomainError):
        services.decide_grant(grant=grant, actor=world["board"], approve=True, note="ok")
    # A member who is also on the board cannot decide their own request.
    CoopRoleFactory(user=world["budi"].user, cooperative=coop, role=Role.BOARD)
    own = _ask(coop, world["budi"], world["budi"].user)
    with scope(cooperative=coop), pytest.raises(DomainError):
        services.decide_grant(grant=own, actor=world["budi"].user, approve=False, note="-")
    with scope(cooperative=coop):
        services.decide_grant(grant=grant, actor=world["other_board"], approve=True,
                              note="ok")
        assert Grant.objects.get(pk=grant.pk).status == Grant.Status.APPROVED


def test_the_board_may_lower_the_amount_never_raise_it(coop, world):
    grant = _ask(coop, world["sari"], world["sari"].user, amount=400_000)
    with scope(cooperative=coop), pytest.raises(DomainError) as refused:
        services.decide_grant(grant=grant, actor=world["board"], approve=True, note="ok",
                              amount=Decimal(500_000))
    assert refused.value.field == "amount"
    with scope(cooperative=coop):
        decided = services.decide_grant(grant=grant, actor=world["board"], approve=True,
                                        note="ok", amount=Decimal(250_000))
    assert decided.amount_approved == Decimal(250_000)


def test_a_decision_needs_its_reason_and_is_taken_once(coop, world):
    grant = _ask(coop, world["sari"], world["sari"].user)
    with scope(cooperative=coop):
        with pytest.raises(DomainError) as refused:
            services.decide_grant(grant=grant, actor=world["board"], approve=False, note=" ")
        assert refused.value.field == "note"
        services.decide_grant(grant=grant, actor=world["board"], approve=False,
                              note="Bukan musibah")
        with pytest.raises(DomainError):
            services.decide_grant(grant=grant, actor=world["other_board"], approve=True,
                                  note="Saya setuju")
    with scope(cooperative=coop), pytest.raises(DomainError):
        services.pay_grant(grant=grant, actor=world["staff"], method="cash", date=TODAY())


def test_paying_in_cash_moves_the_fund_to_cash_once(coop, world):
    grant = approved_grant(coop, world["sari"], requester=world["sari"].user,
                           decider=world["board"], amount=400_000)
    paid = _pay(coop, grant, world["staff"])
    assert fund_balance(coop) == Decimal(600_000)
    assert ledger_balanced(coop)
    with scope(cooperative=coop):
        lines = {(x.account.role, x.debit, x.credit)
                 for x in paid.entry.lines.select_related("account")}
    assert lines == {("social_fund", Decimal(400_000), 0), ("cash", 0, Decimal(400_000))}
    with pytest.raises(DomainError) as refused:
        _pay(coop, grant, world["staff"])
    assert "sudah dibayar" in str(refused.value.message)
    assert fund_balance(coop) == Decimal(600_000)


def test_paying_into_sukarela_credits_the_members_savings_and_record(coop, world):
    sari = world["sari"]
    grant = approved_grant(coop, sari, requester=sari.user, decider=world["board"],
                           amount=300_000)
    _pay(coop, grant, world["staff"], method="sukarela")
    with scope(cooperative=coop):
        account = SimpananAccount.objects.get(member=sari, kind="sukarela")
        assert account.balance == Decimal(800_000)
        assert sari.simpanan_transactions.filter(type="deposit").count() == 2
    assert fund_balance(coop) == Decimal(700_000)
    assert ledger_balanced(coop)


def test_a_grant_beyond_the_funds_balance_is_refused_and_nothing_moves(coop, world):
    grant = approved_grant(coop, world["budi"], requester=world["budi"].user,
                           decider=world["board"], amount=1_500_000)
    with pytest.raises(DomainError) as refused:
        _pay(coop, grant, world["staff"])
    assert "tidak cukup" in str(refused.value.message)
    assert fund_balance(coop) == Decimal(1_000_000)
    with scope(cooperative=coop):
        assert Grant.objects.get(pk=grant.pk).status == Grant.Status.APPROVED


@pytest.mark.parametrize(("fields", "field"), [
    ({"reason": ""}, "reason"),
    ({"reason": "a\x00b"}, "reason"),
    ({"reason": "x" * 2001}, "reason"),
    ({"amount": 0}, "amount_requested"),
    ({"amount": "Infinity"}, "amount_requested"),
    ({"category": "holiday"}, "category"),
])
def test_a_bad_request_is_refused_with_its_field(coop, world, fields, field):
    args = {"category": "illness", "amount": 100_000, "reason": "Sakit", **fields}
    with scope(cooperative=coop):
        with pytest.raises(DomainError) as refused:
            services.request_grant(member=world["sari"], actor=world["sari"].user, **args)
        assert not Grant.objects.exists()
    assert refused.value.field == field
