"""Collective purchase rounds: commitments, closing, receipt, pick-up, payment."""

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from guyub.core import limits
from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.money import split_largest_remainder, to_rupiah
from guyub.ledger.services import Line, post_entry
from guyub.members.models import Member

from . import allocation
from .commitment_checks import surprising_quantity
from .models import Commitment, Round, RoundItem, RoundPayment, Share

logger = logging.getLogger(__name__)
ZERO = Decimal(0)
# A member's share and an item's whole order end up in Share.quantity / RoundItem
# columns; the smallest of them bounds what may be committed (core/limits.py).
MAX_QUANTITY = min(limits.decimal_max(Share, "quantity"),
                   limits.decimal_max(Commitment, "quantity"),
                   limits.decimal_max(RoundItem, "ordered_qty"))
QUANTITY_STEP = Decimal("0.001")  # quantities are kept to three decimals
R = Round.Status


def _locked_round(round_: Round) -> Round:
    return Round.objects.select_for_update().get(pk=round_.pk)


def _decimal(value, field: str) -> Decimal:
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
    round_ = _locked_round(round_item.round)
    if not round_.is_open:
        raise DomainError(_("Pembelian bersama ini tidak sedang dibuka."), code="transition")
    if member.status != Member.Status.ACTIVE:
        raise DomainError(_("Hanya anggota aktif yang dapat ikut pembelian bersama."))
    quantity, tolerance = _decimal(quantity, "quantity"), _decimal(tolerance, "tolerance")
    # A member's share (firm + tolerance) and the item's whole order must fit the columns
    # they end up in (9 digits before the point): checked here, not at the close, where
    # one oversized commitment would stop the round (and the scheduled job) from closing.
    others = (Commitment.objects.filter(round_item=round_item).exclude(member=member)
              .aggregate(q=Sum("quantity"), t=Sum("tolerance")))
    if (quantity + tolerance > MAX_QUANTITY
            or quantity + tolerance + (others["q"] or ZERO) + (others["t"] or ZERO)
            > MAX_QUANTITY):
        raise DomainError(_("Jumlah terlalu besar."), field="quantity")
    rows = list(Commitment.objects.filter(round_item=round_item, member=member)
                .order_by("created_at", "id"))
    have_q = sum((r.quantity for r in rows), ZERO)
    have_t = sum((r.tolerance for r in rows), ZERO)
    doubt = None if confirm else surprising_quantity(
        round_item=round_item, member=member, quantity=quantity, have=have_q,
        others=others["q"] or ZERO)
    if doubt:
        raise DomainError(doubt, field="quantity", code="confirm")
    add_q, add_t = max(quantity - have_q, ZERO), max(tolerance - have_t, ZERO)
    _trim_newest(rows, "quantity", max(have_q - quantity, ZERO))
    _trim_newest(rows, "tolerance", max(have_t - tolerance, ZERO))
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


def _trim_newest(rows: list[Commitment], field: str, amount: Decimal) -> None:
    for row in reversed(rows):
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


def queue(round_item: RoundItem) -> list[allocation.Commitment]:
    return _queues([round_item])[round_item.pk]


def _queues(items: list[RoundItem]) -> dict[int, list[allocation.Commitment]]:
    """Each item's queue (rows in time order, `seq` counting from 0 per item), read
    with one query whatever the number of items."""
    queues: dict[int, list[allocation.Commitment]] = {item.pk: [] for item in items}
    rows = (Commitment.objects.filter(round_item__in=list(queues))
            .order_by("round_item_id", "created_at", "id")
            .values_list("round_item_id", "member_id", "quantity", "tolerance"))
    for item_id, member_id, quantity, tolerance in rows:
        found = queues[item_id]
        found.append(allocation.Commitment(member_id=member_id, quantity=quantity,
                                           tolerance=tolerance, seq=len(found)))
    return queues


