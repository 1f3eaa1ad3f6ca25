from django.urls import path

from . import simpanan_views, views

app_name = "members"

urlpatterns = [
    path("anggota/", views.member_list, name="list"),
    path("anggota/baru/", views.member_create, name="create"),
    path("anggota/ekspor/", views.member_export, name="export"),
    path("anggota/impor/", views.member_import, name="import"),
    path("anggota/<int:pk>/", views.member_detail, name="detail"),
    path("anggota/<int:pk>/ubah/", views.member_edit, name="edit"),
    path("anggota/<int:pk>/status/<str:to_status>/", views.member_status, name="status"),
    path("anggota/<int:pk>/simpanan/<str:action>/", simpanan_views.record,
         name="simpanan_record"),
    path("anggota/<int:pk>/simpanan/laporan.pdf", simpanan_views.statement_pdf,
         name="statement_pdf"),
    path("simpanan/tunggakan/", simpanan_views.arrears_list, name="arrears"),
    path("simpanan/bukti/<int:tx_pk>.pdf", simpanan_views.receipt_pdf, name="receipt_pdf"),
    path("permohonan/", views.application_list, name="applications"),
    path("saya/", views.portal, name="portal"),
    path("daftar/", views.apply, name="apply"),
    path("daftar/terkirim/", views.applied, name="applied"),
]
