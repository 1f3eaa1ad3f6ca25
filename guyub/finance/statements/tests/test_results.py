"""The year's result: member and non-member income apart, closing entries left out, and
the SHU split into its member and non-member parts that add up exactly."""

import datetime as dt
from decimal import Decimal

import pytest
from django_scopes import scope

from guyub.finance.statements.results import YearResult, year_result
from guyub.ledger.models import EntryKind
from guyub.ledger.services import Line, post_entry

pytestmark = pytest.mark.django_db
D = Decimal


def _post(coop, day, *lines, kind=EntryKind.REGULAR):
    post_entry(cooperative=coop, date=day, description="uji", lines=list(lines), kind=kind)


def test_income_is_grouped_by_who_the_business_was_with_and_closing_is_ignored(coop):
    day = dt.date(2025, 5, 2)
    with scope(cooperative=coop):
        _post(coop, day, Line("cash", debit=D(600_000)), Line("income_members", credit=D(500_000)),
              Line("loan_interest", credit=D(100_000)))
        _post(coop, day, Line("cash", debit=D(200_000)),
              Line("income_non_members", credit=D(200_000)))
        _post(coop, day, Line("cash", debit=D(50_000)), Line("income_other", credit=D(50_000)))
        _post(coop, day, Line("operating_expense", debit=D(450_000)),
              Line("cash", credit=D(450_000)))
        # Last year's sale does not count in 2025.
        _post(coop, dt.date(2024, 12, 31), Line("cash", debit=D(9)),
              Line("income_members", credit=D(9)))
        # A closing entry moving the income away must not change the year's result.
        _post(coop, dt.date(2025, 12, 31), Line("income_members", debit=D(500_000)),
              Line("shu_current", credit=D(500_000)), kind=EntryKind.CLOSING)
        result = year_result(coop, 2025)

    assert (result.income_members, result.income_non_members, result.income_other,
            result.expenses) == (D(600_000), D(200_000), D(50_000), D(450_000))
    assert result.surplus == D(400_000)
    # 400,000 × 200,000 / 800,000
    assert (result.non_member_surplus, result.member_surplus) == (D(100_000), D(300_000))


@pytest.mark.parametrize(("members", "non_members", "other", "expenses", "non_member", "member"), [
    (D(0), D(0), D(0), D(0), D(0), D(0)),                   # nothing happened
    (D(100), D(0), D(0), D(150), D(0), D(0)),               # a deficit is not shared
    (D(0), D(300), D(0), D(100), D(200), D(0)),             # only non-member business
    (D(1), D(2), D(0), D(0), D(2), D(1)),                   # exact thirds
    (D(2), D(1), D(0), D(0), D(1), D(2)),
    (D(1), D(1), D(1), D(0), D(2), D(1)),                   # 3 × 1/2 = 1.5 rounds up
])
def test_the_member_and_non_member_parts_add_up_to_the_shu(members, non_members, other,
                                                          expenses, non_member, member):
    result = YearResult(2025, members, non_members, other, expenses)
    assert (result.non_member_surplus, result.member_surplus) == (non_member, member)
    if result.surplus > 0:
        assert result.non_member_surplus + result.member_surplus == result.surplus
