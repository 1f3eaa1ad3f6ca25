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
