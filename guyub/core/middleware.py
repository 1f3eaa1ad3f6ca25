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
