"""A refused request is one line in the log (who, what, why), not a traceback."""

import logging

from guyub.core.roles import Role


def test_a_403_is_logged_as_one_line_without_a_traceback(client, coop, make_user, caplog):
    staff = make_user(coop, Role.STAFF)
    client.force_login(staff)
    with caplog.at_level(logging.WARNING):
        response = client.get(f"/k/{coop.slug}/token-api/")
    assert response.status_code == 403

    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == (
        f"Refused GET /k/{coop.slug}/token-api/ for {staff.username}: tokens.manage")
    assert record.exc_info is None
    assert "Traceback" not in caplog.text
    assert len(caplog.text.strip().splitlines()) == 1



def test_other_errors_keep_their_traceback():
    # Only refusals lose the traceback: a 500 still tells where it broke.
    from guyub.core.refusals import OneLineRefusals

    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal", (),
                               (ValueError, ValueError("x"), None))
    record.status_code = 500
    assert OneLineRefusals().filter(record) and record.exc_info is not None
