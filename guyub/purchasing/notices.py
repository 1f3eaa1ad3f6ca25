"""What purchasing tells people, through the notification service: members about
rounds (opened, closing within a day, closed with their quantity and bill, goods
received short) and suppliers about tenders (invited, terms changed, deadline
extended, result). Every notice has a stable event id, so telling twice (a task
delivered again, a job run twice) tells nobody twice.

The services call these inside their transaction. A notice to every member of a
cooperative (a round opened, closing soon, its bills) goes out from a task after the
commit: writing 100,000 inbox rows is no part of closing a round."""

from collections import defaultdict

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from guyub.core.jobs.enqueue import after_commit
from guyub.core.money import format_rupiah
from guyub.members import selectors as members
from guyub.notifications import Topic
from guyub.notifications.services import notify, notify_each

from .templatetags.purchasing_tags import qty

ROUND_OPENED = "purchasing.round_opened"
ROUND_CLOSING = "purchasing.round_closing"
ROUND_CLOSED = "purchasing.round_closed"
ROUND_SHORT = "purchasing.goods_short"
TENDER_INVITED = "purchasing.tender_invited"
TENDER_TERMS = "purchasing.tender_terms_changed"
TENDER_EXTENDED = "purchasing.tender_extended"
TENDER_WON = "purchasing.tender_won"
TENDER_LOST = "purchasing.tender_lost"


def topics() -> list[Topic]:
    return [
        Topic(ROUND_OPENED, _("Pembelian bersama dibuka"),
              _("Pembelian bersama %(title)s dibuka sampai %(closes)s. Ikut pesan?")),
        Topic(ROUND_CLOSING, _("Pembelian bersama segera ditutup"),
              _("Pembelian bersama %(title)s ditutup %(closes)s, kurang dari 24 jam lagi.")),
        Topic(ROUND_CLOSED, _("Pembelian bersama ditutup: bagian dan tagihan Anda"),
              _("Pembelian bersama %(title)s ditutup. Bagian Anda: %(items)s. "
                "Tagihan: %(total)s.")),
        Topic(ROUND_SHORT, _("Barang pembelian bersama datang kurang"),
              _("%(item)s pada %(title)s datang kurang. Bagian Anda kini %(quantity)s "
                "(sebelumnya %(before)s).")),
        Topic(TENDER_INVITED, _("Undangan tender"),
              _("%(coop)s mengundang Anda menawar %(quantity)s %(item)s sampai %(deadline)s.")),
        Topic(TENDER_TERMS, _("Syarat tender berubah"),
              _("Syarat tender %(item)s berubah (kini %(quantity)s). Penawaran yang sudah "
                "masuk dibatalkan; kirim ulang sampai %(deadline)s.")),
        Topic(TENDER_EXTENDED, _("Batas tender diperpanjang"),
              _("Batas penawaran tender %(item)s diperpanjang sampai %(deadline)s.")),
        Topic(TENDER_WON, _("Tender dimenangkan"),
              _("Penawaran Anda untuk tender %(item)s menang. %(coop)s akan menghubungi "
                "Anda untuk pesanannya.")),
        Topic(TENDER_LOST, _("Tender tidak terpilih"),
              _("Tender %(item)s sudah diputuskan; penawaran Anda belum terpilih. Terima "
                "kasih sudah ikut.")),
    ]


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "j M Y H:i")


# --- rounds ---------------------------------------------------------------------------


def round_closed(round_) -> None:
    """Each member's quantity and bill, from a worker once the close has committed."""
    from . import tasks  # the task calls back into this module

    after_commit(tasks.notify_round_closed, round_.pk)


def tell_round_opened(round_) -> int:
    """Every active member (with a login) of the cooperative."""
    return _tell_every_member(round_, ROUND_OPENED, "opened")


def tell_round_closing(round_) -> int:
    return _tell_every_member(round_, ROUND_CLOSING, "closing")


def _tell_every_member(round_, topic: str, what: str) -> int:
    return notify(cooperative=round_.cooperative, topic=topic,
                  event_id=f"round:{round_.pk}:{what}",
                  recipients=members.active_member_user_ids(),
                  link=reverse("purchasing:my_round", args=[round_.cooperative.slug, round_.pk]),
                  params={"title": round_.title, "closes": _when(round_.closes_at)})


