"""Books for the statements' tests: two years of a cooperative's business, posted the
way the apps post it (simpanan and a member loan through their services; sales,
purchases and asset fees as the entries sales, purchasing and resources post), and the
closing entry finance.closing would post at a year's end."""

import datetime as dt
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from django_scopes import scope

from guyub.finance.statements.results import year_result
from guyub.ledger.models import Account, EntryKind, JournalLine
from guyub.ledger.services import Line, post_entry
from guyub.members.simpanan import services as simpanan
from guyub.support.loans import services as loans
from guyub.testing.factories import MemberFactory
from guyub.testing.loans import limits, running

D = Decimal


def this_year() -> int:
    return timezone.localdate().year


def post(coop, day, *lines, kind=EntryKind.REGULAR, text="uji"):
    with scope(cooperative=coop):
        return post_entry(cooperative=coop, date=day, description=text, lines=list(lines),
                          kind=kind)


def business_year(coop, year: int, member, scale: int = 1) -> None:
    """A year of trade: sales to members and non-members, goods bought on credit and
    paid, consignment with its commission, asset fees, expenses and VAT."""
    day = dt.date(year, 3, 10)
    s = D(scale)
    post(coop, day, Line("inventory", debit=8_000_000 * s),
         Line("payable_suppliers", credit=8_000_000 * s), text="Pembelian bersama")
    post(coop, day, Line("payable_suppliers", debit=6_000_000 * s),
         Line("bank", credit=6_000_000 * s), text="Bayar pemasok")
    post(coop, day, Line("cash", debit=5_500_000 * s),
         Line("income_members", credit=5_000_000 * s),
         Line("vat_payable", credit=500_000 * s), text="Penjualan ke anggota")
    post(coop, day, Line("receivable_buyers", debit=3_000_000 * s),
         Line("income_non_members", credit=3_000_000 * s), text="Penjualan ke non-anggota")
    post(coop, day, Line("cost_of_sales", debit=6_000_000 * s),
         Line("inventory", credit=6_000_000 * s), text="HPP")
    post(coop, day, Line("bank", debit=1_200_000 * s),
         Line("payable_members", credit=1_000_000 * s, member=member),
         Line("income_commission", credit=200_000 * s), text="Titip jual")
    post(coop, day, Line("cash", debit=300_000 * s),
         Line("asset_fees_members", credit=200_000 * s),
         Line("asset_fees_non_members", credit=100_000 * s), text="Sewa aset")
    post(coop, day, Line("operating_expense", debit=700_000 * s),
         Line("admin_expense", debit=150_000 * s), Line("cash", credit=850_000 * s),
         text="Beban")
    post(coop, day, Line("cash", debit=50_000 * s), Line("income_other", credit=50_000 * s),
         text="Pendapatan lain")


def books_world(coop) -> dict:
    """Last year and this year of business, simpanan of all kinds, and a member loan
    running this year (disbursed and repaid through the loans service)."""
    member = MemberFactory(cooperative=coop)
    coop.simpanan_pokok_amount, coop.simpanan_wajib_amount = D(100_000), D(25_000)
    coop.save(update_fields=["simpanan_pokok_amount", "simpanan_wajib_amount"])
    last, now = this_year() - 1, this_year()
    with scope(cooperative=coop):
        simpanan.pay_pokok(member=member, actor=None, date=dt.date(last, 1, 5))
        simpanan.pay_wajib(member=member, actor=None, date=dt.date(last, 1, 5), months=12)
        simpanan.deposit_sukarela(member=member, actor=None, date=dt.date(last, 1, 10),
                                  amount=D(2_000_000))
        simpanan.pay_wajib(member=member, actor=None, date=dt.date(now, 1, 5), months=12)
    business_year(coop, last, member)
    business_year(coop, now, member, scale=2)
    limits(coop)
    loan = running(member, 3_000_000)
    with scope(cooperative=coop):
        first = loan.instalments.order_by("seq").first()
        loans.repay(instalment=first, actor=None, date=first.due, via="cash")
    return {"member": member, "loan": loan, "last": last, "now": now}


def close_year(coop, year: int):
    """The closing entry finance.closing posts: every income and expense account of the
    year to zero, the difference to SHU tahun berjalan."""
    with scope(cooperative=coop):
        accounts = {a.pk: a for a in Account.objects.filter(type__in=("income", "expense"))}
        sums = (JournalLine.objects.filter(account_id__in=list(accounts), date__year=year)
                .values("account_id").annotate(d=Sum("debit"), c=Sum("credit")).order_by())
        lines = []
        for row in sums:
            net = row["d"] - row["c"]
            if net > 0:
                lines.append(Line(accounts[row["account_id"]], credit=net))
            elif net < 0:
                lines.append(Line(accounts[row["account_id"]], debit=-net))
        surplus = year_result(coop, year).surplus
        if surplus > 0:
            lines.append(Line("shu_current", credit=surplus))
        elif surplus < 0:
            lines.append(Line("shu_current", debit=-surplus))
    if not lines:  # nothing to close
        return None
    return post(coop, dt.date(year, 12, 31), *lines, kind=EntryKind.CLOSING,
                text=f"Jurnal penutup {year}")
