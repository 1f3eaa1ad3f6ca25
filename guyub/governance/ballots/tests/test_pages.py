"""The vote pages as people use them: results hidden until the close (for officers and
members alike), the receipt check, the export that recounts to the published tally,
the member's room, the tablet, and a floor price set by a passed vote."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scope
from openpyxl import load_workbook

from guyub.contracts.models import FloorPrice
from guyub.contracts.negotiation.selectors import floor_price
from guyub.core.errors import DomainError
from guyub.governance.attendance.codes import checkin_code
from guyub.governance.ballots import codes, services
from guyub.governance.ballots.models import Participation, Vote
from guyub.governance.meetings.models import AgendaItem
from guyub.testing import governance as world
from guyub.testing import governance_ballots as box
from guyub.testing.contracts import coffee_grade

YES, NO, ABSTAIN = [0], [1], [2]


def url(name, coop, *args):
    return reverse(f"governance:{name}", args=[coop.slug, *args])


@pytest.fixture
def room(coop, board):
    return box.open_meeting(coop, board, members=6)


def test_results_are_hidden_until_the_close_for_officers_and_members(coop, room, board):
    meeting, people = room
    vote = box.motion(meeting, board)
    box.vote_as(vote, people["members"][0], YES)
    box.vote_as(vote, people["members"][1], NO)
    officer, member = world.signed_in(board), world.signed_in(people["members"][2].user)
    for client in (officer, member):
        page = client.get(url("results", coop, vote.pk)).content.decode()
        assert "Hasil disembunyikan" in page and "2 anggota sudah memilih" in page
        assert "Tidak setuju" not in page and "Abstain" not in page
        assert client.get(url("vote_export", coop, vote.pk)).status_code == 404
    # The officers' vote page: only how many have voted.
    page = officer.get(url("vote", coop, vote.pk)).content.decode()
    assert "2 anggota sudah memilih" in page and "Setuju — " not in page
    box.close(vote, board)
    for client in (officer, member):
        page = client.get(url("results", coop, vote.pk)).content.decode()
        assert "Suara sama (seri)" in page  # 1 yes, 1 no: a tie, reported


def test_a_member_finds_their_ballot_by_the_receipt_code(coop, room, board):
    meeting, people = room
    vote = box.motion(meeting, board)
    sari = people["members"][0]
    code = box.vote_as(vote, sari, NO)
    client = world.signed_in(sari.user)
    during = client.get(url("receipt_check", coop, vote.pk), {"code": code.lower()})
    assert "Tercatat" in during.content.decode()
    assert "Tidak setuju" not in during.content.decode()
    box.close(vote, board)
    after = client.get(url("receipt_check", coop, vote.pk), {"code": code}).content.decode()
    assert codes.fingerprint(codes.receipt_hash(code)) in after and "Tidak setuju" in after
    # The published tally lists the ballot by the same fingerprint.
    published = client.get(url("results", coop, vote.pk)).content.decode()
    assert codes.fingerprint(codes.receipt_hash(code)) in published
    wrong = client.get(url("receipt_check", coop, vote.pk), {"code": "AAAA-AAAA-AAAA"})
    assert "tidak ditemukan" in wrong.content.decode()


def test_the_export_recounts_to_the_published_tally(coop, room, board):
    meeting, people = room
    vote = box.choice(meeting, board)
    picks = [[0], [1], [1], [2], [1], [0]]
    for member, pick in zip(people["members"], picks, strict=True):
        box.vote_as(vote, member, pick)
    tally = box.close(vote, board)
    client = world.signed_in(people["members"][0].user)
    response = client.get(url("vote_export", coop, vote.pk))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))[1:]
    recount = {}
    for _id, _fingerprint, labels in rows:
        for label in labels.split("; "):
            recount[label] = recount.get(label, 0) + 1
    assert recount == {c.label: c.votes for c in tally.counts if c.votes}
    assert len({r[0] for r in rows}) == len(rows) == 6
    assert [r[1] for r in rows] == sorted(r[1] for r in rows)
    book = load_workbook(io.BytesIO(client.get(url("vote_export", coop, vote.pk),
                                               {"format": "xlsx"}).content))
    sheet_rows = list(book.active.iter_rows(values_only=True))[1:]
    assert sorted(r[0] for r in sheet_rows) == sorted(r[0] for r in rows)


def test_a_member_casts_in_the_room_for_themselves_and_a_held_proxy(coop, board):
    meeting, people = box.open_meeting(coop, board, members=6, present=5,
                                       proxies_allowed=True, proxy_cap=1)
    m = people["members"]
    world.proxy(meeting, m[5], m[0])
    vote = box.motion(meeting, board)
    client = world.signed_in(m[0].user)
    page = client.get(url("room", coop, meeting.pk)).content.decode()
    assert page.count('class="ballot"') == 2 and "Suara kuasa dari" in page
    with scope(cooperative=coop):
        own, grantor = world.entry_of(meeting, m[0]), world.entry_of(meeting, m[5])
    done = client.post(url("cast", coop, vote.pk), {"voter": grantor.pk, "options": 0})
    assert done.status_code == 200 and "Kode tanda terima" in done.content.decode()
    page = client.get(url("room", coop, meeting.pk)).content.decode()
    assert page.count('class="ballot"') == 1
    client.post(url("cast", coop, vote.pk), {"voter": own.pk, "options": 1})
    assert "Tidak ada kertas suara yang menunggu Anda" in client.get(
        url("room", coop, meeting.pk)).content.decode()
    with scope(cooperative=coop):
        assert Participation.objects.filter(vote=vote).count() == 2
    # A member off the register has no room.
    outsider = world.member_with_login(coop, "Orang Luar")
    assert world.signed_in(outsider.user).get(url("room", coop, meeting.pk)).status_code == 404


def at_the_tablet(coop, room, board):
    """A motion open in the room, the staff's tablet signed in, and the first member
    with their register entry."""
    meeting, people = room
    vote = box.motion(meeting, board)
    sari = people["members"][0]
    with scope(cooperative=coop):
        entry = world.entry_of(meeting, sari)
    return meeting, people, vote, world.signed_in(people["staff"]), sari, entry


def test_the_tablet_takes_a_member_in_the_room_then_resets(coop, room, board):
    _meeting, people, vote, staff, sari, entry = at_the_tablet(coop, room, board)
    page = staff.get(url("tablet", coop, vote.pk), {"number": entry.number}).content.decode()
    assert 'id="tablet-ballot"' in page and sari.owner_name in page
    done = staff.post(url("tablet", coop, vote.pk), {"voter": entry.pk, "options": 2})
    assert "Kode tanda terima" in done.content.decode()
    with scope(cooperative=coop):
        row = Participation.objects.get(vote=vote)
    assert (row.via, row.recorded_by_id, row.entry_id) == ("tablet", people["staff"].pk, entry.pk)
    again = staff.get(url("tablet", coop, vote.pk), {"number": entry.number}).content.decode()
    assert "sudah memberikan suara" in again and 'id="tablet-ballot"' not in again


def test_the_tablet_finds_the_member_by_the_card_they_scan(coop, room, board):
    meeting, _people, vote, staff, sari, entry = at_the_tablet(coop, room, board)
    card = checkin_code(meeting.pk, entry.pk)
    page = staff.get(url("tablet", coop, vote.pk), {"number": card}).content.decode()
    assert 'id="tablet-ballot"' in page and sari.owner_name in page
    # A card of another meeting, or a forged one, finds nobody.
    for wrong in (checkin_code(meeting.pk + 1, entry.pk), card[:-3] + "xyz"):
        page = staff.get(url("tablet", coop, vote.pk), {"number": wrong}).content.decode()
        assert 'id="tablet-ballot"' not in page and "tidak ada di daftar pemilih" in page


def test_a_passed_motion_on_a_floor_price_item_sets_the_floor(coop, board):
    grade = coffee_grade(coop)
    meeting, people = box.open_meeting(
        coop, board, members=4,
        items=((AgendaItem.Kind.FLOOR_PRICE, "Harga dasar kopi"),
               (AgendaItem.Kind.GENERAL, "Lain-lain")))
    with scope(cooperative=coop):
        AgendaItem.objects.filter(meeting=meeting, position=1).update(
            floor_grade=grade, floor_price=Decimal("92000"))
    vote = box.motion(meeting, board, question="Harga dasar kopi Rp92.000?")
    for member in people["members"][:3]:
        box.vote_as(vote, member, YES)
    box.close(vote, board)
    with scope(cooperative=coop):
        assert floor_price(grade) == Decimal("92000")
        row = FloorPrice.objects.filter(grade=grade).order_by("-id").first()
        assert (row.source, row.reference) == ("vote", box.fresh(vote).decision.number)


def test_a_bylaw_change_needs_the_special_majority(coop, board):
    world.rules(coop, special_majority=Decimal("0.667"))
    meeting, people = box.open_meeting(
        coop, board, members=6, items=((AgendaItem.Kind.BYLAWS, "Perubahan AD/ART"),
                                       (AgendaItem.Kind.GENERAL, "Lain-lain")))
    vote = box.motion(meeting, board)
    assert (vote.majority, vote.special_fraction) == (Vote.Majority.SPECIAL, Decimal("0.667"))
    for member, pick in zip(people["members"], [YES] * 4 + [NO] + [ABSTAIN], strict=True):
        box.vote_as(vote, member, pick)
    # 4 of 6 ballots = 0.6667 < 0.667: not enough, abstention included.
    assert box.close(vote, board).result == "rejected"


def test_only_the_chair_opens_and_the_page_refuses_without_quorum(coop, board):
    meeting, people = box.open_meeting(coop, board, members=6, present=2)
    vote = box.motion(meeting, board, opened=False)
    response = world.signed_in(board).post(url("vote_open", coop, vote.pk), follow=True)
    assert "Kuorum belum tercapai: hadir 2, diwakili 0, perlu 4" in response.content.decode()
    assert world.signed_in(people["staff"]).post(url("vote_open", coop, vote.pk)).status_code \
        == 403


def test_an_open_vote_shows_who_chose_what_after_the_close_and_takes_no_paper(
        coop, room, board):
    meeting, people = room
    vote = box.motion(meeting, board, secret=False)
    sari, budi = people["members"][:2]
    box.vote_as(vote, sari, [0])
    box.vote_as(vote, budi, [1])
    staff = world.signed_in(people["staff"])
    with scope(cooperative=coop), pytest.raises(DomainError, match="terbuka"):
        services.paper.hand_out(vote=vote, voter=world.entry_of(meeting, people["members"][2]),
                                actor=people["staff"])
    # Open: results hidden, the named record too.
    assert sari.owner_name not in staff.get(url("results", coop, vote.pk)).content.decode()
    box.close(vote, board)
    page = staff.get(url("results", coop, vote.pk)).content.decode()
    named = page[page.index('id="named"'):page.index("Semua kertas suara")]
    assert f"{sari.owner_name}</td><td>Setuju" in named
    assert f"{budi.owner_name}</td><td>Tidak setuju" in named
    # A secret vote has no such section.
    secret = box.motion(meeting, board, position=2)
    box.vote_as(secret, sari, [0])
    box.close(secret, board)
    assert 'id="named"' not in staff.get(url("results", coop, secret.pk)).content.decode()
