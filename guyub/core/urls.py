from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("pengaturan/", views.cooperative_settings, name="settings"),
    path("audit/", views.audit_log, name="audit"),
    path("token-api/", views.tokens, name="tokens"),
    path("token-api/<int:pk>/cabut/", views.revoke_token, name="revoke_token"),
]
