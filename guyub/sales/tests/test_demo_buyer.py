"""The demo's buyer login is a wholesale shop: its account holds its orders, at its
tier prices, and checkout starts from its details. Staff see who to call and what the
buyer asked for."""

import pytest
from django_scopes import scope

from guyub.core.demo import BUYER_LOGIN
from guyub.core.roles import Role
from guyub.sales.demo import load_sales_demo
from guyub.sales.models import Buyer, Order, OrderLine
from guyub.sales.orders import services as ordering
from guyub.sales.tests.store_helpers import put_in_cart
from guyub.sales.tests.test_demo import demo_members  # noqa: F401 - the fixture
from guyub.testing.factories import CoopRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer_login(coop):
    user = UserFactory(username=BUYER_LOGIN, email=BUYER_LOGIN, first_name="Ratna",
                       last_name="Sari")
    CoopRoleFactory(user=user, cooperative=coop, role=Role.BUYER)
    return user


@pytest.fixture
def demo(coop, board, demo_members, buyer_login):  # noqa: F811
    with scope(cooperative=coop):
        load_sales_demo(coop, board)


def test_the_buyer_login_is_the_wholesale_shop_that_placed_the_demo_orders(coop, demo,
                                                                           buyer_login):
    with scope(cooperative=coop):
        buyer = Buyer.objects.get(user=buyer_login)
        assert buyer.kind == Buyer.Kind.BUSINESS
        assert Order.objects.filter(buyer=buyer).count() >= 2


def test_the_demo_shops_orders_are_at_the_wholesale_tier(coop, demo, buyer_login):
    with scope(cooperative=coop):
        lines = list(OrderLine.objects.filter(order__buyer__user=buyer_login,
                                              product__tiers__isnull=False,
                                              quantity__gte=10)
                     .select_related("product").distinct())
        assert lines
        for line in lines:
            tier = (line.product.tiers.filter(min_qty__lte=line.quantity)
                    .order_by("-min_qty").first())
            assert line.unit_price == tier.price < line.product.price


def test_my_orders_lists_the_demo_shops_orders(client, coop, demo, buyer_login):
    client.force_login(buyer_login)
    response = client.get(f"/k/{coop.slug}/pesanan-saya/")
    assert response.status_code == 200
    with scope(cooperative=coop):
        numbers = [o.display_number for o in Order.objects.filter(buyer__user=buyer_login)]
    page = response.content.decode()
    assert numbers and all(n in page for n in numbers)


def test_checkout_starts_from_the_buyers_details_and_last_address(client, coop, demo,
                                                                  buyer_login):
    with scope(cooperative=coop):
        product = OrderLine.objects.filter(product__isnull=False).first().product
    client.force_login(buyer_login)
    put_in_cart(client, coop, "product", product.pk, 1)
    response = client.get(f"/toko/{coop.slug}/pesan/")
    assert response.status_code == 200
    form = response.context["form"]
    assert form["address"].value() == "Jl. Malioboro No. 112"
    assert form["city"].value() == "Kota Yogyakarta"
    assert form["province"].value() == "34"
    page = response.content.decode()
    assert "+6281227001122" in page and "Toko Oleh-Oleh Jogja Istimewa" in page


@pytest.fixture
def noted_order(coop, demo):
    with scope(cooperative=coop):
        buyer = Buyer.objects.get(user__username=BUYER_LOGIN)
        product = OrderLine.objects.filter(product__isnull=False).first().product
        return ordering.place_order(
            cooperative=coop, buyer=buyer, city="Kota Yogyakarta", province="34",
            address="Jl. Malioboro No. 112", note="Tolong dikemas dalam kardus tebal",
            items=[ordering.Item("product", product.pk, 1)]).order


def test_the_staff_order_page_shows_the_contact_person_and_the_buyers_note(
        board_client, coop, noted_order):
    response = board_client.get(f"/k/{coop.slug}/pesanan/{noted_order.pk}/")
    page = response.content.decode()
    assert "Toko Oleh-Oleh Jogja Istimewa" in page
    assert "Kontak: Ratna Sari" in page
    assert "Tolong dikemas dalam kardus tebal" in page