def live_status(round_item: RoundItem) -> dict:
    """What everyone sees while the round is open: total, tier reached, what is missing."""
    rows = queue(round_item)
    pl = round_item.price_list
    total = sum((r.quantity for r in rows), ZERO)
    tol = sum((r.tolerance for r in rows), ZERO)
    result = allocation.allocate(rows, pack_size=pl.pack_size, min_order=pl.min_order_qty)
    tiers = pl.tier_table()
    price = allocation.tier_price(tiers, result.ordered) if tiers else None
    # Tier and next tier as if the round closed now (whole packs, tolerance included).
    nxt = allocation.next_tier(tiers, result.ordered) if tiers else None
    remainder = total % pl.pack_size
    return {
        "total": total, "tolerance": tol, "packs": result.packs, "ordered": result.ordered,
        "unit_price": price, "next_tier": nxt,
        "to_next_tier": (nxt[0] - result.ordered) if nxt else None,
        "to_fill_pack": (pl.pack_size - remainder) if remainder else ZERO,
        "pack_fill_pct": int(remainder / pl.pack_size * 100) if remainder else 100 if total else 0,
        "allocation": result,
        **_minimum(total, tol, pl),
    }


def _minimum(total: Decimal, tolerance: Decimal, pl) -> dict:
    """Whether the supplier's minimum keeps the item from being ordered if the round closed
    now, and how much more firm quantity would lift it. The minimum is checked against
    whole packs (tolerance included), as closing checks it: 130 kg in 50 kg sacks is
    two sacks, still short of a 120 kg minimum; 90 + 20 kg tolerance is two, enough
    for 100."""
    size, minimum = pl.pack_size, pl.min_order_qty
    unbounded = allocation.packs_to_order(total, tolerance, size)
    if unbounded * size >= minimum:
        return {"below_minimum": False, "to_minimum": ZERO}
    packs_needed = (minimum / size).to_integral_value(rounding=ROUND_CEILING)
    # Either firm quantity alone fills the packs needed, or it goes just past the pack
    # before (tolerance alone never opens a pack) and the tolerance fills the rest:
    # whichever needs less.
    alone = packs_needed * size - total
    with_tolerance = max(packs_needed * size - total - tolerance,
                         (packs_needed - 1) * size - total + QUANTITY_STEP)
    return {"below_minimum": True, "to_minimum": max(min(alone, with_tolerance), ZERO)}


@transaction.atomic
def close_round(*, round_: Round, actor=None) -> Round:
    """One atomic computation: packs, allocation, tier price, costs and fee per member.

    Computed in memory from one read of the commitments, then written with one
    UPDATE of the items and one COPY (elsewhere a bulk INSERT) of the priced shares:
    per-item queries and a bulk_update of every share took 35 s for 200 items and
    10,000 commitments, against a 2 s target (bench/purchase_close.py).
    """
    round_ = _locked_round(round_)
    if round_.status == R.CANCELLED:
        raise DomainError(_("Pembelian bersama ini sudah dibatalkan."), code="transition")
    if round_.status != R.OPEN:
        raise DomainError(_("Pembelian bersama ini sudah ditutup."), code="transition")
    if round_.opens_at > timezone.now():
        raise DomainError(_("Pembelian bersama ini belum dibuka, jadi belum dapat ditutup; "
                            "batalkan saja bila tidak jadi."), code="transition")
    items = list(round_.items.select_related("price_list")
                 .prefetch_related("price_list__tiers"))
    queues = _queues(items)
    shares = []
    for item in items:
        shares.extend(_allocate_item(item, queues[item.pk]))
    _save_fields(RoundItem, items, ["packs", "ordered_qty", "unit_price"])
    _price_shares(round_, {item.pk: item for item in items}, shares)
    _insert_shares(round_.cooperative, shares)
    round_.status = R.CLOSED
    round_.closed_at = timezone.now()
    round_.save(update_fields=["status", "closed_at"])
    log_action(cooperative=round_.cooperative, actor=actor, action="purchase.closed",
               obj=round_)
    return round_


