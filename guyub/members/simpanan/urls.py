"""Simpanan pages, included by members/urls.py into the "members" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("anggota/<int:pk>/simpanan/<str:action>/", views.record, name="simpanan_record"),
    path("anggota/<int:pk>/simpanan/laporan.pdf", views.statement_pdf, name="statement_pdf"),
    path("simpanan/tunggakan/", views.arrears_list, name="arrears"),
    path("simpanan/bukti/<int:tx_pk>.pdf", views.receipt_pdf, name="receipt_pdf"),
]
