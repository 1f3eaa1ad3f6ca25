"""Every write of the solidarity fund: contributions, grant requests, the board's
decision and the payment. Each money event is one balanced entry against Dana sosial
(social_fund, 2302), with the row as its source.

How money comes in:
- from a member, in cash or by bank: Dr cash|bank / Cr social_fund;
- from a member's simpanan sukarela, at their request: Dr simpanan_sukarela (their
  sub-ledger line) / Cr social_fund, through members.simpanan.services.transfer_sukarela,
  so the member's balance row, receipt and notice stay right. Not a withdrawal: a
  withdrawal pays cash out over the counter, and cash coming back in as a contribution
  would be two entries for a movement in which no money leaves the cooperative;
- from the cooperative: under UU 25/1992 (pasal 45) and the by-laws, dana sosial is an
  appropriation of SHU decided by the RAT, not an operating expense. SAK EP treats such
  an earmarking as a transfer out of equity into a liability the cooperative owes its
  members: Dr shu_current (3301 SHU tahun berjalan) / Cr social_fund. No cash moves;
  the fund's money stays in the cooperative's cash, earmarked by the liability;
- from outside donors (by name): Dr cash|bank / Cr social_fund.

How a grant goes out (paying an approved grant): Dr social_fund / Cr cash|bank, or
Cr simpanan_sukarela on the member's line (transfer_sukarela, a deposit on their record).

Lock order when paying: the grant row, then the fund's account row (FOR NO KEY UPDATE:
it queues every payment out of the fund, yet never blocks the key-share locks that
other entries' lines take on it), then the member's sukarela account (sukarela
payments), then the cooperative row (the journal number, inside post_entry). Two
payments at once: the second waits on the fund row, then reads the balance the first
left, so the fund is never overdrawn; a second payment of the same grant waits on the
grant row and finds it paid.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.money import format_rupiah
from guyub.core.typed_text import clean_text
from guyub.ledger.models import Account
from guyub.ledger.services import Line, post_entry
from guyub.members.models import Member
from guyub.members.simpanan.services import transfer_sukarela
from guyub.notifications.services import notify

from ..notices import GRANT_DECIDED, GRANT_REQUESTED
from . import selectors
from .models import FUND_ROLE, MAX_AMOUNT_DIGITS, Contribution, Grant

Source = Contribution.Source
CMethod = Contribution.Method
GMethod = Grant.Method
REASON_MAX = Grant._meta.get_field("reason").max_length
NOTE_MAX = Contribution._meta.get_field("note").max_length
DONOR_MAX = Contribution._meta.get_field("donor_name").max_length
# Which ways in each source allows.
METHODS = {
    Source.MEMBER: (CMethod.CASH, CMethod.BANK, CMethod.SUKARELA),
    Source.COOPERATIVE: (CMethod.SHU,),
    Source.DONOR: (CMethod.CASH, CMethod.BANK),
}
DEBIT_ACCOUNT = {CMethod.CASH: "cash", CMethod.BANK: "bank", CMethod.SHU: "shu_current"}




def _amount(value, *, field: str = "amount") -> Decimal:
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError(_("Jumlah tidak valid."), field=field) from None
    if (not amount.is_finite() or amount <= 0 or amount != amount.to_integral_value()
            or amount >= Decimal(10) ** MAX_AMOUNT_DIGITS):
        raise DomainError(_("Jumlah harus rupiah utuh lebih dari nol."), field=field)
    return amount


def _grant_url(grant: Grant) -> str:
    return reverse("support:grant", args=[grant.cooperative.slug, grant.pk])


@transaction.atomic
def record_contribution(*, cooperative, actor, source: str, method: str, amount,
                        date: dt.date, member: Member | None = None, donor_name: str = "",
                        note: str = "") -> Contribution:
    """Money into the fund (see the module's note on each way in), one entry."""
    if source not in METHODS:
        raise DomainError(_("Pilih sumber dana."), field="source")
    if method not in METHODS[source]:
        raise DomainError(_("Cara itu tidak berlaku untuk sumber ini."), field="method")
    amount = _amount(amount)
    note = clean_text(note, field="note", limit=NOTE_MAX, required=False)
    donor_name = clean_text(donor_name, field="donor_name", limit=DONOR_MAX,
                      required=source == Source.DONOR)
    if source == Source.MEMBER:
        if member is None or member.cooperative_id != cooperative.pk:
            raise DomainError(_("Pilih anggota yang menyumbang."), field="member")
        if member.status != Member.Status.ACTIVE:
            raise DomainError(_("Hanya anggota aktif yang dapat menyumbang."), field="member")
    else:
        member = None
    if source != Source.DONOR:
        donor_name = ""
    contribution = Contribution.objects.create(
        cooperative=cooperative, source=source, member=member, donor_name=donor_name,
        method=method, amount=amount, date=date, note=note, created_by=actor)
    description = _("Sumbangan dana sosial dari %(who)s") % {"who": contribution.giver}
    if method == CMethod.SUKARELA:
        tx = transfer_sukarela(member=member, actor=actor, date=date, amount=amount,
                               to_sukarela=False, account=FUND_ROLE, description=description)
        contribution.entry = tx.entry
    else:
        contribution.entry = post_entry(
            cooperative=cooperative, date=date, actor=actor, description=description,
            source=contribution, source_url=reverse("support:fund", args=[cooperative.slug]),
            lines=[Line(DEBIT_ACCOUNT[method], debit=amount),
                   Line(FUND_ROLE, credit=amount)])
    contribution.save(update_fields=["entry"])
    log_action(cooperative=cooperative, actor=actor, action="solidarity.contribution",
               obj=contribution, source=source, method=method, amount=amount,
               **({"member": member.pk} if member else {}))
    return contribution


@transaction.atomic
def request_grant(*, member: Member, actor, category: str, amount, reason: str,
                  photo=None) -> Grant:
    """A request for help, by the member themselves or entered by staff for them. The
    board (solidarity.grant) is told."""
    member = Member.objects.get(pk=member.pk)
    if member.status != Member.Status.ACTIVE:
        raise DomainError(_("Hanya anggota aktif yang dapat memohon bantuan."), field="member")
    if category not in Grant.Category.values:
        raise DomainError(_("Pilih kategori."), field="category")
    amount = _amount(amount, field="amount_requested")
    reason = clean_text(reason, field="reason", limit=REASON_MAX)
    grant = Grant(cooperative=member.cooperative, member=member, category=category,
                  amount_requested=amount, reason=reason, requested_by=actor)
    if photo:
        grant.photo = photo
    grant.save()
    log_action(cooperative=member.cooperative, actor=actor, action="solidarity.requested",
               obj=grant, member=member.pk, amount=amount, category=category)
    deciders = selectors.deciders(member.cooperative) - {getattr(actor, "pk", None),
                                                         member.user_id}
    if deciders:
        notify(cooperative=member.cooperative, topic=GRANT_REQUESTED,
               event_id=f"grant:{grant.pk}:requested", recipients=sorted(deciders),
               link=_grant_url(grant),
               params={"member": member.owner_name, "amount": format_rupiah(amount),
                       "reason": reason[:140]})
    return grant


def _locked(grant: Grant) -> Grant:
    return (Grant.objects.select_for_update(of=("self",)).select_related("member", "cooperative")
            .get(pk=grant.pk))


@transaction.atomic
def decide_grant(*, grant: Grant, actor, approve: bool, note: str, amount=None) -> Grant:
    """The board's decision, with its reason: approve (the amount may be lowered, never
    raised) or refuse. Four eyes: not the member's own login, nor who entered it."""
    grant = _locked(grant)
    if grant.status != Grant.Status.REQUESTED:
        raise DomainError(_("Permohonan ini sudah diputuskan."), code="conflict")
    actor_pk = getattr(actor, "pk", None)
    if actor_pk is None or actor_pk in {grant.member.user_id, grant.requested_by_id}:
        raise DomainError(_("Keputusan harus diambil pengurus lain: bukan pemohon dan bukan "
                            "yang mencatat permohonan."), code="conflict")
    note = clean_text(note, field="note", limit=REASON_MAX)
    if approve:
        approved = grant.amount_requested if amount in (None, "") else _amount(amount)
        if approved > grant.amount_requested:
            raise DomainError(_("Jumlah disetujui paling banyak yang diminta, %(amt)s.")
                              % {"amt": format_rupiah(grant.amount_requested)}, field="amount")
        grant.amount_approved = approved
    grant.move_to(Grant.Status.APPROVED if approve else Grant.Status.REFUSED)
    grant.decision_note = note
    grant.decided_by = actor
    grant.decided_at = timezone.now()
    grant.save(update_fields=["status", "amount_approved", "decision_note", "decided_by",
                              "decided_at"])
    log_action(cooperative=grant.cooperative, actor=actor,
               action="solidarity.approved" if approve else "solidarity.refused", obj=grant,
               note=note, **({"amount": grant.amount_approved} if approve else {}))
    if grant.member.user_id:
        decision = (_("disetujui sebesar %(amt)s") % {
            "amt": format_rupiah(grant.amount_approved)} if approve else _("ditolak"))
        notify(cooperative=grant.cooperative, topic=GRANT_DECIDED,
               event_id=f"grant:{grant.pk}:decided", recipients=[grant.member.user_id],
               link=reverse("support:my_grant", args=[grant.cooperative.slug, grant.pk]),
               params={"amount": format_rupiah(grant.amount_requested),
                       "decision": decision, "reason": " " + note})
    return grant


@transaction.atomic
def pay_grant(*, grant: Grant, actor, method: str, date: dt.date) -> Grant:
    """Pay an approved grant once, never beyond the fund's balance (see the lock order
    in the module's note)."""
    grant = _locked(grant)
    if grant.status == Grant.Status.PAID:
        raise DomainError(_("Bantuan ini sudah dibayar."), code="conflict")
    if grant.status != Grant.Status.APPROVED:
        raise DomainError(_("Hanya bantuan yang sudah disetujui yang dapat dibayar."),
                          code="conflict")
    if method not in GMethod.values:
        raise DomainError(_("Cara bayar tidak dikenal."), field="method")
    coop = grant.cooperative
    # The queue of payments out of the fund (see the module's note).
    (Account.objects.select_for_update(no_key=True)
     .filter(cooperative=coop, role=FUND_ROLE).first())
    amount = grant.amount_approved
    balance = selectors.fund_balance(coop)
    if amount > balance:
        raise DomainError(_("Saldo dana sosial tidak cukup: saldo %(bal)s, bantuan %(amt)s.")
                          % {"bal": format_rupiah(balance), "amt": format_rupiah(amount)},
                          code="conflict")
    description = _("Bantuan dana sosial #%(pk)s untuk %(name)s") % {
        "pk": grant.pk, "name": grant.member.owner_name}
    if method == GMethod.SUKARELA:
        tx = transfer_sukarela(member=grant.member, actor=actor, date=date, amount=amount,
                               to_sukarela=True, account=FUND_ROLE, description=description)
        grant.entry = tx.entry
    else:
        grant.entry = post_entry(
            cooperative=coop, date=date, actor=actor, description=description, source=grant,
            source_url=_grant_url(grant),
            lines=[Line(FUND_ROLE, debit=amount), Line(method, credit=amount)])
    grant.move_to(Grant.Status.PAID)
    grant.method = method
    grant.paid_on = date
    grant.paid_by = actor
    grant.save(update_fields=["status", "method", "paid_on", "paid_by", "entry"])
    log_action(cooperative=coop, actor=actor, action="solidarity.paid", obj=grant,
               amount=amount, method=method)
    return grant
