"""Paper ballots: handed out to members in the room, counted, entered by two officers;
only matching counts fill blank ballots, never more than the papers handed out, and
the vote does not close while papers are not in the box."""

import pytest
from django.urls import reverse
from django_scopes import scope

from guyub.core.errors import DomainError
from guyub.core.models import AuditLog
from guyub.governance.ballots import services
from guyub.governance.ballots.models import Ballot, PaperBatch, Participation
from guyub.testing import governance as world
from guyub.testing import governance_ballots as box

paper = services.paper


@pytest.fixture
def room(coop, board):
    return box.open_meeting(coop, board, members=8)


def hand_out(vote, members, actor):
    meeting = vote.meeting
    with scope(cooperative=meeting.cooperative):
        for member in members:
            paper.hand_out(vote=vote, voter=world.entry_of(meeting, member), actor=actor)


def enter(vote, counts, actor):
    with scope(cooperative=vote.cooperative):
        return paper.enter(vote=box.fresh(vote), counts=counts, actor=actor)


def confirm(vote, batch, counts, actor):
    with scope(cooperative=vote.cooperative):
        return paper.confirm(vote=box.fresh(vote), batch=batch, counts=counts, actor=actor)


def test_matching_counts_fill_blank_ballots_and_the_tally_counts_them(room, board):
    meeting, people = room
    vote = box.motion(meeting, board)
    staff, clerk = people["staff"], people["supervisor"]
    hand_out(vote, people["members"][:5], staff)
    box.vote_as(vote, people["members"][5], [1])  # online, beside the papers
    batch = enter(vote, {0: 3, 1: 1, 2: 1}, staff)
    assert batch.status == PaperBatch.Status.ENTERED
    batch = confirm(vote, batch, {0: 3, 1: 1, 2: 1}, clerk)
    assert batch.status == PaperBatch.Status.CONFIRMED and batch.confirmed_by == clerk
    with scope(cooperative=meeting.cooperative):
        filled = Ballot.objects.filter(vote=vote, filled=True)
        assert filled.count() == 6
        # Paper ballots carry no receipt: the voter has the paper, not a code.
        assert filled.filter(receipt="").count() == 5
        assert Participation.objects.filter(vote=vote, via="paper").count() == 5
        assert list(AuditLog.objects.filter(action="paper.confirmed")
                    .values_list("data__ballots", flat=True)) == [5]
    tally = box.close(vote, board)
    assert [c.votes for c in tally.counts] == [3, 2, 1] and tally.ballots_cast == 6


def test_different_counts_are_a_mismatch_showing_both_and_the_paper_is_counted_again(
        coop, room, board):
    meeting, people = room
    vote = box.choice(meeting, board)
    staff, clerk = people["staff"], people["supervisor"]
    hand_out(vote, people["members"][:4], staff)
    batch = enter(vote, {0: 2, 1: 2, 2: 0}, staff)
    # The second officer's page does not show the first officer's numbers.
    client = world.signed_in(clerk)
    page = client.get(reverse("governance:paper", args=[coop.slug, vote.pk])).content.decode()
    assert 'id="paper-confirm"' in page and "Balai Desa: 2" not in page
    batch = confirm(vote, batch, {0: 3, 1: 1, 2: 0}, clerk)
    assert batch.status == PaperBatch.Status.MISMATCH
    assert batch.counts == {"first": {"0": 2, "1": 2, "2": 0},
                            "second": {"0": 3, "1": 1, "2": 0}}
    with scope(cooperative=coop):
        assert not Ballot.objects.filter(vote=vote, filled=True).exists()
    # While the vote is open the counts per option are a result, hidden from every
    # officer: the page says the batch did not match and how many papers each counted.
    page = client.get(reverse("governance:paper", args=[coop.slug, vote.pk])).content.decode()
    assert "paper-mismatch" in page and page.count("4 kertas suara") == 2
    assert "Balai Desa: 2" not in page and "Balai Desa: 3" not in page
    # Recount: entered again, and this time the second entry matches.
    again = enter(vote, {0: 3, 1: 1, 2: 0}, staff)
    assert confirm(vote, again, {0: 3, 1: 1, 2: 0}, clerk).status == "confirmed"
    assert "Balai Desa: 3" not in client.get(
        reverse("governance:paper", args=[coop.slug, vote.pk])).content.decode()
    assert [c.votes for c in box.close(vote, board).counts] == [3, 1, 0]
    # Closed: both officers' numbers of every batch are shown, the mismatch's too.
    page = client.get(reverse("governance:paper", args=[coop.slug, vote.pk])).content.decode()
    assert "Balai Desa: 2" in page and "Balai Desa: 3" in page


