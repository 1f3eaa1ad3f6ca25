from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "guyub.members"
    label = "members"
    verbose_name = "Anggota"
