"""Casting through the API: a member's token casts their own ballot and a held proxy's,
once each; staff's token is the tablet; reading a vote shows counts only after the
close."""

import pytest
from django.test import Client
from django_scopes import scope

from guyub.core.tests.helpers import issue_token
from guyub.governance.ballots.models import Participation
from guyub.testing import governance as world
from guyub.testing import governance_ballots as box


def token_client(coop, user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(coop, user)[1]}")


def post(client, coop, vote, body):
    return client.post(f"/api/v1/cooperatives/{coop.slug}/votes/{vote.pk}/ballots", body,
                       content_type="application/json")


@pytest.fixture
def room(coop, board):
    return box.open_meeting(coop, board, members=6, present=5, proxies_allowed=True,
                            proxy_cap=1)


def test_a_member_casts_once_and_once_for_a_held_proxy(coop, room, board):
    meeting, people = room
    m = people["members"]
    world.proxy(meeting, m[5], m[0])
    vote = box.motion(meeting, board)
    client = token_client(coop, m[0].user)
    first = post(client, coop, vote, {"options": [0]})
    assert first.status_code == 201 and len(first.json()["receipt"]) == 14
    again = post(client, coop, vote, {"options": [1]})
    assert again.status_code == 409 and again.json()["detail"] == "Anda sudah memberikan suara."
    with scope(cooperative=coop):
        grantor_number = world.entry_of(meeting, m[5]).number
    assert post(client, coop, vote, {"options": [1], "for_member_number": grantor_number}
                ).status_code == 201
    # Somebody else holds no proxy of theirs.
    other = token_client(coop, m[1].user)
    assert post(other, coop, vote, {"options": [1], "for_member_number": grantor_number}
                ).status_code == 409
    bad = post(other, coop, vote, {"options": [0, 1]})
    assert bad.status_code == 422
    with scope(cooperative=coop):
        assert Participation.objects.filter(vote=vote).count() == 2


def test_staff_cast_at_the_tablet_by_member_number_and_a_member_cannot(coop, room, board):
    meeting, people = room
    m = people["members"]
    vote = box.motion(meeting, board)
    with scope(cooperative=coop):
        number = world.entry_of(meeting, m[2]).number
    assert post(token_client(coop, m[0].user), coop, vote,
                {"options": [0], "member_number": number}).status_code == 403
    assert post(token_client(coop, people["staff"]), coop, vote,
                {"options": [0], "member_number": number}).status_code == 201
    with scope(cooperative=coop):
        assert Participation.objects.get(vote=vote).via == "tablet"


def test_reading_a_vote_shows_counts_only_after_the_close(coop, room, board):
    meeting, people = room
    vote = box.motion(meeting, board)
    box.vote_as(vote, people["members"][0], [0])
    client = token_client(coop, people["members"][1].user)
    path = f"/api/v1/cooperatives/{coop.slug}/votes/{vote.pk}"
    during = client.get(path).json()
    assert during["voted"] == 1 and during["result"] == ""
    assert all(o["votes"] is None for o in during["options"])
    box.close(vote, board)
    after = client.get(path).json()
    assert [o["votes"] for o in after["options"]] == [1, 0, 0] and after["ballots_cast"] == 1
