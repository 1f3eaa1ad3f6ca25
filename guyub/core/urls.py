from django.urls import path

from . import views
from .jobs import views as job_views

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("pengaturan/", views.cooperative_settings, name="settings"),
    path("audit/", views.audit_log, name="audit"),
    path("tugas/", job_views.jobs, name="jobs"),
    path("tugas/<slug:name>/jalankan/", job_views.run_now, name="run_job"),
    path("token-api/", views.tokens, name="tokens"),
    path("token-api/<int:pk>/cabut/", views.revoke_token, name="revoke_token"),
]
