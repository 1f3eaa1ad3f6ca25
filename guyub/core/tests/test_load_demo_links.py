"""`make run HOST=… PORT=…` serves there, and load_demo prints links that work there."""

import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db(transaction=True)
def test_load_demo_prints_the_links_for_the_host_and_port_used():
    out = StringIO()
    call_command("load_demo", host="192.168.1.20", port=8123, stdout=out)
    text = out.getvalue()
    assert "Cooperative: http://192.168.1.20:8123/k/maju-bersama/" in text
    assert "Membership application: http://192.168.1.20:8123/k/maju-bersama/daftar/" in text
    assert ":8000" not in text

    # Listening on every address: the link to open on this machine is the loopback one.
    again = StringIO()
    call_command("load_demo", host="0.0.0.0", port=9000, stdout=again)
    assert "already present" in again.getvalue()
    assert "Cooperative: http://127.0.0.1:9000/k/maju-bersama/" in again.getvalue()


def test_make_run_hands_its_host_and_port_to_load_demo_and_runserver():
    plan = subprocess.run(["make", "-n", "run", "HOST=192.168.1.20", "PORT=8123"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout
    assert "manage.py load_demo --host 192.168.1.20 --port 8123" in plan
    assert "manage.py runserver 192.168.1.20:8123" in plan
