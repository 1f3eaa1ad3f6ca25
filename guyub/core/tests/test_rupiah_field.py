"""One rupiah field everywhere: 500.000, Rp 500.000 and 500000 are the same amount in
every money field of every form; sen are refused in plain words; limits come from the
column and are shown as rupiah."""

import importlib
import pkgutil
from decimal import Decimal

import pytest
from django import forms

import guyub
from guyub.core.fields import RupiahField
from guyub.members.models import SimpananTransaction
from guyub.sales.models import Payment


def form_classes() -> list:
    found = {}
    for module_info in pkgutil.walk_packages(guyub.__path__, "guyub."):
        name = module_info.name
        if "tests" in name or "migrations" in name or not name.rsplit(".", 1)[1].endswith(
                "forms"):
            continue
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if (isinstance(value, type) and issubclass(value, forms.BaseForm)
                    and value.__module__ == name):
                found[f"{name}.{attr}"] = value
    return [pytest.param(form, id=key) for key, form in sorted(found.items())]


def money_fields(form) -> list[tuple[str, forms.Field]]:
    # Money is kept in whole rupiah: a decimal field without decimals, or labelled (Rp).
    return [(name, field) for name, field in form.base_fields.items()
            if isinstance(field, forms.DecimalField)
            and (field.decimal_places == 0 or "(Rp)" in str(field.label))]


def test_the_forms_are_found():
    names = {p.id for p in form_classes()}
    assert "guyub.sales.orders.forms.PaymentForm" in names
    assert "guyub.members.simpanan.forms.SukarelaForm" in names
    assert "guyub.members.forms.ApplicationForm" in names


@pytest.mark.parametrize("form", form_classes())
def test_every_money_field_is_the_rupiah_field_and_reads_dotted_thousands(form):
    for name, field in money_fields(form):
        assert isinstance(field, RupiahField), f"{form.__name__}.{name}"
        assert isinstance(field.widget, forms.TextInput) and \
            field.widget_attrs(field.widget)["inputmode"] == "numeric"
        for typed in ("500.000", "Rp 500.000", "Rp500.000", "500000", "500.000,00",
                      "Rp500.000,-"):
            assert field.clean(typed) == Decimal(500000), (form.__name__, name, typed)


def test_the_money_fields_named_in_the_issue_are_among_them():
    from guyub.core.forms import CooperativeForm
    from guyub.members.forms import ApplicationForm
    from guyub.members.simpanan.forms import SukarelaForm
    from guyub.sales.orders.forms import PaymentForm

    assert {n for n, _f in money_fields(SukarelaForm)} == {"amount"}
    assert {n for n, _f in money_fields(PaymentForm)} == {"amount"}
    assert {n for n, _f in money_fields(ApplicationForm)} == {"business_capital",
                                                              "annual_sales"}
    assert {"simpanan_pokok_amount", "simpanan_wajib_amount"} <= {
        n for n, _f in money_fields(CooperativeForm)}


@pytest.mark.parametrize("typed", ["1500.50", "1.500,5", "12,5", "90.000,50"])
def test_sen_are_refused_in_plain_words(typed):
    with pytest.raises(forms.ValidationError) as refused:
        RupiahField().clean(typed)
    assert refused.value.messages == ["Tulis jumlah rupiah tanpa sen, misalnya 90.000."]


@pytest.mark.parametrize("typed", ["sejuta", "1e5", "NaN", "Infinity", "--5", "3.0000",
                                   "90,000", "\u200f500"])
def test_what_is_not_a_number_is_refused(typed):
    with pytest.raises(forms.ValidationError) as refused:
        RupiahField().clean(typed)
    assert refused.value.messages == ["Tulis jumlah rupiah dengan angka, misalnya 90.000."]


def test_the_limits_are_shown_as_rupiah():
    field = RupiahField(min_value=1000)
    with pytest.raises(forms.ValidationError) as low:
        field.clean("999")
    assert low.value.messages == ["Jumlah paling sedikit Rp1.000."]
    with pytest.raises(forms.ValidationError) as negative:
        RupiahField().clean("-5")
    assert negative.value.messages == ["Jumlah tidak boleh negatif."]


@pytest.mark.parametrize("model, column, largest", [
    (SimpananTransaction, "amount", "Rp9.999.999.999.999.999"),   # numeric(16, 0)
    (Payment, "amount", "Rp9.999.999.999.999.999"),
])
def test_the_largest_amount_is_what_the_column_holds(model, column, largest):
    field = RupiahField.for_column(model, column)
    digits = model._meta.get_field(column).max_digits
    assert field.clean("9" * digits) == Decimal("9" * digits)
    with pytest.raises(forms.ValidationError) as refused:
        field.clean("1" + "0" * digits)
    assert refused.value.messages == [f"Jumlah paling banyak {largest}."]
    with pytest.raises(forms.ValidationError):
        field.clean("1" + "0" * 30)  # 10^30: a message, never InvalidOperation
