"""Per-user pages under /notifikasi/ (mounted in guyub/urls.py, not under /k/<slug>/)."""

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.open_notice, name="open"),
    path("baca-semua/", views.mark_all_read, name="mark_all_read"),
    path("jumlah/", views.badge, name="badge"),
    path("pengaturan/", views.preferences, name="preferences"),
]
