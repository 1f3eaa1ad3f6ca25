"""Pick lists: members see what to bring to the warehouse and by when; warehouse staff
confirm receipt; wrong input is refused in Bahasa Indonesia and changes nothing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core.roles import Role
from guyub.sales.models import FulfilmentLine, Order
from guyub.sales.orders import services as ordering
from guyub.sales.tests.fulfilment_helpers import flashed, hand_over_all, order, product
from guyub.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db


def url(name, coop, *args):
    return reverse(f"sales:{name}", args=[coop.slug, *args])


@pytest.fixture
def wulan(coop, make_user):
    user = make_user(coop, Role.MEMBER)
    return MemberFactory(cooperative=coop, user=user, owner_name="Wulan Puspitasari",
                         business_name="Kopi Lereng Merapi Wulan")


@pytest.fixture
def siti(coop):
    return MemberFactory(cooperative=coop, owner_name="Siti Rahayu",
                         business_name="Batik Tulis Siti")


@pytest.fixture
def goods(coop, wulan, siti):
    return {"kopi": product(coop, wulan, "Kopi Arabika Merapi 250 g", price=65_000),
            "batik": product(coop, siti, "Batik Cap Kawung", price=225_000, grams=350)}


@pytest.fixture
def staff_client(client, coop, make_user):
    client.force_login(make_user(coop, Role.STAFF))
    return client


def _due(coop, made, day):
    with scopes_disabled():
        FulfilmentLine.objects.filter(order=made).update(due_date=day)


def _received(line_ids):
    with scopes_disabled():
        return set(FulfilmentLine.objects.filter(pk__in=line_ids, handed_over_at__isnull=False)
                   .values_list("pk", flat=True))


def _lines(made):
    with scopes_disabled():
        return list(FulfilmentLine.objects.filter(order=made).order_by("pk"))


def test_a_member_sees_what_to_bring_grouped_by_due_date(client, coop, board, wulan, goods):
    today = timezone.localdate()
    first = order(coop, [(goods["kopi"], 3), (goods["batik"], 1)])
    second = order(coop, [(goods["kopi"], 5)])
    unpaid = order(coop, [(goods["kopi"], 7)], paid=False)
    cancelled = order(coop, [(goods["kopi"], 9)])
    with scope(cooperative=coop):
        ordering.cancel_order(order=cancelled, actor=board, reason="Salah alamat")
    _due(coop, first, today - dt.timedelta(days=1))
    _due(coop, second, today + dt.timedelta(days=2))
    client.force_login(wulan.user)

    response = client.get(url("my_picklist", coop))

    assert response.status_code == 200
    groups = response.context["groups"]
    assert [g.due_date for g in groups] == [today - dt.timedelta(days=1),
                                            today + dt.timedelta(days=2)]
    assert [[(x.order.pk, x.quantity) for x in g.lines] for g in groups] == [
        [(first.pk, 3)], [(second.pk, 5)]]
    page = response.content.decode()
    assert "terlambat" in page  # yesterday's goods are late
    assert "Batik Cap Kawung" not in page  # Siti's goods are not Wulan's business
    assert unpaid.display_number not in page and cancelled.display_number not in page
    # The list says what to do but offers no receipt button: the warehouse confirms.
    assert url("picklist_receive", coop) not in page


def test_a_member_cannot_confirm_their_own_goods_received(client, coop, wulan, goods):
    made = order(coop, [(goods["kopi"], 2)])
    client.force_login(wulan.user)
    line_ids = [x.pk for x in _lines(made)]

    response = client.post(url("picklist_receive", coop), {"lines": line_ids})

    assert response.status_code == 403
    assert _received(line_ids) == set()


def test_staff_receive_the_checked_goods_and_the_order_is_being_prepared(
        staff_client, coop, goods):
    made = order(coop, [(goods["kopi"], 2), (goods["batik"], 1)])
    kopi, batik = _lines(made)

    response = staff_client.post(url("picklist_receive", coop),
                                 {"lines": [kopi.pk], "back_state": "all"})

    assert response.status_code == 302
    assert response["Location"] == url("picklist", coop) + "?state=all"
    assert flashed(response) == ["1 barang diterima di gudang."]
    assert _received([kopi.pk, batik.pk]) == {kopi.pk}
    with scopes_disabled():
        assert Order.objects.get(pk=made.pk).status == Order.Status.FULFILLING
    page = staff_client.get(url("picklist", coop)).content.decode()
    assert f'name="lines" value="{batik.pk}"' in page
    assert f'name="lines" value="{kopi.pk}"' not in page


def test_the_warehouse_list_filters_by_member_and_due_date(staff_client, coop, siti, goods):
    today = timezone.localdate()
    early = order(coop, [(goods["kopi"], 1), (goods["batik"], 1)])
    late = order(coop, [(goods["batik"], 2)])
    _due(coop, early, today)
    _due(coop, late, today + dt.timedelta(days=5))

    response = staff_client.get(url("picklist", coop), {
        "member": siti.pk, "due_from": today.isoformat(),
        "due_to": (today + dt.timedelta(days=1)).isoformat()})

    assert response.status_code == 200
    lines = [x for g in response.context["groups"] for x in g.lines]
    assert [(x.order_id, x.member_id) for x in lines] == [(early.pk, siti.pk)]


def test_received_goods_are_listed_when_asked_for(staff_client, coop, goods):
    made = hand_over_all(coop, order(coop, [(goods["kopi"], 4)]))
    pending = staff_client.get(url("picklist", coop))
    received = staff_client.get(url("picklist", coop), {"state": "received"})
    assert pending.context["groups"] == []
    assert [x.order_id for g in received.context["groups"] for x in g.lines] == [made.pk]
    assert "Diterima" in received.content.decode()


@pytest.mark.parametrize("data, message", [
    ({}, "Pilih barang yang diterima di gudang."),
    ({"lines": ["abc"]}, "Barang yang dipilih tidak ada dalam daftar setoran."),
    ({"lines": ["999999"]}, "Barang yang dipilih tidak ada dalam daftar setoran."),
])
def test_receiving_nothing_or_an_unknown_line_is_refused(staff_client, coop, goods, data,
                                                        message):
    made = order(coop, [(goods["kopi"], 1)])
    response = staff_client.post(url("picklist_receive", coop), data)
    assert response.status_code == 302
    assert flashed(response) == [message]
    assert _received([x.pk for x in _lines(made)]) == set()


def test_a_line_of_another_cooperative_cannot_be_received(staff_client, coop, other_coop,
                                                          goods):
    theirs = order(other_coop, [(product(other_coop, MemberFactory(cooperative=other_coop),
                                         "Keripik Tempe"), 1)])
    line = _lines(theirs)[0]
    response = staff_client.post(url("picklist_receive", coop), {"lines": [line.pk]})
    assert flashed(response) == ["Barang yang dipilih tidak ada dalam daftar setoran."]
    assert _received([line.pk]) == set()


def test_receipt_is_all_or_nothing(staff_client, coop, board, goods):
    good = order(coop, [(goods["kopi"], 1)])
    cancelled = order(coop, [(goods["batik"], 1)])
    with scope(cooperative=coop):
        ordering.cancel_order(order=cancelled, actor=board, reason="Pembeli batal")
    ids = [_lines(good)[0].pk, _lines(cancelled)[0].pk]

    response = staff_client.post(url("picklist_receive", coop), {"lines": ids})

    [message] = flashed(response)
    assert message.startswith(f"{cancelled.display_number}, Batik Cap Kawung: ")
    assert "setelah pesanan dibayar" in message
    assert _received(ids) == set()


def test_a_wrong_filter_is_explained_and_lists_nothing(staff_client, coop, goods):
    order(coop, [(goods["kopi"], 1)])
    response = staff_client.get(url("picklist", coop), {
        "member": "bukan-angka", "due_from": "2026-02-10", "due_to": "2026-02-01"})
    assert response.status_code == 200
    form = response.context["form"]
    assert "Tanggal akhir harus sesudah tanggal awal." in form.errors["due_to"]
    assert form.errors["member"]
    assert response.context["groups"] == []
    assert "Periksa kembali isian yang ditandai." in response.content.decode()


def test_the_member_portal_says_how_many_goods_are_due(client, coop, wulan, goods):
    order(coop, [(goods["kopi"], 2)])
    order(coop, [(goods["kopi"], 1)])
    client.force_login(wulan.user)
    page = client.get(reverse("members:portal", args=[coop.slug])).content.decode()
    assert 'id="portal-sales"' in page
    assert "barang perlu diserahkan" in page
    assert url("my_picklist", coop) in page


def test_someone_without_a_member_record_gets_no_pick_list(client, coop, make_user):
    client.force_login(make_user(coop, Role.MEMBER))
    assert client.get(url("my_picklist", coop)).status_code == 404
