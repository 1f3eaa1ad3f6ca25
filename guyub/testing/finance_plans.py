"""Test worlds of the SHU plans: a year booked and closed, a plan proposed to the RAT
(built from the pure split, so the posting tests do not depend on the simulation), and
the RAT's decision on it."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django_scopes import scope

from guyub.finance.closing.models import YearClose
from guyub.finance.closing.services import close_year as close_year_service
from guyub.finance.shu.models import ShuPlan, ShuPolicy, ShuShare
from guyub.finance.shu.rules import MemberFigures, Portion, member_shares, split_surplus
from guyub.finance.shu.selectors import PORTION_FIELD, PORTIONS
from guyub.finance.statements.results import year_result
from guyub.governance.decisions.models import Decision
from guyub.governance.meetings.models import AgendaItem, Meeting
from guyub.ledger.services import Line, post_entry
from guyub.testing import governance as world
from guyub.testing import governance_decisions as gov

YEAR = 2025
D = Decimal


def book_year(coop, *, members_income=30_000_000, non_members_income=10_000_000,
              expenses=20_000_000, year=YEAR, on=None) -> None:
    """A year's income from members and non-members and its expenses, in cash."""
    on = on or dt.date(year, 6, 30)
    members_income, non_members_income, expenses = (
        D(members_income), D(non_members_income), D(expenses))
    with scope(cooperative=coop):
        lines = [Line(account="cash", debit=members_income + non_members_income),
                 Line(account="income_members", credit=members_income)]
        if non_members_income:
            lines.append(Line(account="income_non_members", credit=non_members_income))
        post_entry(cooperative=coop, date=on, description="Penjualan setahun", lines=lines)
        if expenses:
            post_entry(cooperative=coop, date=on, description="Beban setahun",
                       lines=[Line(account="operating_expense", debit=expenses),
                              Line(account="cash", credit=expenses)])


def close_year(coop, actor=None, *, year=YEAR) -> YearClose:
    """The year closed through the year-end close (finance.closing)."""
    with scope(cooperative=coop):
        return close_year_service(cooperative=coop, year=year, actor=actor)


def portions_of(coop) -> list[Portion]:
    return [Portion(key, getattr(coop, field)) for key, field, _a in PORTIONS]


def proposed_plan(coop, figures, *, year=YEAR, actor=None, proposed_at=None,
                  status=ShuPlan.Status.PROPOSED, non_member_to="reserve") -> ShuPlan:
    """A plan of `year` proposed with the cooperative's percentages and the closed
    books' result; `figures` is [(member, capital, business)]."""
    with scope(cooperative=coop):
        result = year_result(coop, year)
        portions = portions_of(coop)
        amounts = split_surplus(result.member_surplus, portions)
        split = member_shares(jasa_modal=amounts["capital"], jasa_usaha=amounts["business"],
                              members=[MemberFigures(m, D(c), D(b)) for m, c, b in figures])
        plan = ShuPlan.objects.create(
            cooperative=coop, year=year, status=status, created_by=actor,
            portions=[{"key": p.key, "name": p.key, "percent": str(p.percent)}
                      for p in portions],
            policy={"non_member_to": non_member_to, "weights": {}},
            amounts={k: str(v) for k, v in amounts.items()}, surplus=result.surplus,
            non_member_surplus=result.non_member_surplus,
            member_surplus=result.member_surplus, total_capital=split.total_capital,
            total_business=split.total_business, undistributed=split.undistributed,
            proposed_at=proposed_at or timezone.now() - dt.timedelta(days=30))
        ShuShare.objects.bulk_create(
            ShuShare(cooperative=coop, plan=plan, member=s.member, capital=D(c),
                     business=D(b), jasa_modal=s.jasa_modal, jasa_usaha=s.jasa_usaha,
                     amount=s.total)
            for s, (_m, c, b) in zip(split.shares, figures, strict=True))
        return plan


def rat_decision(coop, board, members, *, year=YEAR, outcome=Decision.Outcome.APPROVED,
                 at=None, title=None) -> Decision:
    """A closed RAT of `year` with the SHU on its agenda, and its decision on it."""
    meeting = world.called_meeting(
        coop, board, members, status=Meeting.Status.CLOSED, fiscal_year=year,
        title=title or f"RAT tahun buku {year}",
        items=((AgendaItem.Kind.ACCOUNTS, "Laporan keuangan"),
               (AgendaItem.Kind.SHU, "Pembagian SHU")))
    return gov.decide(meeting, outcome, kind=AgendaItem.Kind.SHU, actor=board,
                      at=at or timezone.now())


def set_policy(coop, **fields) -> ShuPolicy:
    with scope(cooperative=coop):
        row, _ = ShuPolicy.objects.update_or_create(cooperative=coop, defaults=fields)
        return row


def set_percentages(coop, **percents) -> None:
    """The portions' percentages by key (reserve=40, capital=20, ...)."""
    values = {PORTION_FIELD[k]: D(v) for k, v in percents.items()}
    type(coop).objects.filter(pk=coop.pk).update(**values)
    for field, value in values.items():
        setattr(coop, field, value)


def policy_form_data(coop, **changes) -> dict:
    """What the policy page posts when nothing is touched, plus `changes`."""
    data = {field: str(getattr(coop, field)) for _k, field, _a in PORTIONS}
    data.update({"capital_basis": "year_end", "exited_members": "exclude",
                 "non_member_to": "reserve", "unclaimed_months": "12",
                 "unclaimed_to": "reserve", "market_loan_rate": "18",
                 **{f"weight_{k}": "1" for k in ("sales", "purchases", "contracts",
                                                 "loan_interest", "asset_fees")}})
    data.update({k: str(v) for k, v in changes.items()})
    return data


def plans_walk_world(cooperative, user, member) -> dict:
    """For the URL walks: a plan of 2025 proposed with `member`'s share (the year is not
    closed, so proposing and posting it are refused; withdrawing it works)."""
    plan = proposed_plan(cooperative, [(member, 1_000_000, 1_000_000)], actor=user)
    with scope(cooperative=cooperative):
        return {"shu_plan": plan, "shu_share": plan.shares.get()}


def capital_and_interest(coop, member, *, capital, interest, year=YEAR) -> None:
    """`member`'s simpanan wajib (capital) and the loan interest they paid (business, and
    member income of the year), straight in the books."""
    with scope(cooperative=coop):
        post_entry(cooperative=coop, date=dt.date(year, 3, 1), description="Simpanan wajib",
                   lines=[Line(account="cash", debit=D(capital)),
                          Line(account="simpanan_wajib", credit=D(capital), member=member)])
        if interest:
            post_entry(cooperative=coop, date=dt.date(year, 4, 1), description="Jasa pinjaman",
                       lines=[Line(account="cash", debit=D(interest)),
                              Line(account="loan_interest", credit=D(interest),
                                   member=member)])
