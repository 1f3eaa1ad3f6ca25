"""The booking pages: the officers' (under sumber-daya/) and the member's (under saya/)."""

from django.urls import path

from . import member_views, views

urlpatterns = [
    path("sumber-daya/pemesanan/", views.booking_list, name="bookings"),
    path("sumber-daya/pemesanan/<int:pk>/", views.booking_detail, name="booking"),
    path("sumber-daya/pemesanan/<int:pk>/setujui/", views.booking_approve,
         name="booking_approve"),
    path("sumber-daya/pemesanan/<int:pk>/tolak/", views.booking_reject, name="booking_reject"),
    path("sumber-daya/pemesanan/<int:pk>/batal/", views.booking_cancel, name="booking_cancel"),
    path("sumber-daya/aset/<int:asset_pk>/pesan/", views.booking_new, name="booking_new"),
    path("sumber-daya/aset/<int:asset_pk>/kalender/", views.calendar, name="calendar"),
    path("sumber-daya/aset/<int:asset_pk>/perawatan/", views.maintenance, name="maintenance"),
    path("sumber-daya/perawatan/<int:pk>/batal/", views.maintenance_cancel,
         name="maintenance_cancel"),
    path("saya/sumber-daya/", member_views.asset_list, name="book_assets"),
    path("saya/sumber-daya/<int:asset_pk>/", member_views.asset_calendar,
         name="asset_calendar"),
    path("saya/sumber-daya/<int:asset_pk>/pesan/", member_views.book, name="book"),
    path("saya/sumber-daya/<int:asset_pk>/tunggu/", member_views.waitlist_join,
         name="waitlist_join"),
    path("saya/pemesanan/", member_views.my_bookings, name="my_bookings"),
    path("saya/pemesanan/<int:pk>/batal/", member_views.my_booking_cancel,
         name="my_booking_cancel"),
    path("saya/daftar-tunggu/<int:pk>/keluar/", member_views.my_waitlist_withdraw,
         name="my_waitlist_withdraw"),
]
