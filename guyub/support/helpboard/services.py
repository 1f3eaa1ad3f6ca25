"""Every write of the help board: posts, replies, marking done, hiding (moderation)
and the mentor list.

Lock order: the post row, then nothing else (a reply locks its post so a reply and
"done" or "hide" never cross). Texts are checked here (NUL, invalid Unicode, length),
so the API or a crafted form cannot store what the pages refuse."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guyub.core.audit import log_action
from guyub.core.errors import DomainError
from guyub.core.typed_text import clean_text
from guyub.members.models import Member, Sector
from guyub.notifications.services import notify

from ..notices import POST_REPLY
from .models import LOCATION_MAX, REASON_MAX, TEXT_MAX, TITLE_MAX, Mentor, Post, Reply


def _active(member: Member) -> None:
    if member is None or member.status != Member.Status.ACTIVE:
        raise DomainError(_("Hanya anggota aktif yang dapat menulis di papan bantuan."),
                          code="conflict")


@transaction.atomic
def create_post(*, author: Member, actor, kind: str, category: str, title: str, text: str,
                sector: str = "", location: str = "") -> Post:
    _active(author)
    if kind not in Post.Kind.values:
        raise DomainError(_("Pilih butuh atau menawarkan."), field="kind")
    if category not in Post.Category.values:
        raise DomainError(_("Pilih kategori."), field="category")
    if sector and sector not in Sector.values:
        raise DomainError(_("Sektor tidak dikenal."), field="sector")
    post = Post.objects.create(
        cooperative=author.cooperative, author=author, kind=kind, category=category,
        title=clean_text(title, field="title", limit=TITLE_MAX),
        text=clean_text(text, field="text", limit=TEXT_MAX), sector=sector or "",
        location=clean_text(location, field="location", limit=LOCATION_MAX,
                              required=False))
    log_action(cooperative=author.cooperative, actor=actor, action="helpboard.posted",
               obj=post, kind=kind, category=category)
    return post


def _locked(post: Post) -> Post:
    return (Post.objects.select_for_update(of=("self",)).select_related("author", "cooperative")
            .get(pk=post.pk))


@transaction.atomic
def reply(*, post: Post, author: Member, actor, text: str) -> Reply:
    """A reply in the post's thread; the post's author is told when someone else
    replies (one notice per reply: its event id is the reply's)."""
    _active(author)
    post = _locked(post)
    if post.hidden:
        raise DomainError(_("Tulisan ini disembunyikan pengurus."), code="conflict")
    if post.done:
        raise DomainError(_("Tulisan ini sudah ditandai selesai; balasan ditutup."),
                          code="conflict")
    answer = Reply.objects.create(cooperative=post.cooperative, post=post, author=author,
                                  text=clean_text(text, field="text", limit=TEXT_MAX))
    log_action(cooperative=post.cooperative, actor=actor, action="helpboard.replied",
               obj=post, post=post.pk)
    if post.author_id != author.pk and post.author.user_id:
        notify(cooperative=post.cooperative, topic=POST_REPLY,
               event_id=f"helpboard:reply:{answer.pk}", recipients=[post.author.user_id],
               link=reverse("support:post", args=[post.cooperative.slug, post.pk]),
               params={"author": author.owner_name, "title": post.title,
                       "excerpt": answer.text[:140]})
    return answer


@transaction.atomic
def mark_done(*, post: Post, author: Member, actor) -> Post:
    """Only the post's author marks it done (their need met, their offer taken)."""
    post = _locked(post)
    if author is None or post.author_id != author.pk:
        raise DomainError(_("Hanya penulisnya yang dapat menandai tulisan ini selesai."),
                          code="conflict")
    if post.done:
        raise DomainError(_("Tulisan ini sudah ditandai selesai."), code="conflict")
    post.done = True
    post.done_at = timezone.now()
    post.save(update_fields=["done", "done_at"])
    log_action(cooperative=post.cooperative, actor=actor, action="helpboard.done", obj=post)
    return post


@transaction.atomic
def hide_post(*, post: Post, actor, reason: str) -> Post:
    post = _locked(post)
    if post.hidden:
        raise DomainError(_("Tulisan ini sudah disembunyikan."), code="conflict")
    post.hidden_reason = clean_text(reason, field="reason", limit=REASON_MAX)
    post.hidden = True
    post.hidden_by = actor
    post.save(update_fields=["hidden", "hidden_reason", "hidden_by"])
    log_action(cooperative=post.cooperative, actor=actor, action="helpboard.post_hidden",
               obj=post, reason=post.hidden_reason)
    return post


@transaction.atomic
def hide_reply(*, reply: Reply, actor, reason: str) -> Reply:
    _locked(reply.post)
    reply = Reply.objects.select_related("post").get(pk=reply.pk)
    if reply.hidden:
        raise DomainError(_("Balasan ini sudah disembunyikan."), code="conflict")
    reply.hidden_reason = clean_text(reason, field="reason", limit=REASON_MAX)
    reply.hidden = True
    reply.hidden_by = actor
    reply.save(update_fields=["hidden", "hidden_reason", "hidden_by"])
    log_action(cooperative=reply.cooperative, actor=actor, action="helpboard.reply_hidden",
               obj=reply.post, post=reply.post_id, reason=reply.hidden_reason)
    return reply


@transaction.atomic
def set_mentor(*, member: Member, actor, sectors: list[str], teaches: str,
               share_phone: bool, active: bool = True) -> Mentor:
    """A member lists themselves as a mentor (or updates or withdraws it)."""
    _active(member)
    sectors = sorted(set(sectors or []))
    if not sectors or any(s not in Sector.values for s in sectors):
        raise DomainError(_("Pilih paling sedikit satu sektor."), field="sectors")
    teaches = clean_text(teaches, field="teaches",
                           limit=Mentor._meta.get_field("teaches").max_length)
    mentor, _created = Mentor.objects.select_for_update().get_or_create(
        cooperative=member.cooperative, member=member,
        defaults={"sectors": sectors, "teaches": teaches})
    mentor.sectors, mentor.teaches = sectors, teaches
    mentor.share_phone, mentor.active = bool(share_phone), bool(active)
    mentor.updated_at = timezone.now()
    mentor.save()
    log_action(cooperative=member.cooperative, actor=actor, action="helpboard.mentor",
               obj=member, sectors=", ".join(sectors), active=mentor.active)
    return mentor
