"""The production set-up as the README writes it: settings with DEBUG off, before
collectstatic has written its manifest."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _production_env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "GUYUB_TESTING")}
    env.update(SECRET_KEY="x" * 50, ALLOWED_HOSTS="koperasi.example.id",
               STATIC_ROOT=str(tmp_path / "static"), **extra)
    return env


def test_the_url_modules_load_before_collectstatic(tmp_path):
    # Loading every URL module (as `migrate`'s system checks do) must not ask the
    # static manifest for a file: it does not exist until collectstatic runs.
    code = ("import django; django.setup(); from django.urls import get_resolver; "
            "get_resolver().url_patterns; print('ok')")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, env=_production_env(
                              tmp_path, DJANGO_SETTINGS_MODULE="guyub.settings"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_favicon_redirects_to_the_static_file(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("core/favicon.svg")
