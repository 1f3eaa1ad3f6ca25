"""Fixtures of the ledger tests (the shared ones live in the root conftest.py)."""

import datetime as dt
from decimal import Decimal

import pytest
from django_scopes import scope

from guyub.ledger.services import Line, post_entry
from guyub.testing.factories import MemberFactory


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The production hasher is slow on purpose; these tests check the books, not hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def in_coop(coop):
    """Run the test body inside the cooperative's tenant scope, as a request would."""
    with scope(cooperative=coop):
        yield coop


@pytest.fixture
def post(coop, board):
    """Post a two-line entry: `post("cash", "income_other", 1000, date=…)`; a member given
    goes on both lines."""

    def make(debit_account, credit_account, amount, *, date=dt.date(2025, 3, 10),
             description="Jurnal uji", member=None, cooperative=None, source_url=""):
        cooperative = cooperative or coop
        with scope(cooperative=cooperative):
            return post_entry(
                cooperative=cooperative, date=date, description=description, actor=board,
                source_url=source_url,
                lines=[Line(account=debit_account, debit=Decimal(amount), member=member),
                       Line(account=credit_account, credit=Decimal(amount), member=member)],
            )

    return make


@pytest.fixture
def member(coop):
    return MemberFactory(cooperative=coop, owner_name="Sri Wahyuni",
                         business_name="Keripik Tempe Bu Sri")


@pytest.fixture
def login_as(client, coop, make_user):
    """Log the test client in as a user holding `roles` in the cooperative."""

    def login(*roles):
        user = make_user(coop, *roles)
        client.force_login(user)
        return user

    return login

