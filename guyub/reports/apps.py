from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "guyub.reports"
    label = "reports"
    verbose_name = "Laporan"
