from django.urls import path

from . import invoice, views

urlpatterns = [
    path("pesanan/", views.order_list, name="orders"),
    path("pesanan/<int:pk>/", views.order_detail, name="order"),
    path("pesanan/<int:pk>/bayar/", views.order_payment, name="order_payment"),
    path("pesanan/<int:pk>/batal/", views.order_cancel, name="order_cancel"),
    path("pesanan/<int:pk>/faktur.pdf", invoice.order_invoice, name="order_invoice"),
    # A buyer account's own orders (the storefront itself is at /toko/<coop_slug>/).
    path("pesanan-saya/", views.my_orders, name="my_orders"),
]