@transaction.atomic
def cancel_round(*, round_: Round, actor, reason: str) -> Round:
    """Call off a round that is open or not yet opened (never after the close: then a
    purchase order exists and goods may be on their way). Nothing has been bought or
    billed, so no money moves; the commitments stay as the record of what members asked
    for, and the reason is kept in the audit log (see `selectors.cancellation`)."""
    round_ = _locked_round(round_)
    reason = " ".join((reason or "").split())
    if not reason:
        raise DomainError(_("Tuliskan alasan pembatalan."), field="reason")
    if len(reason) > 1000:
        raise DomainError(_("Alasan terlalu panjang (maksimal 1000 karakter)."),
                          field="reason")
    if round_.status == R.CANCELLED:
        raise DomainError(_("Pembelian bersama ini sudah dibatalkan."), code="transition")
    if round_.status != R.OPEN:
        raise DomainError(_("Pembelian bersama yang sudah ditutup tidak dapat dibatalkan."),
                          code="transition")
    round_.status = R.CANCELLED
    round_.save(update_fields=["status"])
    members = (Commitment.objects.filter(round_item__round=round_)
               .values("member").distinct().count())
    log_action(cooperative=round_.cooperative, actor=actor, action="purchase.cancelled",
               obj=round_, reason=reason, members=members)
    return round_


@dataclass(slots=True)
class _NewShare:
    """A Share computed at close, before it is written (a model instance costs more)."""

    round_item_id: int
    member_id: int
    committed: Decimal
    tolerance: Decimal
    quantity: Decimal
    goods_amount: Decimal = ZERO
    cost_amount: Decimal = ZERO
    fee_amount: Decimal = ZERO


def _allocate_item(item: RoundItem, rows: list[allocation.Commitment]) -> list[_NewShare]:
    """Fix the item's packs, quantity and tier price (unsaved); its unpriced shares."""
    pl = item.price_list
    result = allocation.allocate(rows, pack_size=pl.pack_size, min_order=pl.min_order_qty)
    item.packs, item.ordered_qty = result.packs, result.ordered
    tiers = pl.tier_table()
    item.unit_price = allocation.tier_price(tiers, result.ordered) if tiers else None
    committed = defaultdict(lambda: ZERO)
    tolerated = defaultdict(lambda: ZERO)
    for r in rows:
        committed[r.member_id] += r.quantity
        tolerated[r.member_id] += r.tolerance
    return [_NewShare(item.pk, member_id, committed[member_id], tolerated[member_id],
                      result.total_for(member_id))
            for member_id in committed]


_SHARE_COLUMNS = ("round_item_id", "member_id", "committed", "tolerance", "quantity",
                  "goods_amount", "cost_amount", "fee_amount")


def _insert_shares(cooperative, shares: list[_NewShare]) -> None:
    if connection.vendor != "postgresql":
        Share.objects.bulk_create(
            [Share(cooperative=cooperative, **{f: getattr(s, f) for f in _SHARE_COLUMNS})
             for s in shares], batch_size=1000)
        return
    # COPY: a tenth of the time of bulk_create, which prepares every value of every row.
    quote = connection.ops.quote_name
    columns = ", ".join(quote(c) for c in ("cooperative_id", *_SHARE_COLUMNS))
    with connection.cursor() as cursor, cursor.cursor.copy(
            f"COPY {quote(Share._meta.db_table)} ({columns}) FROM STDIN") as copy:
        for s in shares:
            copy.write_row((cooperative.pk, *(getattr(s, f) for f in _SHARE_COLUMNS)))


def price_round(round_: Round) -> None:
    """Goods at the tier price, shared costs and the cooperative's fee, in whole rupiah
    that add up exactly to the supplier invoices plus costs plus fee."""
    items = {item.pk: item for item in round_.items.all()}
    shares = list(Share.objects.filter(round_item__round=round_))
    before = {s.pk: (s.goods_amount, s.cost_amount, s.fee_amount) for s in shares}
    _price_shares(round_, items, shares)
    _save_fields(Share, [s for s in shares
                         if before[s.pk] != (s.goods_amount, s.cost_amount, s.fee_amount)],
                 ["goods_amount", "cost_amount", "fee_amount"])


