"""Forms of the election pages. Candidates are entered by member number with their
statement (a register may hold 300,000 members: no drop-down of all of them)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Office
from .services import MAX_SEATS, STATEMENT_MAX

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CANDIDATE_ROWS = 10


class ElectionForm(forms.Form):
    office = forms.ChoiceField(label=_("Jabatan"), choices=Office.choices)
    seats = forms.IntegerField(label=_("Jumlah kursi"), min_value=1, max_value=MAX_SEATS,
                               widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    term_start = forms.DateField(label=_("Awal masa jabatan"), widget=DATE)
    term_end = forms.DateField(label=_("Akhir masa jabatan"), widget=DATE)


class CandidateForm(forms.Form):
    number = forms.IntegerField(label=_("Nomor anggota calon"), required=False, min_value=1,
                                max_value=2_000_000_000,
                                widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    statement = forms.CharField(label=_("Visi dan misi"), required=False,
                                max_length=STATEMENT_MAX,
                                widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if data.get("number") and not (data.get("statement") or "").strip():
            self.add_error("statement", _("Tulis visi dan misi calon."))
        if not data.get("number") and (data.get("statement") or "").strip():
            self.add_error("number", _("Isi nomor anggota calon."))
        return data


CandidateFormSet = forms.formset_factory(CandidateForm, extra=CANDIDATE_ROWS, max_num=62)
