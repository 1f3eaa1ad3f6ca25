"""Closing a meeting, signing its minutes, and the minutes PDF generated from the
record: attendance, quorum, each item's decision, votes' counts, the elected, the
signatures; never who voted what."""

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.core.errors import DomainError
from guyub.governance.ballots.models import Vote
from guyub.governance.decisions.models import Decision
from guyub.governance.decisions.services import decide_by_consensus
from guyub.governance.elections.services import close_election
from guyub.governance.meetings.models import AgendaItem, Meeting
from guyub.governance.minutes.documents import minutes_html
from guyub.governance.minutes.services import close_meeting, sign_minutes
from guyub.testing import governance as world
from guyub.testing import governance_elections as gov

ITEMS = [(AgendaItem.Kind.ACCOUNTS, "Laporan pertanggungjawaban pengurus"),
         (AgendaItem.Kind.ELECTION, "Pemilihan pengurus")]


@pytest.fixture
def people(coop, board):
    return world.people(coop, board, members=8)


@pytest.fixture
def meeting(coop, board, people):
    return world.called_meeting(coop, board, people["members"], status=Meeting.Status.OPEN,
                                items=ITEMS, starts_at=timezone.now() - dt.timedelta(hours=2))


def close(meeting, board):
    with scope(cooperative=meeting.cooperative):
        return close_meeting(meeting=meeting, actor=board)


def sign(meeting, board, **fields):
    args = {"chair_name": "Sari Wulandari", "secretary_name": "Budi Santoso",
            "signed_on": timezone.localdate(), **fields}
    with scope(cooperative=meeting.cooperative):
        return sign_minutes(meeting=meeting, actor=board, **args)


# --- closing and signing ---------------------------------------------------------------


def test_a_meeting_is_not_closed_while_a_vote_is_open_and_the_refusal_names_it(
        coop, board, people, meeting):
    with scope(cooperative=coop):
        Vote.objects.create(cooperative=coop, meeting=meeting, kind=Vote.Kind.MOTION,
                            question="Laporan keuangan disahkan?", status=Vote.Status.OPEN)
    with pytest.raises(DomainError, match="Laporan keuangan disahkan\\?"):
        close(meeting, board)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.OPEN


def test_the_chair_closes_an_open_meeting_once(coop, board, people, meeting):
    close(meeting, board)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CLOSED and meeting.ended_at
    with pytest.raises(DomainError):
        close(meeting, board)


def test_the_minutes_are_signed_only_after_closing_and_once(coop, board, people, meeting):
    with pytest.raises(DomainError, match="setelah rapat ditutup"):
        sign(meeting, board)
    close(meeting, board)
    with pytest.raises(DomainError, match="masa depan"):
        sign(meeting, board, signed_on=timezone.localdate() + dt.timedelta(days=1))
    with pytest.raises(DomainError, match="wajib"):
        sign(meeting, board, chair_name=" ")
    sign(meeting, board)
    meeting.refresh_from_db()
    assert (meeting.chair_name, meeting.secretary_name) == ("Sari Wulandari", "Budi Santoso")
    with pytest.raises(DomainError, match="sudah ditandatangani"):
        sign(meeting, board, chair_name="Orang Lain")


def test_closing_and_signing_through_the_pages(client, coop, board, people, meeting):
    client.force_login(board)
    assert client.post(f"/k/{coop.slug}/rapat/{meeting.pk}/tutup/").status_code == 302
    url = f"/k/{coop.slug}/rapat/{meeting.pk}/notulen/tanda-tangan/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"chair_name": "Sari Wulandari",
                                 "secretary_name": "Budi Santoso",
                                 "signed_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.signed_on == timezone.localdate()


# --- the minutes ----------------------------------------------------------------------


def held(coop, board, people, meeting):
    """A meeting as it was held: three in the room, two online, one by proxy, the
    accounts approved by consensus, an election with two seats."""
    members = people["members"]
    world.in_room(meeting, *members[:3])
    world.online(meeting, *members[3:5])
    world.proxy(meeting, members[7], members[0])
    with scope(cooperative=coop):
        decide_by_consensus(item=gov.item(meeting, AgendaItem.Kind.ACCOUNTS),
                            outcome=Decision.Outcome.APPROVED, actor=board,
                            text="Laporan pertanggungjawaban tahun buku 2025 diterima.")
    election = gov.election(meeting, board, members[:3], seats=2,
                            term_start=dt.date(2027, 1, 1), term_end=dt.date(2031, 1, 1))
    gov.tallied(election, [4, 1, 3])
    with scope(cooperative=coop):
        close_election(vote=election.vote, actor=board)
    return election


def text_of(meeting):
    with scope(cooperative=meeting.cooperative):
        meeting.refresh_from_db()
        return minutes_html(meeting, meeting.cooperative)


def test_the_minutes_list_attendance_items_decisions_counts_and_the_elected(
        coop, board, people, meeting):
    held(coop, board, people, meeting)
    html = text_of(meeting)
    for text in ["Laporan pertanggungjawaban pengurus", "Pemilihan pengurus",
                 "Laporan pertanggungjawaban tahun buku 2025 diterima.",
                 "Musyawarah mufakat", "Pemungutan suara", "Disetujui",
                 "Pemilihan pengurus 2027–2031",
                 "Sari Wulandari (4 suara)", "Dewi Lestari (3 suara)",
                 "Koperasi Produsen Maju Bersama", "Balai Desa Sukamaju",
                 "kuorum tercapai", "belum ditandatangani", "DRAF"]:
        assert text in html, text
    # attendance by kind: 8 on the register, 3 in the room, 2 online, 1 by proxy
    attendance = html.split('id="attendance"')[1].split("</table>")[0]
    assert [n.split("<")[0] for n in attendance.split('class="num">')[1:]] == [
        "8", "3", "2", "1", "0"]
    # each option's count, the quorum at opening
    assert "1 suara" in html and "8 hadir, 1 diwakili, diperlukan 6 dari 10" in html


def test_signed_minutes_carry_the_names_and_date_and_lose_the_draft_mark(
        coop, board, people, meeting):
    held(coop, board, people, meeting)
    close(meeting, board)
    sign(meeting, board, signed_on=timezone.localdate())
    html = text_of(meeting)
    assert "Sari Wulandari" in html and "Budi Santoso" in html
    assert "belum ditandatangani" not in html and "DRAF" not in html


def test_the_minutes_never_show_who_voted_what(coop, board, people, meeting):
    from guyub.governance.ballots.models import NamedChoice, Participation

    held(coop, board, people, meeting)
    with scope(cooperative=coop):
        vote = Vote.objects.get()
        voter = world.entry_of(meeting, people["members"][5])
        Participation.objects.create(cooperative=coop, vote=vote, entry=voter,
                                     via=Participation.Via.ONLINE)
        NamedChoice.objects.create(cooperative=coop, vote=vote, entry=voter, selection=1)
    # Joko Widodo voted (openly recorded) but is no candidate: his name must not appear.
    assert "Joko Widodo" not in text_of(meeting)


def test_the_minutes_pdf_opens_for_officers_and_members_on_the_register_only(
        client, coop, board, people, meeting):
    held(coop, board, people, meeting)
    url = f"/k/{coop.slug}/rapat/{meeting.pk}/notulen.pdf"
    for user in (board, people["supervisor"], people["members"][6].user):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF")
    outsider = world.member_with_login(coop, "Bukan Pemilih")
    client.force_login(outsider.user)
    assert client.get(url).status_code == 404
