from django.urls import path

from . import member_views, views

# Officers: rounds from opening to the close; members commit to them.
urlpatterns = [
    path("pembelian/", views.round_list, name="rounds"),
    path("pembelian/baru/", views.round_create, name="round_create"),
    path("pembelian/<int:pk>/", views.round_detail, name="round"),
    path("pembelian/<int:pk>/tutup/", views.round_close, name="round_close"),
    path("pembelian/<int:pk>/batal/", views.round_cancel, name="round_cancel"),
    path("saya/pembelian/", member_views.my_rounds, name="my_rounds"),
    path("saya/pembelian/<int:pk>/", member_views.my_round, name="my_round"),
    path("saya/pembelian/<int:pk>/barang/<int:item_pk>/", member_views.commit, name="commit"),
]
