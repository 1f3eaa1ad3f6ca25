"""Maintenance: due an interval after the last one, shown to officers, "perawatan
selesai" moves it on, and the morning job tells board and staff once per due date."""

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.notifications.models import Notice
from guyub.resources import maintenance
from guyub.resources.assets import selectors
from guyub.resources.assets.models import Asset


@pytest.fixture
def today():
    # Taken when the test runs, not at import: a run crossing midnight WIB would
    # otherwise compare yesterday with the server's today.
    return timezone.localdate()


def last_done(asset, days_ago, today):
    with scopes_disabled():
        Asset.objects.filter(pk=asset.pk).update(
            last_maintained_on=today - dt.timedelta(days=days_ago))
        asset.refresh_from_db()


def test_due_an_interval_after_the_last_maintenance(machine, today):
    last_done(machine, 29, today)
    assert selectors.maintenance_due_on(machine) == today + dt.timedelta(days=1)
    assert not selectors.maintenance_due(machine, today=today)
    last_done(machine, 30, today)
    assert selectors.maintenance_due(machine, today=today)


def test_the_officers_see_it_due_and_mark_it_done(staff_client, coop, machine, today):
    last_done(machine, 45, today)
    page = staff_client.get(f"/k/{coop.slug}/sumber-daya/aset/{machine.pk}/").content.decode()
    assert 'id="maintenance-due"' in page
    assert "jatuh tempo" in staff_client.get(f"/k/{coop.slug}/sumber-daya/aset/").content \
        .decode()
    staff_client.post(f"/k/{coop.slug}/sumber-daya/aset/{machine.pk}/perawatan-selesai/")
    with scopes_disabled():
        machine.refresh_from_db()
    assert machine.last_maintained_on == today
    page = staff_client.get(f"/k/{coop.slug}/sumber-daya/aset/{machine.pk}/").content.decode()
    assert 'id="maintenance-due"' not in page


def test_a_future_maintenance_date_is_refused(staff_client, coop, machine, today):
    last_done(machine, 45, today)
    future = (today + dt.timedelta(days=2)).isoformat()
    staff_client.post(f"/k/{coop.slug}/sumber-daya/aset/{machine.pk}/perawatan-selesai/",
                      {"on": future})
    with scopes_disabled():
        machine.refresh_from_db()
    assert machine.last_maintained_on == today - dt.timedelta(days=45)


def test_the_job_tells_board_and_staff_once_per_due_date(coop, make_user, machine, tani, today):
    board, staff = make_user(coop, "board"), make_user(coop, "staff")
    last_done(machine, 31, today)
    done = maintenance.remind_maintenance(coop, today=today)
    assert len(done) == 1 and not done[0].failed
    with scopes_disabled():
        told = set(Notice.objects.values_list("user_id", flat=True))
    assert told == {board.pk, staff.pk}
    assert maintenance.remind_maintenance(coop, today=today) == []
    assert maintenance.remind_maintenance(coop, today=today + dt.timedelta(days=1)) == []
    # Maintained, then due again later: a new due date is told afresh.
    last_done(machine, 60, today)
    assert len(maintenance.remind_maintenance(coop, today=today)) == 1


def test_an_asset_without_a_schedule_or_retired_is_never_due(coop, machine, today):
    with scope(cooperative=coop):
        Asset.objects.filter(pk=machine.pk).update(active=False,
                                                   last_maintained_on=dt.date(2020, 1, 1))
    assert maintenance.remind_maintenance(coop, today=today) == []
