"""The JSON API at /api/v1/ (OpenAPI schema at /api/v1/openapi.json, docs at /api/v1/docs)."""

from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from guyub.contracts.allocation.api import router as allocation_router
from guyub.contracts.negotiation.api import router as contracts_router
from guyub.core import lockout
from guyub.core.api import router as cooperatives_router
from guyub.core.api_auth import AUTH, FormErrors, TokenGuessing
from guyub.core.api_input import (
    BadBody,
    GuardedJSONParser,
    refuse_unknown_query_parameters,
    too_big_response,
)
from guyub.core.api_messages import indonesian
from guyub.core.errors import DomainError, api_answer
from guyub.finance.shu.api import router as my_shu_router
from guyub.finance.statements.api import router as statements_router
from guyub.governance.attendance.api import router as attendance_router
from guyub.governance.ballots.api import router as ballots_router
from guyub.ledger.api import router as ledger_router
from guyub.members.api import router as members_router
from guyub.members.simpanan.api import router as simpanan_router
from guyub.purchasing.rounds.api import router as rounds_router
from guyub.purchasing.tenders.api import router as tenders_router
from guyub.sales.api import router as sales_router


class GuyubAPI(NinjaAPI):
    """The API. Its operationIds are published (client generators name their methods
    after them) and django-ninja derives them from the module an endpoint lives in, so
    the modules that moved when the apps were split into sub-packages keep the name
    they were published under."""

    PUBLISHED_MODULES = {
        "guyub.sales.orders.api": "guyub.sales.api",
        "guyub.sales.storefront.api": "guyub.sales.api",
        "guyub.purchasing.tenders.api": "guyub.purchasing.tender_api",
    }

    def get_openapi_operation_id(self, operation) -> str:
        module = operation.view_func.__module__
        module = self.PUBLISHED_MODULES.get(module, module)
        return f"{module}_{operation.view_func.__name__}".replace(".", "_")


api = GuyubAPI(
    title="Guyub API",
    version="1",
    description=_("API koperasi Guyub: koperasi dan anggota. Autentikasi dengan token Bearer."),
    auth=AUTH,
    urls_namespace="api",
    parser=GuardedJSONParser(),
)
api.add_router("/cooperatives", cooperatives_router)
api.add_router("/cooperatives", members_router)
api.add_router("/cooperatives", simpanan_router)
api.add_router("/cooperatives", ledger_router)
api.add_router("/cooperatives", sales_router)
api.add_router("/cooperatives", tenders_router)
api.add_router("/cooperatives", rounds_router)
api.add_router("/cooperatives", allocation_router)
api.add_router("/cooperatives", contracts_router)
# governance: attendance (the door and the quorum)
api.add_router("/cooperatives", attendance_router)
# governance: ballots
api.add_router("/cooperatives", ballots_router)
# finance: the statements, and the member's own SHU
api.add_router("/cooperatives", statements_router)
api.add_router("/cooperatives", my_shu_router)
refuse_unknown_query_parameters(api)


# Where a value came from is not part of its name: a client reads errors["member_id"],
# not errors["path.member_id"].
_LOCATIONS = ("body", "payload", "query", "path", "header", "cookie")


def _field_errors(exc: ValidationError) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for item in exc.errors:
        loc = [str(p) for p in item.get("loc", []) if p not in _LOCATIONS]
        errors.setdefault(".".join(loc) or "__all__", []).append(indonesian(item))
    return errors


@api.exception_handler(ValidationError)
def on_validation_error(request, exc):
    return api.create_response(
        request, {"detail": _("Data tidak valid."), "errors": _field_errors(exc)}, status=422)


@api.exception_handler(FormErrors)
def on_form_errors(request, exc):
    return api.create_response(request, {"detail": exc.message, "errors": exc.errors},
                               status=422)


@api.exception_handler(DomainError)
def on_domain_error(request, exc):
    status, body = api_answer(exc)
    return api.create_response(request, body, status=status)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return api.create_response(request, {"detail": _("Anda tidak berhak melakukan ini.")},
                               status=403)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(request, {"detail": _("Tidak ditemukan.")}, status=404)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    message = _("Token tidak valid atau belum masuk.")
    response = api.create_response(request, {"detail": message, "errors": {"__all__": [message]}},
                                   status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(TokenGuessing)
def on_token_guessing(request, exc):
    return lockout.api_locked_out()


@api.exception_handler(RequestDataTooBig)
def on_body_too_big(request, exc):
    return too_big_response(request)


@api.exception_handler(TooManyFieldsSent)
def on_too_many_fields(request, exc):
    return too_big_response(request)


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    if isinstance(exc.__cause__, BadBody):
        return api.create_response(
            request, {"detail": _("Data tidak valid."), "errors": exc.__cause__.errors},
            status=422)
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        message = _("Isi permintaan bukan JSON yang valid.")
        return api.create_response(request, {"detail": message, "errors": {"__all__": [message]}},
                                   status=400)
    if exc.status_code == 403 and str(exc) == "CSRF check Failed":
        # A browser session writing without its CSRF token (ninja's English message).
        message = _("Sesi browser tanpa token CSRF: muat ulang halaman lalu coba lagi.")
        return api.create_response(request, {"detail": message, "errors": {"__all__": [message]}},
                                   status=403)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)
