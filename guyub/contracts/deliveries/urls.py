from django.urls import path

from . import buyer_views, documents, member_views, views

# Receiving and checking members' goods, the delivery to the buyer and its invoice,
# the buyer's payment, paying members promptly, and their PDFs.
urlpatterns = [
    path("kontrak/pengaturan-pembayaran/", views.payment_settings, name="payment_settings"),
    path("kontrak/pengiriman/", views.deliveries, name="deliveries"),
    path("kontrak/pengiriman/<int:pk>/periksa/", views.delivery_check, name="delivery_check"),
    path("kontrak/pengiriman/<int:pk>/kirim/", views.delivery_deliver,
         name="delivery_deliver"),
    path("kontrak/pengiriman/<int:pk>/surat-jalan.pdf", documents.delivery_note_pdf,
         name="delivery_note_pdf"),
    path("kontrak/tanda-terima/<int:pk>.pdf", documents.grn_pdf, name="grn_pdf"),
    path("kontrak/tagihan/", views.receivables, name="receivables"),
    path("kontrak/tagihan/<int:pk>.pdf", documents.invoice_pdf, name="invoice_pdf"),
    path("kontrak/tagihan/<int:pk>/bayar/", views.invoice_pay, name="invoice_pay"),
    path("kontrak/pembayaran-anggota/", views.member_payments, name="member_payments"),
    path("saya/kontrak/pembayaran/", member_views.my_contract_payments,
         name="my_contract_payments"),
    path("pembeli/kontrak/tagihan/", buyer_views.buyer_contract_invoices,
         name="buyer_contract_invoices"),
]
