"""Finance figures for the dashboards: the board's monthly result (income from members
and from non-members apart, as SAK EP shows them, expenses and the SHU) and a member's
SHU (their share of the last posted SHU, or nothing yet).

The monthly result reads the journal lines as the statements do (finance.statements
.results): closing entries are left out, since they move a year's result, they are not
one."""

from decimal import Decimal

from django.db.models import DateField, Sum
from django.db.models.functions import Cast, TruncMonth
from django.utils.translation import gettext as _

from guyub.finance.shu.models import ShuPlan, ShuShare
from guyub.finance.statements.results import MEMBER_INCOME, NON_MEMBER_INCOME
from guyub.ledger.chart import EXPENSE, INCOME
from guyub.ledger.models import Account, EntryKind, JournalLine

from .periods import Period

ZERO = Decimal(0)


def _group(account: Account) -> str:
    if account.type == EXPENSE:
        return "expenses"
    if account.role in MEMBER_INCOME:
        return "members"
    if account.role in NON_MEMBER_INCOME:
        return "non_members"
    return "other"


def board_series(cooperative, period: Period) -> dict[str, list[Decimal]]:
    """Per month of the period: income from members, from non-members, other income,
    expenses and the SHU (income − expenses). One GROUP BY over the period's lines."""
    accounts = {a.pk: a for a in Account.objects.filter(cooperative=cooperative,
                                                        type__in=(INCOME, EXPENSE))}
    rows = (JournalLine.objects
            .filter(cooperative=cooperative, account_id__in=list(accounts),
                    date__gte=period.start, date__lte=period.end)
            .exclude(kind=EntryKind.CLOSING)
            .annotate(month=Cast(TruncMonth("date"), DateField()))
            .values("month", "account_id").annotate(d=Sum("debit"), c=Sum("credit"))
            .order_by())
    sums: dict[tuple, Decimal] = {}
    for row in rows:
        account = accounts[row["account_id"]]
        key = (row["month"], _group(account))
        sums[key] = sums.get(key, ZERO) + account.signed(row["d"] or ZERO, row["c"] or ZERO)

    def series(group):
        return [sums.get((m, group), ZERO) for m in period.months]

    income = [a + b + c for a, b, c in zip(series("members"), series("non_members"),
                                           series("other"), strict=True)]
    return {
        _("Pendapatan dari anggota"): series("members"),
        _("Pendapatan dari non-anggota"): series("non_members"),
        _("Pendapatan lain-lain"): series("other"),
        _("Beban"): series("expenses"),
        _("SHU"): [i - e for i, e in zip(income, series("expenses"), strict=True)],
    }


def member_shu(member) -> ShuShare | None:
    """The member's share of the latest posted SHU (with its plan), if any."""
    return (ShuShare.objects.filter(member=member, plan__status=ShuPlan.Status.POSTED)
            .select_related("plan").order_by("-plan__year").first())
