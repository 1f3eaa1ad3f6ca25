"""Which pages a user may open, asked of the pages themselves.

A page's right is the one its `coop_view` decorator demands (see tenancy.py), so a
link shown through `allowed_url` can never lead to a 403: the menu, the dashboard
cards and any other link ask the same question the page will ask.
"""

from django.urls import NoReverseMatch, resolve, reverse


def page_permission(path: str) -> str | None:
    """The right the page at `path` asks for; None for a page any role (or anyone) opens."""
    return getattr(resolve(path).func, "permission", None)


def allowed_url(access, name: str, *args, **kwargs) -> str | None:
    """The URL of page `name`, or None when `access` may not open it."""
    try:
        url = reverse(name, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        return None
    permission = page_permission(url.split("?")[0])
    if permission and (access is None or not access.can(permission)):
        return None
    return url
