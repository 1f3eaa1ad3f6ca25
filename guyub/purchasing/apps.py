from django.apps import AppConfig


class PurchasingConfig(AppConfig):
    name = "guyub.purchasing"
    label = "purchasing"
    verbose_name = "Pembelian bersama"
