"""Posts and replies: what is refused, who marks done, who is told of a reply, and
that a hidden post or reply is gone for members."""

import pytest
from django.urls import reverse
from django_scopes import scope

from guyub.core.errors import DomainError
from guyub.support.helpboard import services
from guyub.support.helpboard.models import Post, Reply
from guyub.support.notices import POST_REPLY
from guyub.testing.notices import inbox
from guyub.testing.support import member_with_login, signed_in

GOOD = {"kind": "offer", "category": "machine", "title": "Mesin sangrai kosong Selasa",
        "text": "Dua jam, bisa dipakai bergantian."}


def _post(coop, member, **fields):
    with scope(cooperative=coop):
        return services.create_post(author=member, actor=member.user, **{**GOOD, **fields})


@pytest.mark.parametrize(("fields", "field"), [
    ({"title": ""}, "title"),
    ({"title": "a\x00b"}, "title"),
    ({"title": "x" * 151}, "title"),
    ({"text": "y" * 4001}, "text"),
    ({"text": "\ud800"}, "text"),
    ({"kind": "sell"}, "kind"),
    ({"category": "loans"}, "category"),
    ({"sector": "mining"}, "sector"),
    ({"location": "z" * 121}, "location"),
])
def test_a_bad_post_is_refused_with_its_field_and_nothing_stored(coop, people, fields, field):
    with pytest.raises(DomainError) as refused:
        _post(coop, people["sari"], **fields)
    assert refused.value.field == field
    with scope(cooperative=coop):
        assert not Post.objects.exists()


def test_a_long_or_nul_reply_is_refused(coop, people):
    post = _post(coop, people["sari"])
    for text in ("a\x00", "b" * 4001, "   "):
        with scope(cooperative=coop), pytest.raises(DomainError):
            services.reply(post=post, author=people["budi"], actor=people["budi"].user,
                           text=text)
    with scope(cooperative=coop):
        assert not Reply.objects.exists()


def test_the_author_is_told_once_per_reply_by_someone_else(coop, people):
    sari, budi = people["sari"], people["budi"]
    post = _post(coop, sari)
    with scope(cooperative=coop):
        first = services.reply(post=post, author=budi, actor=budi.user, text="Saya mau.")
        services.reply(post=post, author=sari, actor=sari.user, text="Silakan Selasa.")
        services.reply(post=post, author=budi, actor=budi.user, text="Terima kasih.")
    told = [t for t in inbox(sari.user) if t.topic == POST_REPLY]
    assert len(told) == 2  # not for her own reply
    assert f"helpboard:reply:{first.pk}" in {t.event_id for t in told}
    assert "Budi Santoso" in told[0].text
    assert not [t for t in inbox(budi.user) if t.topic == POST_REPLY]


def test_only_the_author_marks_a_post_done_and_then_replies_close(coop, people):
    sari, budi = people["sari"], people["budi"]
    post = _post(coop, sari)
    done_url = reverse("support:post_done", args=[coop.slug, post.pk])
    assert signed_in(budi.user).post(done_url).status_code == 404
    with scope(cooperative=coop), pytest.raises(DomainError):
        services.mark_done(post=post, author=budi, actor=budi.user)
    assert signed_in(sari.user).post(done_url).status_code == 302
    with scope(cooperative=coop):
        post.refresh_from_db()
        assert post.done
        with pytest.raises(DomainError):
            services.reply(post=post, author=budi, actor=budi.user, text="Telat?")


def test_the_list_filters_by_kind_category_and_state(coop, people):
    _post(coop, people["sari"], kind="need", category="ride", title="Butuh tumpangan")
    offer = _post(coop, people["budi"], title="Tawarkan mesin")
    with scope(cooperative=coop):
        services.mark_done(post=offer, author=people["budi"], actor=people["budi"].user)
    client = signed_in(people["sari"].user)
    url = reverse("support:helpboard", args=[coop.slug])

    def titles(query):
        return [p.title for p in client.get(url, query).context["page"]]

    assert titles({"kind": "need"}) == ["Butuh tumpangan"]
    assert titles({"category": "machine"}) == ["Tawarkan mesin"]
    assert titles({"state": "open"}) == ["Butuh tumpangan"]
    assert titles({"state": "done"}) == ["Tawarkan mesin"]
    assert len(titles({"kind": "junk"})) == 2  # an unknown filter is ignored


def test_a_hidden_post_or_reply_is_gone_for_members_and_kept_for_officers(coop, people):
    sari, budi, staff = people["sari"], people["budi"], people["staff"]
    post = _post(coop, sari, title="Kata kasar")
    kept = _post(coop, sari, title="Tulisan baik")
    with scope(cooperative=coop):
        reply = services.reply(post=kept, author=budi, actor=budi.user, text="Balasan kasar")
    officer = signed_in(staff)
    officer.post(reverse("support:post_hide", args=[coop.slug, post.pk]), {"reason": "Kasar"})
    officer.post(reverse("support:reply_hide", args=[coop.slug, reply.pk]), {"reason": "Kasar"})
    member = signed_in(budi.user)
    board_page = member.get(reverse("support:helpboard", args=[coop.slug])).content.decode()
    assert "Kata kasar" not in board_page and "Tulisan baik" in board_page
    assert member.get(reverse("support:post", args=[coop.slug, post.pk])).status_code == 404
    thread = member.get(reverse("support:post", args=[coop.slug, kept.pk])).content.decode()
    assert "Balasan kasar" not in thread
    assert officer.get(reverse("support:post", args=[coop.slug, post.pk])).status_code == 200
    with scope(cooperative=coop):
        from guyub.core.models import AuditLog
        assert set(AuditLog.objects.filter(action__startswith="helpboard.")
                   .values_list("action", flat=True)) >= {"helpboard.post_hidden",
                                                          "helpboard.reply_hidden"}


def test_hiding_needs_a_reason(coop, people):
    post = _post(coop, people["sari"])
    signed_in(people["staff"]).post(reverse("support:post_hide", args=[coop.slug, post.pk]),
                                    {"reason": ""})
    with scope(cooperative=coop):
        post.refresh_from_db()
    assert not post.hidden


def test_a_member_of_another_cooperative_sees_nothing(coop, other_coop, people):
    post = _post(coop, people["sari"])
    stranger = signed_in(member_with_login(other_coop, "Orang Lain").user)
    for url in (reverse("support:helpboard", args=[coop.slug]),
                reverse("support:post", args=[coop.slug, post.pk]),
                reverse("support:mentors", args=[coop.slug])):
        assert stranger.get(url).status_code in (403, 404)
