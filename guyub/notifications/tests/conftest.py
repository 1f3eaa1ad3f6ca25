"""Real stand-ins for the notices' outside world, started by the tests: an SMTP server
(aiosmtpd) that can be stopped and started again on its port, and an HTTP server that
answers as the WhatsApp Business Cloud API does and checks what it is sent."""

import email
import json
import socket
import threading
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from guyub.core.roles import Role
from guyub.notifications.models import Delivery

PHONE_NUMBER_ID = "1098765432"
TOKEN = "uji-token-rahasia"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpServer:
    """A real SMTP server on one port; stop() and start() it like an outage."""

    def __init__(self, port: int):
        self.port = port
        self.messages = []
        self._controller = None

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        message.recipients = list(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"

    def start(self):
        from aiosmtpd.controller import Controller

        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self):
        self._controller.stop()
        self._controller = None

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in m.recipients]


@pytest.fixture
def smtp(settings):
    server = SmtpServer(free_port())
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 3
    yield server
    if server._controller is not None:
        server.stop()


class WhatsAppApi:
    """Answers POST /<version>/<phone-number-id>/messages as the Cloud API does, after
    checking the bearer token and the template message's JSON; `answers` queues the
    status codes of the next answers (default 200)."""

    def __init__(self):
        self.received = []     # the JSON bodies accepted
        self.refused = []      # (status, reason) of requests answered with an error
        self.answers = []
        self._server = None

    def check(self, path: str, headers, body: bytes) -> tuple[int, dict]:
        if path != f"/v21.0/{PHONE_NUMBER_ID}/messages":
            return 404, {"error": {"message": f"Unknown path {path}", "code": 100}}
        if headers.get("Authorization") != f"Bearer {TOKEN}":
            return 401, {"error": {"message": "Invalid OAuth access token.", "code": 190}}
        if not headers.get("Content-Type", "").startswith("application/json"):
            return 400, {"error": {"message": "Expected JSON", "code": 100}}
        try:
            data = json.loads(body)
            assert data["messaging_product"] == "whatsapp"
            assert data["type"] == "template"
            assert data["to"].isdigit() and not data["to"].startswith("0")
            template = data["template"]
            assert template["name"] and template["language"]["code"] in ("id", "en")
            (component,) = template["components"]
            assert component["type"] == "body"
            assert all(p["type"] == "text" and p["text"] for p in component["parameters"])
        except (ValueError, KeyError, AssertionError, TypeError) as error:
            return 400, {"error": {"message": f"Invalid parameter: {error!r}", "code": 100}}
        status = self.answers.pop(0) if self.answers else 200
        if status != 200:
            return status, {"error": {"message": f"Stand-in error {status}", "code": 131000}}
        self.received.append(data)
        return 200, {"messaging_product": "whatsapp",
                     "contacts": [{"input": data["to"], "wa_id": data["to"]}],
                     "messages": [{"id": f"wamid.UJI{len(self.received)}"}]}

    def start(self):
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                status, answer = api.check(self.path, self.headers, body)
                if status != 200:
                    api.refused.append((status, answer["error"]["message"]))
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self._server.server_address[1]}/v21.0"

    def stop(self):
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def whatsapp(settings):
    api = WhatsAppApi()
    settings.WHATSAPP_API_URL = api.start()
    settings.WHATSAPP_PHONE_NUMBER_ID = PHONE_NUMBER_ID
    settings.WHATSAPP_TOKEN = TOKEN
    settings.WHATSAPP_TEMPLATE = "guyub_pemberitahuan"
    yield api
    api.stop()


@pytest.fixture
def officers(coop, make_user):
    """The board and staff who hear of applications, and one plain member who does not."""
    return {"board": make_user(coop, Role.BOARD), "staff": make_user(coop, Role.STAFF),
            "member": make_user(coop, Role.MEMBER)}


def time_passes():
    """Every waiting delivery's next attempt is now due (as if its back-off elapsed)."""
    Delivery.objects.filter(status="pending").update(next_attempt_at=timezone.now())
