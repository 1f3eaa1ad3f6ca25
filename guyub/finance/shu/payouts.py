"""Paying a member their posted SHU: in cash or by bank transfer at the office, or into
their simpanan sukarela at their own choice. Each payment settles the member's SHU
payable in ONE balanced entry; the share row is locked first, so two clicks (or a
cashier and the member at the same moment) pay once."""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.money import format_rupiah
from guyub.ledger.services import Line, post_entry
from guyub.members.models import Member
from guyub.members.simpanan.services import sukarela_against
from guyub.notifications.services import notify

from .. import notices
from .models import ShuPlan, ShuShare

Payout = ShuShare.Payout
METHODS = (Payout.CASH, Payout.BANK, Payout.SUKARELA)


@transaction.atomic
def pay_share(*, share: ShuShare, method: str, actor, date: dt.date) -> ShuShare:
    """Pay a posted plan's unpaid share by `method` (cash, bank or sukarela).

    Who may choose which is the views' business (shu.pay: cash or bank at the office;
    shu.own: the member's own share into sukarela); this checks the money rules."""
    if method not in METHODS:
        raise DomainError(_("Cara pembayaran SHU tidak dikenal."), field="method")
    share = (ShuShare.objects.select_for_update(of=("self",))
             .select_related("plan", "member").get(pk=share.pk))
    _check_payable(share, method, date)
    entry = _post(share, method, actor, date)
    share.payout = method
    share.paid_entry = entry
    share.paid_at = timezone.now()
    share.paid_by = actor if getattr(actor, "is_authenticated", False) else None
    share.save(update_fields=["payout", "paid_entry", "paid_at", "paid_by"])
    log_action(cooperative=share.cooperative, actor=actor, action="shu.paid", obj=share.member,
               amount=share.amount, method=method, year=share.plan.year)
    _tell(share)
    return share


def _check_payable(share: ShuShare, method: str, date: dt.date) -> None:
    plan = share.plan
    if plan.status != ShuPlan.Status.POSTED:
        raise DomainError(_("SHU tahun buku %(year)s belum dibukukan; belum ada yang dapat "
                            "dibayarkan.") % {"year": plan.year}, code="transition")
    if share.payout:
        raise DomainError(_("SHU ini sudah %(state)s.") % {
            "state": (_("dibayarkan") if share.payout != Payout.UNCLAIMED
                      else _("dialihkan karena tidak diambil"))}, code="conflict")
    if share.amount <= 0:
        raise DomainError(_("Tidak ada SHU yang dapat dibayarkan kepada anggota ini."),
                          code="conflict")
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise DomainError(_("Tanggal tidak valid."), field="date")
    posted_on = _posted_on(plan)
    if posted_on and date < posted_on:
        raise DomainError(_("Tanggal pembayaran tidak boleh sebelum SHU dibukukan "
                            "(%(date)s).") % {"date": posted_on.strftime("%d-%m-%Y")},
                          field="date")
    if method == Payout.SUKARELA and share.member.status != Member.Status.ACTIVE:
        raise DomainError(_("%(name)s sudah tidak aktif sebagai anggota, jadi SHU-nya tidak "
                            "dapat dimasukkan ke simpanan sukarela; ambil tunai atau "
                            "transfer bank di kantor koperasi.")
                          % {"name": share.member.owner_name}, field="method")


def _posted_on(plan: ShuPlan) -> dt.date | None:
    # The payable exists from the posting entry's date: paying before it would
    # settle a debt the books do not have yet.
    if plan.entry_id:
        return plan.entry.date
    return timezone.localdate(plan.posted_at) if plan.posted_at else None


def _post(share: ShuShare, method: str, actor, date: dt.date):
    member, amount = share.member, share.amount
    payable = Line(account="shu_payable", debit=amount, member=member)
    if method == Payout.SUKARELA:
        # Through the simpanan service, so the passbook row and the balance move with
        # the sub-ledger in the same entry (Dr SHU payable / Cr simpanan sukarela).
        description = _("SHU tahun buku %(year)s %(name)s ke simpanan sukarela") % {
            "year": share.plan.year, "name": member.owner_name}
        return sukarela_against(member=member, actor=actor, date=date, amount=amount,
                                deposit=True, counter=[payable],
                                description=description).entry
    description = _("Pembayaran SHU tahun buku %(year)s %(name)s (%(method)s)") % {
        "year": share.plan.year, "name": member.owner_name,
        "method": Payout(method).label}
    return post_entry(cooperative=share.cooperative, date=date, actor=actor,
                      description=description, source=share,
                      source_url=_member_link(share),
                      lines=[payable, Line(account=method, credit=amount)])


def _member_link(share: ShuShare) -> str:
    return reverse("finance:my_shu", args=[share.cooperative.slug])


def _tell(share: ShuShare) -> None:
    if not share.member.user_id:
        return
    notify(cooperative=share.cooperative, topic=notices.SHU_PAID,
           event_id=f"shu:{share.plan_id}:share:{share.pk}:paid",
           recipients=[share.member.user_id], link=_member_link(share),
           params={"year": str(share.plan.year), "amount": format_rupiah(share.amount),
                   "method": str(Payout(share.payout).label).lower()})
