"""Every form of the project speaks Indonesian: menus say "Pilih …", labels are words."""

import copy
import importlib
import pkgutil
import re

import pytest
from django import forms
from django.forms.utils import pretty_name
from django_scopes import scopes_disabled

import guyub
from guyub.core.form_renderer import MEANINGLESS, choose_label

# Auto-made labels that are Indonesian words too.
SAME_IN_INDONESIAN = {"email", "status"}


def _all_forms() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(guyub.__path__, "guyub."):
        if "tests" in module.name or "migrations" in module.name:
            continue
        if "forms" in module.name.rsplit(".", 1)[-1]:
            importlib.import_module(module.name)

    def below(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)
    return sorted({c for c in below(forms.BaseForm) if c.__module__.startswith("guyub.")},
                  key=lambda c: (c.__module__, c.__name__))


FORMS = _all_forms()


def test_the_walk_finds_the_projects_forms():
    names = {c.__name__ for c in FORMS}
    assert {"CertificateForm", "CheckoutForm", "ProductForm"} <= names


def _auto_label(form_class, name, field) -> bool:
    """True when nobody wrote this field's label: Django made it from the code name."""
    model = getattr(getattr(form_class, "_meta", None), "model", None)
    fields = getattr(getattr(form_class, "_meta", None), "fields", None) or ()
    if model is not None and (fields == "__all__" or name in fields):
        labels = getattr(form_class._meta, "labels", None) or {}
        if name in labels:
            return False
        try:
            model_field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 - a form-only field
            return field.label is None
        return str(model_field.verbose_name) == name.replace("_", " ")
    return field.label is None


@pytest.mark.parametrize("form_class", FORMS, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_no_field_shows_an_english_label_made_from_its_code_name(form_class):
    english = [name for name, field in form_class.base_fields.items()
               if not field.widget.is_hidden and _auto_label(form_class, name, field)
               and pretty_name(name).lower() not in SAME_IN_INDONESIAN]
    assert english == []


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", FORMS, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_menu_offers_pilih_label_not_dashes(form_class):
    """Each choice field of each form, drawn the way pages draw it."""
    for name, field in form_class.base_fields.items():
        if not isinstance(field.widget, forms.Select) or field.widget.allow_multiple_selected:
            continue
        if getattr(field, "queryset", False) is None:
            continue  # its rows are chosen when the form is made (the page tests draw it)
        form = type("One", (forms.Form,), {name: copy.deepcopy(field)})()
        with scopes_disabled():
            html = str(form[name])
        assert "---------" not in html, name
        empty = re.search(r'<option value=""[^>]*>([^<]*)</option>', html)
        if empty:
            assert empty.group(1).strip() not in MEANINGLESS, name


def test_the_label_reads_pilih_and_keeps_acronyms():
    assert choose_label("Kategori") == "Pilih kategori"
    assert choose_label("NIB") == "Pilih NIB"


def test_the_certificate_form_says_anggota_and_offers_pilih_anggota(board_client, coop):
    page = board_client.get(f"/k/{coop.slug}/sertifikat/baru/").content.decode()
    assert "Pilih anggota" in page and "Pilih jenis" in page
    assert ">Member<" not in page and "---------" not in page


@pytest.mark.parametrize("language, message", [
    ("id", "Masukkan bilangan bulat, tanpa koma, misalnya 12."),
    ("en", "Enter a whole number."),
])
def test_a_number_field_says_plainly_what_it_wants(language, message):
    from django.utils import translation

    with translation.override(language):
        form = type("Count", (forms.Form,), {"n": forms.IntegerField(label="Jumlah")})(
            {"n": "dua"})
        assert form.errors["n"] == [message]
