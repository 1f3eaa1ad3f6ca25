from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "guyub.notifications"
    label = "notifications"
    verbose_name = "Notifikasi"
    contributes = {
        "periodic_jobs": "guyub.notifications.jobs.jobs",
    }
