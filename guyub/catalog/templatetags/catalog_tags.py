from django import template
from django.utils.translation import gettext_lazy as _

from guyub.catalog.models import Certificate

register = template.Library()

CERT_STATES = {"valid": _("berlaku"), "expiring": _("segera berakhir"),
               "expired": _("kedaluwarsa")}


@register.simple_tag(takes_context=True)
def can(context, permission: str) -> bool:
    """{% can "catalog.curate" as may_curate %}: the signed-in user's right here."""
    access = context.get("access")
    return bool(access and access.can(permission))


@register.filter
def cert_state(certificate) -> str:
    return CERT_STATES.get(getattr(certificate, "state", ""), "")


@register.filter
def kind_label(kind: str) -> str:
    """A certificate kind code ("bpom_md") as people write it ("BPOM MD")."""
    return dict(Certificate.Kind.choices).get(kind, kind)


@register.inclusion_tag("core/_queue.html", takes_context=True)
def home_catalog_queue(context):
    """Officers' work in the catalogue: products members submitted for curation."""
    from guyub.catalog.models import Product

    waiting = Product.objects.filter(status=Product.Status.SUBMITTED).count()
    return {"request": context["request"], "items": [
        (waiting, _("produk menunggu kurasi"), "catalog:curation", context["coop"].slug, ""),
    ]}
