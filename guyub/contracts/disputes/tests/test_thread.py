"""The mediation thread: the parties write in it while the complaint is open, and what
is written stays as written (the model and the database refuse changes)."""

import pytest
from django.db import DatabaseError, connection, transaction
from django_scopes import scope, scopes_disabled

from guyub.contracts.disputes import services
from guyub.contracts.models import Dispute, DisputeMessage
from guyub.contracts.notices import DISPUTE_UPDATE
from guyub.core.errors import DomainError
from guyub.notifications.models import Notice
from guyub.testing.contracts_disputes import open_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def dispute(world):
    return open_complaint(world["delivery"], party=Dispute.Party.BUYER,
                          by=world["buyer"].user, allotment=world["allotments"][1])


def test_the_parties_and_the_cooperative_write_in_one_thread(
        coop, board, world, dispute, board_client, buyer_client, member_client):
    url = f"/k/{coop.slug}/kontrak/keluhan/{dispute.pk}/"
    assert board_client.post(f"{url}mediasi/").status_code == 302
    assert board_client.post(url, {"text": "Kami periksa sampel gudang."}).status_code == 302
    buyer_client.post(f"/k/{coop.slug}/pembeli/kontrak/keluhan/{dispute.pk}/",
                      {"text": "Foto terlampir di surel."})
    member_client.post(f"/k/{coop.slug}/saya/kontrak/keluhan/{dispute.pk}/",
                       {"text": "Saya kirim kering."})
    with scope(cooperative=coop):
        dispute.refresh_from_db()
        thread = [(m.party, m.text) for m in dispute.messages.all()]
    assert dispute.status == Dispute.Status.MEDIATING
    assert thread[1:] == [("cooperative", "Kami periksa sampel gudang."),
                          ("buyer", "Foto terlampir di surel."),
                          ("member", "Saya kirim kering.")]
    # Everyone sees the same thread.
    page = buyer_client.get(f"/k/{coop.slug}/pembeli/kontrak/keluhan/{dispute.pk}/")
    assert "Saya kirim kering." in page.content.decode()
    # The member's message reached the buyer and the board, not the member.
    with scopes_disabled():
        told = set(Notice.objects.filter(topic=DISPUTE_UPDATE, event_id__contains="message")
                   .values_list("user_id", flat=True))
    assert {world["buyer"].user_id, board.pk} <= told


def test_an_empty_message_is_a_form_error(coop, dispute, buyer_client):
    response = buyer_client.post(f"/k/{coop.slug}/pembeli/kontrak/keluhan/{dispute.pk}/",
                                 {"text": "   "})
    assert response.status_code == 200
    assert "tidak boleh kosong" in response.content.decode()
    with scopes_disabled():
        assert DisputeMessage.objects.count() == 1


def test_a_resolved_complaint_takes_no_more_messages(coop, board, dispute):
    with scope(cooperative=coop):
        services.resolve(dispute=dispute, resolution="dismissed", actor=board)
        with pytest.raises(DomainError, match="ditutup"):
            services.post_message(dispute=dispute, party="buyer", text="Tapi...",
                                  actor=board)


def test_a_buyer_is_no_party_to_a_members_contest(coop, board, world):
    bambang = world["allotments"][1]
    contest = open_complaint(world["delivery"], party=Dispute.Party.MEMBER,
                             by=bambang.member.user, allotment=bambang)
    with scope(cooperative=coop), pytest.raises(DomainError, match="bukan pihak"):
        services.post_message(dispute=contest, party="buyer", text="Ikut", actor=board)


def test_the_model_refuses_to_change_or_delete_a_message(coop, dispute):
    with scope(cooperative=coop):
        message = dispute.messages.get()
        message.text = "Tidak ada masalah."
        with pytest.raises(ValueError):
            message.save()
        with pytest.raises(ValueError):
            message.delete()
        assert dispute.messages.get().text == "Banyak biji pecah di karung 3."


def test_the_database_refuses_to_change_a_message(coop, dispute):
    table = DisputeMessage._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET text = %s", ["Diganti diam-diam"])
    with scopes_disabled():
        assert DisputeMessage.objects.get().text == "Banyak biji pecah di karung 3."


@pytest.mark.postgres
def test_postgresql_refuses_to_delete_a_message(coop, dispute):
    table = DisputeMessage._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")
    with scopes_disabled():
        assert DisputeMessage.objects.count() == 1


def test_a_message_sent_as_the_complaint_was_resolved_says_why_it_was_refused(
        coop, board, dispute, buyer_client):
    with scope(cooperative=coop):
        services.resolve(dispute=dispute, resolution="dismissed", actor=board)
    response = buyer_client.post(f"/k/{coop.slug}/pembeli/kontrak/keluhan/{dispute.pk}/",
                                 {"text": "Saya belum selesai."})
    assert response.status_code == 200
    assert "percakapan ditutup" in response.content.decode()
    with scopes_disabled():
        assert DisputeMessage.objects.count() == 1


def test_mediation_starts_once_and_the_parties_are_told(coop, board, world, dispute,
                                                       board_client):
    url = f"/k/{coop.slug}/kontrak/keluhan/{dispute.pk}/mediasi/"
    board_client.post(url)
    again = board_client.post(url, follow=True)
    assert "Hanya keluhan yang baru dibuka" in again.content.decode()
    with scopes_disabled():
        told = set(Notice.objects.filter(event_id=f"dispute:{dispute.pk}:mediating")
                   .values_list("user_id", flat=True))
    assert told == {world["buyer"].user_id, world["members"][1].user_id}
