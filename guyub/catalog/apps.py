from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "guyub.catalog"
    label = "catalog"
    verbose_name = "Katalog"

    def ready(self):
        from . import signals  # noqa: F401  (default market channels for new cooperatives)
