"""Fixtures of the loan tests: a member with a login and Rp2.000.000 of simpanan
sukarela (a ceiling of Rp6.000.000 at the default 3×), staff and the board."""

import pytest

from guyub.core.roles import Role
from guyub.testing import loans
from guyub.testing.factories import MemberFactory


@pytest.fixture
def staff(coop, make_user):
    return make_user(coop, Role.STAFF)


@pytest.fixture
def member_user(coop, make_user):
    return make_user(coop, Role.MEMBER)


@pytest.fixture
def member(coop, member_user):
    loans.limits(coop)
    found = MemberFactory(cooperative=coop, user=member_user)
    loans.save(found, 2_000_000)
    return found
