"""The help board's pages: the list with filters, a post and its thread, writing,
replying, marking done, the officers' hiding, and the mentor list.

Members (helpboard.use) write; officers read and moderate (helpboard.moderate). A
hidden post or reply is gone for members (404 for a hidden post)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from guyub.core.errors import attempt
from guyub.core.roles import Role
from guyub.core.tenancy import coop_view
from guyub.members.models import Sector
from guyub.members.selectors import own_membership

from . import selectors, services
from .forms import FilterForm, HideForm, MentorForm, PostForm, ReplyForm


def _moderator(request) -> bool:
    return request.access.can("helpboard.moderate")


def _post(request, pk):
    post = selectors.post(pk, moderator=_moderator(request))
    if post is None:
        raise Http404
    return post


@require_safe
@coop_view("helpboard.view")
def board(request):
    filters = FilterForm(request.GET)
    data = filters.cleaned_data if filters.is_valid() else {}
    rows = selectors.posts(moderator=_moderator(request), kind=data.get("kind", ""),
                           category=data.get("category", ""), state=data.get("state", ""))
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    query = "&".join(f"{k}={v}" for k, v in data.items() if v)
    return render(request, "support/helpboard/board.html", {
        "page": page, "filters": filters, "query": query,
        "can_write": request.access.can("helpboard.use")})


@coop_view("helpboard.use")
def post_create(request):
    member = own_membership(request.user)
    form = PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        post = attempt(request, lambda: services.create_post(
            author=member, actor=request.user, **data), form=form,
            success=_("Tulisan Anda tampil di papan bantuan."))
        if post:
            return redirect("support:post", request.coop.slug, post.pk)
    return render(request, "support/helpboard/post_form.html", {"form": form})


@coop_view("helpboard.view")
def post_detail(request, pk):
    post = _post(request, pk)
    member = own_membership(request.user) if request.access.can("helpboard.use") else None
    form = ReplyForm(request.POST or None)
    if request.method == "POST":
        request.access.require("helpboard.use")
        if form.is_valid() and attempt(request, lambda: services.reply(
                post=post, author=member, actor=request.user, text=form.cleaned_data["text"]),
                form=form, success=_("Balasan terkirim.")):
            return redirect("support:post", request.coop.slug, post.pk)
    moderator = _moderator(request)
    return render(request, "support/helpboard/post_detail.html", {
        "post": post, "replies": selectors.thread(post, moderator=moderator),
        "form": form if member is not None and not post.done else None,
        "is_author": member is not None and post.author_id == member.pk,
        "moderator": moderator, "hide_form": HideForm() if moderator else None,
    })


@require_POST
@coop_view("helpboard.use")
def post_done(request, pk):
    member = own_membership(request.user)
    post = selectors.post(pk, moderator=False)
    # Another member's post has no "done" button: to them it does not exist here.
    if post is None or member is None or post.author_id != member.pk:
        raise Http404
    attempt(request, lambda: services.mark_done(post=post, author=member, actor=request.user),
            success=_("Tulisan ditandai selesai."))
    return redirect("support:post", request.coop.slug, post.pk)


def _hide(request, action, success):
    form = HideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tulis alasan menyembunyikannya."))
        return
    attempt(request, lambda: action(form.cleaned_data["reason"]), success=success)


@require_POST
@coop_view("helpboard.moderate")
def post_hide(request, pk):
    post = _post(request, pk)
    _hide(request, lambda reason: services.hide_post(post=post, actor=request.user,
                                                     reason=reason),
          _("Tulisan disembunyikan dari anggota."))
    return redirect("support:post", request.coop.slug, post.pk)


@require_POST
@coop_view("helpboard.moderate")
def reply_hide(request, pk):
    reply = selectors.reply(pk)
    if reply is None:
        raise Http404
    _hide(request, lambda reason: services.hide_reply(reply=reply, actor=request.user,
                                                      reason=reason),
          _("Balasan disembunyikan dari anggota."))
    return redirect("support:post", request.coop.slug, reply.post_id)


@require_safe
@coop_view("helpboard.view")
def mentors(request):
    sector = request.GET.get("sector", "")
    if sector not in Sector.values:
        sector = ""
    me = own_membership(request.user) if request.access.has_role(Role.MEMBER) else None
    return render(request, "support/helpboard/mentors.html", {
        "mentors": selectors.mentors(sector), "sector": sector, "sectors": Sector.choices,
        # Click-to-chat is for fellow members only (not officers, never outsiders).
        "chat": me is not None and me.status == me.Status.ACTIVE, "me": me,
        "can_write": request.access.can("helpboard.use")})


@coop_view("helpboard.use")
def mentor_edit(request):
    member = own_membership(request.user)
    mentor = selectors.mentor_of(member)
    initial = ({"sectors": mentor.sectors, "teaches": mentor.teaches,
                "share_phone": mentor.share_phone, "active": mentor.active} if mentor
               else {"sectors": [member.sector] if member else [], "active": True})
    form = MentorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(request, lambda: services.set_mentor(
                member=member, actor=request.user, sectors=data["sectors"],
                teaches=data["teaches"], share_phone=data["share_phone"],
                active=data["active"]), form=form, success=_("Data mentor disimpan.")):
            return redirect("support:mentors", request.coop.slug)
    return render(request, "support/helpboard/mentor_form.html", {"form": form})
