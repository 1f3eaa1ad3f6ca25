"""The tab strip of a meeting's staff pages (governance/_meeting_tabs.html): Acara,
Daftar hadir, Suara, Keputusan, Notulen, each shown only to the roles its page lets
in (the page's own right, as the menu asks it: guyub.core.links)."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from guyub.core.links import page_permission

register = template.Library()

# (label, URL name, query string with the meeting's pk, or None)
TABS = [
    (_("Acara"), "governance:meeting", None),
    (_("Daftar hadir"), "governance:attendance", None),
    (_("Suara"), "governance:votes", None),
    (_("Keputusan"), "governance:decisions", "meeting"),
    (_("Penutupan"), "governance:minutes_sign", None),
    (_("Notulen (PDF)"), "governance:minutes_pdf", None),
]


def meeting_tabs(access, meeting, current: str = "") -> list[dict]:
    """[{label, url, current}] of the tabs `access` may open for `meeting`."""
    slug = meeting.cooperative.slug if access is None else access.cooperative.slug
    tabs = []
    for label, name, query in TABS:
        url = (reverse(name, args=[slug]) + f"?{query}={meeting.pk}" if query
               else reverse(name, args=[slug, meeting.pk]))
        permission = page_permission(url.split("?")[0])
        if permission and (access is None or not access.can(permission)):
            continue
        tabs.append({"label": label, "url": url, "current": name == current})
    return tabs


@register.simple_tag(takes_context=True)
def meeting_tab_list(context, meeting):
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return meeting_tabs(getattr(request, "access", None), meeting,
                        match.view_name if match else "")
