"""Password change and reset: Django's own views with Guyub's Indonesian templates.
Their forms hand the user to the password validators, so a password like the user's
e-mail is refused here as everywhere."""

from django.contrib.auth import views as auth_views
from django.urls import path


def _page(view, name, **kwargs):
    return view.as_view(template_name=f"accounts/{name}.html", **kwargs)


urlpatterns = [
    path("kata-sandi/", _page(auth_views.PasswordChangeView, "password_change"),
         name="password_change"),
    path("kata-sandi/selesai/", _page(auth_views.PasswordChangeDoneView, "password_change_done"),
         name="password_change_done"),
    path("lupa-kata-sandi/", _page(
        auth_views.PasswordResetView, "password_reset",
        email_template_name="accounts/password_reset_email.txt",
        subject_template_name="accounts/password_reset_subject.txt"),
        name="password_reset"),
    path("lupa-kata-sandi/terkirim/", _page(auth_views.PasswordResetDoneView,
                                            "password_reset_done"),
         name="password_reset_done"),
    path("atur-ulang/<uidb64>/<token>/", _page(auth_views.PasswordResetConfirmView,
                                               "password_reset_confirm"),
         name="password_reset_confirm"),
    path("atur-ulang/selesai/", _page(auth_views.PasswordResetCompleteView,
                                      "password_reset_complete"),
         name="password_reset_complete"),
]
