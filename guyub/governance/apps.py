from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "guyub.governance"
    label = "governance"
    verbose_name = "Tata kelola: rapat anggota, pemungutan suara, pemilihan"
    # What governance adds to the platform (core.contributions).
    contributes = {"demo": "guyub.governance.demo.load_governance_demo",
                   "notification_topics": "guyub.governance.notices.topics",
                   "periodic_jobs": "guyub.governance.jobs.jobs"}
