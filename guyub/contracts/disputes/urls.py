"""Complaints on deliveries: the cooperative's pages, the buyer's portal and the
member's portal (names prefixed so they stay unique in the contracts namespace)."""

from django.urls import path

from . import buyer_views, member_views, views

urlpatterns = [
    path("kontrak/keluhan/", views.dispute_list, name="disputes"),
    path("kontrak/keluhan/baru/<int:delivery_pk>/", views.dispute_open, name="dispute_open"),
    path("kontrak/keluhan/<int:pk>/", views.dispute_detail, name="dispute"),
    path("kontrak/keluhan/<int:pk>/mediasi/", views.dispute_mediate, name="dispute_mediate"),
    path("kontrak/keluhan/<int:pk>/selesaikan/", views.dispute_resolve,
         name="dispute_resolve"),
    path("pembeli/kontrak/keluhan/", buyer_views.buyer_disputes, name="buyer_disputes"),
    path("pembeli/kontrak/keluhan/baru/<int:delivery_pk>/", buyer_views.buyer_dispute_open,
         name="buyer_dispute_open"),
    path("pembeli/kontrak/keluhan/<int:pk>/", buyer_views.buyer_dispute,
         name="buyer_dispute"),
    path("saya/kontrak/keluhan/", member_views.my_disputes, name="my_disputes"),
    path("saya/kontrak/keluhan/baru/<int:allotment_pk>/", member_views.my_dispute_open,
         name="my_dispute_open"),
    path("saya/kontrak/keluhan/<int:pk>/", member_views.my_dispute, name="my_dispute"),
]
