from django.urls import path

from . import views

# Consignment payouts.
urlpatterns = [
    path("pembayaran-anggota/", views.payout_list, name="payouts"),
    path("pembayaran-anggota/baru/", views.payout_create, name="payout_create"),
    path("pembayaran-anggota/<int:pk>/", views.payout_detail, name="payout"),
    path("pembayaran-anggota/<int:pk>/ekspor/", views.payout_export, name="payout_export"),
    path("pembayaran-anggota/slip/<int:pk>.pdf", views.payout_statement,
         name="payout_statement"),
]
