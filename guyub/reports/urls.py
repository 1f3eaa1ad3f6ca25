from django.urls import include, path

from . import views

app_name = "reports"

urlpatterns = [
    path("laporan/penjualan/", views.sales_report, name="sales"),
    path("saya/penjualan/", views.my_sales, name="my_sales"),
    path("", include("guyub.reports.dashboards.urls")),
]
