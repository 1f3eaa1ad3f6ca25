from django.apps import AppConfig


class SalesConfig(AppConfig):
    name = "guyub.sales"
    label = "sales"
    verbose_name = "Penjualan"
