"""The public storefront, mounted at /toko/<coop_slug>/ (see guyub/urls.py)."""

from django.urls import path

from . import views

app_name = "store"

urlpatterns = [
    path("", views.home, name="home"),
    path("produk/<int:pk>/", views.product, name="product"),
    path("paket/<int:pk>/", views.bundle, name="bundle"),
    path("keranjang/", views.cart_page, name="cart"),
    path("keranjang/tambah/", views.cart_add, name="cart_add"),
    path("pesan/", views.checkout, name="checkout"),
    # The order's access key is the buyer's proof: only who holds the link sees it.
    path("pesanan/<str:key>/", views.order, name="order"),
    path("pesanan/<str:key>/faktur.pdf", views.order_invoice, name="invoice"),
]
