from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "guyub.catalog"
    label = "catalog"
    verbose_name = "Katalog"
    # What the catalog adds to the platform (core.contributions).
    contributes = {
        "periodic_jobs": "guyub.catalog.notices.jobs",
        "notification_topics": "guyub.catalog.notices.topics",
    }

    def ready(self):
        from . import signals  # noqa: F401  (default market channels for new cooperatives)
