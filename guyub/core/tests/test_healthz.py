"""/healthz: the load balancer's health check (and the benchmarks' minimal view)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.mark.django_db
def test_it_answers_ok_without_a_login_or_a_query(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"ok": True}
    assert "no-cache" in response["Cache-Control"]
    assert len(queries) == 0


def test_it_answers_a_head_request_and_refuses_a_post(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405
