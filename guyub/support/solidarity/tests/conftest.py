"""The fund's people (two board members, staff, two members with logins) and a fund
holding Rp 1.000.000 from a donor."""

import pytest

from guyub.testing.support import fund_world


@pytest.fixture
def world(coop, board):
    return fund_world(coop, board)
