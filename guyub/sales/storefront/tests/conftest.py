"""The storefront tests' makers and their shelf (some test modules set their own)."""

import pytest

from guyub.sales.tests.store_helpers import category, product
from guyub.testing.factories import MemberFactory


@pytest.fixture
def makers(coop):
    return {
        "kopi": MemberFactory(cooperative=coop, owner_name="Bambang Suryo",
                              business_name="Kopi Turgo", regency="Sleman"),
        "batik": MemberFactory(cooperative=coop, owner_name="Siti Rahayu",
                               business_name="Batik Sekar", regency="Bantul"),
        "tempe": MemberFactory(cooperative=coop, owner_name="Dewi Lestari",
                               business_name="Keripik Dewi", province="33",
                               regency="Magelang"),
    }


@pytest.fixture
def shelf(coop, makers):
    food = category(coop, "Makanan ringan", is_food=True)
    cloth = category(coop, "Batik")
    return {
        "kopi": product(coop, "Kopi Arabika Merapi 250 g", member=makers["kopi"],
                        description="Biji kopi arabika dari lereng Merapi, sangrai sedang.",
                        cat=category(coop, "Kopi"), barcode="8991234567895", hs_code="090121"),
        "batik": product(coop, "Kain Batik Tulis Parang", member=makers["batik"], cat=cloth,
                         price=350_000, stock=3, story="Dibatik tangan oleh ibu-ibu Imogiri."),
        "tempe": product(coop, "Keripik Tempe Renyah", member=makers["tempe"], cat=food,
                         price=15_000, stock=40, min_order_qty=5),
    }

