"""The statements pages: the finance home, each statement, a line's accounts, and the
statements as one PDF or one workbook."""

from django.urls import path

from . import documents, views

urlpatterns = [
    path("keuangan/", views.home, name="home"),
    path("keuangan/laporan/<int:year>/laporan-keuangan.pdf", documents.statements_pdf,
         name="statements_pdf"),
    path("keuangan/laporan/<int:year>/laporan-keuangan.xlsx", documents.statements_xlsx,
         name="statements_xlsx"),
    path("keuangan/laporan/<int:year>/<slug:statement>/", views.statement, name="statement"),
    path("keuangan/laporan/<int:year>/<slug:statement>/<slug:line>/", views.statement_line,
         name="statement_line"),
]
