from django.urls import path

from . import (
    distribution_views,
    documents,
    member_views,
    rounds_views,
    suppliers_views,
)

app_name = "purchasing"

# Officers: rounds from opening to the supplier's payment, and the savings they made.
urlpatterns = [
    path("pembelian/", rounds_views.round_list, name="rounds"),
    path("pembelian/baru/", rounds_views.round_create, name="round_create"),
    path("pembelian/<int:pk>/", rounds_views.round_detail, name="round"),
    path("pembelian/<int:pk>/tutup/", rounds_views.round_close, name="round_close"),
    path("pembelian/<int:pk>/batal/", rounds_views.round_cancel, name="round_cancel"),
    path("pembelian/<int:pk>/penerimaan/", distribution_views.round_receive,
         name="round_receive"),
    path("pembelian/<int:pk>/pengambilan/", distribution_views.round_pickup,
         name="round_pickup"),
    path("pembelian/<int:pk>/pengambilan.pdf", documents.pickup_pdf, name="pickup_pdf"),
    path("pembelian/<int:pk>/tagihan/", distribution_views.round_invoices,
         name="round_invoices"),
    path("pembelian/<int:pk>/tagihan/<int:member_pk>.pdf", documents.invoice_pdf,
         name="invoice_pdf"),
    path("pembelian/<int:pk>/bayar/", distribution_views.round_pay, name="round_pay"),
    path("pembelian/<int:pk>/bayar-pemasok/", distribution_views.supplier_payments,
         name="supplier_payments"),
    path("pembelian/<int:pk>/penghematan/", rounds_views.round_savings, name="round_savings"),
    path("pembelian/<int:pk>/po/<int:supplier_pk>.pdf", documents.purchase_order_pdf,
         name="po_pdf"),
]

# Suppliers, their price lists, and the items bought together.
urlpatterns += [
    path("pemasok/", suppliers_views.supplier_list, name="suppliers"),
    path("pemasok/baru/", suppliers_views.supplier_create, name="supplier_create"),
    path("pemasok/<int:pk>/", suppliers_views.supplier_detail, name="supplier"),
    path("pemasok/<int:pk>/ubah/", suppliers_views.supplier_edit, name="supplier_edit"),
    path("pemasok/<int:pk>/hapus/", suppliers_views.supplier_delete, name="supplier_delete"),
    path("pemasok/<int:pk>/harga/baru/", suppliers_views.price_list_create,
         name="price_list_create"),
    path("pemasok/harga/<int:pk>/ubah/", suppliers_views.price_list_edit,
         name="price_list_edit"),
    path("pemasok/harga/<int:pk>/hapus/", suppliers_views.price_list_delete,
         name="price_list_delete"),
    path("pembelian/barang/", suppliers_views.item_list, name="items"),
    path("pembelian/barang/baru/", suppliers_views.item_create, name="item_create"),
    path("pembelian/barang/<int:pk>/ubah/", suppliers_views.item_edit, name="item_edit"),
]

# Members commit to rounds; a supplier sees its own purchase orders.
urlpatterns += [
    path("saya/pembelian/", member_views.my_rounds, name="my_rounds"),
    path("saya/pembelian/<int:pk>/", member_views.my_round, name="my_round"),
    path("saya/pembelian/<int:pk>/barang/<int:item_pk>/", member_views.commit, name="commit"),
    path("saya/pesanan-pembelian/", suppliers_views.supplier_portal, name="supplier_portal"),
]
