"""Quantities put into a form field by the page are written the way a person types them.

The database holds three decimals, so 300 kg is Decimal("300.000"); put into a field
as is, an Indonesian reads "300.000" as three hundred thousand."""

import datetime as dt
import re
from decimal import Decimal as D

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scope
from hypothesis import given
from hypothesis import strategies as st

from guyub.core.fields import RupiahField
from guyub.purchasing import forms as purchasing_forms
from guyub.purchasing.distribution import forms as distribution_forms
from guyub.purchasing.forms import DecimalCommaField, QuantityField
from guyub.purchasing.models import Item, PriceList, Round
from guyub.purchasing.rounds import forms as round_forms
from guyub.purchasing.rounds import selectors, services
from guyub.purchasing.suppliers import forms as supplier_forms
from guyub.purchasing.tenders import forms as tender_forms
from guyub.testing.factories import MemberFactory
from guyub.testing.purchase_pages import commit, member_with_login, soy_round, url

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
        price_list = item.price_list
        price_list.pack_size, price_list.min_order_qty = "2.5", 0
        price_list.save()
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


# --- one Indonesian reading of numbers, in every form of purchasing ----------------------


@pytest.mark.parametrize("typed, value", [
    ("300", D(300)),
    ("1.250", D(1250)),            # as the pages show 1250 kg
    ("12.500.000", D(12500000)),
    ("1.250,5", D("1250.5")),
    ("2,5", D("2.5")),
    ("0,25", D("0.25")),
    (" 7,5 ", D("7.5")),
    ("1250,75", D("1250.75")),
])
def test_a_quantity_is_read_the_indonesian_way(typed, value):
    assert QuantityField().clean(typed) == value


@pytest.mark.parametrize("typed, example", [
    ("1.25", "1,25"),
    ("2.5", "2,5"),
    ("0.250", "0,250"),         # not a thousands group: a group never starts with 0
    ("12.50", "12,50"),
    ("1,250.5", "1.250,5"),     # the English way round
    ("1.25.000", "2,5"),        # dots that group nothing
    ("1.250.5", "2,5"),
])
def test_a_dot_that_is_not_a_thousands_dot_is_refused_not_guessed(typed, example):
    with pytest.raises(ValidationError) as refused:
        QuantityField().clean(typed)
    message = refused.value.messages[0]
    assert message.startswith(f"Untuk desimal pakai koma, misalnya {example}.")
    assert "Titik hanya pemisah ribuan" in message


@pytest.mark.parametrize("typed, message", [
    ("lima", "Masukkan angka, misalnya 25, 1.250 atau 2,5."),
    ("1,2345", "Paling banyak tiga angka di belakang koma."),
    ("-2", "Tidak boleh negatif."),
    ("2,5,0", "Masukkan angka, misalnya 25, 1.250 atau 2,5."),
])
def test_other_wrong_quantities_are_refused_in_indonesian(typed, message):
    with pytest.raises(ValidationError) as refused:
        QuantityField().clean(typed)
    assert refused.value.messages == [message]


@pytest.mark.parametrize("stored, shown", [
    (D("300.000"), "300"),
    (D("7.500"), "7,5"),
    (D("1250.000"), "1250"),
    (D("0.125"), "0,125"),
    (D("0.000"), "0"),
    (25, "25"),
    ("1.250", "1.250"),   # what was typed is shown again as typed
    (None, None),
])
def test_a_stored_quantity_is_shown_as_a_person_types_it(stored, shown):
    assert QuantityField().prepare_value(stored) == shown


@given(st.decimals(min_value=0, max_value=10**9 - 1, places=3, allow_nan=False,
                   allow_infinity=False))
def test_a_quantity_shown_in_a_form_reads_back_as_itself(value):
    field = QuantityField()
    assert field.clean(field.prepare_value(value)) == value


def all_forms() -> list:
    return [pytest.param(form, id=f"{module.__name__.removeprefix('guyub.purchasing.')}.{name}")
            for module in (purchasing_forms, supplier_forms, round_forms, distribution_forms,
                           tender_forms)
            for name, form in vars(module).items()
            if isinstance(form, type) and issubclass(form, forms.BaseForm)
            and form.__module__ == module.__name__]


