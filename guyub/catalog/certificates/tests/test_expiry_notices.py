"""A certificate about to expire: its member is told 60, 30 and 7 days before, each
step once, and a renewed certificate starts over."""

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.catalog.models import Certificate
from guyub.catalog.notices import step, warn_expiring
from guyub.testing.factories import MemberFactory, UserFactory
from guyub.testing.notices import inbox

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 4)


@pytest.mark.parametrize(("days", "expected"), [
    (61, None), (60, 60), (31, 60), (30, 30), (8, 30), (7, 7), (0, 7), (-1, None)])
def test_the_step_a_certificate_is_in(days, expected):
    assert step(days) == expected


@pytest.fixture
def pirt(coop):
    maker = MemberFactory(cooperative=coop, user=UserFactory(), owner_name="Bu Tini")
    with scope(cooperative=coop):
        return Certificate.objects.create(cooperative=coop, member=maker, kind="pirt",
                                          number="P-IRT 2063404010123-25",
                                          expires_on=TODAY + dt.timedelta(days=60))


def test_the_member_is_told_at_60_30_and_7_days_once_each(pirt):
    user = pirt.member.user
    for day in range(0, 61):
        warn_expiring(today=TODAY + dt.timedelta(days=day))
        warn_expiring(today=TODAY + dt.timedelta(days=day))
    notices = inbox(user)
    assert len(notices) == 3
    assert ["60 hari", "30 hari", "7 hari"] == [
        next(d for d in ("60 hari", "30 hari", "7 hari") if d in n.text)
        for n in reversed(notices)]
    assert "P-IRT 2063404010123-25" in notices[0].text
    assert notices[0].link == f"/k/{pirt.cooperative.slug}/saya/sertifikat/"


def test_a_renewed_certificate_is_told_again_when_its_new_date_nears(pirt):
    warn_expiring(today=TODAY)
    with scope(cooperative=pirt.cooperative):
        Certificate.objects.filter(pk=pirt.pk).update(expires_on=TODAY + dt.timedelta(days=400))
    warn_expiring(today=TODAY + dt.timedelta(days=340))
    assert len(inbox(pirt.member.user)) == 2


def test_the_daily_job_says_whom_it_reminded_in_their_cooperative_only(pirt, other_coop):
    from guyub.core.jobs.models import JobRunLine
    from guyub.core.jobs.tasks import run_job

    with scope(cooperative=pirt.cooperative):
        Certificate.objects.filter(pk=pirt.pk).update(
            expires_on=timezone.localdate() + dt.timedelta(days=30))
    run_job.apply(("warn_expiring_certificates",), task_id="c-1")
    assert run_job.apply(("warn_expiring_certificates",), task_id="c-2").get() == 0
    with scope(cooperative=pirt.cooperative):
        assert [line.text.split(":")[0] for line in JobRunLine.objects.all()] == [
            "Bu Tini diingatkan"]
    with scope(cooperative=other_coop):
        assert not JobRunLine.objects.exists()
