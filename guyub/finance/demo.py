"""Demo data for finance: a whole past year to close and share out.

The demo cooperative has used Guyub for its day-to-day since this year; the previous
fiscal year's trade is recorded here as it happened, through the services the pages
use, so the year can be closed and its SHU computed from real records:
- a year of sales of the members' products (orders placed and paid on their day, each
  month), so the members' jasa usaha comes from what they sold;
- the year's running costs (the staff's honorarium, electricity and stationery) and the
  bank's interest, booked monthly;
- the years closed in order (the early years hold only simpanan) on the first working
  days of January;
- the SHU plan proposed to the RAT two weeks before it (the governance demo's RAT
  approved the SHU of that year), posted after the RAT's decision, and paid in cash
  to some members; the member login's share waits for her to choose (cash, or into
  her simpanan sukarela).

Called by guyub.core.demo.load_demo inside the demo cooperative's scope, after the
governance demo. Each past step runs on its own day under the demo clock."""

import datetime as dt
from decimal import ROUND_DOWN, Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from guyub.catalog.models import Product
from guyub.core.demo import MEMBER_LOGIN
from guyub.core.demo_clock import on
from guyub.governance.decisions.selectors import approval
from guyub.governance.meetings.models import AgendaItem
from guyub.ledger.services import Line, post_entry
from guyub.members.models import Member
from guyub.sales.fulfilment import services as fulfilment
from guyub.sales.models import Buyer
from guyub.sales.orders import payments
from guyub.sales.orders import services as ordering

from .closing.models import YearClose
from .closing.services import close_year
from .shu import compute
from .shu import services as shu
from .shu.models import ShuShare
from .shu.payouts import pay_share
from .statements.results import year_result

D = Decimal
STAFF_LOGIN = "staf@demo.guyub.id"


def _days_ago(day: dt.date) -> int:
    return (timezone.localdate() - day).days


def _in_stock(products, placed: dt.date, quantity: int) -> list[Product]:
    """Products of members who had joined by `placed` (the ledger refuses a sale of theirs
    dated earlier) with `quantity` left in stock."""
    return [p for p in products
            if p.member.join_date and p.member.join_date < placed
            and Product.objects.filter(pk=p.pk, stock__gte=quantity + 2).exists()]


def _sell(coop, board, buyer, items, placed: dt.date, reference: str) -> None:
    """One order through its whole life, each step on its day: placed, paid the next
    day, the members' goods handed over, shipped and delivered within the week."""
    with on(_days_ago(placed), 10):
        order = ordering.place_order(
            cooperative=coop, buyer=buyer, city="Sleman", province="34",
            address="Jl. Kaliurang Km 9,5", actor=board, items=items).order
    with on(_days_ago(placed + dt.timedelta(days=1)), 14):
        payments.record_payment(order=order, amount=order.total, actor=board,
                                method="bank_transfer", reference=reference)
    with on(_days_ago(placed + dt.timedelta(days=2)), 9):
        for line in order.fulfilment.all():
            fulfilment.hand_over(line=line, actor=board)
    with on(_days_ago(placed + dt.timedelta(days=3)), 11):
        shipment = fulfilment.create_shipment(cooperative=coop, orders=[order], actor=board,
                                            carrier="JNE", method="bank")
        fulfilment.mark_shipped(shipment=shipment, actor=board,
                                tracking_number=f"JNE{reference[-8:]}")
    with on(_days_ago(placed + dt.timedelta(days=5)), 15):
        fulfilment.mark_delivered(shipment=shipment, actor=board)


def _sales(coop, board, year: int) -> None:
    """Three orders a month of the members' products, two products each."""
    products = list(Product.objects.filter(stock__gte=12).select_related("member")
                    .order_by("pk"))
    buyers = list(Buyer.objects.order_by("pk"))
    if not products or not buyers:
        return
    n = 0
    for month in range(1, 13):
        for k, dom in enumerate((6, 15, 24)):
            placed = dt.date(year, month, dom)
            quantity = 2 + (k + month) % 4
            ready = _in_stock(products, placed, quantity)
            if len(ready) < 2:
                continue
            n += 1
            picked = {ready[n % len(ready)].pk, ready[(n * 7 + 3) % len(ready)].pk}
            _sell(coop, board, buyers[n % len(buyers)],
                  [ordering.Item("product", pk, quantity) for pk in sorted(picked)],
                  placed, f"DEMO-{year}-{n:04d}")


def _costs(coop, board, year: int) -> None:
    """The year's running costs, about half its income, and the bank's interest."""
    income = year_result(coop, year).income
    monthly = (income * D("0.5") / 12).quantize(D(1000), rounding=ROUND_DOWN)
    staff_pay = (monthly * D("0.7")).quantize(D(1000), rounding=ROUND_DOWN)
    for month in range(1, 13):
        last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
        with on(_days_ago(last), 16):
            if monthly > 0:
                post_entry(cooperative=coop, date=last, actor=board,
                           description=f"Honor staf dan biaya kantor {last:%m/%Y}", lines=[
                               Line("operating_expense", debit=staff_pay),
                               Line("admin_expense", debit=monthly - staff_pay),
                               Line("bank", credit=monthly)])
            post_entry(cooperative=coop, date=last, actor=board,
                       description=f"Jasa giro bank {last:%m/%Y}",
                       lines=[Line("bank", debit=D(25_000)),
                              Line("income_other", credit=D(25_000))])


def _close_years(coop, board, year: int) -> None:
    first = min((d.year for d in coop.journal_entries.dates("date", "year")), default=year)
    for y in range(first, year + 1):
        if not YearClose.objects.filter(year=y).exists():
            with on(_days_ago(dt.date(year + 1, 1, 5)) - (y - first), 9):
                close_year(cooperative=coop, year=y, actor=board)


def _share_out(coop, board, staff, year: int) -> None:
    decision = approval(coop, fiscal_year=year, kind=AgendaItem.Kind.SHU)
    rat_day = (timezone.localdate(decision.decided_at) if decision
               else timezone.localdate() - dt.timedelta(days=20))
    policy = compute.policy_for(coop)
    with on(_days_ago(rat_day) + 14, 10):
        plan = shu.save_draft(cooperative=coop, year=year, actor=board,
                              percentages=compute.cooperative_percentages(coop),
                              weights=compute.policy_weights(policy))
        plan = shu.propose(plan=plan, actor=board)
    if decision is None:
        return
    posted_on = rat_day + dt.timedelta(days=3)
    with on(_days_ago(posted_on), 10):
        plan = shu.post_plan(plan=plan, actor=board, date=posted_on)
    login = Member.objects.filter(user__username=MEMBER_LOGIN).first()
    shares = ShuShare.objects.filter(plan=plan, amount__gt=0).order_by("-amount")
    for i, share in enumerate(s for s in shares if login is None or s.member_id != login.pk):
        if i % 3 == 2:
            continue  # not yet collected
        paid_on = posted_on + dt.timedelta(days=1 + i % 5)
        with on(_days_ago(paid_on), 11):
            pay_share(share=share, method="cash", actor=staff, date=paid_on)


def load_finance_demo(coop, board) -> None:
    year = timezone.localdate().year - 1
    if coop.fiscal_year_start_month not in (None, 1):
        return  # the demo cooperative's year is the calendar year
    staff = get_user_model().objects.filter(username=STAFF_LOGIN).first() or board
    _sales(coop, board, year)
    _costs(coop, board, year)
    _close_years(coop, board, year)
    _share_out(coop, board, staff, year)