@pytest.mark.parametrize("form", all_forms())
def test_every_number_field_of_purchasing_reads_numbers_the_same_way(form):
    for name, field in form.base_fields.items():
        if isinstance(field, forms.DecimalField):
            assert isinstance(field, DecimalCommaField | RupiahField), f"{form.__name__}.{name}"


def test_a_thousands_dot_in_the_commit_card_is_not_a_decimal_point(coop, board, make_user):
    round_, item = soy_round(coop, board)
    member, client = member_with_login(coop, make_user)
    client.post(url("commit", coop, round_.pk, item.pk), {"quantity": "1.250",
                                                          "tolerance": "2,5"})
    with scope(cooperative=coop):
        assert selectors.committed(item, member) == (D(1250), D("2.5"))


def test_a_decimal_point_in_the_commit_card_is_refused_and_saves_nothing(coop, board,
                                                                         make_user):
    round_, item = soy_round(coop, board)
    member, client = member_with_login(coop, make_user)
    html = client.post(url("commit", coop, round_.pk, item.pk), {"quantity": "2.5"},
                       HTTP_HX_REQUEST="true").content.decode()
    assert "Untuk desimal pakai koma, misalnya 2,5." in html
    assert "Tersimpan." not in html
    # The refused text is offered back as typed, to be corrected.
    assert field_value(html, "quantity") == "2.5"
    with scope(cooperative=coop):
        assert selectors.committed(item, member) == (0, 0)


def test_the_price_list_form_reads_thousands_and_refuses_a_decimal_point(board_client, coop,
                                                                         board):
    _round, item = soy_round(coop, board)
    with scope(cooperative=coop):
        supplier = item.price_list.supplier
        offered = Item.objects.create(cooperative=coop, name="Gula", unit="kg",
                                      retail_reference_price=D(18000))
    data = {"item": offered.pk, "pack_size": "2.5", "min_order_qty": "1.000",
            "valid_from": "2026-01-01", "valid_until": "",
            "tier-TOTAL_FORMS": "2", "tier-INITIAL_FORMS": "0",
            "tier-MIN_NUM_FORMS": "0", "tier-MAX_NUM_FORMS": "10",
            "tier-0-from_qty": "0", "tier-0-unit_price": "17.000",
            "tier-1-from_qty": "1.500", "tier-1-unit_price": "16.500"}
    html = board_client.post(url("price_list_create", coop, supplier.pk), data)
    assert "Untuk desimal pakai koma, misalnya 2,5." in html.content.decode()
    response = board_client.post(url("price_list_create", coop, supplier.pk),
                                 {**data, "pack_size": "2,5"})
    assert response.status_code == 302
    with scope(cooperative=coop):
        saved = PriceList.objects.get(item=offered)
        assert (saved.pack_size, saved.min_order_qty) == (D("2.5"), D(1000))
        assert saved.tier_table() == [(0, 17000), (1500, 16500)]


def test_the_round_form_reads_a_fee_with_a_decimal_comma(board_client, coop, board):
    _round, item = soy_round(coop, board)
    now = timezone.now()
    data = {"title": "Kedelai Juli", "opens_at": timezone.localtime(now).strftime(
                "%Y-%m-%dT%H:%M"),
            "closes_at": timezone.localtime(now + dt.timedelta(days=2)).strftime(
                "%Y-%m-%dT%H:%M"),
            "pickup_place": "Gudang koperasi",
            "pickup_date": (timezone.localdate() + dt.timedelta(days=4)).isoformat(),
            "transport_cost": "", "handling_cost": "", "fee_pct": "2,5",
            "cost_basis": "weight", "price_lists": [item.price_list_id]}
    response = board_client.post(url("round_create", coop), data)
    assert response.status_code == 302
    with scope(cooperative=coop):
        assert Round.objects.get(title="Kedelai Juli").fee_pct == D("2.5")
    html = board_client.post(url("round_create", coop), {**data, "fee_pct": "2.5"})
    assert "Untuk desimal pakai koma, misalnya 2,5." in html.content.decode()
    form = board_client.get(url("round_create", coop)).content.decode()
    assert field_value(form, "fee_pct") == "2"


def test_a_tender_quantity_with_a_decimal_point_is_refused_too():
    field = tender_forms.QuantityField()
    assert field.clean("1.500") == D(1500)
    with pytest.raises(ValidationError, match="pakai koma"):
        field.clean("12.5")
