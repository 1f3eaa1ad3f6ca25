"""Proxies, table-driven: the cap per holder, one live proxy per grantor, none to
oneself, no chains, only before the meeting opens and only where the by-laws allow
them; revoking frees the holder; the holder is told."""

import pytest
from django_scopes import scope

from guyub.core.errors import DomainError
from guyub.governance import notices
from guyub.governance.attendance import services
from guyub.governance.attendance.models import Proxy
from guyub.governance.meetings.models import Meeting
from guyub.notifications.models import Notice
from guyub.testing import governance as world


def give(meeting, board, members, grantor, holder):
    number = {i: world.entry_of(meeting, members[i]).number for i in (grantor, holder)}
    with scope(cooperative=meeting.cooperative):
        return services.register_proxy(meeting=meeting, actor=board,
                                       grantor_number=number[grantor],
                                       holder_number=number[holder])


@pytest.mark.parametrize(("cap", "before", "grantor", "holder", "refusal"), [
    (1, [], 1, 0, None),
    (1, [(2, 0)], 1, 0, "sudah memegang 1 kuasa"),          # the cap
    (2, [(2, 0)], 1, 0, None),
    (1, [(1, 3)], 1, 0, "sudah memberi kuasa"),              # one per grantor
    (1, [], 0, 0, "diri sendiri"),
    (1, [(2, 1)], 1, 0, "berantai"),                          # the grantor holds
    (1, [(0, 3)], 1, 0, "berantai"),                          # the holder has given
])
def test_the_proxy_rules(coop, board, members, cap, before, grantor, holder, refusal):
    world.rules(coop, proxy_cap=cap)
    meeting = world.called_meeting(coop, board, members)
    for g, h in before:
        give(meeting, board, members, g, h)
    if refusal is None:
        assert give(meeting, board, members, grantor, holder).pk
    else:
        with pytest.raises(DomainError, match=refusal):
            give(meeting, board, members, grantor, holder)


def test_proxies_only_where_the_bylaws_allow_and_before_opening(coop, board, members):
    world.rules(coop, proxies_allowed=False)
    called = world.called_meeting(coop, board, members)
    with pytest.raises(DomainError, match="tidak mengizinkan"):
        give(called, board, members, 1, 0)
    world.rules(coop, proxies_allowed=True)
    opened = world.called_meeting(coop, board, members, status=Meeting.Status.OPEN)
    with pytest.raises(DomainError, match="sebelum rapat dibuka"):
        give(opened, board, members, 1, 0)


def test_revoking_frees_the_holder_and_the_holder_is_told(coop, board, members):
    meeting = world.called_meeting(coop, board, members)
    first = give(meeting, board, members, 1, 0)
    with scope(cooperative=coop):
        assert Notice.objects.filter(topic=notices.PROXY_REGISTERED,
                                     user=members[0].user).count() == 1
        services.revoke_proxy(proxy=first, actor=board)
    give(meeting, board, members, 2, 0)
    with scope(cooperative=coop):
        assert Proxy.objects.filter(meeting=meeting, revoked_at__isnull=True).count() == 1


def test_a_member_names_their_own_holder(coop, board, members):
    meeting = world.called_meeting(coop, board, members)
    holder = world.entry_of(meeting, members[4])
    client = world.signed_in(members[5].user)
    response = client.post(f"/k/{coop.slug}/saya/rapat/{meeting.pk}/kuasa/",
                           {"holder": holder.number})
    assert response.status_code == 302
    with scope(cooperative=coop):
        proxy = Proxy.objects.get(meeting=meeting)
        assert (proxy.grantor.member_id, proxy.holder_id) == (members[5].pk, holder.pk)
    page = client.get(f"/k/{coop.slug}/saya/rapat/{meeting.pk}/")
    assert members[4].owner_name.encode() in page.content
