import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scope


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def this_year():
    return timezone.localdate().year


@pytest.fixture
def last_year(this_year):
    """A year that has ended (the tests close it)."""
    return this_year - 1


@pytest.fixture
def ended(last_year):
    return dt.date(last_year, 12, 31)


@pytest.fixture(autouse=True)
def in_coop(coop):
    """The test body runs in the cooperative's tenant scope, as a request would."""
    with scope(cooperative=coop):
        yield coop
