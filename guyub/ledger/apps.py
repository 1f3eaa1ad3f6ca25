from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "guyub.ledger"
    label = "ledger"
    verbose_name = "Buku besar"

    def ready(self):
        from . import signals  # noqa: F401  (connects the chart-of-accounts creation)