def tell_round_closed(round_) -> int:
    """Each member with a share: their own quantities and bill. The caller holds the
    round's lock; the bookmark says it is done."""
    from .models import Round, Share

    Round.objects.filter(pk=round_.pk).update(closed_notice_at=timezone.now())
    shares = (Share.objects.filter(round_item__round=round_, member__user__isnull=False)
              .select_related("member", "round_item__price_list__item")
              .order_by("member_id", "round_item_id"))
    by_member = defaultdict(list)
    for share in shares:
        by_member[share.member].append(share)
    personal = {}
    for member, own in by_member.items():
        item_list = ", ".join(f"{s.round_item.price_list.item.name} {qty(s.quantity)} "
                              f"{s.round_item.price_list.item.unit}" for s in own)
        personal[member.user_id] = {"title": round_.title, "items": item_list,
                                    "total": format_rupiah(sum(s.total for s in own))}
    return notify_each(cooperative=round_.cooperative, topic=ROUND_CLOSED,
                       event_id=f"round:{round_.pk}:closed", personal=personal,
                       link=reverse("purchasing:my_round",
                                    args=[round_.cooperative.slug, round_.pk]))


def goods_short(round_item, before: dict) -> None:
    """After a receipt short of the order: each member whose quantity fell. `before`
    maps member id to their quantity before the receipt."""
    round_ = round_item.round
    item = round_item.price_list.item
    link = reverse("purchasing:my_round", args=[round_.cooperative.slug, round_.pk])
    for share in round_item.shares.filter(member__user__isnull=False).select_related("member"):
        was = before.get(share.member_id)
        if was is None or share.quantity >= was:
            continue
        notify(cooperative=round_.cooperative, topic=ROUND_SHORT,
               event_id=f"round:{round_.pk}:item:{round_item.pk}:received",
               recipients=[share.member.user_id], link=link,
               params={"title": round_.title, "item": item.name,
                       "quantity": f"{qty(share.quantity)} {item.unit}",
                       "before": f"{qty(was)} {item.unit}"})


# --- tenders ----------------------------------------------------------------------------


def _tender_params(tender) -> dict:
    return {"coop": tender.cooperative.name, "item": tender.item.name,
            "quantity": f"{qty(tender.quantity)} {tender.item.unit}",
            "deadline": _when(tender.deadline)}


def _supplier_users(suppliers) -> list[int]:
    return [s.user_id for s in suppliers if s.user_id]


def _tender_link(tender) -> str:
    return reverse("tenders:my_tender", args=[tender.cooperative.slug, tender.pk])


def tender_invited(tender, suppliers) -> None:
    notify(cooperative=tender.cooperative, topic=TENDER_INVITED,
           event_id=f"tender:{tender.pk}:invited", recipients=_supplier_users(suppliers),
           link=_tender_link(tender), params=_tender_params(tender))


def tender_terms_changed(tender, *, extended: bool) -> None:
    """Every invited supplier: the terms are new and bids placed before are void."""
    invited = _supplier_users(tender.suppliers.all())
    notify(cooperative=tender.cooperative, topic=TENDER_TERMS,
           event_id=f"tender:{tender.pk}:terms:{tender.terms_version}",
           recipients=invited, link=_tender_link(tender), params=_tender_params(tender))
    if extended:
        notify(cooperative=tender.cooperative, topic=TENDER_EXTENDED,
               event_id=f"tender:{tender.pk}:deadline:{tender.deadline:%Y%m%d%H%M}",
               recipients=invited, link=_tender_link(tender), params=_tender_params(tender))


def tender_result(tender, winner) -> None:
    """Each supplier who bid: whether theirs won. The winning price stays between the
    cooperative and the winner."""
    from .models import Bid

    bidders = {b.supplier for b in Bid.objects.filter(tender=tender,
                                                      terms_version=tender.terms_version)
               .select_related("supplier")}
    for supplier in bidders:
        if supplier.user_id:
            notify(cooperative=tender.cooperative,
                   topic=TENDER_WON if supplier.pk == winner.pk else TENDER_LOST,
                   event_id=f"tender:{tender.pk}:result", recipients=[supplier.user_id],
                   link=_tender_link(tender), params=_tender_params(tender))
