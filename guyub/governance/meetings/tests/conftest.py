"""Fixtures of the meetings tests: the people of a meeting (guyub.testing.governance)
and uploads in a throwaway folder."""

import pytest

from guyub.testing import governance as world


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cast(coop, board):
    return world.people(coop, board, members=3)
