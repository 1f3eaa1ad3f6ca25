from django.urls import path

from . import member_views, views

# Officers: capacities and the rule, the schedule's split; members: their own side.
urlpatterns = [
    path("kontrak/<int:pk>/kapasitas/", views.capacity_overview, name="capacity_overview"),
    path("kontrak/<int:pk>/aturan/", views.rule, name="allocation_rule"),
    path("kontrak/<int:pk>/pembagian/", views.allocation_schedule, name="allocation_schedule"),
    path("kontrak/<int:pk>/pengiriman/<int:delivery_pk>/bagian/", views.delivery_allotments,
         name="delivery_allotments"),
    path("kontrak/<int:pk>/pengiriman/<int:delivery_pk>/bagi/", views.allocate,
         name="allocate_delivery"),
    path("kontrak/<int:pk>/pengiriman/<int:delivery_pk>/bagian/<int:allotment_pk>/tarik/",
         views.record_withdrawal, name="record_withdrawal"),
    path("saya/kontrak/", member_views.member_contracts, name="member_contracts"),
    path("saya/kontrak/<int:pk>/kapasitas/", member_views.member_capacity,
         name="member_capacity"),
    path("saya/kontrak/bagian/<int:pk>/", member_views.my_allotment, name="my_allotment"),
    path("saya/kontrak/bagian/<int:pk>/tarik/", member_views.withdraw_allotment,
         name="withdraw_allotment"),
]
