"""Forms of the public storefront: search and filters, cart quantities, checkout."""

from collections import defaultdict
from functools import cache

from babel import Locale
from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from guyub.core.regions import PROVINCE_CHOICES, PROVINCES
from guyub.members.validators import normalize_phone

from .cart import KINDS, MAX_QUANTITY
from .storefront import Filters

# Two-letter codes of the CLDR that are no country (or are Indonesia, listed first).
NOT_COUNTRIES = {"ID", "EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}


def country_choices() -> tuple[tuple[str, str], ...]:
    """Indonesia first, then every country by its name in the page's language."""
    return _country_choices("en" if (get_language() or "id").startswith("en") else "id")


@cache  # sorting CLDR's ~250 names took a tenth of every checkout's time
def _country_choices(language: str) -> tuple[tuple[str, str], ...]:
    names = Locale.parse(language).territories
    others = sorted(((code, name) for code, name in names.items()
                     if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES),
                    key=lambda c: c[1])
    return (("ID", names["ID"]), *others)


@cache
def _country_codes() -> frozenset[str]:
    return frozenset(code for code, _name in _country_choices("id"))


def country_name(code: str) -> str:
    return dict(country_choices()).get(code, code)


class StoreFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={
                            "type": "search", "placeholder": _("Cari produk, paket, pembuat…"),
                            "autocomplete": "off"}))
    category = forms.TypedChoiceField(label=_("Kategori"), required=False, coerce=int,
                                      empty_value=None)
    channel = forms.ChoiceField(label=_("Saluran"), required=False)
    member = forms.TypedChoiceField(label=_("Pembuat"), required=False, coerce=int,
                                    empty_value=None)
    region = forms.ChoiceField(label=_("Daerah"), required=False)

    def __init__(self, *args, categories, channels, makers, **kwargs):
        super().__init__(*args, **kwargs)
        self.channels = {c.code: c for c in channels}
        self.fields["category"].choices = [("", _("Semua kategori")),
                                           *((c.pk, c.name) for c in categories)]
        self.fields["channel"].choices = [("", _("Semua saluran")),
                                          *((c.code, c.name) for c in channels)]
        self.fields["member"].choices = [("", _("Semua pembuat")),
                                         *((m.pk, m.business_name) for m in makers)]
        self.fields["region"].choices = [("", _("Semua daerah")), *_regions(makers)]

    def filters(self) -> Filters:
        data = self.cleaned_data
        province, _sep, regency = (data.get("region") or "").partition("/")
        return Filters(q=(data.get("q") or "").strip(), category=data.get("category"),
                       channel=self.channels.get(data.get("channel") or ""),
                       member=data.get("member"), province=province, regency=regency)


def _regions(makers) -> list:
    """Grouped by province: the whole province, then each regency with makers."""
    regencies = defaultdict(set)
    for member in makers:
        regencies[member.province].add(member.regency)
    groups = []
    for code in sorted(regencies, key=lambda c: PROVINCES.get(c, c)):
        name = PROVINCES.get(code, code)
        options = [(code, _("Seluruh %(province)s") % {"province": name})]
        options += [(f"{code}/{r}", r) for r in sorted(regencies[code])]
        groups.append((name, options))
    return groups


class AddToCartForm(forms.Form):
    kind = forms.ChoiceField(choices=[(k, k) for k in KINDS], widget=forms.HiddenInput)
    id = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    quantity = forms.IntegerField(label=_("Jumlah"), min_value=1, max_value=MAX_QUANTITY,
                                  error_messages={"min_value": _("Jumlah paling sedikit 1.")})


class CheckoutForm(forms.Form):
    BUYER_FIELDS = ("name", "company", "email", "phone")

    name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    company = forms.CharField(label=_("Nama toko/perusahaan"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"),
                             help_text=_("Untuk menghubungi Anda tentang pesanan ini."))
    phone = forms.CharField(label=_("Telepon/WhatsApp"), max_length=20,
                            widget=forms.TextInput(attrs={"inputmode": "tel",
                                                          "placeholder": "0812…"}))
    # A CharField shown as a menu whose ~250 choices are listed only when the form is
    # drawn (the callable): a ChoiceField normalised them for every form, a tenth of an
    # API checkout. clean_country checks the code instead.
    country = forms.CharField(label=_("Negara tujuan"), initial="ID",
                              widget=forms.Select(choices=country_choices))
    # A menu checked in clean_province, as country: cheaper than a ChoiceField per form.
    province = forms.CharField(label=_("Provinsi"), required=False,
                               widget=forms.Select(choices=[("", "—"), *PROVINCE_CHOICES]),
                               help_text=_("Wajib untuk pengiriman di Indonesia."))
    city = forms.CharField(label=_("Kota/kabupaten"), max_length=100)
    address = forms.CharField(label=_("Alamat kirim lengkap"), max_length=500,
                              widget=forms.Textarea(attrs={"rows": 3}))
    note = forms.CharField(label=_("Catatan untuk koperasi"), max_length=255, required=False)

    def __init__(self, *args, known_buyer: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if known_buyer:  # a buyer account orders under its own name and kind
            for name in self.BUYER_FIELDS:
                del self.fields[name]

    def clean_country(self):
        code = self.cleaned_data.get("country", "")
        if code not in _country_codes():
            raise forms.ValidationError(_("Pilih negara tujuan dari daftar."),
                                        code="invalid_choice")
        return code

    def clean_province(self):
        code = self.cleaned_data.get("province", "")
        if code and code not in PROVINCES:
            raise forms.ValidationError(_("Pilih provinsi dari daftar."), code="invalid_choice")
        return code

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone", ""))

    def clean(self):
        data = super().clean()
        if data.get("country") == "ID" and not data.get("province"):
            self.add_error("province", _("Pilih provinsi tujuan."))
        elif data.get("country") and data.get("country") != "ID":
            data["province"] = ""
        return data

    def buyer_data(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.BUYER_FIELDS if f in self.fields}

    def destination(self) -> dict:
        return {f: self.cleaned_data[f] for f in ("address", "city", "province", "country")}
