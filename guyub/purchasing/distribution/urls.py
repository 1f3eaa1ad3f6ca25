from django.urls import path

from . import documents, views

# After the close: receipt, pick-up, bills and payments, paying the supplier, the
# savings the round made, and their PDFs.
urlpatterns = [
    path("pembelian/<int:pk>/penerimaan/", views.round_receive, name="round_receive"),
    path("pembelian/<int:pk>/pengambilan/", views.round_pickup, name="round_pickup"),
    path("pembelian/<int:pk>/pengambilan.pdf", documents.pickup_pdf, name="pickup_pdf"),
    path("pembelian/<int:pk>/tagihan/", views.round_invoices, name="round_invoices"),
    path("pembelian/<int:pk>/tagihan/<int:member_pk>.pdf", documents.invoice_pdf,
         name="invoice_pdf"),
    path("pembelian/<int:pk>/bayar/", views.round_pay, name="round_pay"),
    path("pembelian/<int:pk>/bayar-pemasok/", views.supplier_payments,
         name="supplier_payments"),
    path("pembelian/<int:pk>/penghematan/", views.round_savings, name="round_savings"),
    path("pembelian/<int:pk>/po/<int:supplier_pk>.pdf", documents.purchase_order_pdf,
         name="po_pdf"),
]
