import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.members.simpanan import services as simpanan
from guyub.testing.factories import MemberFactory
from guyub.testing.resources import at, confirmed_booking, roaster


@pytest.fixture
def tani(coop, make_user):
    user = make_user(coop, "member")
    return MemberFactory(cooperative=coop, user=user, owner_name="Pak Tani Wibowo")


@pytest.fixture
def fund(board):
    """Put `amount` in the member's simpanan sukarela."""

    def put(member, amount):
        with scope(cooperative=member.cooperative):
            simpanan.deposit_sukarela(member=member, actor=board, date=timezone.localdate(),
                                      amount=amount)

    return put


@pytest.fixture
def machine(coop):
    return roaster(coop)


@pytest.fixture
def tomorrow():
    return timezone.localdate() + dt.timedelta(days=1)


@pytest.fixture
def booked(machine, tani, board, tomorrow):
    """Tomorrow 08:00-10:00 on the roaster (2 hours × Rp50.000), charged, deposit 200.000."""
    return confirmed_booking(machine, member=tani, starts_at=at(tomorrow, 8),
                             ends_at=at(tomorrow, 10), actor=board)
