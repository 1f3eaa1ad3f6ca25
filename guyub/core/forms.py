from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import SHU_FIELDS, Cooperative, CoopRole

COOPERATIVE_FIELDS = [
    "name", "legal_entity_number", "nik_koperasi", "coop_type", "province", "regency",
    "address", "founded_on", "fiscal_year_start_month", "simpanan_pokok_amount",
    "simpanan_wajib_amount", "rat_quorum", *SHU_FIELDS, "consignment_commission_pct",
    "npwp", "is_pkp", "ppn_rate",
]


class CooperativeForm(forms.ModelForm):
    """Cooperative profile and by-law parameters; also validates the API's writes."""

    class Meta:
        model = Cooperative
        fields = COOPERATIVE_FIELDS
        widgets = {
            "founded_on": forms.DateInput(attrs={"type": "date"}),
            "address": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        cleaned = super().clean()
        if all(cleaned.get(f) is not None for f in SHU_FIELDS):
            total = sum(cleaned[f] for f in SHU_FIELDS)
            if total != 100:
                raise forms.ValidationError(
                    _("Pembagian SHU harus berjumlah tepat 100%%; sekarang %(total)s%%.")
                    % {"total": f"{total.normalize():f}"}
                )
        return cleaned


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
