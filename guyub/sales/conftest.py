"""Fixtures every sales test sees: media in a throwaway folder; and for the rule tests
(which ask for `in_coop`), a small consignment shop with two buyers."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django_scopes import scope

from guyub.catalog.models import Bundle, Category, Product
from guyub.catalog.services import save_bundle
from guyub.sales.models import Buyer
from guyub.testing.factories import MemberFactory


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    # The demo's product illustrations and any uploads land in a throwaway folder,
    # never in var/media.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def in_coop(coop):
    """Run every test body inside the cooperative's tenant scope, as a request would."""
    with scope(cooperative=coop):
        yield coop


@pytest.fixture
def shop(in_coop, coop, board):
    """Two makers: coffee (food, the cooperative's 10 % commission) and batik (15 %),
    and a hamper bundling two coffees with one batik."""
    coffee_maker = MemberFactory(cooperative=coop, owner_name="Bambang Sutrisno")
    batik_maker = MemberFactory(cooperative=coop, owner_name="Siti Aminah")
    food = Category.objects.create(cooperative=coop, name="Kopi", is_food=True)
    cloth = Category.objects.create(cooperative=coop, name="Batik", commission_pct=Decimal(15))
    coffee = Product.objects.create(
        cooperative=coop, member=coffee_maker, name="Kopi Merapi 250 g", category=food,
        net_weight_grams=250, price=Decimal(45000), stock=20, status=Product.Status.APPROVED)
    batik = Product.objects.create(
        cooperative=coop, member=batik_maker, name="Batik tulis", category=cloth,
        net_weight_grams=400, price=Decimal(350000), stock=5, status=Product.Status.APPROVED)
    hamper = save_bundle(
        bundle=Bundle(cooperative=coop, name="Hampers Jogja", price=Decimal(380000)),
        items=[(coffee, 2, Decimal(80000)), (batik, 1, Decimal(300000))], actor=board)
    return SimpleNamespace(coffee_maker=coffee_maker, batik_maker=batik_maker, food=food,
                           cloth=cloth, coffee=coffee, batik=batik, hamper=hamper)


@pytest.fixture
def buyer(in_coop, coop):
    return Buyer.objects.create(cooperative=coop, name="Dewi Lestari", email="dewi@contoh.id",
                                phone="+6281234567890")


@pytest.fixture
def business_buyer(in_coop, coop):
    return Buyer.objects.create(cooperative=coop, kind=Buyer.Kind.BUSINESS, name="Agus",
                                company="CV Oleh-oleh Malioboro", email="cv@contoh.id",
                                phone="+6281298765432")
