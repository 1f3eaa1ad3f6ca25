"""The public storefront: what is on sale, and the product and bundle pages."""

import pytest
from django_scopes import scope

from guyub.catalog.models import Product
from guyub.core.roles import Role
from guyub.members.models import Member
from guyub.sales.models import Buyer
from guyub.sales.storefront.tests.browsing import names, page
from guyub.sales.tests.store_helpers import bundle, product, tiers
from guyub.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_it_lists_approved_products_with_stock_only(client, coop, shelf, makers):
    product(coop, "Draf Kopi Baru", member=makers["kopi"], status=Product.Status.DRAFT)
    product(coop, "Batik Menunggu Kurasi", member=makers["batik"],
            status=Product.Status.SUBMITTED)
    product(coop, "Keripik Habis", member=makers["tempe"], stock=0)
    gone = MemberFactory(cooperative=coop, status=Member.Status.EXITED)
    product(coop, "Gerabah Anggota Keluar", member=gone)

    html = page(client)

    for name in ("Kopi Arabika Merapi", "Kain Batik Tulis Parang", "Keripik Tempe Renyah"):
        assert name in html
    for name in ("Draf Kopi Baru", "Batik Menunggu Kurasi", "Keripik Habis", "Gerabah"):
        assert name not in html
    assert "3 barang" in html


def test_bundles_are_listed_with_the_stock_their_scarcest_component_allows(client, coop, shelf):
    bundle(coop, "Hampers Jogja", 420_000,
           [(shelf["kopi"], 2, 100_000), (shelf["batik"], 1, 320_000)])  # 10 // 2, 3 // 1
    bundle(coop, "Paket Tidak Dijual", 50_000,
           [(shelf["kopi"], 1, 25_000), (shelf["tempe"], 1, 25_000)], active=False)

    html = page(client)

    assert "Hampers Jogja" in html and "Stok 3 paket" in html
    assert "Paket Tidak Dijual" not in html


def test_a_bundle_whose_component_went_back_to_curation_is_not_on_sale(client, coop, shelf):
    hamper = bundle(coop, "Hampers Jogja", 420_000,
                    [(shelf["kopi"], 2, 100_000), (shelf["batik"], 1, 320_000)])
    with scope(cooperative=coop):
        Product.objects.filter(pk=shelf["batik"].pk).update(status=Product.Status.SUBMITTED)

    assert "Hampers Jogja" not in page(client)
    assert client.get(f"/toko/maju/paket/{hamper.pk}/").status_code == 404


def test_a_sold_out_product_page_still_opens_and_says_so(client, coop, makers):
    sold_out = product(coop, "Kopi Robusta Habis", member=makers["kopi"], stock=0)
    html = page(client, f"/toko/maju/produk/{sold_out.pk}/")
    assert "Habis" in html and "Masukkan keranjang" not in html






def test_a_product_page_tells_the_makers_story(client, coop, shelf):
    html = page(client, f"/toko/maju/produk/{shelf['batik'].pk}/")
    assert "Kain Batik Tulis Parang" in html and "Rp350.000" in html
    assert "Dibuat oleh Batik Sekar" in html and "Siti Rahayu" in html
    assert "Dibatik tangan oleh ibu-ibu Imogiri." in html


def test_a_bundle_page_lists_what_is_inside_and_who_made_it(client, coop, shelf):
    hamper = bundle(coop, "Hampers Jogja", 420_000,
                    [(shelf["kopi"], 2, 100_000), (shelf["batik"], 1, 320_000)])
    html = page(client, f"/toko/maju/paket/{hamper.pk}/")
    assert "2 × " in html and "Kopi Arabika Merapi 250 g" in html
    assert "Kopi Turgo" in html and "Batik Sekar" in html and "Rp420.000" in html


def test_wholesale_tiers_are_shown_to_business_buyers_only(client, coop, shelf, make_user):
    tiers(coop, shelf["tempe"], (20, 13_000), (50, 11_500))
    url = f"/toko/maju/produk/{shelf['tempe'].pk}/"
    assert "Rp13.000" not in page(client, url)
    assert "pembeli bisnis" in page(client, url)

    retail = make_user(coop, Role.BUYER)
    Buyer.objects.create(cooperative=coop, user=retail, name="Rina", email="r@contoh.id",
                         phone="+6281234567001")
    client.force_login(retail)
    assert "Rp13.000" not in page(client, url)

    business = make_user(coop, Role.BUYER)
    Buyer.objects.create(cooperative=coop, user=business, kind=Buyer.Kind.BUSINESS,
                         name="Pak Harun", company="Toko Oleh-Oleh Malioboro",
                         email="harun@contoh.id", phone="+6281234567002")
    client.force_login(business)
    html = page(client, url)
    assert "Rp13.000" in html and "Rp11.500" in html
    assert "Grosir mulai Rp11.500" in page(client)


def test_an_unknown_cooperative_or_product_is_404(client, coop, other_coop, shelf):
    assert client.get("/toko/tidak-ada/").status_code == 404
    assert client.get("/toko/maju/produk/999999/").status_code == 404
    assert client.get("/api/v1/cooperatives/tidak-ada/storefront/search").status_code == 404


def test_a_storefront_shows_its_own_cooperatives_goods_only(client, coop, other_coop, shelf):
    """The storefront is public and left out of the tenant walk; this is its isolation
    check: another cooperative's pages and API never show this one's goods."""
    theirs = product(other_coop, "Tenun Ikat Sumba", member=MemberFactory(cooperative=other_coop))
    own = page(client)
    assert "Tenun Ikat Sumba" not in own and "Kopi Arabika" in own
    other = page(client, "/toko/lain/")
    assert "Tenun Ikat Sumba" in other and "Kopi Arabika" not in other
    assert client.get(f"/toko/maju/produk/{theirs.pk}/").status_code == 404
    assert client.get(f"/toko/lain/produk/{shelf['kopi'].pk}/").status_code == 404
    assert names(client) == {p.name for p in shelf.values()}
