"""The member dashboard: only the signed-in member's own figures (every read here is
filtered on that member; tests/test_member_dashboard.py checks another member's sales,
bills and certificates never show)."""

import datetime as dt
from decimal import Decimal

from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.ledger.selectors import member_balance
from guyub.members.simpanan import selectors as simpanan
from guyub.members.simpanan.dues import first_due_date
from guyub.purchasing.models import Round, RoundPayment, Share
from guyub.sales.fulfilment.selectors import pick_lines
from guyub.sales.payouts.selectors import member_payouts

from . import charts, contracts, finance, governance, resources, sales, selectors, support
from .periods import Period
from .tables import by_month, month_labels, rupiah

ZERO = Decimal(0)
SOON = 60  # days ahead shown as upcoming deadlines


def member_tables(member, period: Period) -> list:
    months = period.months
    sold = sales.member_sales_by_month(period, member)
    saved = sales.savings_by_month(period, member)
    tables = []
    for key, title, series, column in (
            ("penjualan-saya", _("Penjualan saya per bulan"),
             {_("Penjualan"): sold["sales"], _("Hasil untuk saya"): sold["earning"]}, False),
            ("hemat-saya", _("Penghematan saya dari pembelian bersama"),
             {_("Harga eceran"): saved["retail"], _("Saya bayar"): saved["paid"],
              _("Hemat"): saved["saved"]}, False),
            ("kontrak-saya", _("Barang kontrak saya per bulan"),
             contracts.member_series(member, period), False)):
        table = by_month(key, title, months, series, total_column=column)
        shown = (dict(list(series.items())[-1:]) if key in ("hemat-saya", "kontrak-saya")
                 else {_("Hasil untuk saya"): sold["earning"]})
        table.chart = charts.columns(title, month_labels(months, short=True), shown, fmt=rupiah)
        tables.append(table)
    return tables


def open_bills(member) -> list[dict]:
    """Round bills not paid in full (goods in, so the amounts are final): two queries."""
    billed = (Share.objects.filter(member=member, round_item__round__status__in=Round.FINAL)
              .values("round_item__round_id", "round_item__round__title")
              .annotate(total=Sum(F("goods_amount") + F("cost_amount") + F("fee_amount")))
              .order_by("round_item__round_id"))
    paid = dict(RoundPayment.objects.filter(member=member).values("round_id")
                .annotate(s=Sum("amount")).values_list("round_id", "s"))
    out = []
    for b in billed:
        due = b["total"] - paid.get(b["round_item__round_id"], ZERO)
        if due > 0:
            out.append({"round_id": b["round_item__round_id"],
                        "title": b["round_item__round__title"], "total": b["total"],
                        "due": due})
    return out


def deadlines(member, today: dt.date) -> list[dict]:
    """What is coming up for the member, soonest first: rounds closing (to commit), the
    next simpanan wajib due day, certificates expiring, goods to bring for orders."""
    now, until = timezone.now(), today + dt.timedelta(days=SOON)
    items = []
    for round_ in Round.objects.filter(status=Round.Status.OPEN, opens_at__lte=now,
                                       closes_at__gte=now).order_by("closes_at")[:10]:
        items.append({"date": timezone.localdate(round_.closes_at), "kind": "round",
                      "text": _("Pembelian bersama “%(title)s” ditutup") % {
                          "title": round_.title}, "pk": round_.pk})
    due = _next_due(member, today)
    if due is not None:
        items.append({"date": due, "kind": "dues", "text": _("Batas bayar simpanan wajib")})
    for cert in selectors.expiring_certificates(today, member=member):
        items.append({"date": cert.expires_on, "kind": "certificate",
                      "text": _("Sertifikat %(kind)s %(number)s habis berlaku") % {
                          "kind": cert.get_kind_display(), "number": cert.number}})
    for line in pick_lines(member=member, due_to=until)[:10]:
        items.append({"date": line.due_date, "kind": "delivery",
                      "text": _("Setor %(qty)s × %(product)s untuk %(order)s") % {
                          "qty": line.quantity, "product": line.product.name,
                          "order": line.order.display_number}})
    items += contracts.member_deadlines(member, today, until)
    items += resources.member_deadlines(member, today, until)
    items += support.member_deadlines(member, today, until)
    items += governance.member_deadlines(member, today, until)
    for item in items:
        item["late"] = item["date"] < today   # goods not brought by their day
    return sorted(items, key=lambda i: i["date"])


def _next_due(member, today: dt.date) -> dt.date | None:
    if member.join_date is None or member.status != member.Status.ACTIVE:
        return None
    day = member.cooperative.simpanan_wajib_due_day
    due = max(today.replace(day=min(day, 28)), first_due_date(member.join_date, day))
    if due < today:
        year, month = divmod(today.year * 12 + today.month, 12)
        due = dt.date(year, month + 1, min(day, 28))
    return due


def member_figures(member, period: Period) -> dict:
    today = timezone.localdate()
    months, amount = simpanan.arrears(member, today)
    return {"balances": simpanan.balances(member), "arrears_months": months,
            "arrears_amount": amount,
            "owed": member_balance(member=member, role="payable_members"),
            "payouts": list(member_payouts(member)[:6]), "bills": open_bills(member),
            "to_deliver": pick_lines(member=member).count(),
            "deadlines": deadlines(member, today),
            "contract_owed": contracts.member_owed(member),
            "loans": support.member_loans(member),
            "meetings": governance.member_participation(member, period),
            "shu": finance.member_shu(member),
            "sales": sales.sales_total(period, member)}
