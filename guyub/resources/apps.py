from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "guyub.resources"
    label = "resources"
    verbose_name = "Sumber daya bersama"
    # What shared resources add to the platform (core.contributions).
    contributes = {"demo": "guyub.resources.demo.load_resources_demo",
                   "notification_topics": "guyub.resources.notices.topics",
                   "periodic_jobs": "guyub.resources.jobs.jobs"}
