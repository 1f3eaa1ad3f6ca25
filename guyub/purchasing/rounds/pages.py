"""What the round pages share, here and in distribution: the round by its key, the
guard of the pages that follow the close, and the link inviting members."""

from functools import wraps
from urllib.parse import quote

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Round


def get_round(pk) -> Round:
    return get_object_or_404(Round, pk=pk)


def not_cancelled(view):
    """For what follows the close (receipt, pick-up, bills, payments, savings and their
    PDFs): a cancelled round has none of it. Officers land on the round's page, which
    says why; anyone else (a supplier's PDF link) finds nothing. Under coop_view."""

    @wraps(view)
    def wrapped(request, pk, *args, **kwargs):
        if Round.objects.filter(pk=pk, status=Round.Status.CANCELLED).exists():
            if not request.access.can("purchasing.view"):
                raise Http404
            messages.info(request, _("Pembelian bersama ini dibatalkan: tidak ada penerimaan, "
                                     "pengambilan, tagihan atau pembayaran."))
            return redirect("purchasing:round", request.coop.slug, pk)
        return view(request, pk, *args, **kwargs)

    return wrapped


def share_link(request, round_: Round) -> str:
    """A WhatsApp link inviting members to the round: a link only, nothing is fetched."""
    url = request.build_absolute_uri(reverse("purchasing:my_round",
                                             args=[request.coop.slug, round_.pk]))
    items = ", ".join(i.price_list.item.name for i in round_.items.all())
    text = _("Ayo ikut pembelian bersama \"%(title)s\" di %(coop)s: %(items)s. Makin banyak "
             "yang ikut, makin murah harganya. Ditutup %(closes)s. Pesan di sini: %(url)s") % {
        "title": round_.title, "coop": request.coop.name, "items": items,
        "closes": timezone.localtime(round_.closes_at).strftime("%d-%m-%Y %H:%M"),
        "url": url}
    return "https://wa.me/?text=" + quote(text, safe="")
