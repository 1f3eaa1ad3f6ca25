from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "guyub.members"
    label = "members"
    verbose_name = "Anggota"
    # What members adds to the platform's demo and home pages (core.contributions).
    contributes = {
        "demo": "guyub.members.demo.load_members_demo",
        "dashboard": "guyub.members.dashboard.dashboard_context",
        "home_without_cooperative": "guyub.members.dashboard.own_applications",
        "periodic_jobs": "guyub.members.jobs.jobs",
        "notification_topics": "guyub.members.notices.topics",
        "notification_phones": "guyub.members.notices.phones",
    }
