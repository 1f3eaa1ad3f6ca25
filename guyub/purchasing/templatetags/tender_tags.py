from django import template
from django.utils.translation import gettext_lazy as _

from .purchasing_tags import qty

register = template.Library()
# Tender pages load these tags only: the same quantity filter as the round pages.
register.filter("qty", qty)


@register.inclusion_tag("purchasing/tenders/_home_supplier.html", takes_context=True)
def home_supplier(context):
    """A supplier's home: the tenders it is invited to, newest first, and its own bid."""
    from ..tenders import selectors as tender_selectors

    request = context["request"]
    tenders = tender_selectors.invited_tenders(request.user)[:5]
    return {"coop": context.get("coop"),
            "rows": tender_selectors.portal_rows(request.access, tenders)}


@register.inclusion_tag("core/_queue.html", takes_context=True)
def home_purchasing_queue(context):
    """Officers' work in purchasing: rounds open for commitments, tenders to award."""
    from ..rounds import selectors
    from ..tenders import selectors as tender_selectors

    slug = context["coop"].slug
    return {"request": context["request"], "items": [
        (len(list(selectors.open_rounds())), _("pembelian bersama sedang dibuka"),
         "purchasing:rounds", slug, ""),
        (tender_selectors.tender_list("evaluation").count(), _("tender menunggu keputusan"),
         "tenders:list", slug, "?status=evaluation"),
    ]}
