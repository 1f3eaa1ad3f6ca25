"""The year-end close and the adjustments of a closed year: every write is one
transaction with the cooperative row locked, so two clicks close a year once."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.models import Cooperative, CoopRole
from guyub.core.money import format_rupiah
from guyub.core.roles import PERMISSIONS
from guyub.core.typed_text import clean_text
from guyub.finance.notices import YEAR_CLOSED
from guyub.ledger.models import ZERO, Account, EntryKind, JournalLine
from guyub.ledger.services import Line, close_period, closed_through, post_entry
from guyub.notifications.services import notify

from . import selectors
from .models import Adjustment, YearClose

REASON_MAX = 2000


def closing_lines(nets: dict[Account, Decimal]) -> tuple[list[Line], Decimal]:
    """The lines bringing each account of `nets` ({account: debit − credit}) to zero
    against shu_current, and the surplus they move (income − expenses)."""
    lines = [Line(account=account, credit=net) if net > 0 else Line(account=account, debit=-net)
             for account, net in nets.items() if net]
    surplus = -sum(nets.values(), ZERO)
    if surplus > 0:
        lines.append(Line(account="shu_current", credit=surplus))
    elif surplus < 0:
        lines.append(Line(account="shu_current", debit=-surplus))
    return lines, surplus


def _lock(cooperative: Cooperative) -> None:
    # NO KEY, as post_entry takes it: it serialises closes and adjustments of one
    # cooperative without blocking other transactions' foreign-key checks on its row.
    Cooperative.objects.select_for_update(no_key=True).filter(pk=cooperative.pk).first()


def _closing_url(cooperative) -> str:
    return reverse("finance:closing", args=[cooperative.slug])


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _name(user) -> str:
    if not getattr(user, "is_authenticated", False):
        return _("Sistem")
    return user.get_full_name() or user.get_username()


@transaction.atomic
def close_year(*, cooperative: Cooperative, year: int, actor) -> YearClose:
    """Close `year`: one closing entry (31 December) moving every income and expense
    account's balance for the year into shu_current, the books locked through that day,
    the close recorded, audited and told to the board. Years close in order."""
    _lock(cooperative)
    refusal = selectors.close_refusal(cooperative, year)
    if refusal:
        raise DomainError(refusal, code="conflict")
    end = selectors.year_end(year)
    lines, surplus = closing_lines(selectors.year_balances(cooperative, year))
    close = YearClose.objects.create(cooperative=cooperative, year=year, surplus=surplus,
                                     closed_by=_user(actor))
    if lines:
        close.entry = post_entry(
            cooperative=cooperative, date=end, kind=EntryKind.CLOSING, lines=lines,
            actor=actor, source=close, source_url=_closing_url(cooperative),
            description=_("Jurnal penutup tahun buku %(year)s") % {"year": year})
        close.save(update_fields=["entry"])
    locked = closed_through(cooperative)
    if locked is None or locked < end:
        close_period(cooperative=cooperative, actor=actor, through=end)
    log_action(cooperative=cooperative, actor=actor, action="year.closed", obj=close,
               year=str(year), surplus=surplus,
               entry=close.entry.display_number if close.entry else "")
    _tell_the_board(close, actor)
    return close


def _tell_the_board(close: YearClose, actor) -> None:
    board = set(CoopRole.objects.filter(cooperative=close.cooperative,
                                        role__in=PERMISSIONS["finance.close"])
                .values_list("user_id", flat=True)) - {getattr(actor, "pk", None)}
    if board:
        notify(cooperative=close.cooperative, topic=YEAR_CLOSED,
               event_id=f"year_close:{close.pk}:closed", recipients=sorted(board),
               link=_closing_url(close.cooperative),
               params={"year": str(close.year), "actor": _name(actor),
                       "surplus": format_rupiah(close.surplus)})


def _check_date(date, year: int) -> None:
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise DomainError(_("Tanggal tidak valid."), field="date")
    if date.year != year:
        raise DomainError(_("Tanggal penyesuaian harus di dalam tahun buku %(year)s "
                            "(1 Januari sampai 31 Desember %(year)s).") % {"year": year},
                          field="date")


@transaction.atomic
def record_adjustment(*, close: YearClose, date: dt.date, lines: list[Line], reason: str,
                      actor) -> Adjustment:
    """Correct a closed year: an adjusting entry dated in it, with its reason; when it
    touches income or expenses, a closing entry (same date) moves them into shu_current
    again, so the closed year's income and expense accounts stay at zero. Refused once
    the year's SHU is posted (see selectors.adjustment_refusal)."""
    cooperative = close.cooperative
    _lock(cooperative)
    close = YearClose.objects.get(pk=close.pk)
    reason = clean_text(reason, field="reason", limit=REASON_MAX)
    _check_date(date, close.year)
    refusal = selectors.adjustment_refusal(close)
    if refusal:
        raise DomainError(refusal, code="conflict")
    words = {"year": close.year, "reason": reason}
    entry = post_entry(
        cooperative=cooperative, date=date, kind=EntryKind.ADJUSTING, lines=lines,
        actor=actor, source=close, source_url=_closing_url(cooperative),
        description=_("Penyesuaian tahun buku %(year)s: %(reason)s") % words)
    closing, _surplus = closing_lines(selectors.net_balances(
        cooperative, JournalLine.objects.filter(entry=entry)))
    closing_entry = post_entry(
        cooperative=cooperative, date=date, kind=EntryKind.CLOSING, lines=closing,
        actor=actor, source=close, source_url=_closing_url(cooperative),
        description=_("Penutupan penyesuaian tahun buku %(year)s: %(reason)s") % words,
    ) if closing else None
    adjustment = Adjustment.objects.create(
        cooperative=cooperative, close=close, entry=entry, closing_entry=closing_entry,
        reason=reason, recorded_by=_user(actor))
    log_action(cooperative=cooperative, actor=actor, action="year.adjusted", obj=close,
               year=str(close.year), reason=reason, entry=entry.display_number,
               closing_entry=closing_entry.display_number if closing_entry else "")
    return adjustment

