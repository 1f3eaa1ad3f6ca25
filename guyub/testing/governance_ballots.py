"""Test worlds of the ballot box: a meeting under way with its members in the room, a
vote on one of its items (opened through the services), and casting shortcuts."""

from django.utils import timezone
from django_scopes import scope

from guyub.governance.ballots import services
from guyub.governance.ballots.models import PaperBatch, Vote
from guyub.governance.meetings.models import AgendaItem, Meeting
from guyub.testing import governance as world


def open_meeting(coop, board, *, members=10, items=None, present=None, **rules):
    """A meeting under way (OPEN) with `members` members on its register and the first
    `present` of them (all by default) checked in at the door."""
    people = world.people(coop, board, members=members)
    world.rules(coop, **rules)
    meeting = world.called_meeting(
        coop, board, people["members"], status=Meeting.Status.OPEN,
        items=items or ((AgendaItem.Kind.GENERAL, "Usul pembangunan gudang"),
                        (AgendaItem.Kind.GENERAL, "Tempat RAT tahun depan")))
    m = people["members"]
    world.in_room(meeting, *m[:len(m) if present is None else present])
    return meeting, people


def item(meeting, position=1) -> AgendaItem:
    with scope(cooperative=meeting.cooperative):
        return AgendaItem.objects.get(meeting=meeting, position=position)


def motion(meeting, actor, *, position=1, secret=True, opened=True,
           question="Setuju membangun gudang bersama?") -> Vote:
    with scope(cooperative=meeting.cooperative):
        vote = services.create_vote(item=item(meeting, position), actor=actor,
                                    kind=Vote.Kind.MOTION, question=question, secret=secret)
        return services.open_vote(vote=vote, actor=actor) if opened else vote


def choice(meeting, actor, labels=("Balai Desa", "Gedung Koperasi", "Sekolah"), *,
           position=2, opened=True) -> Vote:
    with scope(cooperative=meeting.cooperative):
        vote = services.create_vote(item=item(meeting, position), actor=actor,
                                    kind=Vote.Kind.CHOICE, question="Di mana RAT berikutnya?",
                                    choices=labels)
        return services.open_vote(vote=vote, actor=actor) if opened else vote


def vote_as(vote, member, positions, *, actor=None) -> str:
    """`member` casts their own ballot online; the receipt code."""
    meeting = vote.meeting
    with scope(cooperative=meeting.cooperative):
        entry = world.entry_of(meeting, member)
        return services.cast_online(vote=vote, holder=entry, voter=entry,
                                    positions=positions, actor=actor or member.user)


def close(vote, actor):
    with scope(cooperative=vote.cooperative):
        return services.close_vote(vote=Vote.objects.get(pk=vote.pk), actor=actor)


def fresh(vote) -> Vote:
    with scope(cooperative=vote.cooperative):
        return Vote.objects.select_related("meeting").get(pk=vote.pk)


# --- the permission and tenant walks (guyub/core/tests) --------------------------------

WALK_TITLE = "RAT uji hak (suara)"


def ballots_walk_world(cooperative, user, member) -> dict:
    """A meeting under way with `member` (who belongs to `user`) alone on its register
    and in the room, and a secret motion on its first item that `member` voted in and
    that is closed: its results, receipt check and export are published."""
    meeting = world.called_meeting(cooperative, user, [member], status=Meeting.Status.OPEN,
                                   title=WALK_TITLE,
                                   items=((AgendaItem.Kind.GENERAL, "Usul uji hak"),))
    world.in_room(meeting, member)
    with scope(cooperative=cooperative):
        vote = services.create_vote(item=item(meeting), actor=user, kind=Vote.Kind.MOTION,
                                    question="Usul uji hak disetujui?")
        vote = services.open_vote(vote=vote, actor=user)
        entry = world.entry_of(meeting, member)
        services.cast_online(vote=vote, holder=entry, voter=entry, positions=[0], actor=user)
        services.close_vote(vote=vote, actor=user)
        # A count entered on paper (written directly: the vote is closed now).
        batch = PaperBatch.objects.create(cooperative=cooperative, vote=vote,
                                          counts={"first": {"0": 1, "1": 0, "2": 0}},
                                          entered_by=user, entered_at=timezone.now())
    return {"ballot_meeting": meeting, "ballot_item": item(meeting), "closed_vote": vote,
            "paper_batch": batch}


def api_vote(cooperative, method: str) -> tuple[Vote, dict | None]:
    """For the API walk: the walk's closed vote to read, or a fresh open motion on the
    walk's meeting to cast in, with a tablet body naming the member in the room."""
    with scope(cooperative=cooperative):
        meeting = (Meeting.objects.filter(cooperative=cooperative, title=WALK_TITLE)
                   .order_by("-id").first())
        if method == "get":
            return Vote.objects.filter(meeting=meeting).order_by("id").first(), None
        # A fresh item each call: an item has one vote at a time and is decided once.
        last = AgendaItem.objects.filter(meeting=meeting).order_by("-position").first()
        fresh_item = AgendaItem.objects.create(
            cooperative=cooperative, meeting=meeting, position=last.position + 1,
            kind=AgendaItem.Kind.GENERAL, title="Usul uji hak API")
        vote = services.create_vote(item=fresh_item, actor=None, kind=Vote.Kind.MOTION,
                                    question="Usul uji hak API?")
        vote = services.open_vote(vote=vote, actor=None)
        number = meeting.register.get().number
    return vote, {"options": [0], "member_number": number}
