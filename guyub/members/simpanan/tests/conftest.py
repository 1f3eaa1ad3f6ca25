"""Fixtures of the simpanan service tests."""

import datetime as dt

import pytest

from guyub.members.models import Member
from guyub.testing.factories import MemberFactory


@pytest.fixture
def member(coop):
    return MemberFactory(cooperative=coop, owner_name="Sri Wahyuni", join_date=dt.date(2025, 3, 5))


@pytest.fixture
def applicant(coop):
    return MemberFactory(cooperative=coop, owner_name="Budi Hartono",
                         status=Member.Status.APPLICANT, number=None, join_date=None)