def _price_shares(round_: Round, items: dict[int, RoundItem], shares: list) -> None:
    """Set the amounts of all of a round's shares (Share or _NewShare), in memory
    (see price_round)."""
    # Item, then member: the order that breaks ties in the largest-remainder splits.
    shares.sort(key=lambda s: (s.round_item_id, s.member_id))
    served = []
    by_item = defaultdict(list)
    for s in shares:
        # Every amount is computed afresh. Amounts were only overwritten when there was
        # something to split, so a share kept its fee from the close when a shortfall
        # left a fee that rounds to zero, and the bills no longer added up.
        s.goods_amount = s.cost_amount = s.fee_amount = ZERO
        if s.quantity > 0:
            served.append(s)
            by_item[s.round_item_id].append(s)
    for item_id, mine in by_item.items():
        item = items[item_id]
        if not item.unit_price:
            continue
        invoice = to_rupiah(item.quantity_for_invoice() * item.unit_price)
        for share, amount in zip(mine, split_largest_remainder(
                invoice, [s.quantity for s in mine]), strict=True):
            share.goods_amount = amount
    if not served:
        return
    costs = round_.transport_cost + round_.handling_cost
    basis = [s.quantity if round_.cost_basis == Round.CostBasis.WEIGHT else s.goods_amount
             for s in served]
    if not sum(basis):
        # By value, but the goods have no price (no tiers): by weight, rather than
        # leave the costs out of every bill and out of the debt to the supplier.
        basis = [s.quantity for s in served]
    if costs:
        for s, amount in zip(served, split_largest_remainder(costs, basis), strict=True):
            s.cost_amount = amount
    goods = sum((s.goods_amount for s in served), ZERO)
    fee = to_rupiah(goods * round_.fee_pct / 100)
    if fee and goods > 0:
        for s, amount in zip(served, split_largest_remainder(
                fee, [s.goods_amount for s in served]), strict=True):
            s.fee_amount = amount


_SQL_TYPES = {"DecimalField": "NUMERIC", "PositiveIntegerField": "INTEGER"}


def _save_fields(model, objs: list, fields: list[str], batch: int = 1000) -> None:
    """UPDATE `fields` of many rows to their own values, one statement per `batch`
    rows. Django's bulk_update builds a CASE WHEN per row and field, which took over
    30 s for 10,000 shares; this joins the table to a VALUES list instead (PostgreSQL
    and SQLite >= 3.33 alike)."""
    if not objs:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    pk = connection.ops.quote_name(model._meta.pk.column)
    columns = [connection.ops.quote_name(model._meta.get_field(f).column) for f in fields]
    names = [f"v{n}" for n in range(len(fields))]
    # Typed, so PostgreSQL knows what the VALUES columns hold.
    types = [_SQL_TYPES[model._meta.get_field(f).get_internal_type()] for f in fields]
    row = "(%s, " + ", ".join(f"CAST(%s AS {t})" for t in types) + ")"
    assignments = ", ".join(f"{col} = v.{name}" for col, name in zip(columns, names,
                                                                      strict=True))
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch):
            chunk = objs[start:start + batch]
            params = []
            for obj in chunk:
                params.append(obj.pk)
                params.extend(getattr(obj, f) for f in fields)
            cursor.execute(
                f"WITH v(id, {', '.join(names)}) AS (VALUES {', '.join([row] * len(chunk))}) "
                f"UPDATE {table} SET {assignments} FROM v WHERE {table}.{pk} = v.id",
                params)


def close_due_rounds(now: dt.datetime | None = None) -> list[Round]:
    """The scheduled job: close every open round whose closing time has passed, each
    in its own cooperative's scope and transaction."""
    now = now or timezone.now()
    with scopes_disabled():
        due = list(Round.objects.filter(status=R.OPEN, closes_at__lte=now)
                   .select_related("cooperative").order_by("pk"))
    closed, failed = [], []
    for round_ in due:
        with scope(cooperative=round_.cooperative):
            try:
                closed.append(close_round(round_=round_))
            except DomainError:  # closed by hand a moment ago
                continue
            except Exception:
                # One round that cannot close must not keep every round behind it (in
                # every cooperative) from closing: log it, go on, fail at the end.
                logger.exception("closing round %s (%s) failed", round_.pk,
                                 round_.cooperative.slug)
                failed.append(round_.pk)
    if failed:
        raise RuntimeError(f"rounds that could not close: {failed}")
    return closed


