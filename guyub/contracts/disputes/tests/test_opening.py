"""Opening a complaint: a buyer on its own delivered delivery, a member on the quality
result of their own goods, staff on behalf of either; the parties are told."""

import pytest
from django_scopes import scope, scopes_disabled

from guyub.contracts.models import Dispute, DisputeMessage
from guyub.contracts.notices import DISPUTE_UPDATE
from guyub.core.audit_actions import ACTIONS
from guyub.core.models import AuditLog
from guyub.notifications.models import Notice
from guyub.testing.contracts import corporate_buyer

pytestmark = pytest.mark.django_db


def _notified(coop):
    with scopes_disabled():
        return {(n.user_id, n.link) for n in Notice.objects.filter(cooperative=coop,
                                                                   topic=DISPUTE_UPDATE)}


def test_a_buyer_complains_about_its_delivery_and_the_cooperative_is_told(
        coop, board, world, buyer_client):
    delivery, bambang = world["delivery"], world["allotments"][1]
    url = f"/k/{coop.slug}/pembeli/kontrak/keluhan/baru/{delivery.pk}/"
    page = buyer_client.get(url)
    assert page.status_code == 200
    assert "Sangrai Kaliurang" in page.content.decode()  # it may name a member's part

    response = buyer_client.post(url, {"subject": "Kopi terlalu lembap",
                                       "text": "Karung dari Kaliurang basah.",
                                       "allotment": bambang.pk})

    with scope(cooperative=coop):
        dispute = Dispute.objects.get()
        assert (dispute.opened_by_party, dispute.allotment, dispute.status) == (
            "buyer", bambang, Dispute.Status.OPEN)
        assert [m.text for m in dispute.messages.all()] == ["Karung dari Kaliurang basah."]
    assert response["Location"] == f"/k/{coop.slug}/pembeli/kontrak/keluhan/{dispute.pk}/"
    # The board mediates; the member whose part is named is a party; the buyer acted.
    assert _notified(coop) == {
        (board.pk, f"/k/{coop.slug}/kontrak/keluhan/{dispute.pk}/"),
        (bambang.member.user_id, f"/k/{coop.slug}/saya/kontrak/keluhan/{dispute.pk}/")}
    with scopes_disabled():
        assert AuditLog.objects.filter(action="dispute.opened", object_id=str(dispute.pk)).exists()
    assert "dispute.opened" in ACTIONS


def test_a_buyer_cannot_complain_about_another_buyers_delivery(coop, board, world, client):
    other = corporate_buyer(coop, legal_name="PT Lain Sekali")
    client.force_login(other.user)
    url = f"/k/{coop.slug}/pembeli/kontrak/keluhan/baru/{world['delivery'].pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"subject": "x", "text": "y"}).status_code == 404
    with scopes_disabled():
        assert not Dispute.objects.exists()


def test_a_delivery_not_yet_delivered_cannot_be_complained_about(coop, world, buyer_client):
    with scope(cooperative=coop):
        planned = world["contract"].schedule.get(sequence=2)
    url = f"/k/{coop.slug}/pembeli/kontrak/keluhan/baru/{planned.pk}/"
    assert buyer_client.get(url).status_code == 404


def test_a_member_contests_the_rejection_of_their_goods(coop, board, world, member_client):
    bambang = world["allotments"][1]
    listing = member_client.get(f"/k/{coop.slug}/saya/kontrak/keluhan/").content.decode()
    assert "Kadar air 14 %" in listing
    url = f"/k/{coop.slug}/saya/kontrak/keluhan/baru/{bambang.pk}/"
    response = member_client.post(url, {"subject": "Penolakan 50 kg",
                                        "text": "Kadar air diukur setelah hujan."})

    with scope(cooperative=coop):
        dispute = Dispute.objects.get()
    assert response["Location"] == f"/k/{coop.slug}/saya/kontrak/keluhan/{dispute.pk}/"
    assert (dispute.opened_by_party, dispute.allotment_id) == ("member", bambang.pk)
    # Between the member and the cooperative: the buyer is not told.
    assert _notified(coop) == {(board.pk, f"/k/{coop.slug}/kontrak/keluhan/{dispute.pk}/")}


