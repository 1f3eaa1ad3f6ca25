"""Which cooperative a request acts in, and what the user may do there.

Every cooperative page and API endpoint goes through `coop_access`: a user with
no role in the cooperative gets 404 (its existence is not even confirmed), a
role without the right gets 403, and the rest of the request runs inside the
cooperative's django-scopes scope, so a query that forgets the tenant raises
instead of leaking another cooperative's rows.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django_scopes import scope

from .models import Cooperative, CoopRole
from .roles import allows


@dataclass
class Access:
    cooperative: Cooperative
    user: object
    roles: set[str] = field(default_factory=set)

    def can(self, permission: str) -> bool:
        return allows(self.roles, permission)

    def require(self, permission: str) -> None:
        if not self.can(permission):
            raise PermissionDenied(permission)

    def has_role(self, role: str) -> bool:
        return role in self.roles


def resolve_access(user, coop_slug: str, cooperative: Cooperative | None = None,
                   roles: set[str] | None = None) -> Access:
    """`cooperative`: the one `coop_slug` names, and `roles`: the user's roles in it,
    when the caller has them already (an API token brings both)."""
    if cooperative is None or cooperative.slug != coop_slug:
        cooperative, roles = Cooperative.objects.filter(slug=coop_slug).first(), None
    if cooperative is None or not user.is_authenticated:
        raise Http404
    if roles is None:
        roles = CoopRole.objects.roles_of(user, cooperative)
    if not roles:
        raise Http404
    return Access(cooperative=cooperative, user=user, roles=roles)


@contextmanager
def coop_access(user, coop_slug: str, permission: str | None = None, *,
                cooperative: Cooperative | None = None, roles: set[str] | None = None):
    access = resolve_access(user, coop_slug, cooperative, roles)
    if permission:
        access.require(permission)
    with scope(cooperative=access.cooperative):
        yield access


def coop_view(permission: str | None = None):
    """Decorate an HTML view taking `coop_slug`: login, tenant, right, scope."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, coop_slug, *args, **kwargs):
            with coop_access(request.user, coop_slug, permission) as access:
                request.access = access
                request.coop = access.cooperative
                return view(request, *args, **kwargs)

        # Read by guyub.core.links: a link to this page is shown only to roles with it.
        wrapped.permission = permission
        return wrapped

    return decorator


def public_coop_view(view):
    """A page anyone may open (the membership application), still tenant-scoped."""

    @wraps(view)
    def wrapped(request, coop_slug, *args, **kwargs):
        cooperative = Cooperative.objects.filter(slug=coop_slug).first()
        if cooperative is None:
            raise Http404
        request.coop = cooperative
        with scope(cooperative=cooperative):
            return view(request, *args, **kwargs)

    return wrapped
