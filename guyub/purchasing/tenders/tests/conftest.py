"""Fixtures of the tender tests: an item, three invited suppliers with their logins, and
a tender open for three more days."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.core.roles import Role
from guyub.purchasing.models import Item
from guyub.purchasing.tenders import services as tenders
from guyub.testing.tenders import supplier_account


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def soy(coop):
    with scope(cooperative=coop):
        return Item.objects.create(cooperative=coop, name="Kedelai impor", unit="kg",
                                   retail_reference_price=D(11500))


@pytest.fixture
def suppliers(coop):
    return {"nusantara": supplier_account(coop, "PT Kedelai Nusantara"),
            "makmur": supplier_account(coop, "CV Tani Makmur"),
            "jaya": supplier_account(coop, "UD Jaya Abadi")}


@pytest.fixture
def tender(coop, board, soy, suppliers):
    """2.000 kg of soybeans, three suppliers invited, three days to bid."""
    with scope(cooperative=coop):
        return tenders.create_tender(
            cooperative=coop, item=soy, quantity=D(2000), suppliers=suppliers.values(),
            deadline=timezone.now() + dt.timedelta(days=3), actor=board,
            terms="Kadar air paling tinggi 14%, diantar ke gudang.")


@pytest.fixture
def staff(coop, make_user):
    return make_user(coop, Role.STAFF)
