from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class CaseInsensitiveLoginBackend(ModelBackend):
    """Log in with the email or user name however it is capitalised.

    Accounts are created with the email lowercased, while phones happily capitalise
    the first letter of what people type ("Sri@contoh.id").
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        users = get_user_model()._default_manager
        user = users.filter(username__iexact=username.strip()).order_by("id").first()
        if user is None:
            users.model().set_password(password)  # same work as a real check: no timing leak
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
