"""Quantities put into a form field by the page are written the way a person types them.

The database holds three decimals, so 300 kg is Decimal("300.000"); put into a field
as is, an Indonesian reads "300.000" as three hundred thousand."""

import re

import pytest
from django_scopes import scope

from guyub.purchasing import services
from guyub.testing.factories import MemberFactory

from .page_helpers import commit, member_with_login, soy_round, url

pytestmark = pytest.mark.django_db


def field_value(html: str, name_suffix: str) -> str:
    found = re.search(rf'<input[^>]*name="[^"]*{name_suffix}"[^>]*>', html)
    assert found, f"no {name_suffix} field"
    value = re.search(r'value="([^"]*)"', found.group(0))
    return value.group(1) if value else ""


def test_the_receipt_form_offers_the_ordered_quantity_as_typed(board_client, coop, board):
    round_, item = soy_round(coop, board)
    commit(item, MemberFactory(cooperative=coop), 300)
    with scope(cooperative=coop):
        services.close_round(round_=round_, actor=board)
    html = board_client.get(url("round_receive", coop, round_.pk)).content.decode()
    assert field_value(html, "received_qty") == "300"


def test_a_fractional_ordered_quantity_keeps_its_decimals_with_a_comma(board_client, coop,
                                                                       board):
    round_, item = soy_round(coop, board)
    with scope(cooperative=coop):
        pl = item.price_list
        pl.pack_size, pl.min_order_qty = "2.5", 0
        pl.save()
    commit(item, MemberFactory(cooperative=coop), "7.5")
    with scope(cooperative=coop):
        services.close_round(round_=round_, actor=board)
    html = board_client.get(url("round_receive", coop, round_.pk)).content.decode()
    assert field_value(html, "received_qty") == "7,5"


def test_the_price_list_form_shows_pack_size_minimum_and_tiers_as_typed(board_client, coop,
                                                                        board):
    _round, item = soy_round(coop, board)
    html = board_client.get(url("price_list_edit", coop, item.price_list_id)).content.decode()
    assert field_value(html, "pack_size") == "50"
    assert field_value(html, "min_order_qty") == "100"
    assert field_value(html, "tier-1-from_qty") == "150"
    assert field_value(html, "tier-2-from_qty") == "300"


def test_a_members_fractional_order_comes_back_with_a_decimal_comma(coop, board, make_user):
    round_, item = soy_round(coop, board)
    member, client = member_with_login(coop, make_user)
    commit(item, member, "2.5", "1250")
    html = client.get(url("my_round", coop, round_.pk)).content.decode()
    assert field_value(html, "quantity") == "2,5"
    assert field_value(html, "tolerance") == "1250"
