"""Forms of the public storefront: search and filters, and what goes into the cart (the
checkout's form is the order's: orders/forms.py)."""

from collections import defaultdict

from django import forms
from django.utils.translation import gettext_lazy as _

from guyub.core.regions import PROVINCES

from .cart import KINDS, MAX_QUANTITY
from .filters import Filters


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
