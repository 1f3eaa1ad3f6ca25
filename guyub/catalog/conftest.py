"""Fixtures of the catalog tests (the shared ones live in the root conftest.py)."""

from decimal import Decimal

import pytest
from django.test import Client
from django_scopes import scope, scopes_disabled

from guyub.catalog import services
from guyub.catalog.models import Category, Product
from guyub.core.roles import Role
from guyub.testing.factories import MemberFactory


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    # Uploaded photos land in a throwaway folder, never in var/media.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def signed_in(coop, make_user):
    """A client signed in with `roles` in `coop`; a member role also gets its record."""

    def make(*roles, member_name="Sri Wahyuni", business="Keripik Tempe Bu Sri"):
        user = make_user(coop, *roles)
        client = Client()
        client.force_login(user)
        client.user = user
        client.member = (MemberFactory(cooperative=coop, user=user, owner_name=member_name,
                                       business_name=business)
                         if Role.MEMBER in roles else None)
        return client

    return make


@pytest.fixture
def staff_client(signed_in):
    return signed_in(Role.STAFF)


@pytest.fixture
def member_client(signed_in):
    return signed_in(Role.MEMBER)


@pytest.fixture
def other_member_client(signed_in):
    return signed_in(Role.MEMBER, member_name="Bambang Sutrisno", business="Batik Tulis Bambang")


@pytest.fixture
def food(coop):
    with scopes_disabled():
        return Category.objects.create(cooperative=coop, name="Makanan ringan", is_food=True)


@pytest.fixture
def crafts(coop):
    with scopes_disabled():
        return Category.objects.create(cooperative=coop, name="Kerajinan", is_food=False)


@pytest.fixture
def make_product(coop, board):
    """A product saved through the service (so it has a barcode); approved on request."""

    def make(member, category, *, status="draft", **fields):
        defaults = {"name": "Keripik Tempe Original 200 g", "net_weight_grams": 200,
                    "price": Decimal("15000"), "stock": 40}
        with scope(cooperative=coop):
            product = services.save_product(
                product=Product(cooperative=coop, member=member, category=category,
                                **{**defaults, **fields}),
                actor=board)
            if status in ("submitted", "approved"):
                services.submit(product=product, actor=board)
            if status == "approved":
                services.review(product=product, actor=board, outcome="approve")
            return Product.objects.select_related("category", "member").get(pk=product.pk)

    return make


@pytest.fixture
def in_scope(coop):
    """`with in_scope():` — read the cooperative's rows the way a request does."""
    return lambda: scope(cooperative=coop)
