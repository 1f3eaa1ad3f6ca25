"""One user per role in the cooperative, and one of everything a page can point at."""

import pytest
from django.test import Client

from guyub.core.models import Cooperative
from guyub.core.roles import Role
from guyub.testing.contracts import corporate_buyer
from guyub.testing.factories import MemberFactory
from guyub.testing.tenders import invite_everywhere, supplier_account

from ..helpers import build_world, issue_token
from ..urlwalk import tenant_routes, values_for
from .tables import ROLES


@pytest.fixture
def role_user(coop, make_user):
    """A user holding only `role` in the cooperative (a member also has their record)."""

    def make(role):
        user = make_user(coop, role)
        if role == Role.MEMBER:
            MemberFactory(cooperative=coop, user=user)
        if role == Role.BUYER:
            # A corporate buyer with its business profile (it may request contracts).
            corporate_buyer(coop, user=user, legal_name="PT Pembeli Uji Hak")
        if role == Role.SUPPLIER:
            # Invited to the world's tender (a supplier opens only those it is invited to).
            invite_everywhere(supplier_account(coop, "UD Pemasok Uji", user=user))
        return user

    return make


@pytest.fixture
def cast(coop, role_user):
    """One user per role, each with a signed-in client and a token client."""
    people = {}
    for role in ROLES:
        user = role_user(role)
        session = Client()
        session.force_login(user)
        token = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(coop, user)[1]}")
        people[role] = {"user": user, "session": session, "token": token}
    return people


@pytest.fixture
def world(coop, board):
    """One of everything a page can point at; the member belongs to the board user,
    so for every role tested it is someone else's record."""
    return build_world(coop, board, "Ibu Sumarni")


@pytest.fixture
def some_member(world):
    return world["member"]


@pytest.fixture
def page_url(world):
    def url(name):
        route = next(r for r in tenant_routes() if name in r.names)
        return route.url(values_for(route, world)[0])

    return url


@pytest.fixture
def numbers_past_the_factories(coop):
    # Approving hands out the next number from the cooperative's counter; start it
    # above the numbers the factory gives, so the two never collide.
    Cooperative.objects.filter(pk=coop.pk).update(last_member_number=100_000)
