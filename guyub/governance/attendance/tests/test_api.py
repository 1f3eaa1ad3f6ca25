"""The door in the API: a staff token checks a member in by number or by code (201 with
the attendance, no quorum: the meter reads it apart), refusals in Indonesian (409,
422); the quorum read."""

from guyub.core.tests.helpers import api, issue_token
from guyub.governance.attendance.codes import checkin_code
from guyub.testing import governance as world
from guyub.testing import governance_attendance as helpers


def test_a_staff_token_checks_in_by_number_and_by_code(coop, board, members, staff,
                                                       django_assert_max_num_queries):
    from django.test import Client
    meeting = helpers.today_meeting(coop, board, members)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(coop, staff)[1]}")
    url = f"/api/v1/cooperatives/{coop.slug}/meetings/{meeting.pk}/check-ins"
    first = world.entry_of(meeting, members[0])
    with django_assert_max_num_queries(10):
        response = api(client, "post", url, {"member_number": first.number})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["attendance"]["name"] == first.name
    assert body["attendance"]["mode"] == "in_person"
    assert "quorum" not in body
    assert api(client, "get", url.replace("check-ins", "quorum")).json() == {
        "register_size": 10, "present": 1, "represented": 0, "needed": 6, "counted": 1,
        "reached": False, "missing": 5}
    again = api(client, "post", url, {"member_number": first.number})
    assert again.status_code == 409 and "sudah hadir sejak" in again.json()["detail"]
    second = world.entry_of(meeting, members[1])
    by_code = api(client, "post", url, {"code": checkin_code(meeting.pk, second.pk)})
    assert by_code.status_code == 201
    forged = api(client, "post", url, {"code": "bukan-kode"})
    assert forged.status_code == 422
    stranger = api(client, "post", url, {"member_number": 999_999})
    assert stranger.status_code == 409
    assert "tidak terdaftar" in stranger.json()["detail"]
    assert api(client, "post", url, {}).status_code == 422
    quorum = api(client, "get", url.replace("check-ins", "quorum")).json()
    assert quorum["present"] == 2
