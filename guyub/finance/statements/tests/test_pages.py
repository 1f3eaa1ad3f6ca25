"""The finance pages: the home with the board's ratios, each statement with the previous
year beside it, a line's accounts, and the years there is nothing to show."""

import pytest
from django.test import Client
from django_scopes import scope

from guyub.core.roles import Role
from guyub.finance.statements.position import position
from guyub.finance.statements.profit import results_statement
from guyub.finance.statements.selectors import books_for
from guyub.testing.finance_fa import books_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(coop):
    return books_world(coop)


def _client(coop, make_user, role):
    client = Client()
    client.force_login(make_user(coop, role))
    return client


def test_smoke(coop, board_client, world):
    for slug in ("posisi-keuangan", "hasil-usaha", "perubahan-ekuitas", "arus-kas", "catatan"):
        r = board_client.get(f"/k/{coop.slug}/keuangan/laporan/{world['now']}/{slug}/")
        assert r.status_code == 200, slug
    r = board_client.get(f"/k/{coop.slug}/keuangan/")
    assert r.status_code == 200
    print(r.content.decode())
    r = board_client.get(f"/k/{coop.slug}/keuangan/laporan/{world['now']}/hasil-usaha/shu/")
    assert r.status_code == 200
    print(r.content.decode())
    r = board_client.get(f"/k/{coop.slug}/keuangan/laporan/{world['now']}/laporan-keuangan.pdf")
    assert r.content.startswith(b"%PDF")
    r = board_client.get(f"/k/{coop.slug}/keuangan/laporan/{world['now']}/laporan-keuangan.xlsx")
    assert r.status_code == 200
    assert 0