def test_a_member_cannot_open_a_complaint_on_someone_elses_goods(coop, world, member_client):
    sri = world["allotments"][0]
    url = f"/k/{coop.slug}/saya/kontrak/keluhan/baru/{sri.pk}/"
    assert member_client.get(url).status_code == 404
    assert member_client.post(url, {"subject": "x", "text": "y"}).status_code == 404


def test_staff_record_a_complaint_for_a_buyer_who_phoned(coop, board, world, staff,
                                                         staff_client):
    url = f"/k/{coop.slug}/kontrak/keluhan/baru/{world['delivery'].pk}/"
    response = staff_client.post(url, {"party": "buyer", "allotment": "",
                                       "subject": "Kemasan sobek",
                                       "text": "Pembeli menelepon: 3 kemasan sobek."})
    assert response.status_code == 302
    with scope(cooperative=coop):
        dispute = Dispute.objects.get()
        message = dispute.messages.get()
    assert (dispute.opened_by_party, dispute.opened_by, dispute.allotment) == (
        "buyer", staff, None)
    assert (message.party, message.by) == ("buyer", staff)
    users = {user for user, _link in _notified(coop)}
    assert users == {board.pk, world["buyer"].user_id}  # no member: none named


def test_staff_cannot_open_a_members_complaint_without_naming_the_goods(coop, world,
                                                                        staff_client):
    url = f"/k/{coop.slug}/kontrak/keluhan/baru/{world['delivery'].pk}/"
    response = staff_client.post(url, {"party": "member", "allotment": "",
                                       "subject": "Penolakan", "text": "Keberatan."})
    assert response.status_code == 200
    assert "pilih bagian anggota" in response.content.decode()
    with scopes_disabled():
        assert not Dispute.objects.exists()


@pytest.mark.parametrize("data, error", [
    ({"subject": "Biji pecah", "text": ""}, "tidak boleh kosong"),
    ({"subject": "Biji pecah", "text": "   "}, "tidak boleh kosong"),
    ({"subject": "x" * 201, "text": "Pecah."}, "paling banyak 200 karakter"),
    ({"subject": "Biji pecah", "text": "x" * 4001}, "paling banyak 4000 karakter"),
])
def test_bad_input_is_a_form_error_and_writes_nothing(coop, world, buyer_client, data, error):
    url = f"/k/{coop.slug}/pembeli/kontrak/keluhan/baru/{world['delivery'].pk}/"
    response = buyer_client.post(url, data)
    assert response.status_code == 200
    assert error.lower() in response.content.decode().lower()
    with scopes_disabled():
        assert not Dispute.objects.exists() and not DisputeMessage.objects.exists()


def test_sending_the_same_complaint_twice_opens_one(coop, world, buyer_client):
    url = f"/k/{coop.slug}/pembeli/kontrak/keluhan/baru/{world['delivery'].pk}/"
    data = {"subject": "Biji pecah", "text": "Banyak biji pecah."}
    assert buyer_client.post(url, data).status_code == 302
    again = buyer_client.post(url, data)
    assert again.status_code == 200
    assert "masih berjalan" in again.content.decode()
    with scopes_disabled():
        assert Dispute.objects.count() == 1


@pytest.mark.parametrize("data", [{"subject": "Biji\x00pecah", "text": "Pecah."},
                                  {"subject": "Biji pecah", "text": "a\x00b"}])
def test_a_nul_byte_is_refused_at_the_door_and_writes_nothing(coop, world, buyer_client, data):
    # The house middleware answers 400 before any view (core.middleware).
    url = f"/k/{coop.slug}/pembeli/kontrak/keluhan/baru/{world['delivery'].pk}/"
    assert buyer_client.post(url, data).status_code == 400
    with scopes_disabled():
        assert not Dispute.objects.exists()


@pytest.mark.parametrize("text, error", [("a\x00b", "NUL"), ("bad \ud800", "tidak sah"),
                                         ("  ", "wajib diisi")])
def test_the_service_refuses_text_it_cannot_store(coop, board, world, text, error):
    from guyub.contracts.disputes import services
    from guyub.core.errors import DomainError

    with scope(cooperative=coop), pytest.raises(DomainError, match=error):
        services.open_dispute(delivery=world["delivery"], party="buyer", subject="Pecah",
                              text=text, actor=board)
