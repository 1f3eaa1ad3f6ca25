from django.urls import path

from . import buyer_views, documents, views

urlpatterns = [
    path("kontrak/", views.contract_list, name="list"),
    path("kontrak/baru/", views.contract_create, name="create"),
    path("kontrak/<int:pk>/", views.contract_detail, name="detail"),
    path("kontrak/<int:pk>/versi/<int:version>/pdf/", documents.version_pdf,
         name="version_pdf"),
    path("kontrak/mutu/", views.grade_list, name="grades"),
    path("kontrak/mutu/baru/", views.grade_create, name="grade_create"),
    path("kontrak/mutu/<int:pk>/", views.grade_detail, name="grade"),
    path("kontrak/mutu/<int:pk>/ubah/", views.grade_edit, name="grade_edit"),
    path("kontrak/mutu/<int:pk>/setujui/", views.grade_approve, name="grade_approve"),
    path("kontrak/mutu/<int:pk>/harga-dasar/", views.grade_floor, name="grade_floor"),
    path("kontrak/mutu/persetujuan/<int:pk>/akhiri/", views.approval_end, name="approval_end"),
    # The buyer's portal: its business profile and its own contracts.
    path("pembeli/profil-usaha/", buyer_views.business_profile, name="business_profile"),
    path("pembeli/kontrak/", buyer_views.my_contracts, name="my_contracts"),
    path("pembeli/kontrak/baru/", buyer_views.my_contract_create, name="my_contract_create"),
    path("pembeli/kontrak/<int:pk>/", buyer_views.my_contract, name="my_contract"),
]
