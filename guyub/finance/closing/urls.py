"""The closing pages."""

from django.urls import path

from . import views

urlpatterns = [
    path("keuangan/tutup-buku/", views.closing, name="closing"),
    path("keuangan/tutup-buku/<int:year>/", views.close_confirm, name="close_confirm"),
    path("keuangan/tutup-buku/<int:year>/tutup/", views.close_year, name="close_year"),
    path("keuangan/tutup-buku/<int:year>/penyesuaian/", views.adjust, name="adjust"),
]
