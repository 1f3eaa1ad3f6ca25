"""Reads of the help board: the filtered list, a post and its thread, the mentors.

Hidden posts and replies are for moderators only: a member never gets them from
here (`moderator=False`), so no page can show one by mistake."""

from guyub.members.models import Member

from .models import Mentor, Post, Reply

STATES = {"open": False, "done": True}


def posts(*, moderator: bool, kind: str = "", category: str = "", state: str = ""):
    rows = Post.objects.select_related("author").order_by("-created_at", "-id")
    if not moderator:
        rows = rows.filter(hidden=False)
    if kind in Post.Kind.values:
        rows = rows.filter(kind=kind)
    if category in Post.Category.values:
        rows = rows.filter(category=category)
    if state in STATES:
        rows = rows.filter(done=STATES[state])
    return rows


def post(pk, *, moderator: bool) -> Post | None:
    rows = Post.objects.select_related("author")
    if not moderator:
        rows = rows.filter(hidden=False)
    return rows.filter(pk=pk).first()


def thread(post: Post, *, moderator: bool):
    rows = Reply.objects.filter(post=post).select_related("author").order_by("created_at", "id")
    return rows if moderator else rows.filter(hidden=False)


def reply(pk) -> Reply | None:
    return Reply.objects.select_related("post").filter(pk=pk).first()


def mentor_of(member: Member | None) -> Mentor | None:
    if member is None:
        return None
    return Mentor.objects.filter(member=member).first()


def mentors(sector: str = "") -> list[Mentor]:
    """Active mentors who are active members, by sector (a mentor lists every sector
    they teach; the list is one cooperative's, small enough to filter here)."""
    rows = (Mentor.objects.filter(active=True, member__status=Member.Status.ACTIVE)
            .select_related("member").order_by("member__owner_name", "id"))
    return [m for m in rows if not sector or sector in m.sectors]