@transaction.atomic
def receive_goods(*, round_item: RoundItem, received_qty, actor, note: str = "") -> RoundItem:
    """Record what arrived. A shortfall is re-allocated with the closing rule (firm
    quantities in queue order, then tolerances), and amounts are priced again."""
    round_ = _locked_round(round_item.round)
    if round_.status not in (R.CLOSED, R.RECEIVED):
        raise DomainError(_("Barang hanya diterima setelah pembelian ditutup."),
                          code="transition")
    item = RoundItem.objects.select_for_update().get(pk=round_item.pk)
    if item.received_qty is not None:
        raise DomainError(_("Penerimaan barang ini sudah dicatat."), code="transition")
    received = _decimal(received_qty, "received_qty")
    if received > item.ordered_qty:
        raise DomainError(_("Jumlah diterima melebihi jumlah yang dipesan."),
                          field="received_qty")
    if received < item.ordered_qty and not note.strip():
        raise DomainError(_("Tuliskan keterangan kekurangan atau kerusakan."), field="note")
    item.received_qty, item.receipt_note = received, note.strip()
    item.save(update_fields=["received_qty", "receipt_note"])
    firm, extra = allocation.distribute(received, queue(item))
    shares = list(item.shares.all())
    for share in shares:
        share.quantity = firm.get(share.member_id, ZERO) + extra.get(share.member_id, ZERO)
    Share.objects.bulk_update(shares, ["quantity"])
    price_round(round_)
    if not round_.items.filter(received_qty__isnull=True).exists():
        round_.status = R.RECEIVED
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


def member_total(round_: Round, member: Member) -> Decimal:
    return sum((s.total for s in Share.objects.filter(round_item__round=round_, member=member)),
               ZERO)


@transaction.atomic
def pay_share(*, round_: Round, member: Member, actor, method: str, date=None) -> None:
    """A member pays their part: cash, bank, or a debit from their simpanan sukarela."""
    from guyub.members.simpanan import services as simpanan

    round_ = _locked_round(round_)
    if round_.status not in (R.RECEIVED, R.DISTRIBUTED):
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


def member_outstanding(round_: Round, member: Member) -> Decimal:
    """The member's bill for the round less what they have paid against it."""
    paid = sum((p.amount for p in RoundPayment.objects.filter(round=round_, member=member)),
               ZERO)
    return member_total(round_, member) - paid


@transaction.atomic
def pick_up(*, share: Share, actor) -> Share:
    share = Share.objects.select_for_update().select_related("round_item__round").get(pk=share.pk)
    if share.round_item.round.status not in (R.RECEIVED, R.DISTRIBUTED):
        raise DomainError(_("Barang belum diterima koperasi."), code="transition")
    if share.picked_up_at is None:
        share.picked_up_at = timezone.now()
        share.save(update_fields=["picked_up_at"])
        round_ = share.round_item.round
        if not Share.objects.filter(round_item__round=round_, quantity__gt=0,
                                    picked_up_at__isnull=True).exists():
            Round.objects.filter(pk=round_.pk).update(status=R.DISTRIBUTED)
        log_action(cooperative=share.cooperative, actor=actor, action="purchase.picked_up",
                   obj=round_, member=share.member_id, quantity=share.quantity)
    return share


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
    for pl in price_lists:
        if pl.valid_from > pickup_date or (pl.valid_until and pl.valid_until < pickup_date):
            raise DomainError(_("Daftar harga %(pl)s tidak berlaku pada tanggal pengambilan.")
                              % {"pl": pl}, field="price_lists")
        if pl.item_id in items:
            raise DomainError(_("Satu barang hanya boleh punya satu pemasok dalam satu "
                                "pembelian bersama (%(item)s).") % {"item": pl.item},
                              field="price_lists")
        if not pl.tiers.exists():
            raise DomainError(_("Daftar harga %(pl)s belum punya harga.") % {"pl": pl},
                              field="price_lists")
        items.add(pl.item_id)
    round_ = Round(cooperative=cooperative, title=" ".join(title.split()), opens_at=opens_at,
                   closes_at=closes_at, pickup_place=pickup_place.strip(),
                   pickup_date=pickup_date, created_by=actor, **terms)
    round_.save()
    RoundItem.objects.bulk_create([
        RoundItem(cooperative=cooperative, round=round_, price_list=pl,
                  retail_price=pl.item.retail_reference_price) for pl in price_lists])
    log_action(cooperative=cooperative, actor=actor, action="purchase.opened", obj=round_,
               price_lists=[pl.pk for pl in price_lists], closes_at=closes_at)
    return round_
