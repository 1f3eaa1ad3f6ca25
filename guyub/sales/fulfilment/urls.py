from django.urls import path

from . import views

# Warehouse pick lists (and an order's goods handed over), distribution.
urlpatterns = [
    path("pesanan/<int:pk>/serah/<int:line_pk>/", views.hand_over, name="hand_over"),
    path("setoran/", views.picklist, name="picklist"),
    path("setoran/terima/", views.picklist_receive, name="picklist_receive"),
    path("saya/setoran/", views.my_picklist, name="my_picklist"),
    path("pengiriman/", views.shipment_list, name="shipments"),
    path("pengiriman/baru/", views.shipment_create, name="shipment_create"),
    path("pengiriman/<int:pk>/", views.shipment_detail, name="shipment"),
    path("pengiriman/<int:pk>/kirim/", views.shipment_ship, name="shipment_ship"),
    path("pengiriman/<int:pk>/diterima/", views.shipment_deliver, name="shipment_deliver"),
    path("pengiriman/<int:pk>/daftar-kemas.pdf", views.shipment_pdf, name="shipment_pdf"),
]
