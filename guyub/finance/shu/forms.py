"""Forms of the board's SHU pages: they parse what people type within the columns'
limits; the rules (the sum of 100 %, the plan's status, the RAT's decision) are the
services'."""

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.errors import DomainError
from guyub.core.models import Cooperative

from .models import ShuPolicy, ShuShare
from .selectors import PORTION_FIELD, PORTIONS, WEIGHTS, portion_name
from .services.policy import NAME_MAX, POLICY_FIELDS, check_sum

ZERO, HUNDRED = Decimal(0), Decimal(100)


def _percent(label, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(label=label, max_digits=5, decimal_places=2,
                              validators=[MinValueValidator(ZERO), MaxValueValidator(HUNDRED)],
                              widget=forms.NumberInput(attrs={"step": "0.01", "min": "0",
                                                              "max": "100",
                                                              "inputmode": "decimal"}),
                              **kwargs)


def _weight_label(kind: str) -> str:
    return ShuPolicy._meta.get_field(f"weight_{kind}").verbose_name


class SplitFields(forms.Form):
    """The portions' percentages and the business weights, checked to add up to 100 %
    (the sum shown when they do not; the values stay in the form)."""

    def __init__(self, *args, cooperative: Cooperative, names: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for key, field, _account in PORTIONS:
            self.fields[field] = _percent(portion_name(cooperative, key, names) + " (%)")
        for kind in WEIGHTS:
            self.fields[f"weight_{kind}"] = _percent(_weight_label(kind))

    def clean(self):
        data = super().clean()
        values = {key: data.get(field) for key, field, _a in PORTIONS}
        if all(v is not None for v in values.values()):
            try:
                check_sum(values)
            except DomainError as error:
                raise forms.ValidationError(error.message) from None
        return data

    def percentages(self) -> dict[str, Decimal]:
        return {key: self.cleaned_data[field] for key, field in PORTION_FIELD.items()}

    def weights(self) -> dict[str, Decimal]:
        return {kind: self.cleaned_data[f"weight_{kind}"] for kind in WEIGHTS}


def split_initial(cooperative: Cooperative, policy: ShuPolicy) -> dict:
    return {**{field: getattr(cooperative, field) for field in PORTION_FIELD.values()},
            **{f"weight_{kind}": getattr(policy, f"weight_{kind}") for kind in WEIGHTS}}


class SimulationForm(SplitFields):
    """The simulation's GET form: the split, and the member table's search."""

    q = forms.CharField(label=_("Cari anggota"), required=False, max_length=100)


class PolicyForm(forms.ModelForm):
    """The policy's choices (a ModelForm on ShuPolicy) with the portions' names and
    percentages (the cooperative's settings) beside them."""

    class Meta:
        model = ShuPolicy
        fields = POLICY_FIELDS

    def __init__(self, *args, cooperative: Cooperative, **kwargs):
        super().__init__(*args, **kwargs)
        names = self.instance.portion_names or {}
        for key, field, _account in PORTIONS:
            usual = portion_name(cooperative, key, {})
            self.fields[f"name_{key}"] = forms.CharField(
                label=_("Nama bagian: %(usual)s") % {"usual": usual}, required=False,
                max_length=NAME_MAX, initial=names.get(key, ""),
                help_text=_("Kosongkan untuk memakai nama biasa."))
            self.fields[field] = _percent(_("%(name)s (%%)") % {"name": usual},
                                          initial=getattr(cooperative, field))
        for kind in WEIGHTS:
            self.fields[f"weight_{kind}"].validators += [MinValueValidator(ZERO),
                                                         MaxValueValidator(HUNDRED)]
        self.fields["unclaimed_months"].validators += [MinValueValidator(1),
                                                       MaxValueValidator(120)]
        self.fields["market_loan_rate"].validators += [MinValueValidator(ZERO),
                                                       MaxValueValidator(HUNDRED)]

    def clean(self):
        data = super().clean()
        values = {key: data.get(field) for key, field, _a in PORTIONS}
        if all(v is not None for v in values.values()):
            try:
                check_sum(values)
            except DomainError as error:
                raise forms.ValidationError(error.message) from None
        return data

    def percentages(self) -> dict[str, Decimal]:
        return {key: self.cleaned_data[field] for key, field in PORTION_FIELD.items()}

    def names(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"name_{key}", "") for key, _f, _a in PORTIONS}


class PostForm(forms.Form):
    date = forms.DateField(label=_("Tanggal pembukuan"),
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()


class PayForm(forms.Form):
    method = forms.ChoiceField(label=_("Cara bayar"), widget=forms.RadioSelect,
                               choices=[(ShuShare.Payout.CASH, ShuShare.Payout.CASH.label),
                                        (ShuShare.Payout.BANK, ShuShare.Payout.BANK.label)])
    date = forms.DateField(label=_("Tanggal bayar"),
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()


class SharesFilter(forms.Form):
    q = forms.CharField(label=_("Cari anggota"), required=False, max_length=100)
    unpaid = forms.BooleanField(label=_("Hanya yang belum diambil"), required=False)

    def values(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {"query": (data.get("q") or "").strip(), "unpaid": bool(data.get("unpaid"))}
