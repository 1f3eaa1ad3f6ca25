"""Reading the storefront as a buyer does (its page, the names the search API finds), a
catalog of any size, and a business buyer."""

from guyub.core.models import CoopRole
from guyub.core.roles import Role
from guyub.sales.models import Buyer
from guyub.sales.tests.store_helpers import bundle, category, product, tiers
from guyub.testing.factories import MemberFactory


def page(client, url="/toko/maju/", **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def names(client, **params) -> set[str]:
    response = client.get("/api/v1/cooperatives/maju/storefront/search", params)
    assert response.status_code == 200, response.content
    return {item["name"] for item in response.json()["items"]}


def catalog_of(coop, size: int):
    makers = [MemberFactory(cooperative=coop) for _ in range(3)]
    made = [product(coop, f"Produk {i:03d}", member=makers[i % 3],
                    cat=category(coop, f"Kategori {i % 4}"), description="Buatan tangan")
            for i in range(size)]
    for item in made[: max(size // 5, 2)]:
        tiers(coop, item, (10, 40_000))
    for i in range(0, size // 5, 2):
        bundle(coop, f"Paket {i}", 90_000, [(made[i], 1, 40_000), (made[i + 1], 1, 50_000)])
    return made


def business_buyer(make_user, *cooperatives):
    """One login that is a business buyer in each cooperative given."""
    user = make_user(cooperatives[0], Role.BUYER)
    for coop in cooperatives:
        CoopRole.objects.get_or_create(user=user, cooperative=coop, role=Role.BUYER)
        Buyer.objects.create(cooperative=coop, user=user, kind=Buyer.Kind.BUSINESS,
                             name="Pak Harun", email="h@contoh.id", phone="+6281234567002")
    return user
