from django.urls import path

from . import views

# Included by guyub.reports.urls: the names are reports:dashboard and reports:my_dashboard.
urlpatterns = [
    path("dasbor/", views.board_dashboard, name="dashboard"),
    path("saya/dasbor/", views.member_dashboard, name="my_dashboard"),
]
