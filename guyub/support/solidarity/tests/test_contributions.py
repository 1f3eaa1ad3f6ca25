"""Money into the fund: each way in posts one balanced entry that credits Dana sosial
and debits the right account; a refused contribution writes nothing."""

from decimal import Decimal

import pytest
from django_scopes import scope

from guyub.core.errors import DomainError
from guyub.ledger.selectors import member_balance
from guyub.members.simpanan.models import SimpananAccount
from guyub.support.solidarity.models import Contribution
from guyub.testing.support import contribute, fund_balance, ledger_balanced


@pytest.mark.parametrize(("source", "method", "debited"), [
    ("member", "cash", "cash"),
    ("member", "bank", "bank"),
    ("member", "sukarela", "simpanan_sukarela"),
    ("cooperative", "shu", "shu_current"),
    ("donor", "cash", "cash"),
    ("donor", "bank", "bank"),
])
def test_each_way_in_credits_the_fund_against_the_right_account(coop, world, source, method,
                                                                 debited):
    before = fund_balance(coop)
    contribution = contribute(coop, world["staff"], 200_000, source=source, method=method,
                              member=world["sari"] if source == "member" else None)
    assert fund_balance(coop) == before + Decimal(200_000)
    assert ledger_balanced(coop)
    with scope(cooperative=coop):
        lines = {(line.account.role, line.debit, line.credit)
                 for line in contribution.entry.lines.select_related("account")}
    assert lines == {(debited, Decimal(200_000), Decimal(0)),
                     ("social_fund", Decimal(0), Decimal(200_000))}


def test_from_sukarela_lowers_the_members_savings_and_their_sub_ledger_together(coop, world):
    sari = world["sari"]
    contribute(coop, world["staff"], 150_000, source="member", method="sukarela", member=sari)
    with scope(cooperative=coop):
        account = SimpananAccount.objects.get(member=sari, kind="sukarela")
        assert account.balance == Decimal(350_000)
        assert member_balance(member=sari, role="simpanan_sukarela") == Decimal(350_000)


@pytest.mark.parametrize(("fields", "field"), [
    ({"source": "member", "method": "sukarela", "amount": 600_000}, "amount"),  # > sukarela
    ({"source": "member", "method": "cash", "member": None}, "member"),
    ({"source": "donor", "method": "cash", "donor_name": ""}, "donor_name"),
    ({"source": "donor", "method": "sukarela"}, "method"),
    ({"source": "cooperative", "method": "cash"}, "method"),
    ({"source": "donor", "method": "cash", "amount": "NaN"}, "amount"),
    ({"source": "donor", "method": "cash", "amount": -5}, "amount"),
    ({"source": "donor", "method": "cash", "amount": "10.5"}, "amount"),
    ({"source": "donor", "method": "cash", "amount": 10 ** 20}, "amount"),
    ({"source": "donor", "method": "cash", "donor_name": "Ya\x00yasan"}, "donor_name"),
    ({"source": "nobody", "method": "cash"}, "source"),
])
def test_a_refused_contribution_says_why_and_writes_nothing(coop, world, fields, field):
    from guyub.support.solidarity import services
    args = {"amount": 100_000, "member": world["sari"], "donor_name": "Yayasan",
            **fields}
    before = fund_balance(coop)
    with scope(cooperative=coop):
        count = Contribution.objects.count()
        with pytest.raises(DomainError) as refused:
            services.record_contribution(cooperative=coop, actor=world["staff"],
                                         date=__import__("datetime").date.today(), **args)
        assert Contribution.objects.count() == count
    assert refused.value.field == field
    assert fund_balance(coop) == before
