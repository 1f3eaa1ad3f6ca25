"""The asset pages: the officers' register and the member's page of one asset."""

from django.urls import path

from . import member_views, views

urlpatterns = [
    path("sumber-daya/aset/", views.asset_list, name="assets"),
    path("sumber-daya/aset/baru/", views.asset_create, name="asset_create"),
    path("sumber-daya/aset/<int:pk>/", views.asset_detail, name="asset"),
    path("sumber-daya/aset/<int:pk>/ubah/", views.asset_edit, name="asset_edit"),
    path("sumber-daya/aset/<int:pk>/nonaktifkan/", views.asset_deactivate,
         name="asset_deactivate"),
    path("sumber-daya/aset/<int:pk>/aktifkan/", views.asset_reactivate,
         name="asset_reactivate"),
    path("sumber-daya/aset/<int:pk>/foto/", views.photo_add, name="asset_photo_add"),
    path("sumber-daya/aset/<int:pk>/foto/<int:photo_pk>/hapus/", views.photo_remove,
         name="asset_photo_remove"),
    path("sumber-daya/aset/<int:pk>/pelatihan/", views.qualification_grant,
         name="asset_qualify"),
    path("sumber-daya/aset/<int:pk>/pelatihan/<int:qualification_pk>/cabut/",
         views.qualification_revoke, name="asset_unqualify"),
    path("sumber-daya/aset/<int:pk>/perawatan-selesai/", views.asset_maintained,
         name="asset_maintained"),
    path("saya/sumber-daya/aset/<int:pk>/", member_views.asset_public, name="asset_public"),
]
