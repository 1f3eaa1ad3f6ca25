"""Each role's home (the cooperative's dashboard) shows what that role needs: a member
their savings, arrears, unpaid bills and open rounds; a buyer their orders and the shop;
a supplier its tenders; officers the cooperative's work queues. The by-laws and the
application link are for members and officers, not for buyers and suppliers."""

import pytest
from django.test import Client
from django_scopes import scope

from guyub.core.roles import Role
from guyub.purchasing.models import PriceList
from guyub.sales.models import Buyer, Order
from guyub.testing.purchasing import open_round
from guyub.testing.tenders import invite_everywhere, supplier_account

from .helpers import build_world

BYLAWS = 'id="bylaws"'
SHARE = "bagikan kepada calon anggota"


@pytest.fixture
def homes(coop, make_user):
    """The home page of one user per role; the member owns the world's records (a bill
    of a received round, a product, a payout), one round is open, a tender invites the
    supplier and the buyer has an order."""
    users = {role: make_user(coop, role) for role in Role.values}
    world = build_world(coop, users[Role.MEMBER], "Ibu Sumarni")
    invite_everywhere(supplier_account(coop, "UD Pemasok Uji", user=users[Role.SUPPLIER]))
    with scope(cooperative=coop):
        open_round(coop, None, PriceList.objects.get(item__name="Gula aren cetak"),
                   title="Gula aren bersama Desember")
        buyer = Buyer.objects.get(pk=world["order"].buyer_id)
        Buyer.objects.filter(pk=buyer.pk).update(user=users[Role.BUYER])
    pages = {}
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        response = client.get(f"/k/{coop.slug}/")
        assert response.status_code == 200
        pages[role] = response.content.decode()
    return pages, world


def test_each_roles_home_shows_what_that_role_needs(homes, coop):
    # One world for all roles (building it is the slow part).
    pages, world = homes

    member = pages[Role.MEMBER]
    assert 'id="home-member"' in member and "Simpanan wajib" in member
    assert 'id="home-arrears"' in member
    assert "Tagihan belum lunas" in member and world["purchase_round"].title in member
    assert "Sedang dibuka" in member and "Gula aren bersama Desember" in member
    assert BYLAWS in member and SHARE in member
    assert 'id="work-queues"' not in member

    buyer = pages[Role.BUYER]
    assert 'id="home-buyer"' in buyer
    assert world["order"].display_number in buyer
    assert f'href="/toko/{coop.slug}/"' in buyer
    assert BYLAWS not in buyer and SHARE not in buyer

    supplier = pages[Role.SUPPLIER]
    assert 'id="home-supplier"' in supplier
    assert world["tender"].item.name in supplier
    assert BYLAWS not in supplier and SHARE not in supplier

    for role in (Role.BOARD, Role.STAFF, Role.SUPERVISOR):
        officer = pages[role]
        assert 'id="work-queues"' in officer, role
        assert "anggota aktif" in officer and "permohonan menunggu" in officer, role
        assert "pembelian bersama sedang dibuka" in officer, role
        assert BYLAWS in officer, role
        assert 'id="home-member"' not in officer and 'id="home-buyer"' not in officer, role


def test_an_officers_queue_counts_paid_orders_waiting_to_be_prepared(coop, make_user):
    staff = make_user(coop, Role.STAFF)
    build_world(coop, staff, "Pak Slamet")
    with scope(cooperative=coop):
        Order.objects.update(status=Order.Status.PAID)
    client = Client()
    client.force_login(staff)
    html = client.get(f"/k/{coop.slug}/").content.decode()
    assert "pesanan dibayar, siap disiapkan" in html
    assert f'href="/k/{coop.slug}/pesanan/?status=paid"' in html
