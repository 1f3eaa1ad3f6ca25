from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "guyub.finance"
    label = "finance"
    verbose_name = "Keuangan: laporan SAK EP, tutup buku, SHU"
    # What finance adds to the platform (core.contributions).
    contributes = {"demo": "guyub.finance.demo.load_finance_demo",
                   "notification_topics": "guyub.finance.notices.topics",
                   "periodic_jobs": "guyub.finance.jobs.jobs"}
