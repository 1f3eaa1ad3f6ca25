from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "guyub.core"
    label = "core"
    verbose_name = "Guyub"
