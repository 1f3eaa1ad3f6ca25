"""Writes of a round's life: opening it, members' commitments, the close (by hand or
by the schedule, see schedule.py) or calling it off, the goods coming in (a shortfall
re-allocated and priced again), members picking up and paying their part. The money
goes to the ledger: the receipt posts what members owe, payments what they paid.

Every write locks the round row first (`lock_round`), so a commitment is either
counted in the close or refused, never half counted."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.ledger.services import Line, post_entry
from guyub.members.models import Member
from guyub.members.simpanan import services as simpanan

from .. import closing_rules, notices
from . import pricing, statements
from .commitment_checks import surprising_quantity
from .models import Commitment, Round, RoundItem, RoundPayment, Share
from .selectors import MAX_QUANTITY, member_outstanding, member_total, queue, queues

ZERO = Decimal(0)
Status = Round.Status


def lock_round(round_: Round) -> Round:
    return Round.objects.select_for_update().get(pk=round_.pk)


def parse_quantity(value, field: str) -> Decimal:
    """A quantity a person or a client sent: finite, not negative, three decimals at
    most, within the columns it ends up in."""
    try:
        value = Decimal(value)
    except Exception:
        raise DomainError(_("Jumlah tidak valid."), field=field) from None
    if not value.is_finite() or value < 0:
        raise DomainError(_("Jumlah tidak boleh negatif."), field=field)
    # The columns hold 9 digits before the point. Larger values failed in quantize()
    # below (InvalidOperation past 28 digits) or in the database: a 500, not a message.
    if value > MAX_QUANTITY:
        raise DomainError(_("Jumlah terlalu besar."), field=field)
    if value != value.quantize(Decimal("0.001")):
        raise DomainError(_("Paling banyak tiga angka di belakang koma."), field=field)
    return value


@transaction.atomic
def open_round(*, cooperative, actor, title: str, opens_at: dt.datetime,
               closes_at: dt.datetime, pickup_place: str, pickup_date: dt.date,
               price_lists: list, **terms) -> Round:
    """Open a round on price lists valid on the pick-up date, one per item. `terms`:
    transport_cost, handling_cost, fee_pct, cost_basis. The items' retail reference
    prices are kept with the round for its savings report."""
    if closes_at <= opens_at:
        raise DomainError(_("Waktu tutup harus sesudah waktu buka."), field="closes_at")
    if closes_at <= timezone.now():
        raise DomainError(_("Waktu tutup sudah lewat."), field="closes_at")
    if pickup_date < timezone.localtime(closes_at).date():
        raise DomainError(_("Tanggal pengambilan tidak boleh sebelum pembelian ditutup."),
                          field="pickup_date")
    if not price_lists:
        raise DomainError(_("Pilih paling sedikit satu barang."), field="price_lists")
    items = set()
    for price_list in price_lists:
        if price_list.valid_from > pickup_date or (price_list.valid_until
                                                   and price_list.valid_until < pickup_date):
            raise DomainError(_("Daftar harga %(pl)s tidak berlaku pada tanggal pengambilan.")
                              % {"pl": price_list}, field="price_lists")
        if price_list.item_id in items:
            raise DomainError(_("Satu barang hanya boleh punya satu pemasok dalam satu "
                                "pembelian bersama (%(item)s).") % {"item": price_list.item},
                              field="price_lists")
        if not price_list.tiers.exists():
            raise DomainError(_("Daftar harga %(pl)s belum punya harga.") % {"pl": price_list},
                              field="price_lists")
        items.add(price_list.item_id)
    round_ = Round(cooperative=cooperative, title=" ".join(title.split()), opens_at=opens_at,
                   closes_at=closes_at, pickup_place=pickup_place.strip(),
                   pickup_date=pickup_date, created_by=actor, **terms)
    round_.save()
    RoundItem.objects.bulk_create([
        RoundItem(cooperative=cooperative, round=round_, price_list=price_list,
                  retail_price=price_list.item.retail_reference_price)
        for price_list in price_lists])
    log_action(cooperative=cooperative, actor=actor, action="purchase.opened", obj=round_,
               price_lists=[p.pk for p in price_lists], closes_at=closes_at)
    return round_


@transaction.atomic
def set_commitment(*, round_item: RoundItem, member: Member, quantity, tolerance=ZERO,
                   actor=None, confirm: bool = False) -> tuple[Decimal, Decimal]:
    """Set a member's total commitment for an item; 0 (and no tolerance) withdraws it.

    Raising adds a row at the back of the queue; lowering trims the newest rows
    first, so a member who lowers keeps their earlier place. The round row is locked,
    so a commitment is either counted in the close or refused, never half counted.
    A quantity many times what came before is refused with code "confirm" unless
    `confirm` (see commitment_checks).
    """
    # Checked before the lock: inside one cooperative's scope another cooperative's
    # round does not even exist, and the lock would fail with DoesNotExist (a 500).
    _same_cooperative(round_item, member)
    round_ = lock_round(round_item.round)
    if not round_.is_open:
        raise DomainError(_("Pembelian bersama ini tidak sedang dibuka."), code="transition")
    if member.status != Member.Status.ACTIVE:
        raise DomainError(_("Hanya anggota aktif yang dapat ikut pembelian bersama."))
    quantity = parse_quantity(quantity, "quantity")
    tolerance = parse_quantity(tolerance, "tolerance")
    # A member's share (firm + tolerance) and the item's whole order must fit the columns
    # they end up in (9 digits before the point): checked here, not at the close, where
    # one oversized commitment would stop the round (and the scheduled job) from closing.
    others = (Commitment.objects.filter(round_item=round_item).exclude(member=member)
              .aggregate(q=Sum("quantity"), t=Sum("tolerance")))
    if (quantity + tolerance > MAX_QUANTITY
            or quantity + tolerance + (others["q"] or ZERO) + (others["t"] or ZERO)
            > MAX_QUANTITY):
        raise DomainError(_("Jumlah terlalu besar."), field="quantity")
    mine = list(Commitment.objects.filter(round_item=round_item, member=member)
                .order_by("created_at", "id"))
    have_q = sum((c.quantity for c in mine), ZERO)
    have_t = sum((c.tolerance for c in mine), ZERO)
    doubt = None if confirm else surprising_quantity(
        round_item=round_item, member=member, quantity=quantity, have=have_q,
        others=others["q"] or ZERO)
    if doubt:
        raise DomainError(doubt, field="quantity", code="confirm")
    add_q, add_t = max(quantity - have_q, ZERO), max(tolerance - have_t, ZERO)
    _trim_newest(mine, "quantity", max(have_q - quantity, ZERO))
    _trim_newest(mine, "tolerance", max(have_t - tolerance, ZERO))
    if add_q or add_t:
        Commitment.objects.create(cooperative=round_.cooperative, round_item=round_item,
                                  member=member, quantity=add_q, tolerance=add_t)
    if not (quantity or tolerance):
        if have_q or have_t:  # withdrawing nothing is no event worth a line in the log
            log_action(cooperative=round_.cooperative, actor=actor, action="purchase.withdrawn",
                       obj=round_, item=round_item.pk, member=member.pk)
    else:
        log_action(cooperative=round_.cooperative, actor=actor, action="purchase.committed",
                   obj=round_, item=round_item.pk, member=member.pk, quantity=quantity,
                   tolerance=tolerance)
    return quantity, tolerance


def _same_cooperative(round_item: RoundItem, member: Member) -> None:
    """A commitment joins a round item and a member of one and the same cooperative."""
    round_ = round_item.round
    if round_item.cooperative_id != round_.cooperative_id:
        raise DomainError(_("Barang ini bukan bagian dari pembelian bersama tersebut."),
                          field="item")
    if member.cooperative_id != round_.cooperative_id:
        raise DomainError(_("%(name)s bukan anggota koperasi yang mengadakan pembelian "
                            "bersama ini.") % {"name": member.owner_name}, field="member")


def _trim_newest(mine: list[Commitment], field: str, amount: Decimal) -> None:
    for row in reversed(mine):
        if amount <= 0:
            break
        take = min(getattr(row, field), amount)
        if take <= 0:
            # Nothing to trim here. The row may even be gone already: lowering quantity
            # and tolerance together walks the rows twice, and a row emptied (and
            # deleted) by the first pass would otherwise be deleted again (ValueError).
            continue
        setattr(row, field, getattr(row, field) - take)
        amount -= take
        if row.quantity == 0 and row.tolerance == 0:
            row.delete()
        else:
            row.save(update_fields=[field])


@transaction.atomic
def close_round(*, round_: Round, actor=None) -> Round:
    """One atomic computation: packs, allocation, tier price, costs and fee per member.

    Computed in memory from one read of the commitments, then written with one
    UPDATE of the items and one COPY (elsewhere a bulk INSERT) of the priced shares:
    per-item queries and a bulk_update of every share took 35 s for 200 items and
    10,000 commitments, against a 2 s target (bench/purchase_close.py).
    """
    round_ = lock_round(round_)
    round_.move_to(Status.CLOSED, message=(
        _("Pembelian bersama ini sudah dibatalkan.") if round_.status == Status.CANCELLED
        else _("Pembelian bersama ini sudah ditutup.")))
    if round_.opens_at > timezone.now():
        raise DomainError(_("Pembelian bersama ini belum dibuka, jadi belum dapat ditutup; "
                            "batalkan saja bila tidak jadi."), code="transition")
    items = list(round_.items.select_related("price_list")
                 .prefetch_related("price_list__tiers"))
    item_queues = queues(items)
    shares = []
    for item in items:
        shares.extend(pricing.allocate_item(item, item_queues[item.pk]))
    statements.save_item_figures(round_.cooperative_id, items)
    pricing.price_shares(round_, {item.pk: item for item in items}, shares)
    statements.insert_shares(round_.cooperative_id, shares)
    round_.closed_at = timezone.now()
    round_.save(update_fields=["status", "closed_at"])
    log_action(cooperative=round_.cooperative, actor=actor, action="purchase.closed",
               obj=round_)
    notices.round_closed(round_)
    return round_


@transaction.atomic
def cancel_round(*, round_: Round, actor, reason: str) -> Round:
    """Call off a round that is open or not yet opened (never after the close: then a
    purchase order exists and goods may be on their way). Nothing has been bought or
    billed, so no money moves; the commitments stay as the record of what members asked
    for, and the reason is kept in the audit log (see `selectors.cancellation`)."""
    round_ = lock_round(round_)
    reason = " ".join((reason or "").split())
    if not reason:
        raise DomainError(_("Tuliskan alasan pembatalan."), field="reason")
    if len(reason) > 1000:
        raise DomainError(_("Alasan terlalu panjang (maksimal 1000 karakter)."),
                          field="reason")
    round_.move_to(Status.CANCELLED, message=(
        _("Pembelian bersama ini sudah dibatalkan.") if round_.status == Status.CANCELLED
        else _("Pembelian bersama yang sudah ditutup tidak dapat dibatalkan.")))
    round_.save(update_fields=["status"])
    members = (Commitment.objects.filter(round_item__round=round_)
               .values("member").distinct().count())
    log_action(cooperative=round_.cooperative, actor=actor, action="purchase.cancelled",
               obj=round_, reason=reason, members=members)
    return round_


def price_round(round_: Round) -> None:
    """Price every share of the round again (after a receipt changed quantities) and
    write the amounts that changed."""
    items = {item.pk: item for item in round_.items.all()}
    shares = list(Share.objects.filter(round_item__round=round_))
    before = {s.pk: (s.goods_amount, s.cost_amount, s.fee_amount) for s in shares}
    pricing.price_shares(round_, items, shares)
    statements.save_share_amounts(round_.cooperative_id, [
        s for s in shares if before[s.pk] != (s.goods_amount, s.cost_amount, s.fee_amount)])


# --- after the close: goods in, pick-up, members paying -------------------------------


@transaction.atomic
def receive_goods(*, round_item: RoundItem, received_qty, actor, note: str = "") -> RoundItem:
    """Record what arrived. A shortfall is re-allocated with the closing rule (firm
    quantities in queue order, then tolerances), and amounts are priced again."""
    round_ = lock_round(round_item.round)
    if round_.status not in Round.RECEIVING:
        raise DomainError(_("Barang hanya diterima setelah pembelian ditutup."),
                          code="transition")
    item = RoundItem.objects.select_for_update().get(pk=round_item.pk)
    if item.received_qty is not None:
        raise DomainError(_("Penerimaan barang ini sudah dicatat."), code="transition")
    received = parse_quantity(received_qty, "received_qty")
    if received > item.ordered_qty:
        raise DomainError(_("Jumlah diterima melebihi jumlah yang dipesan."),
                          field="received_qty")
    if received < item.ordered_qty and not note.strip():
        raise DomainError(_("Tuliskan keterangan kekurangan atau kerusakan."), field="note")
    item.received_qty, item.receipt_note = received, note.strip()
    item.save(update_fields=["received_qty", "receipt_note"])
    firm, extra = closing_rules.distribute(received, queue(item))
    shares = list(item.shares.all())
    before = {share.member_id: share.quantity for share in shares}
    for share in shares:
        share.quantity = firm.get(share.member_id, ZERO) + extra.get(share.member_id, ZERO)
    Share.objects.bulk_update(shares, ["quantity"])
    price_round(round_)
    if received < item.ordered_qty:
        notices.goods_short(item, before)
    if not round_.items.filter(received_qty__isnull=True).exists():
        round_.move_to(Status.RECEIVED)
        round_.save(update_fields=["status"])
        _post_receipt(round_, actor)
    log_action(cooperative=round_.cooperative, actor=actor, action="purchase.received",
               obj=round_, item=item.pk, received=received, ordered=item.ordered_qty,
               note=note)
    return item


def _post_receipt(round_: Round, actor) -> None:
    """Goods in: each member owes their share, the cooperative owes the supplier the
    invoices and the costs, and earns its fee — one balanced entry for the round."""
    shares = list(Share.objects.filter(round_item__round=round_, quantity__gt=0)
                  .select_related("member"))
    if not shares:
        return
    owed = defaultdict(lambda: ZERO)
    for share in shares:
        owed[share.member] += share.total
    goods_and_costs = sum((s.goods_amount + s.cost_amount for s in shares), ZERO)
    fee = sum((s.fee_amount for s in shares), ZERO)
    lines = [Line(account="receivable_members", debit=amount, member=member)
             for member, amount in owed.items() if amount]
    lines.append(Line(account="payable_suppliers", credit=goods_and_costs))
    if fee:
        lines.append(Line(account="income_members", credit=fee))
    post_entry(cooperative=round_.cooperative, date=timezone.localdate(), actor=actor,
               source=round_, lines=lines,
               description=_("Pembelian bersama: %(title)s, barang diterima")
               % {"title": round_.title})


@transaction.atomic
def pick_up(*, share: Share, actor) -> Share:
    share = Share.objects.select_for_update().select_related("round_item__round").get(pk=share.pk)
    round_ = share.round_item.round
    if round_.status not in Round.FINAL:
        raise DomainError(_("Barang belum diterima koperasi."), code="transition")
    if share.picked_up_at is None:
        share.picked_up_at = timezone.now()
        share.save(update_fields=["picked_up_at"])
        everyone_served = not Share.objects.filter(
            round_item__round=round_, quantity__gt=0, picked_up_at__isnull=True).exists()
        if everyone_served and round_.can_move_to(Status.DISTRIBUTED):
            round_.move_to(Status.DISTRIBUTED)
            Round.objects.filter(pk=round_.pk).update(status=round_.status)
        log_action(cooperative=share.cooperative, actor=actor, action="purchase.picked_up",
                   obj=round_, member=share.member_id, quantity=share.quantity)
    return share


@transaction.atomic
def pay_share(*, round_: Round, member: Member, actor, method: str, date=None) -> None:
    """A member pays their part: cash, bank, or a debit from their simpanan sukarela."""
    round_ = lock_round(round_)
    if round_.status not in Round.FINAL:
        raise DomainError(_("Tagihan dibuat setelah barang diterima."), code="transition")
    amount = member_total(round_, member)
    outstanding = member_outstanding(round_, member)
    if amount <= 0 or outstanding <= 0:
        raise DomainError(_("Tidak ada tagihan yang belum dibayar."))
    date = date or timezone.localdate()
    description = _("Bayar pembelian bersama %(title)s, %(name)s") % {
        "title": round_.title, "name": member.owner_name}
    if method == "sukarela":
        entry = simpanan.pay_debt_from_sukarela(member=member, actor=actor, date=date,
                                                amount=outstanding,
                                                description=description).entry
    elif method in ("cash", "bank"):
        entry = post_entry(cooperative=round_.cooperative, date=date, actor=actor,
                           source=round_, description=description,
                           lines=[Line(account=method, debit=outstanding),
                                  Line(account="receivable_members", credit=outstanding,
                                       member=member)])
    else:
        raise DomainError(_("Cara bayar tidak dikenal."), field="method")
    RoundPayment.objects.create(cooperative=round_.cooperative, round=round_, member=member,
                                amount=outstanding, method=method, entry=entry)
    log_action(cooperative=round_.cooperative, actor=actor, action="purchase.paid",
               obj=round_, member=member.pk, amount=outstanding, method=method)
