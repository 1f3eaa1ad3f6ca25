"""The README's production steps, run as written and in order on a fresh clone with
DEBUG off against a PostgreSQL database of their own; then gunicorn serves a page."""

import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import pytest
from django.db import connection

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


def production_steps() -> list[str]:
    """The command lines of the first sh block under the README's Production heading."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Production", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def deploy_database():
    """An empty database of this test's own (beside the test database's name, so parallel
    checkouts do not share it), dropped afterwards."""
    params = connection.settings_dict
    name = f"{connection.settings_dict['NAME']}_deploy"[:63]
    dsn = dict(host=params["HOST"] or "127.0.0.1", port=params["PORT"] or 5432,
               user=params["USER"], password=params["PASSWORD"] or None, dbname="postgres")
    with psycopg.connect(**dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    user = params["USER"] or "postgres"
    password = f":{params['PASSWORD']}" if params["PASSWORD"] else ""
    yield f"postgresql://{user}{password}@{dsn['host']}:{dsn['port']}/{name}"
    with psycopg.connect(**dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_readme_production_steps_work_in_order(tmp_path, deploy_database):
    clone = tmp_path / "guyub"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    port = free_port()
    steps = production_steps()
    assert any("migrate" in s for s in steps) and any("collectstatic" in s for s in steps)
    # The order that broke: migrate runs before collectstatic has written its manifest.
    assert [s for s in steps if "migrate" in s][0] == [
        s for s in steps if "migrate" in s or "collectstatic" in s][0]

    # The README's own lines, with this machine's values where the README shows examples:
    # its database, host names and port; the superuser made without questions.
    script = []
    for line in steps:
        if line.startswith("export DATABASE_URL="):
            line = f"export DATABASE_URL={deploy_database}"
        elif line.startswith("export ALLOWED_HOSTS="):
            line = "export ALLOWED_HOSTS=127.0.0.1 CSRF_TRUSTED_ORIGINS=http://127.0.0.1"
        elif "createsuperuser" in line:
            line = line.split("#")[0].strip() + " --noinput"
        elif "gunicorn" in line:
            line = line.replace("127.0.0.1:8000", f"127.0.0.1:{port}")
            line = f"exec {line.split('#')[0].strip()}"
        script.append(line)
    env = {k: v for k, v in os.environ.items()
           if k not in ("DEBUG", "GUYUB_TESTING", "DATABASE_URL", "TEST_DATABASE_NAME",
                        "DJANGO_SETTINGS_MODULE", "PYTEST_XDIST_WORKER", "STATIC_ROOT")}
    env.update(DJANGO_SUPERUSER_USERNAME="admin@koperasi.example.id",
               DJANGO_SUPERUSER_EMAIL="admin@koperasi.example.id",
               DJANGO_SUPERUSER_PASSWORD="Rahasia-Admin-2026", SECURE_COOKIES="0")
    log = tmp_path / "steps.log"
    with open(log, "w") as out:
        server = subprocess.Popen(["bash", "-euo", "pipefail", "-c", "\n".join(script)],
                                  cwd=clone, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        page = None
        deadline = time.monotonic() + 900  # the first step installs everything
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/masuk/",
                                            timeout=5) as response:
                    page = (response.status, response.read().decode(), dict(response.headers))
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(1)
        assert page is not None, log.read_text()[-4000:]
        status, html, headers = page
        assert status == 200
        assert "Masuk ke Guyub" in html
        # Static files come from collectstatic's manifest: hashed names, served by whitenoise.
        css = re.search(r'href="(/static/core/guyub\.[0-9a-f]{12}\.css)"', html)
        assert css, html[:800]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{css.group(1)}") as response:
            assert response.status == 200
        assert "default-src 'self'" in headers["Content-Security-Policy"]
    finally:
        server.terminate()
        server.wait(timeout=30)
