"""A small cooperative whose dashboard figures are known by hand, and the same kinds of
records in another cooperative (which must never count)."""

import datetime as dt
from decimal import Decimal as D

from django.utils import timezone
from django_scopes import scope

from guyub.catalog.models import Certificate, Channel
from guyub.members.models import Member
from guyub.members.simpanan.models import SimpananAccount, SimpananTransaction
from guyub.purchasing.models import Round, Share
from guyub.reports.dashboards.periods import month_start
from guyub.sales.tests.fulfilment_helpers import local, order, product
from guyub.testing.factories import MemberFactory
from guyub.testing.purchase_rounds import make_round

MILIAR = D(1_000_000_000)


def members(coop) -> dict:
    """Five active members and two others (one applicant, one exited)."""
    made = {
        "wulan": MemberFactory(cooperative=coop, owner_name="Wulan", sector="kopi",
                               regency="Sleman", workers=4),
        "siti": MemberFactory(cooperative=coop, owner_name="Siti", sector="batik",
                              regency="Bantul", workers=10, annual_sales=3 * MILIAR),
        "agus": MemberFactory(cooperative=coop, owner_name="Agus", sector="kopi",
                              regency="Sleman", workers=2),
        "dewi": MemberFactory(cooperative=coop, owner_name="Dewi", sector="kerajinan",
                              regency="Kulon Progo", workers=1),
        "budi": MemberFactory(cooperative=coop, owner_name="Budi", sector="kopi",
                              regency="Bantul", workers=6, business_capital=6 * MILIAR),
    }
    MemberFactory(cooperative=coop, status=Member.Status.APPLICANT, number=None,
                  join_date=None, sector="kopi", workers=50)
    MemberFactory(cooperative=coop, status=Member.Status.EXITED, sector="batik", workers=70)
    return made


def sales(coop, board, makers) -> dict:
    """Paid this month: local Rp130.000 (direct), regional Rp225.000 (direct), national
    Rp450.000 (direct), export Rp650.000 (export channel); an unpaid order and one paid
    last year do not count this month."""
    today = timezone.localdate()
    first = month_start(today)
    kopi = product(coop, makers["wulan"], "Kopi Arabika Merapi", price=65_000)
    kain = product(coop, makers["siti"], "Batik Cap Kawung", price=225_000)
    with scope(cooperative=coop):
        ekspor = Channel.objects.get(code="ekspor")
    order(coop, [(kopi, 2)], paid_at=local(first, 9), city="Sleman")            # local
    order(coop, [(kain, 1)], paid_at=local(first, 10))                          # regional
    order(coop, [(kain, 2)], paid_at=local(today, 8), city="Kota Surabaya",
          province="35")                                                        # national
    order(coop, [(kopi, 10)], paid_at=local(today, 9), country="JP", province="",
          city="Osaka", channel=ekspor)                                         # export
    order(coop, [(kopi, 3)], paid=False)
    order(coop, [(kain, 4)], paid_at=local(dt.date(today.year - 1, 6, 1), 9))
    return {"kopi": kopi, "kain": kain}


def savings(coop, makers) -> Round:
    """A received round picked up today: Wulan 10 kg and Siti 5 kg at Rp9.000/kg plus
    costs, against a retail price of Rp11.000/kg: saved 110.000+55.000-(95.000+47.500)."""
    round_, (item,) = make_round(coop, status=Round.Status.RECEIVED)
    with scope(cooperative=coop):
        for who, qty, goods, cost in (("wulan", 10, 90_000, 5_000), ("siti", 5, 45_000, 2_500)):
            Share.objects.create(cooperative=coop, round_item=item, member=makers[who],
                                 committed=D(qty), tolerance=D(0), quantity=D(qty),
                                 goods_amount=D(goods), cost_amount=D(cost))
    return round_


def simpanan(coop, makers) -> None:
    """Pokok for Wulan and Siti before this month; wajib for Wulan this month (paid up to
    now, so she is not in arrears); a sukarela withdrawal."""
    today = timezone.localdate()
    earlier = month_start(today, 13)
    rows = [("wulan", "pokok", "deposit", 100_000, 0, earlier),
            ("siti", "pokok", "deposit", 100_000, 0, earlier),
            ("wulan", "sukarela", "deposit", 50_000, 0, earlier),
            ("wulan", "sukarela", "withdrawal", 20_000, 0, today),
            ("wulan", "wajib", "deposit", 25_000 * 60, 60, today)]
    with scope(cooperative=coop):
        for n, (who, kind, type_, amount, months, day) in enumerate(rows, start=1):
            SimpananTransaction.objects.create(
                cooperative=coop, member=makers[who], kind=kind, type=type_,
                amount=D(amount), months=months, date=day, receipt_number=n)
            # The account the simpanan services keep beside the transactions.
            account, _new = SimpananAccount.objects.get_or_create(
                cooperative=coop, member=makers[who], kind=kind)
            account.balance += D(amount) if type_ == "deposit" else -D(amount)
            account.months_paid += months
            account.save()


def certificates(coop, makers) -> None:
    today = timezone.localdate()
    with scope(cooperative=coop):
        for who, days in (("wulan", 10), ("siti", 59), ("agus", 61), ("dewi", -1)):
            Certificate.objects.create(cooperative=coop, member=makers[who], kind="pirt",
                                       number=f"PIRT-{who}",
                                       expires_on=today + dt.timedelta(days=days))


def build(coop, board) -> dict:
    makers = members(coop)
    goods = sales(coop, board, makers)
    round_ = savings(coop, makers)
    simpanan(coop, makers)
    certificates(coop, makers)
    return {"makers": makers, "round": round_, **goods}
