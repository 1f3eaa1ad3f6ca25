"""Documents sent with the notice: PDFs only, by their bytes (a picture renamed .pdf is
refused), at most 10 MB, and downloaded through a checked page by officers only (a
member's download is the attendance package's, behind the register)."""

import pytest
from django_scopes import scope

from guyub.governance.meetings.models import AgendaDocument
from guyub.governance.meetings.services import MAX_DOCUMENT_BYTES
from guyub.testing import governance as world
from guyub.testing.governance_meetings import (
    NOT_PDF,
    PDF,
    document_of,
    draft_meeting,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


def upload(client, coop, meeting, file, title="Laporan keuangan 2025", **extra):
    return client.post(f"/k/{coop.slug}/rapat/{meeting.pk}/dokumen/baru/",
                       {"title": title, "file": file, **extra})


def test_staff_uploads_a_pdf_on_an_agenda_item_and_officers_download_it(coop, board, cast):
    meeting = draft_meeting(coop, board)
    with scope(cooperative=coop):
        item = meeting.items.get()
    response = upload(world.signed_in(cast["staff"]), coop, meeting,
                      pdf_upload("../../etc/passwd.pdf"), item=item.pk)
    assert response.status_code == 302
    with scope(cooperative=coop):
        document = AgendaDocument.objects.get()
    assert document.item == item and "passwd" not in document.file.name
    download = world.signed_in(cast["supervisor"]).get(
        f"/k/{coop.slug}/rapat/{meeting.pk}/dokumen/{document.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == \
        'attachment; filename="laporan-keuangan-2025.pdf"'
    assert b"".join(download.streaming_content) == PDF


def test_a_picture_renamed_pdf_is_refused(coop, board):
    meeting = draft_meeting(coop, board)
    page = upload(world.signed_in(board), coop, meeting, pdf_upload("foto.pdf", NOT_PDF))
    assert page.status_code == 200 and "Berkas bukan PDF" in page.content.decode()
    with scope(cooperative=coop):
        assert not AgendaDocument.objects.exists()


def test_a_file_over_ten_megabytes_is_refused(coop, board):
    meeting = draft_meeting(coop, board)
    big = PDF + b"0" * MAX_DOCUMENT_BYTES
    page = upload(world.signed_in(board), coop, meeting, pdf_upload("besar.pdf", big))
    assert "paling besar 10 MB" in page.content.decode()
    with scope(cooperative=coop):
        assert not AgendaDocument.objects.exists()


def test_no_upload_once_the_meeting_is_called(coop, board, cast):
    called = world.called_meeting(coop, board, cast["members"])
    upload(world.signed_in(board), coop, called, pdf_upload())
    with scope(cooperative=coop):
        assert not AgendaDocument.objects.exists()


def test_a_member_cannot_download_through_the_officers_page(coop, board, cast):
    called = world.called_meeting(coop, board, cast["members"])
    document = document_of(called)
    member = world.signed_in(cast["members"][0].user)
    response = member.get(f"/k/{coop.slug}/rapat/{called.pk}/dokumen/{document.pk}/")
    assert response.status_code == 403


def test_a_document_of_another_meeting_is_not_found_under_this_one(coop, board):
    one, other = draft_meeting(coop, board), draft_meeting(coop, board, title="RALB")
    document = document_of(other)
    response = world.signed_in(board).get(
        f"/k/{coop.slug}/rapat/{one.pk}/dokumen/{document.pk}/")
    assert response.status_code == 404


def test_another_cooperatives_officer_gets_nothing(coop, other_coop, board, make_user):
    from guyub.core.roles import Role

    meeting = draft_meeting(coop, board)
    document = document_of(meeting)
    stranger = world.signed_in(make_user(other_coop, Role.BOARD))
    assert stranger.get(f"/k/{coop.slug}/rapat/{meeting.pk}/dokumen/{document.pk}/"
                        ).status_code in (403, 404)
    assert stranger.get(f"/k/{other_coop.slug}/rapat/{meeting.pk}/dokumen/{document.pk}/"
                        ).status_code == 404
