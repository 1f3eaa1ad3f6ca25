from django.urls import path

from . import invoice, payout_views, picklist_views, shipment_views, storefront_views, views

app_name = "sales"

urlpatterns = [
    path("pesanan/", views.order_list, name="orders"),
    path("pesanan/<int:pk>/", views.order_detail, name="order"),
    path("pesanan/<int:pk>/bayar/", views.order_payment, name="order_payment"),
    path("pesanan/<int:pk>/batal/", views.order_cancel, name="order_cancel"),
    path("pesanan/<int:pk>/serah/<int:line_pk>/", views.hand_over, name="hand_over"),
    path("pesanan/<int:pk>/faktur.pdf", invoice.order_invoice, name="order_invoice"),
    # A buyer account's own orders (the storefront itself is at /toko/<coop_slug>/).
    path("pesanan-saya/", storefront_views.my_orders, name="my_orders"),
]

# Warehouse pick lists, distribution and consignment payouts.
urlpatterns += [
    path("setoran/", picklist_views.picklist, name="picklist"),
    path("setoran/terima/", picklist_views.picklist_receive, name="picklist_receive"),
    path("saya/setoran/", picklist_views.my_picklist, name="my_picklist"),
    path("pengiriman/", shipment_views.shipment_list, name="shipments"),
    path("pengiriman/baru/", shipment_views.shipment_create, name="shipment_create"),
    path("pengiriman/<int:pk>/", shipment_views.shipment_detail, name="shipment"),
    path("pengiriman/<int:pk>/kirim/", shipment_views.shipment_ship, name="shipment_ship"),
    path("pengiriman/<int:pk>/diterima/", shipment_views.shipment_deliver,
         name="shipment_deliver"),
    path("pengiriman/<int:pk>/daftar-kemas.pdf", shipment_views.shipment_pdf,
         name="shipment_pdf"),
    path("pembayaran-anggota/", payout_views.payout_list, name="payouts"),
    path("pembayaran-anggota/baru/", payout_views.payout_create, name="payout_create"),
    path("pembayaran-anggota/<int:pk>/", payout_views.payout_detail, name="payout"),
    path("pembayaran-anggota/<int:pk>/ekspor/", payout_views.payout_export,
         name="payout_export"),
    path("pembayaran-anggota/slip/<int:pk>.pdf", payout_views.payout_statement,
         name="payout_statement"),
]
