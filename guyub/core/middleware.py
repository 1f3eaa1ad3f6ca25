from django_scopes import scopes_disabled


class AdminScopesDisabledMiddleware:
    """The Django admin is the superuser's back office across all cooperatives,
    so tenant scoping is lifted there and only there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/"):
            with scopes_disabled():
                return self.get_response(request)
        return self.get_response(request)


class IndonesianFirstLocaleMiddleware:
    """Bahasa Indonesia unless the user picked another language in Guyub.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many
    members use phones set to English while expecting the cooperative's Indonesian
    interface; so only the explicit choice (the language cookie) counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class RefuseUnstorableInputMiddleware:
    """No NUL or lone surrogate gets past the front door.

    PostgreSQL refuses NUL in text and a lone surrogate cannot even be encoded, so
    either one reaching a form, a service or a query was a 500 somewhere deep. Refused
    here for the URL (404: no such page), the query string and form data (400), every
    view and service is covered, the text fields that skip form validation included.
    JSON bodies are checked by the API's parser (core/api_input.py), which names the
    field.
    """

    FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent

        from .api_input import UNSTORABLE, too_big_response

        if UNSTORABLE.search(request.path):
            return self._refuse(request, 404)
        bad = _unstorable_key(request.GET, UNSTORABLE)
        if bad is not None:
            # The API names the parameter, like any other invalid one (422).
            return self._refuse(request, 422 if self._is_api(request) else 400, *bad)
        if request.method == "POST" and request.content_type in self.FORM_TYPES:
            try:
                form = request.POST
            except (RequestDataTooBig, TooManyFieldsSent):
                if self._is_api(request):
                    return too_big_response(request)
                raise  # Django answers 400 with templates/400.html
            bad = _unstorable_key(form, UNSTORABLE)
            if bad is not None:
                return self._refuse(request, 422 if self._is_api(request) else 400, *bad)
        return self.get_response(request)

    @staticmethod
    def _is_api(request) -> bool:
        return request.path.startswith("/api/")

    def _refuse(self, request, status: int, field: str = "__all__", text: str = ""):
        from django.http import JsonResponse
        from django.shortcuts import render
        from django.utils.translation import gettext as _

        from .api_input import unstorable_text_message

        if self._is_api(request):
            if status == 404:
                return JsonResponse({"detail": _("Tidak ditemukan.")}, status=404)
            return JsonResponse({"detail": _("Data tidak valid."),
                                 "errors": {field: [unstorable_text_message(text)]}},
                                status=status)
        return render(request, "404.html" if status == 404 else "400.html", status=status)


def _unstorable_key(data, pattern) -> tuple[str, str] | None:
    """(field, text) for the first name or value of a QueryDict holding NUL or a lone
    surrogate."""
    for key, values in data.lists():
        if pattern.search(key):
            return "__all__", key
        for value in values:
            if pattern.search(value):
                return key, value
    return None


class ApiErrorsAsJsonMiddleware:
    """Every refusal under /api/ is JSON in the documented {"detail", "errors"} shape.

    django-ninja's handlers cover what reaches an operation; a method an address does
    not take (ninja's plain-text 405) and an address that does not exist (Django's HTML
    404) never do, and a client would have to parse HTML for them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (request.path.startswith("/api/") and response.status_code >= 400
                and not response.get("Content-Type", "").startswith("application/json")):
            from django.http import JsonResponse
            from django.utils.translation import gettext as _

            detail = {404: _("Tidak ditemukan."),
                      405: _("Metode HTTP ini tidak didukung di alamat ini.")}.get(
                response.status_code, _("Permintaan tidak valid."))
            replaced = JsonResponse({"detail": detail, "errors": {"__all__": [detail]}},
                                    status=response.status_code)
            if response.has_header("Allow"):
                replaced["Allow"] = response["Allow"]
            return replaced
        return response
