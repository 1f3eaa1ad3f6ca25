from django.apps import AppConfig


class SalesConfig(AppConfig):
    name = "guyub.sales"
    label = "sales"
    verbose_name = "Penjualan"
    # What sales adds to the platform (core.contributions).
    contributes = {"demo": "guyub.sales.demo.load_sales_demo",
                   "periodic_jobs": "guyub.sales.jobs.jobs"}
