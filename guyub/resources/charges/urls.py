"""A booking's hand-over and money pages (staff) and the member's own payment."""

from django.urls import path

from . import member_views, views

urlpatterns = [
    path("sumber-daya/pemesanan/<int:pk>/serah-terima/", views.handover, name="handover"),
    path("sumber-daya/pemesanan/<int:pk>/serah-pakai/", views.check_out, name="check_out"),
    path("sumber-daya/pemesanan/<int:pk>/kembali/", views.check_in, name="check_in"),
    path("sumber-daya/pemesanan/<int:pk>/bayar/", views.pay, name="booking_pay"),
    path("saya/sumber-daya/pemesanan/<int:pk>/bayar/", member_views.my_booking_pay,
         name="my_booking_pay"),
]
