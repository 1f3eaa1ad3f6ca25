"""Fixtures of the attendance tests: the people of a meeting (board, staff, ten members
with logins) and by-law rules allowing one proxy per holder."""

import pytest

from guyub.testing import governance as world


@pytest.fixture
def people(coop, board):
    found = world.people(coop, board, members=10)
    world.rules(coop, proxies_allowed=True, proxy_cap=1, notice_days=14)
    return found


@pytest.fixture
def members(people):
    return people["members"]


@pytest.fixture
def staff(people):
    return people["staff"]
