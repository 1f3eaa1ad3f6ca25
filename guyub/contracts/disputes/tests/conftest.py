"""A delivered contract delivery (allotments, quality checks, invoice, payments due)
and its people, signed in as they use the pages."""

import pytest
from django.test import Client

from guyub.core.roles import Role
from guyub.testing.contracts_disputes import disputes_world


@pytest.fixture
def world(coop, board):
    return disputes_world(coop, board)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def buyer_client(world):
    return _client(world["buyer"].user)


@pytest.fixture
def member_client(world):
    """Bambang: 50 kg of his 600 were rejected."""
    return _client(world["members"][1].user)


@pytest.fixture
def staff(coop, make_user):
    return make_user(coop, Role.STAFF)


@pytest.fixture
def staff_client(staff):
    return _client(staff)
