"""The solidarity fund's pages: the officers' (dana-sosial/) and the member's
(saya/dana-sosial/)."""

from django.urls import path

from . import member_views, views

urlpatterns = [
    path("dana-sosial/", views.fund, name="fund"),
    path("dana-sosial/sumbangan/baru/", views.contribution_create, name="contribution_create"),
    path("dana-sosial/bantuan/", views.grant_list, name="grants"),
    path("dana-sosial/bantuan/baru/", views.grant_create, name="grant_create"),
    path("dana-sosial/bantuan/<int:pk>/", views.grant_detail, name="grant"),
    path("dana-sosial/bantuan/<int:pk>/putuskan/", views.grant_decide, name="grant_decide"),
    path("dana-sosial/bantuan/<int:pk>/bayar/", views.grant_pay, name="grant_pay"),
    path("saya/dana-sosial/", member_views.my_fund, name="my_fund"),
    path("saya/dana-sosial/<int:pk>/", member_views.my_grant, name="my_grant"),
]
