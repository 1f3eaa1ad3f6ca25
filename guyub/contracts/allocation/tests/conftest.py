"""The allocation tests' world: the shared contract world (three producers declaring
1,000, 600 and 400 kg of a 2,000 kg-per-delivery contract), with the test running in
the cooperative's scope."""

import pytest
from django_scopes import scope

from guyub.testing.contracts import contract_world


@pytest.fixture
def world(coop, board):
    built = contract_world(coop, board)
    with scope(cooperative=coop):
        yield {**built, "coop": coop, "board": board}
