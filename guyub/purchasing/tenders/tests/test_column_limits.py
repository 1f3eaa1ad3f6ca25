"""Every quantity and price a tender bid or a commitment takes is bounded by the column
it ends up in (core/limits.py), so what the API accepts the database can store, and the
award that copies a bid into a price list cannot fail."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core import limits
from guyub.core.tests.helpers import api
from guyub.purchasing.models import Bid, Item, PriceTier
from guyub.purchasing.tenders import services as tenders
from guyub.testing.tenders import bid_body, supplier_account, token_client


@pytest.fixture
def tender(coop, board):
    supplier = supplier_account(coop, "PT Kedelai Nusantara")
    with scope(cooperative=coop):
        item = Item.objects.create(cooperative=coop, name="Kedelai", unit="kg",
                                   retail_reference_price=D(11500))
        tender = tenders.create_tender(
            cooperative=coop, item=item, quantity=D(2000), suppliers=[supplier],
            deadline=timezone.now() + dt.timedelta(days=3), actor=board)
    return tender, supplier


def test_the_maximum_is_read_from_the_column():
    assert limits.decimal_max(Bid, "pack_size") == D("999999999.999")
    assert limits.decimal_max(PriceTier, "unit_price") == D("99999999999999")


@pytest.mark.parametrize(("changes", "field"), [
    # Passed the hand-written 14-digit maximum, overflowed numeric(12,3).
    ({"pack_size": "99999999999"}, "pack_size"),
    # quantize() of 10^30 raised InvalidOperation.
    ({"pack_size": "1" + "0" * 30}, "pack_size"),
    ({"min_order_qty": "1" + "0" * 30}, "min_order_qty"),
    # Accepted with 201; the award then failed writing PriceTier.from_qty.
    ({"tiers": [["0", "9700"], ["5000000000", "9250"]]}, "tiers"),
    ({"tiers": [["0", "1" + "0" * 30]]}, "tiers"),
])
def test_a_number_past_its_column_is_refused_with_the_field_named(coop, tender, changes,
                                                                   field):
    tender, supplier = tender
    response = api(token_client(coop, supplier.user), "post",
                   f"/api/v1/cooperatives/{coop.slug}/tenders/{tender.pk}/bids",
                   bid_body(**changes))
    assert response.status_code in (400, 422), response.content
    assert "terlalu besar" in " ".join(response.json()["errors"][field])
    with scopes_disabled():
        assert not Bid.objects.filter(tender=tender).exists()


def test_the_largest_value_the_column_holds_is_accepted(coop, tender):
    tender, supplier = tender
    response = api(token_client(coop, supplier.user), "post",
                   f"/api/v1/cooperatives/{coop.slug}/tenders/{tender.pk}/bids",
                   bid_body(pack_size="999999999.999",
                            tiers=[["0", "9700"], ["999999999.999", "9250"]]))
    assert response.status_code == 201, response.content
