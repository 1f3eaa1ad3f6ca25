from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "guyub.core"
    label = "core"
    verbose_name = "Guyub"
    contributes = {"periodic_jobs": "guyub.core.jobs.housekeeping.jobs"}

    def ready(self):
        from . import lookups  # noqa: F401  (registers the overflow-safe `in` lookup)
