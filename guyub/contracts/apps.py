from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "guyub.contracts"
    label = "contracts"
    verbose_name = "Kontrak pembeli korporat"
    # What contracts adds to the platform (core.contributions).
    contributes = {"demo": "guyub.contracts.demo.load_contracts_demo",
                   "notification_topics": "guyub.contracts.notices.topics",
                   "periodic_jobs": "guyub.contracts.jobs.jobs"}
