from django.urls import include, path

from . import views
from .simpanan import urls as simpanan_urls

app_name = "members"

urlpatterns = [
    path("anggota/", views.member_list, name="list"),
    path("anggota/baru/", views.member_create, name="create"),
    path("anggota/ekspor/", views.member_export, name="export"),
    path("anggota/impor/", views.member_import, name="import"),
    path("anggota/<int:pk>/", views.member_detail, name="detail"),
    path("anggota/<int:pk>/ubah/", views.member_edit, name="edit"),
    path("anggota/<int:pk>/status/<str:to_status>/", views.member_status, name="status"),
    path("permohonan/", views.application_list, name="applications"),
    path("saya/", views.portal, name="portal"),
    path("daftar/", views.apply, name="apply"),
    path("daftar/terkirim/", views.applied, name="applied"),
    # Same namespace: the simpanan pages keep their names (members:arrears, …).
    path("", include(simpanan_urls)),
]
