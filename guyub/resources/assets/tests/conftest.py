import pytest

from guyub.testing.factories import MemberFactory
from guyub.testing.resources import roaster


@pytest.fixture
def machine(coop):
    return roaster(coop)


@pytest.fixture
def tani(coop, make_user):
    return MemberFactory(cooperative=coop, user=make_user(coop, "member"),
                         owner_name="Pak Tani Wibowo")


@pytest.fixture
def staff_client(client, coop, make_user):
    client.force_login(make_user(coop, "staff"))
    return client
