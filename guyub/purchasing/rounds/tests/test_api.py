"""Collective purchase rounds in the JSON API: the list with statuses by the clock, the
live figures of each item (as the item cards show them), a member's own commitment set
with their token, Indonesian 422s for wrong input, and staff closing a round by hand."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.test import Client
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core.roles import Role
from guyub.core.tests.helpers import api, issue_token
from guyub.purchasing.models import Commitment, Round, Share
from guyub.purchasing.rounds import services
from guyub.testing.purchase_pages import commit, member_with_login, soy_round
from guyub.testing.purchase_rounds import HOUR, make_round

pytestmark = pytest.mark.django_db
Status = Round.Status


def rounds_url(coop, *parts) -> str:
    return "/".join([f"/api/v1/cooperatives/{coop.slug}/rounds", *map(str, parts)])


def token_client(coop, user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(coop, user)[1]}")


@pytest.fixture
def soy(coop, board):
    """Soybeans in 50 kg sacks, minimum 100 kg; Rp10.000/kg, Rp9.500 from 150 kg,
    Rp9.000 from 300 kg; 2% fee. Open now."""
    return soy_round(coop, board, title="Kedelai bersama Mei")


@pytest.fixture
def siti(coop, make_user):
    """A member with a token: (member, API client)."""
    member, _session = member_with_login(coop, make_user, owner_name="Siti Aminah")
    return member, token_client(coop, member.user)


@pytest.fixture
def staff_api(coop, make_user):
    return token_client(coop, make_user(coop, Role.STAFF))


def item_of(body: dict) -> dict:
    (item,) = body["items"]
    return item


def my_rows(item, member) -> list[tuple]:
    with scopes_disabled():
        return list(Commitment.objects.filter(round_item=item, member=member)
                    .order_by("created_at", "id").values_list("quantity", "tolerance"))


# --- reading --------------------------------------------------------------------------------


def test_the_list_shows_each_rounds_status_by_the_clock(coop, board, staff_api):
    make_round(coop, title="Gula minggu depan", opens=24 * HOUR, closes=48 * HOUR)
    make_round(coop, title="Toples dibuka", opens=-HOUR, closes=24 * HOUR)
    make_round(coop, title="Tepung lewat waktu", opens=-48 * HOUR, closes=-HOUR)
    make_round(coop, title="Minyak dibatalkan", opens=-HOUR, closes=24 * HOUR,
               status=Status.CANCELLED)
    make_round(coop, title="Kedelai April", opens=-96 * HOUR, closes=-72 * HOUR,
               status=Status.DISTRIBUTED)
    response = api(staff_api, "get", rounds_url(coop))
    assert response.status_code == 200
    body = response.json()
    found = {r["title"]: (r["status"], r["accepting_commitments"]) for r in body["items"]}
    assert found == {
        "Gula minggu depan": ("scheduled", False),
        "Toples dibuka": ("open", True),
        "Tepung lewat waktu": ("closing", False),
        "Minyak dibatalkan": ("cancelled", False),
        "Kedelai April": ("distributed", False),
    }
    assert body["count"] == 5
    labels = {r["title"]: r["status_label"] for r in body["items"]}
    assert labels["Minyak dibatalkan"] == "Dibatalkan"
    assert labels["Gula minggu depan"] == "Belum dibuka"
    toples = next(r for r in body["items"] if r["title"] == "Toples dibuka")
    with scopes_disabled():
        closes_at = Round.objects.get(title="Toples dibuka").closes_at
    # JSON carries milliseconds.
    assert dt.datetime.fromisoformat(toples["closes_at"]) == closes_at.replace(
        microsecond=closes_at.microsecond // 1000 * 1000)
    assert toples["item_count"] == 1


def test_the_list_filters_by_status_and_refuses_an_unknown_one_in_indonesian(coop,
                                                                            staff_api):
    make_round(coop, title="Dibuka")
    make_round(coop, title="Dibatalkan", status=Status.CANCELLED)
    body = api(staff_api, "get", rounds_url(coop) + "?status=cancelled").json()
    assert [r["title"] for r in body["items"]] == ["Dibatalkan"]
    refused = api(staff_api, "get", rounds_url(coop) + "?status=batal")
    assert refused.status_code == 422
    assert refused.json()["errors"]["status"] == [
        "Pilihan tidak dikenal; pilih salah satu: open, closed, received, distributed, "
        "cancelled."]


def test_a_member_reads_the_live_figures_and_their_own_commitment(coop, soy, siti,
                                                                  make_user):
    round_, item = soy
    member, client = siti
    commit(item, member, 60, 10)
    commit(item, member_with_login(coop, make_user)[0], 70)
    response = api(client, "get", rounds_url(coop, round_.pk))
    assert response.status_code == 200
    body = response.json()
    assert (body["title"], body["status"], body["accepting_commitments"]) == (
        "Kedelai bersama Mei", "open", True)
    got = item_of(body)
    assert (got["id"], got["item"], got["unit"]) == (item.pk, "Kedelai impor", "kg")
    assert got["tiers"] == [["0.000", "10000"], ["150.000", "9500"], ["300.000", "9000"]]
    live = {k: (None if v is None else v if isinstance(v, bool) else D(v))
            for k, v in got["live"].items()}
    # 130 kg firm (+10 tolerance): two full sacks, 100 kg at Rp10.000; 50 kg more for
    # Rp9.500; 20 kg more fills the third sack.
    assert live == {"total": 130, "tolerance": 10, "packs": 2, "ordered": 100,
                    "tier_from": 0, "unit_price": 10000, "next_tier_from": 150,
                    "next_tier_price": 9500, "to_next_tier": 50, "to_fill_pack": 20,
                    "below_minimum": False, "to_minimum": 0, "price_reached": True}
    mine = got["mine"]
    assert (D(mine["quantity"]), D(mine["tolerance"])) == (60, 10)
    # 60 kg × Rp10.000, plus the 2% fee.
    assert {k: D(v) for k, v in mine["estimate"].items()} == {
        "goods": 600000, "fee": 12000, "total": 612000, "quantity": 60}
    assert mine["share"] is None


def test_an_officer_reads_the_figures_without_a_commitment_of_their_own(coop, soy, siti,
                                                                        staff_api):
    round_, item = soy
    commit(item, siti[0], 60)
    got = item_of(api(staff_api, "get", rounds_url(coop, round_.pk)).json())
    assert D(got["live"]["total"]) == 60 and got["live"]["below_minimum"] is True
    # One 50 kg sack is short of the 100 kg minimum, so nothing would be ordered and no
    # price is reached yet; 40 kg more fills the second sack.
    assert D(got["live"]["to_minimum"]) == 40 and got["live"]["price_reached"] is False
    assert D(got["live"]["ordered"]) == 0
    assert got["mine"] is None


def test_a_buyer_or_supplier_cannot_read_the_rounds(coop, soy, make_user):
    round_, _item = soy
    for role in (Role.BUYER, Role.SUPPLIER):
        client = token_client(coop, make_user(coop, role))
        assert api(client, "get", rounds_url(coop)).status_code == 403
        assert api(client, "get", rounds_url(coop, round_.pk)).status_code == 403


def test_a_round_of_another_cooperative_is_not_found(coop, other_coop, siti, make_user):
    elsewhere, _items = make_round(other_coop, title="Di koperasi lain")
    _member, client = siti
    assert api(client, "get", rounds_url(coop, elsewhere.pk)).status_code == 404
    assert api(client, "get", rounds_url(other_coop, elsewhere.pk)).status_code == 404


# --- committing -----------------------------------------------------------------------------


def test_a_member_sets_raises_and_lowers_their_commitment(coop, soy, siti, make_user):
    round_, item = soy
    member, client = siti
    path = rounds_url(coop, round_.pk, "items", item.pk, "commitment")
    response = api(client, "post", path, {"quantity": "60", "tolerance": "10"})
    assert response.status_code == 200, response.content
    got = response.json()
    assert (D(got["mine"]["quantity"]), D(got["mine"]["tolerance"])) == (60, 10)
    assert D(got["live"]["total"]) == 60
    # Someone else commits meanwhile; Siti raises to 100, then lowers to 80.
    commit(item, member_with_login(coop, make_user)[0], 50)
    api(client, "post", path, {"quantity": "100", "tolerance": "10"})
    got = api(client, "post", path, {"quantity": "80"}).json()
    # Lowering trims her newest row first and, with no tolerance sent, withdraws it.
    assert my_rows(item, member) == [(60, 0), (20, 0)]
    assert (D(got["mine"]["quantity"]), D(got["mine"]["tolerance"])) == (80, 0)
    # 130 kg: two sacks at Rp10.000; 20 kg to fill the third.
    assert (D(got["live"]["total"]), got["live"]["packs"], D(got["live"]["to_fill_pack"])) == (
        130, 2, 20)
    # If it closed now the two sacks go to her first 60 kg and the other member's 50 kg
    # (40 of it): her later 20 kg gets nothing, so she would pay for 60 kg.
    assert D(got["mine"]["estimate"]["quantity"]) == 60
    assert D(got["mine"]["estimate"]["total"]) == 612000  # 60 × 10.000 + 2%


def test_a_commitment_of_zero_withdraws_it(coop, soy, siti):
    round_, item = soy
    member, client = siti
    commit(item, member, 40, 5)
    path = rounds_url(coop, round_.pk, "items", item.pk, "commitment")
    got = api(client, "post", path, {"quantity": "0", "tolerance": "0"}).json()
    assert my_rows(item, member) == []
    assert D(got["live"]["total"]) == 0 and got["mine"]["estimate"] is None


@pytest.mark.parametrize("payload, field, message", [
    ({"quantity": "-5"}, "quantity", "Jumlah tidak boleh negatif."),
    ({"quantity": "1.0005"}, "quantity", "Paling banyak tiga angka di belakang koma."),
    ({"quantity": "10", "tolerance": "-1"}, "tolerance", "Jumlah tidak boleh negatif."),
    ({"quantity": "1000000000"}, "quantity", "Jumlah terlalu besar."),
    ({"quantity": "sepuluh"}, "quantity", "Harus berupa angka."),
    ({"tolerance": "5"}, "quantity", "Bidang ini tidak boleh kosong."),
])
def test_wrong_input_is_422_in_indonesian_and_nothing_is_saved(coop, soy, siti, payload,
                                                               field, message):
    round_, item = soy
    member, client = siti
    commit(item, member, 20)
    response = api(client, "post", rounds_url(coop, round_.pk, "items", item.pk,
                                              "commitment"), payload)
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail"] == "Data tidak valid."
    assert body["errors"][field] == [message]
    assert my_rows(item, member) == [(20, 0)]


@pytest.mark.parametrize("status", [Status.CLOSED, Status.CANCELLED])
def test_a_commitment_to_a_round_that_is_not_open_is_409(coop, siti, status):
    round_, (item,) = make_round(coop, status=status)
    member, client = siti
    response = api(client, "post", rounds_url(coop, round_.pk, "items", item.pk,
                                              "commitment"), {"quantity": "10"})
    assert response.status_code == 409
    assert response.json()["detail"] == "Pembelian bersama ini tidak sedang dibuka."
    assert my_rows(item, member) == []


def test_an_item_of_another_round_is_not_found(coop, soy, siti):
    round_, _item = soy
    _other, (foreign_item,) = make_round(coop, title="Round lain")
    member, client = siti
    response = api(client, "post", rounds_url(coop, round_.pk, "items", foreign_item.pk,
                                              "commitment"), {"quantity": "10"})
    assert response.status_code == 404
    assert my_rows(foreign_item, member) == []


def test_only_a_member_commits_and_only_for_themselves(coop, soy, staff_api, make_user):
    round_, item = soy
    path = rounds_url(coop, round_.pk, "items", item.pk, "commitment")
    assert api(staff_api, "post", path, {"quantity": "10"}).status_code == 403
    # The member role without a member record: nobody to commit for.
    bare = token_client(coop, make_user(coop, Role.MEMBER))
    assert api(bare, "post", path, {"quantity": "10"}).status_code == 404
    with scopes_disabled():
        assert not Commitment.objects.exists()


# --- closing by hand ------------------------------------------------------------------------


def test_staff_close_a_round_and_the_member_sees_their_share(coop, soy, siti, staff_api):
    round_, item = soy
    member, client = siti
    commit(item, member, 160)
    response = api(staff_api, "post", rounds_url(coop, round_.pk, "close"))
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["accepting_commitments"]) == ("closed", False)
    got = item_of(body)
    # 160 kg: three full sacks (150 kg) at the Rp9.500 tier.
    assert (got["packs"], D(got["ordered_qty"]), D(got["unit_price"])) == (3, 150, 9500)
    assert got["live"] is None
    with scope(cooperative=coop):
        assert Share.objects.get(round_item=item).quantity == 150
    share = item_of(api(client, "get", rounds_url(coop, round_.pk)).json())["mine"]["share"]
    # 150 × 9.500 = 1.425.000, plus the 2% fee of 28.500.
    assert (D(share["quantity"]), D(share["goods_amount"]), D(share["fee_amount"]),
            D(share["total"]), share["picked_up"]) == (150, 1425000, 28500, 1453500, False)


def test_closing_twice_or_a_cancelled_round_is_409(coop, soy, board, staff_api):
    round_, _item = soy
    assert api(staff_api, "post", rounds_url(coop, round_.pk, "close")).status_code == 200
    again = api(staff_api, "post", rounds_url(coop, round_.pk, "close"))
    assert again.status_code == 409
    assert again.json()["detail"] == "Pembelian bersama ini sudah ditutup."
    cancelled, _items = make_round(coop, title="Batal")
    with scope(cooperative=coop):
        services.cancel_round(round_=cancelled, actor=board, reason="Pemasok mundur")
    refused = api(staff_api, "post", rounds_url(coop, cancelled.pk, "close"))
    assert refused.status_code == 409
    assert refused.json()["detail"] == "Pembelian bersama ini sudah dibatalkan."
    detail = api(staff_api, "get", rounds_url(coop, cancelled.pk)).json()
    assert (detail["status"], detail["cancel_reason"]) == ("cancelled", "Pemasok mundur")


def test_a_member_cannot_close_a_round(coop, soy, siti):
    round_, _item = soy
    _member, client = siti
    assert api(client, "post", rounds_url(coop, round_.pk, "close")).status_code == 403
    with scopes_disabled():
        assert Round.objects.get(pk=round_.pk).status == Status.OPEN
        assert Round.objects.get(pk=round_.pk).closes_at > timezone.now()