def test_the_officer_who_entered_a_count_cannot_confirm_it(room, board):
    meeting, people = room
    vote = box.motion(meeting, board)
    hand_out(vote, people["members"][:2], people["staff"])
    batch = enter(vote, {0: 2, 1: 0, 2: 0}, people["staff"])
    with pytest.raises(DomainError) as refused:
        confirm(vote, batch, {0: 2, 1: 0, 2: 0}, people["staff"])
    assert "petugas lain" in str(refused.value.message)
    with scope(cooperative=meeting.cooperative):
        assert PaperBatch.objects.get(pk=batch.pk).status == PaperBatch.Status.ENTERED


def test_counts_beyond_the_papers_handed_out_are_refused(room, board):
    meeting, people = room
    vote = box.motion(meeting, board)
    staff, clerk = people["staff"], people["supervisor"]
    hand_out(vote, people["members"][:3], staff)
    with pytest.raises(DomainError) as refused:
        enter(vote, {0: 3, 1: 1, 2: 0}, staff)
    assert str(refused.value.message) == (
        "Jumlah 4 melebihi kertas suara yang diberikan dan belum dientri (3).")
    batch = enter(vote, {0: 2, 1: 0, 2: 0}, staff)
    confirm(vote, batch, {0: 2, 1: 0, 2: 0}, clerk)
    with pytest.raises(DomainError):  # one paper left, two counted
        enter(vote, {0: 0, 1: 2, 2: 0}, staff)
    with scope(cooperative=meeting.cooperative):
        assert Ballot.objects.filter(vote=vote, filled=True).count() == 2


def test_a_paper_is_handed_only_to_a_member_in_the_room_who_has_not_voted(coop, board):
    meeting, people = box.open_meeting(coop, board, members=8, present=6)
    vote = box.motion(meeting, board)
    members = people["members"]
    box.vote_as(vote, members[0], [0])
    hand_out(vote, [members[1]], people["staff"])
    for member, message in ((members[0], "Anggota ini sudah memberikan suara."),
                            (members[1], "Anggota ini sudah memberikan suara."),
                            (members[7], "Anggota ini tidak tercatat hadir di ruang rapat.")):
        with pytest.raises(DomainError) as refused:
            hand_out(vote, [member], people["staff"])
        assert str(refused.value.message) == message
    # And who was handed a paper cannot vote online as well.
    with pytest.raises(DomainError):
        box.vote_as(vote, members[1], [1])


def test_an_election_refuses_paper_ballots(coop, room, board):
    from guyub.governance.ballots.models import Vote

    meeting, people = room
    vote = box.motion(meeting, board)
    with scope(cooperative=coop):
        Vote.objects.filter(pk=vote.pk).update(kind=Vote.Kind.ELECTION)
        with pytest.raises(DomainError) as refused:
            paper.hand_out(vote=box.fresh(vote), voter=world.entry_of(meeting,
                                                                      people["members"][0]),
                           actor=people["staff"])
    assert "Pemilihan tidak bisa dengan kertas suara" in str(refused.value.message)


def test_the_vote_does_not_close_while_papers_are_not_entered_nor_take_counts_after(
        room, board):
    meeting, people = room
    vote = box.motion(meeting, board)
    staff, clerk = people["staff"], people["supervisor"]
    hand_out(vote, people["members"][:3], staff)
    batch = enter(vote, {0: 2, 1: 0, 2: 0}, staff)
    confirm(vote, batch, {0: 2, 1: 0, 2: 0}, clerk)
    with pytest.raises(DomainError) as refused:
        box.close(vote, board)
    assert str(refused.value.message).startswith("Masih ada 1 kertas suara yang belum dientri")
    confirm(vote, enter(vote, {0: 0, 1: 1, 2: 0}, staff), {0: 0, 1: 1, 2: 0}, clerk)
    box.close(vote, board)
    with pytest.raises(DomainError) as refused:
        enter(vote, {0: 1, 1: 0, 2: 0}, staff)
    assert str(refused.value.message) == "Pemungutan suara ini tidak sedang dibuka."


def test_the_paper_pages_hand_out_enter_and_confirm(coop, room, board):
    meeting, people = room
    vote = box.motion(meeting, board)
    staff, clerk = world.signed_in(people["staff"]), world.signed_in(people["supervisor"])
    with scope(cooperative=coop):
        number = world.entry_of(meeting, people["members"][0]).number

    def url(name, *args):
        return reverse(f"governance:{name}", args=[coop.slug, vote.pk, *args])

    staff.post(url("paper_hand_out"), {"number": str(number)})
    staff.post(url("paper_enter"), {"enter-option_0": "1", "enter-option_1": "0",
                                    "enter-option_2": "0"})
    with scope(cooperative=coop):
        batch = PaperBatch.objects.get(vote=vote)
    clerk.post(url("paper_confirm", batch.pk), {"confirm-option_0": "1",
                                                "confirm-option_1": "0",
                                                "confirm-option_2": "0"})
    page = clerk.get(url("paper")).content.decode()
    assert '<dd id="paper-confirmed">1</dd>' in page
    assert '<dd id="paper-to-enter">0</dd>' in page
