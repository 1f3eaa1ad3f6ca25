"""The demo's storefront looks like a shop: pictures (honestly marked as illustrations),
owners with ordinary names, and no internal curation on the public pages."""

import re

import pytest
from django_scopes import scope
from faker import Faker
from PIL import Image

from guyub.catalog.illustrations import SIZE, illustration
from guyub.catalog.models import Product
from guyub.members.demo import _profile, person_name
from guyub.members.models import Sector
from guyub.sales.demo import load_sales_demo
from guyub.sales.tests.test_demo import demo_members  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

# Dotted titles and degrees ("Ir.", "R.A.", ", S.Kom"); "Cut" or "Puti" are given names too.
TITLES = re.compile(r"(^|\s)(Ir|Drs|Dr|dr|drg|Dt|H|Hj|KH|R|RA|RM|T|Tgk)\.|,|\b[SM]\.\w+")


def test_an_illustration_is_a_picture_of_its_own():
    first = illustration("Kopi Arabika Merapi 250 g", "Kopi dan teh")
    second = illustration("Tas Anyaman Bambu", "Kerajinan")
    image = Image.open(first)
    assert (image.format, image.size) == ("PNG", (SIZE, SIZE))
    assert first.name == "ilustrasi-kopi-arabika-merapi-250-g.png"
    assert first.read() != second.read()


@pytest.fixture
def demo(coop, board, demo_members):  # noqa: F811
    with scope(cooperative=coop):
        load_sales_demo(coop, board)


def test_every_demo_product_has_a_photo_and_the_shop_shows_no_letter_tiles(client, coop,
                                                                           demo):
    with scope(cooperative=coop):
        products = list(Product.objects.filter(status=Product.Status.APPROVED)
                        .prefetch_related("photos"))
        assert products and all(p.photos.all() for p in products)
        assert all(p.photos.all()[0].thumbnail for p in products)
    page = client.get(f"/toko/{coop.slug}/").content.decode()
    assert 'class="store-ph"' not in page
    assert page.count('<img src="/media/produk/') >= 10


def test_the_public_product_page_keeps_channel_eligibility_to_staff(client, board_client,
                                                                    coop, demo):
    with scope(cooperative=coop):
        product = Product.objects.get(name="Kopi Arabika Merapi 250 g")
        channels = [c.name for c in product.channels.all()]
    public = client.get(f"/toko/{coop.slug}/produk/{product.pk}/").content.decode()
    assert "Memenuhi syarat" not in public
    assert not any(f">{name}<" in public for name in channels)
    staff = board_client.get(f"/k/{coop.slug}/produk/{product.pk}/").content.decode()
    assert "Memenuhi syarat" in staff


def test_demo_owners_carry_no_degrees_or_titles():
    import random

    fake, rng = Faker("id_ID"), random.Random(7)
    fake.seed_instance(7)
    names = [person_name(fake, female=i % 2 == 0) for i in range(300)]
    names += [_profile(fake, rng, Sector.SNACKS)["owner_name"] for _ in range(100)]
    assert [n for n in names if TITLES.search(n)] == []
    businesses = [_profile(fake, rng, Sector.COFFEE)["business_name"] for _ in range(100)]
    assert [b for b in businesses if TITLES.search(b)] == []


def test_the_title_check_would_catch_fakers_own_names():
    fake = Faker("id_ID")
    fake.seed_instance(2026)
    assert any(TITLES.search(fake.name()) for _ in range(50))
