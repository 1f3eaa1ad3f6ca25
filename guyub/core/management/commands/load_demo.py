from django.core.management.base import BaseCommand

from guyub.core.demo import DEMO_PASSWORD, DEMO_SLUG, LOGINS, MEMBER_LOGIN, load_demo

# A server listening on every address is reached from this machine at the loopback one.
_EVERY_ADDRESS = {"0.0.0.0", "::", "[::]", ""}


class Command(BaseCommand):
    help = "Load the demo cooperative (idempotent) and print the demo logins."

    def add_arguments(self, parser):
        # `make run HOST=… PORT=…` passes what runserver will listen on, so the links
        # printed here are the ones that work.
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, host, port, **options):
        if not load_demo(stdout=self.stdout):
            self.stdout.write("Demo cooperative already present; nothing added.")
        host = "127.0.0.1" if host in _EVERY_ADDRESS else host
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"
        base = f"http://{host}:{port}"
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for email, _name, role in LOGINS:
            self.stdout.write(f"  {role.label:<10} {email}")
        self.stdout.write(f"  {'Anggota':<10} {MEMBER_LOGIN}")
        self.stdout.write(f"Cooperative: {base}/k/{DEMO_SLUG}/")
        self.stdout.write(f"Membership application: {base}/k/{DEMO_SLUG}/daftar/")
