from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .fields import CompactCodeField, GroupedDigitsField, RupiahField
from .models import PAYMENT_FIELDS, SHU_FIELDS, Cooperative, CoopRole

COOPERATIVE_FIELDS = [
    "name", "legal_entity_number", "nik_koperasi", "coop_type", "province", "regency",
    "address", "founded_on", "fiscal_year_start_month", "simpanan_pokok_amount",
    "simpanan_wajib_amount", "simpanan_wajib_due_day", "rat_quorum", *SHU_FIELDS,
    "consignment_commission_pct", "npwp", "is_pkp", "ppn_rate", *PAYMENT_FIELDS,
]


def _typed(name: str, form_class, typed_length: int):
    """The model's field, taking `typed_length` characters as typed (with separators);
    the model's validators judge what is left once the separators are gone."""
    return Cooperative._meta.get_field(name).formfield(form_class=form_class,
                                                        max_length=typed_length)


class CooperativeForm(forms.ModelForm):
    """Cooperative profile, by-law parameters and payment details; also validates the
    API's writes. The payment rules (digits only, all-or-nothing) live on the model, so
    the service refuses the same things."""

    bank_account_number = _typed("bank_account_number", GroupedDigitsField, 40)
    qris_nmid = _typed("qris_nmid", CompactCodeField, 30)

    class Meta:
        model = Cooperative
        fields = COOPERATIVE_FIELDS
        field_classes = {"simpanan_pokok_amount": RupiahField,
                         "simpanan_wajib_amount": RupiahField}
        widgets = {
            "founded_on": forms.DateInput(attrs={"type": "date"}),
            "address": forms.Textarea(attrs={"rows": 2}),
        }

    # The SHU split (100% in total) and the payment details (all-or-nothing) are checked
    # by Cooperative.clean(), which the form runs: checking here too showed each error twice.

    def profile_fields(self):
        return [f for f in self.visible_fields() if f.name not in PAYMENT_FIELDS]

    def payment_fields(self):
        return [f for f in self.visible_fields() if f.name in PAYMENT_FIELDS]


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Nama token"), max_length=100,
                           help_text=_("Untuk apa token ini, misalnya 'Aplikasi kasir'."))
    user = forms.ModelChoiceField(label=_("Atas nama"), queryset=get_user_model().objects.none())

    def __init__(self, *args, cooperative, **kwargs):
        super().__init__(*args, **kwargs)
        user_ids = CoopRole.objects.filter(cooperative=cooperative).values("user_id")
        self.fields["user"].queryset = get_user_model().objects.filter(
            id__in=user_ids).order_by("username")
        self.fields["user"].label_from_instance = (
            lambda u: f"{u.get_full_name() or u.username} ({u.username})")
