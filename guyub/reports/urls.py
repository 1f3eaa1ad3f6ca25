from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("laporan/penjualan/", views.sales_report, name="sales"),
    path("saya/penjualan/", views.my_sales, name="my_sales"),
]
