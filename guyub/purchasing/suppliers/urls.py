from django.urls import path

from . import views

# Suppliers, their price lists, and the items bought together; a supplier's own portal.
urlpatterns = [
    path("pemasok/", views.supplier_list, name="suppliers"),
    path("pemasok/baru/", views.supplier_create, name="supplier_create"),
    path("pemasok/<int:pk>/", views.supplier_detail, name="supplier"),
    path("pemasok/<int:pk>/ubah/", views.supplier_edit, name="supplier_edit"),
    path("pemasok/<int:pk>/hapus/", views.supplier_delete, name="supplier_delete"),
    path("pemasok/<int:pk>/harga/baru/", views.price_list_create, name="price_list_create"),
    path("pemasok/harga/<int:pk>/ubah/", views.price_list_edit, name="price_list_edit"),
    path("pemasok/harga/<int:pk>/hapus/", views.price_list_delete, name="price_list_delete"),
    path("pembelian/barang/", views.item_list, name="items"),
    path("pembelian/barang/baru/", views.item_create, name="item_create"),
    path("pembelian/barang/<int:pk>/ubah/", views.item_edit, name="item_edit"),
    path("saya/pesanan-pembelian/", views.supplier_portal, name="supplier_portal"),
]
