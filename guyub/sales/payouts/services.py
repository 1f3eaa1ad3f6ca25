"""Consignment payouts: each member is paid what their goods sold for in a period, minus
the cooperative's commission, posted as one entry."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.models import Cooperative
from guyub.ledger.services import Line, post_entry

from .. import notices
from ..fulfilment.models import FulfilmentLine
from ..numbers import next_number
from .models import PayoutBatch, PayoutLine
from .selectors import payable_lines


@transaction.atomic
def create_payout(*, cooperative: Cooperative, start: dt.date, end: dt.date, actor,
                  method: str = "bank") -> PayoutBatch:
    """Pay each member what they earned in the period, posted as one entry."""
    if start > end:
        raise DomainError(_("Tanggal awal harus sebelum tanggal akhir."), field="start")
    if method not in ("bank", "cash"):
        raise DomainError(_("Cara bayar tidak dikenal."), field="method")
    lines = list(payable_lines(cooperative, start, end).select_for_update(of=("self",)))
    if not lines:
        raise DomainError(_("Tidak ada hasil penjualan yang belum dibayarkan pada periode ini."))
    per_member: dict[int, list[FulfilmentLine]] = defaultdict(list)
    for line in lines:
        per_member[line.member_id].append(line)
    if not any(line.sale_amount - line.commission for line in lines):
        # Nothing to pay and so nothing to book; the sales are settled with the next
        # payout that pays someone.
        raise DomainError(_("Tidak ada yang perlu dibayarkan: seluruh hasil penjualan "
                            "periode ini menjadi komisi koperasi."))
    batch = PayoutBatch.objects.create(cooperative=cooperative,
                                       number=next_number(PayoutBatch, cooperative),
                                       period_start=start, period_end=end, method=method,
                                       created_by=actor)
    ledger_lines, total = [], Decimal(0)
    for member_lines in per_member.values():
        member = member_lines[0].member
        sales = sum((x.sale_amount for x in member_lines), Decimal(0))
        fee = sum((x.commission for x in member_lines), Decimal(0))
        payout = PayoutLine.objects.create(cooperative=cooperative, batch=batch, member=member,
                                           sales=sales, commission=fee, amount=sales - fee)
        FulfilmentLine.objects.filter(pk__in=[x.pk for x in member_lines]).update(payout=payout)
        if payout.amount:
            ledger_lines.append(Line(account="payable_members", debit=payout.amount,
                                     member=member))
            total += payout.amount
    ledger_lines.append(Line(account=method, credit=total))
    batch.entry = post_entry(
        cooperative=cooperative, date=timezone.localdate(), actor=actor, source=batch,
        lines=ledger_lines,
        description=_("Pembayaran hasil titip jual %(no)s, %(start)s s.d. %(end)s")
        % {"no": batch.display_number, "start": start, "end": end})
    batch.save(update_fields=["entry"])
    log_action(cooperative=cooperative, actor=actor, action="payout.created", obj=batch,
               total=total, members=len(per_member))
    notices.payout_made(batch)
    return batch
