from django.apps import AppConfig


class PurchasingConfig(AppConfig):
    name = "guyub.purchasing"
    label = "purchasing"
    verbose_name = "Pembelian bersama"
    # What purchasing adds to the platform (core.contributions).
    contributes = {
        "demo": "guyub.purchasing.demo.load_purchasing_demo",
        "periodic_jobs": "guyub.purchasing.jobs.jobs",
        "notification_topics": "guyub.purchasing.notices.topics",
    }
