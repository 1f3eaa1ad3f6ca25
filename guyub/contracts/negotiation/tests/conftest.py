"""A corporate buyer with its portal login, the coffee grade with its floor of
Rp85.000, a staff user, and the clients of each."""

import pytest
from django.test import Client

from guyub.core.roles import Role
from guyub.testing.contracts import coffee_grade, corporate_buyer


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def grade(coop):
    return coffee_grade(coop)


@pytest.fixture
def buyer(coop):
    return corporate_buyer(coop)


@pytest.fixture
def rival(coop):
    """Another corporate buyer of the same cooperative."""
    return corporate_buyer(coop, legal_name="PT Resto Lain Sejahtera")


@pytest.fixture
def staff(coop, make_user):
    return make_user(coop, Role.STAFF)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def buyer_client(buyer):
    return signed_in(buyer.user)


@pytest.fixture
def staff_client(staff):
    return signed_in(staff)
