"""The board's SHU pages."""

from django.urls import include, path

from . import views

urlpatterns: list = [
    path("keuangan/shu/", views.shu_home, name="shu"),
    path("keuangan/shu/kebijakan/", views.shu_policy, name="shu_policy"),
    path("keuangan/shu/<int:year>/simulasi/", views.shu_simulate, name="shu_simulate"),
    path("keuangan/shu/<int:year>/simulasi/excel/", views.shu_simulate_export,
         name="shu_simulate_export"),
    path("keuangan/shu/<int:year>/simpan/", views.shu_save_draft, name="shu_save_draft"),
    path("keuangan/shu/rencana/<int:pk>/", views.shu_plan, name="shu_plan"),
    path("keuangan/shu/rencana/<int:pk>/excel/", views.shu_plan_export,
         name="shu_plan_export"),
    path("keuangan/shu/rencana/<int:pk>/usulan.pdf", views.shu_plan_pdf, name="shu_plan_pdf"),
    path("keuangan/shu/rencana/<int:pk>/ajukan/", views.shu_plan_propose,
         name="shu_plan_propose"),
    path("keuangan/shu/rencana/<int:pk>/tarik/", views.shu_plan_withdraw,
         name="shu_plan_withdraw"),
    path("keuangan/shu/rencana/<int:pk>/bukukan/", views.shu_plan_post, name="shu_plan_post"),
    path("keuangan/shu/bagian/<int:pk>/bayar/", views.shu_share_pay, name="shu_share_pay"),
    path("", include("guyub.finance.shu.member_urls")),
]
