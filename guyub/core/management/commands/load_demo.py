from django.core.management.base import BaseCommand

from guyub.core.demo import DEMO_PASSWORD, DEMO_SLUG, LOGINS, MEMBER_LOGIN, load_demo


class Command(BaseCommand):
    help = "Load the demo cooperative (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        if not load_demo(stdout=self.stdout):
            self.stdout.write("Demo cooperative already present; nothing added.")
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for email, _name, role in LOGINS:
            self.stdout.write(f"  {role.label:<10} {email}")
        self.stdout.write(f"  {'Anggota':<10} {MEMBER_LOGIN}")
        self.stdout.write(f"Cooperative: http://127.0.0.1:8000/k/{DEMO_SLUG}/")
        self.stdout.write(f"Membership application: http://127.0.0.1:8000/k/{DEMO_SLUG}/daftar/")
