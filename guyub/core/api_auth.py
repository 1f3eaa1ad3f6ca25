"""Authentication and tenant access for /api/v1/: one mechanism with the pages."""

from contextlib import contextmanager
from datetime import timedelta
from functools import cache

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.forms import model_to_dict
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth

from . import lockout, rows
from .models import ApiToken, Cooperative, CoopRole
from .tenancy import coop_access


class TokenAuth(HttpBearer):
    openapi_description = _("Token dari halaman Token API koperasi: `Authorization: Bearer gy_…`")

    def authenticate(self, request, key):
        if not AxesProxyHandler.is_allowed(request, lockout.token_credentials()):
            raise TokenGuessing
        token = _active_token(ApiToken.hash_key(key))
        if token is None or not token.user.is_active:
            # Counted like a wrong password, against the address only (core/lockout.py).
            user_login_failed.send(sender=type(self), credentials=lockout.token_credentials(),
                                   request=request)
            return None
        now = timezone.now()
        # Writing on every request would serialise API traffic on one row; a minute is
        # precise enough for "last used".
        if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
            with scopes_disabled():
                ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        request.user = token.user
        request.api_token = token
        return token


@cache
def _token_sql() -> str:
    user_model = get_user_model()
    # One row per role the user holds in the token's cooperative (one with a NULL role
    # when none): a round trip fewer than asking for the roles apart, on every call.
    return (f"SELECT {rows.columns(ApiToken, 't')}, {rows.columns(user_model, 'u')}, "
            f"{rows.columns(Cooperative, 'c')}, r.role FROM {ApiToken._meta.db_table} t "
            f"JOIN {user_model._meta.db_table} u ON u.id = t.user_id "
            f"JOIN {Cooperative._meta.db_table} c ON c.id = t.cooperative_id "
            f"LEFT JOIN {CoopRole._meta.db_table} r ON r.user_id = t.user_id "
            "AND r.cooperative_id = t.cooperative_id "
            "WHERE t.key_hash = %s AND t.revoked_at IS NULL")


def _active_token(key_hash: str) -> ApiToken | None:
    """The unrevoked token with its user, cooperative and the user's roles there
    (token.roles), in one statement written once from the models (core/rows.py): the
    same through the QuerySet was a fifth of placing an order."""
    found = rows.execute(_token_sql(), [key_hash])
    if not found:
        return None
    token, end = rows.build(ApiToken, found[0])
    token.user, end = rows.build(get_user_model(), found[0], end)
    token.cooperative, end = rows.build(Cooperative, found[0], end)
    token.roles = {row[end] for row in found if row[end] is not None}
    return token


class TokenGuessing(Exception):
    """Too many bad tokens came from this address: 429 until the lockout ends."""


class BrowserSessionAuth(SessionAuth):
    """The logged-in browser's session, CSRF-checked on writes. A request that carries
    an Authorization header is a program's: it stands or falls by its token alone, so a
    revoked token is a 401, never a CSRF refusal from the session check behind it."""

    def __call__(self, request):
        if request.headers.get("Authorization"):
            return None
        return super().__call__(request)


AUTH = [TokenAuth(), BrowserSessionAuth()]


@contextmanager
def api_access(request, slug: str, permission: str):
    """Like the pages' access check; a token only ever reaches its own cooperative."""
    token = getattr(request, "api_token", None)
    if token is not None and token.cooperative.slug != slug:
        raise Http404
    # The token came with its cooperative and the user's roles there: no need to look
    # them up again.
    with coop_access(request.user, slug, permission,
                     cooperative=token.cooperative if token is not None else None,
                     roles=token.roles if token is not None else None) as access:
        yield access


class FormErrors(HttpError):
    """A Django form refused the data: 422 with the messages per field."""

    def __init__(self, errors):
        super().__init__(422, _("Data tidak valid."))
        self.errors = {field: [str(m) for m in msgs] for field, msgs in errors.items()}


def validated(form_class, payload: dict, *, instance=None, **form_kwargs) -> dict:
    """Run an API payload through the form the pages use; a PATCH keeps unsent fields."""
    fields = form_class._meta.fields
    data = model_to_dict(instance, fields=fields) if instance is not None else {}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update({k: ("" if v is None else v) for k, v in payload.items()})
    form = form_class(data=data, instance=instance, **form_kwargs)
    if not form.is_valid():
        raise FormErrors(form.errors)
    return {f: form.cleaned_data[f] for f in fields if f in form.cleaned_data}
