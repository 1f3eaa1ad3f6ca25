"""What sales tells people through the notification service: the buyer about their
order (placed, paid, shipped) and each maker about their own lines of it, and each
member about the payout that paid them. Event ids are stable (the order and what
happened to it), so a payment notified twice, or a retried request, tells nobody twice.

A buyer who ordered as a guest has no login and so no inbox: their order page and
e-mail confirmation are the storefront's."""

from collections import defaultdict

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from guyub.core.money import format_rupiah
from guyub.notifications import Topic
from guyub.notifications.services import notify

ORDER_PLACED = "sales.order_placed"
ORDER_PAID = "sales.order_paid"
ORDER_SHIPPED = "sales.order_shipped"
MAKER_ORDER = "sales.maker_order_placed"
MAKER_PAID = "sales.maker_order_paid"
MAKER_SHIPPED = "sales.maker_order_shipped"
PAYOUT = "sales.payout_made"
HANDOVER_DUE = "sales.handover_due"
HANDOVER_LATE = "sales.handover_late"


def topics() -> list[Topic]:
    return [
        Topic(ORDER_PLACED, _("Pesanan Anda diterima"),
              _("Pesanan %(number)s (%(total)s) kami terima. Silakan bayar agar segera "
                "kami proses.")),
        Topic(ORDER_PAID, _("Pembayaran pesanan Anda diterima"),
              _("Pembayaran pesanan %(number)s sudah kami terima. Terima kasih!")),
        Topic(ORDER_SHIPPED, _("Pesanan Anda dikirim"),
              _("Pesanan %(number)s sudah dikirim, nomor resi %(tracking)s.")),
        Topic(MAKER_ORDER, _("Produk Anda dipesan"),
              _("Pesanan %(number)s memuat produk Anda: %(lines)s.")),
        Topic(MAKER_PAID, _("Pesanan produk Anda sudah dibayar"),
              _("Pesanan %(number)s sudah dibayar. Setorkan %(lines)s ke koperasi "
                "paling lambat %(due)s.")),
        Topic(MAKER_SHIPPED, _("Produk Anda sudah dikirim ke pembeli"),
              _("Pesanan %(number)s berisi %(lines)s sudah dikirim ke pembeli.")),
        Topic(HANDOVER_DUE, _("Barang pesanan disetor besok"),
              _("Besok batas menyetor ke koperasi: %(lines)s.")),
        Topic(HANDOVER_LATE, _("Setoran barang pesanan terlambat"),
              _("Barang pesanan ini belum Anda setor dan sudah lewat batasnya: %(lines)s. "
                "Pembeli menunggu.")),
        Topic(PAYOUT, _("Hasil penjualan dibayarkan"),
              _("Hasil penjualan Anda %(start)s–%(end)s dibayarkan: %(amount)s "
                "(%(number)s).")),
    ]


def _buyer_user(order) -> list[int]:
    return [order.buyer.user_id] if order.buyer.user_id else []


def line_list(lines) -> str:
    return ", ".join(f"{line.product.name} × {line.quantity}" for line in lines)


def _maker_lines(order) -> dict[int, tuple]:
    """Each maker's login and a short list of their own lines of the order."""
    from .models import FulfilmentLine

    lines = defaultdict(list)
    due = {}
    for line in (FulfilmentLine.objects.filter(order=order, member__user__isnull=False)
                 .select_related("member", "product").order_by("pk")):
        lines[line.member.user_id].append(f"{line.product.name} × {line.quantity}")
        due[line.member.user_id] = min(due.get(line.member.user_id, line.due_date),
                                       line.due_date)
    return {user: (", ".join(texts), due[user]) for user, texts in lines.items()}


def _tell(order, *, what: str, buyer_topic: str, maker_topic: str, params: dict) -> None:
    coop = order.cooperative
    event = f"order:{order.pk}:{what}"
    notify(cooperative=coop, topic=buyer_topic, event_id=event,
           recipients=_buyer_user(order), link=reverse("sales:my_orders", args=[coop.slug]),
           params=params)
    link = reverse("sales:my_picklist", args=[coop.slug])
    for user_id, (lines, due) in _maker_lines(order).items():
        # Its own event: a buyer who makes some of what they bought hears both.
        notify(cooperative=coop, topic=maker_topic, event_id=f"{event}:maker",
               recipients=[user_id],
               link=link, params={**params, "lines": lines, "due": due.strftime("%d-%m-%Y")})


def order_placed(order) -> None:
    _tell(order, what="placed", buyer_topic=ORDER_PLACED, maker_topic=MAKER_ORDER,
          params={"number": order.display_number, "total": format_rupiah(order.total)})


def order_paid(order) -> None:
    _tell(order, what="paid", buyer_topic=ORDER_PAID, maker_topic=MAKER_PAID,
          params={"number": order.display_number})


def shipment_shipped(shipment, orders) -> None:
    for order in orders:
        _tell(order, what="shipped", buyer_topic=ORDER_SHIPPED, maker_topic=MAKER_SHIPPED,
              params={"number": order.display_number,
                      "tracking": shipment.tracking_number})


def payout_made(batch) -> None:
    coop = batch.cooperative
    lines = list(batch.lines.filter(amount__gt=0, member__user__isnull=False)
                 .select_related("member"))
    # Each member's own slip: one notice per member, each with its own link.
    for line in lines:
        notify(cooperative=coop, topic=PAYOUT, event_id=f"payout:{batch.pk}",
               recipients=[line.member.user_id],
               link=reverse("sales:payout_statement", args=[coop.slug, line.pk]),
               params={"number": batch.display_number, "amount": format_rupiah(line.amount),
                       "start": batch.period_start.strftime("%d-%m-%Y"),
                       "end": batch.period_end.strftime("%d-%m-%Y")})
