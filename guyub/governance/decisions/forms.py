"""Forms of the decision pages: they parse what people type within the columns' limits;
the rules (meeting open, decided once) are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..meetings.models import AgendaItem
from .models import Decision
from .services import CONSENSUS_OUTCOMES, TEXT_MAX


class ConsensusForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Hasil musyawarah"), widget=forms.RadioSelect,
        choices=[(o.value, o.label) for o in CONSENSUS_OUTCOMES])
    text = forms.CharField(label=_("Bunyi keputusan"), max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("Tulis seperti yang disepakati rapat."))


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False, max_length=100)
    year = forms.IntegerField(label=_("Tahun"), required=False, min_value=2000,
                              max_value=2100)
    kind = forms.ChoiceField(label=_("Jenis"), required=False,
                             choices=[("", _("Semua")), *AgendaItem.Kind.choices])
    meeting = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def values(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {"query": data.get("q") or "", "year": data.get("year"),
                "kind": data.get("kind") or "", "meeting": data.get("meeting")}


OUTCOME_LABELS = dict(Decision.Outcome.choices)


class DelegatesForm(forms.Form):
    """A pre-RAT's delegates, typed as member numbers from its register (a group may be
    thousands strong: no list of checkboxes), and how the group chose them."""

    item = forms.TypedChoiceField(label=_("Acara rapat kelompok"), coerce=int, choices=())
    method = forms.ChoiceField(label=_("Cara memilih"), widget=forms.RadioSelect,
                               choices=Decision.Method.choices)
    numbers = forms.CharField(
        label=_("Nomor anggota utusan"), max_length=2000,
        help_text=_("Pisahkan dengan koma atau spasi, misalnya 12, 40, 113."))

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(i.pk, f"{i.position}. {i.title}") for i in items]

    def clean_numbers(self):
        raw = self.cleaned_data["numbers"].replace(",", " ").split()
        if not raw or not all(n.isascii() and n.isdigit() and len(n) <= 9 for n in raw):
            raise forms.ValidationError(_("Tulis nomor anggota dengan angka saja."))
        return list(dict.fromkeys(int(n) for n in raw))
