from django import template
from django.utils.translation import get_language

from guyub.core import links
from guyub.core.money import format_rupiah
from guyub.core.regions import join_address

register = template.Library()


@register.filter
def rupiah(value):
    locale = "en_ID" if (get_language() or "id").startswith("en") else "id_ID"
    return format_rupiah(value, locale=locale)


@register.simple_tag(takes_context=True)
def page_url(context, page_number):
    query = context.get("query", "")
    return f"?{query}&page={page_number}" if query else f"?page={page_number}"


@register.simple_tag
def address(*parts):
    """{% address coop.address coop.regency coop.province_name %}: each place once."""
    return join_address(*parts)
@register.simple_tag(takes_context=True)
def allowed_url(context, name, *args, **kwargs):
    """`{% allowed_url 'members:applications' coop.slug as url %}{% if url %}…`: the
    page's URL when the signed-in user may open it, else "" (see guyub.core.links)."""
    request = context.get("request")
    return links.allowed_url(getattr(request, "access", None), name, *args, **kwargs) or ""
