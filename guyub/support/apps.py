from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "guyub.support"
    label = "support"
    verbose_name = "Saling dukung: pinjaman, dana sosial, papan bantuan"
    # What mutual support adds to the platform (core.contributions).
    contributes = {"demo": "guyub.support.demo.load_support_demo",
                   "notification_topics": "guyub.support.notices.topics",
                   "periodic_jobs": "guyub.support.jobs.jobs"}
