"""Two members with logins (Sari, Budi) and a staff officer."""

import pytest

from guyub.core.roles import Role
from guyub.testing.support import member_with_login


@pytest.fixture
def people(coop, make_user):
    return {"sari": member_with_login(coop, "Sari Wulandari", sector="batik"),
            "budi": member_with_login(coop, "Budi Santoso", sector="kopi"),
            "staff": make_user(coop, Role.STAFF)}
