"""Member loans: the officers' pages and the member's portal (names unique in the
support namespace)."""

from django.urls import path

from . import documents, member_views, views

urlpatterns = [
    path("pinjaman/", views.loan_list, name="loans"),
    path("pinjaman/portofolio/", views.portfolio, name="loan_portfolio"),
    path("pinjaman/pengaturan/", views.loan_settings, name="loan_settings"),
    path("pinjaman/baru/", views.loan_new, name="loan_new"),
    path("pinjaman/<int:pk>/", views.loan_detail, name="loan"),
    path("pinjaman/<int:pk>/nilai/", views.loan_assess, name="loan_assess"),
    path("pinjaman/<int:pk>/putuskan/", views.loan_decide, name="loan_decide"),
    path("pinjaman/<int:pk>/cairkan/", views.loan_disburse, name="loan_disburse"),
    path("pinjaman/<int:pk>/pelunasan/", views.loan_settle, name="loan_settle"),
    path("pinjaman/<int:pk>/restrukturisasi/", views.loan_restructure,
         name="loan_restructure"),
    path("pinjaman/<int:pk>/rekening.pdf", documents.statement_pdf, name="loan_statement"),
    path("pinjaman/angsuran/<int:instalment_pk>/bayar/", views.instalment_pay,
         name="instalment_pay"),
    path("saya/pinjaman/", member_views.my_loans, name="my_loans"),
    path("saya/pinjaman/ajukan/", member_views.my_apply, name="my_loan_apply"),
    path("saya/pinjaman/<int:pk>/", member_views.my_loan, name="my_loan"),
    path("saya/pinjaman/angsuran/<int:instalment_pk>/bayar/", member_views.my_pay,
         name="my_instalment_pay"),
]
