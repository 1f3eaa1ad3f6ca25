"""The member economic benefit report (Laporan Promosi Ekonomi Anggota)."""

from django.urls import path

from . import views

urlpatterns = [
    path("keuangan/promosi-anggota/", views.benefits, name="benefits"),
    path("keuangan/promosi-anggota/excel/", views.benefits_export, name="benefits_export"),
    path("keuangan/manfaat-saya/", views.my_benefits, name="my_benefits"),
]
