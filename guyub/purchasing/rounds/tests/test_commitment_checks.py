"""A commitment of 0 is a withdrawal and is said to be one; a quantity many times what
came before is saved only once the member confirms it (page and API alike)."""

from decimal import Decimal as D

import pytest
from django_scopes import scope, scopes_disabled

from guyub.core.models import AuditLog
from guyub.core.tests.helpers import api, issue_token
from guyub.purchasing.models import Commitment
from guyub.purchasing.rounds import services
from guyub.purchasing.rounds.commitment_checks import SURPRISING_FACTOR
from guyub.testing.factories import MemberFactory
from guyub.testing.purchase_pages import (
    close_and_receive,
    commit,
    flashed,
    member_with_login,
    soy_round,
    url,
)

pytestmark = pytest.mark.django_db


def mine(item, member) -> D:
    with scopes_disabled():
        return sum((c.quantity for c in Commitment.objects.filter(round_item=item,
                                                                  member=member)), D(0))


def api_path(coop, round_, item) -> str:
    return f"/api/v1/cooperatives/{coop.slug}/rounds/{round_.pk}/items/{item.pk}/commitment"


# --- withdrawing --------------------------------------------------------------------------

def test_zero_on_the_page_says_the_commitment_was_withdrawn(coop, board, make_user):
    round_, item = soy_round(coop, board)
    member, client = member_with_login(coop, make_user)
    commit(item, member, 40)
    response = client.post(url("commit", coop, round_.pk, item.pk), {"quantity": "0"})
    assert flashed(response) == [
        "Pesanan Kedelai impor ditarik: Anda tidak lagi ikut memesan barang ini."]
    assert mine(item, member) == 0
    card = client.post(url("commit", coop, round_.pk, item.pk), {"quantity": "0"},
                       HTTP_HX_REQUEST="true").content.decode()
    assert "Pesanan ditarik" in card and "Tersimpan." not in card
    with scopes_disabled():
        assert AuditLog.objects.filter(action="purchase.withdrawn").count() == 1


def test_zero_in_the_api_answers_withdrawn_with_a_message(coop, board, make_user):
    round_, item = soy_round(coop, board)
    member, _client = member_with_login(coop, make_user)
    commit(item, member, 40)
    from django.test import Client
    client = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(coop, member.user)[1]}")
    got = api(client, "post", api_path(coop, round_, item), {"quantity": "0"})
    assert got.status_code == 200
    body = got.json()
    assert body["withdrawn"] is True
    assert body["message"] == ("Pesanan Kedelai impor ditarik: Anda tidak lagi ikut memesan "
                               "barang ini.")
    again = api(client, "post", api_path(coop, round_, item), {"quantity": "40"}).json()
    assert again["withdrawn"] is False and again["message"] == "Pesanan Kedelai impor disimpan."


# --- confirming a surprising quantity -----------------------------------------------------

@pytest.fixture
def history(coop, board, make_user):
    """A member who ordered 20 kg in an earlier round, and a new open round."""
    member, client = member_with_login(coop, make_user, owner_name="Siti Aminah")
    first, item = soy_round(coop, board, title="Kedelai April")
    commit(item, member, 20)
    commit(item, MemberFactory(cooperative=coop), 80)
    close_and_receive(first, board)
    round_, item = soy_round(coop, board, title="Kedelai Mei")
    return member, client, round_, item


def test_many_times_the_earlier_commitment_asks_for_confirmation(coop, history):
    member, client, round_, item = history
    target = url("commit", coop, round_.pk, item.pk)
    card = client.post(target, {"quantity": "2000"}, HTTP_HX_REQUEST="true").content.decode()
    assert ("2.000 kg lebih dari 10 kali pesanan Anda sebelumnya untuk barang ini "
            "(paling banyak 20 kg)") in card
    assert 'name="confirm"' in card and "Ya, jumlah ini benar" in card
    assert mine(item, member) == 0
    # Confirmed: saved.
    client.post(target, {"quantity": "2000", "confirm": "on"})
    assert mine(item, member) == 2000


def test_ordinary_growth_and_lowering_need_no_confirmation(coop, history):
    member, client, round_, item = history
    target = url("commit", coop, round_.pk, item.pk)
    client.post(target, {"quantity": str(20 * SURPRISING_FACTOR)})
    assert mine(item, member) == 200
    client.post(target, {"quantity": "150"})
    assert mine(item, member) == 150


def test_many_times_the_rest_of_the_round_asks_for_confirmation(coop, board):
    round_, item = soy_round(coop, board)
    first, newcomer = MemberFactory(cooperative=coop), MemberFactory(cooperative=coop)
    commit(item, first, 30)
    with scope(cooperative=coop), pytest.raises(Exception) as refused:
        services.set_commitment(round_item=item, member=newcomer, quantity=D(301))
    assert refused.value.code == "confirm"
    assert "lebih dari 10 kali pesanan semua anggota lain bersama (30 kg)" in \
        refused.value.message
    with scope(cooperative=coop):  # ten times is still ordinary: no question asked
        services.set_commitment(round_item=item, member=newcomer, quantity=D(300))
    assert mine(item, newcomer) == 300


def test_the_api_refuses_a_surprising_quantity_unless_confirmed(coop, history):
    member, _client, round_, item = history
    from django.test import Client
    client = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(coop, member.user)[1]}")
    refused = api(client, "post", api_path(coop, round_, item), {"quantity": "2000"})
    assert refused.status_code == 422
    assert "lebih dari 10 kali pesanan Anda sebelumnya" in \
        refused.json()["errors"]["quantity"][0]
    assert mine(item, member) == 0
    saved = api(client, "post", api_path(coop, round_, item),
                {"quantity": "2000", "confirm": True})
    assert saved.status_code == 200 and mine(item, member) == 2000
