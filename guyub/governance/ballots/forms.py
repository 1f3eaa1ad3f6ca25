"""The ballots' forms: preparing a vote, the ballot itself (one per voter: radio
buttons, or check boxes for an election), a member number at the tablet, a receipt
code to check."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from ..attendance.codes import looks_like_code
from .models import Vote


def _clean_line(value: str) -> str:
    if "\x00" in value or any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise forms.ValidationError(_("Teks berisi karakter yang tidak sah."))
    return value


class VoteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=[
        (Vote.Kind.MOTION, Vote.Kind.MOTION.label), (Vote.Kind.CHOICE, Vote.Kind.CHOICE.label)],
        widget=forms.RadioSelect, initial=Vote.Kind.MOTION)
    question = forms.CharField(label=_("Pertanyaan"), max_length=300)
    choices = forms.CharField(
        label=_("Pilihan (satu per baris, 2 sampai 20)"), required=False,
        widget=forms.Textarea(attrs={"rows": 5}), validators=[MaxLengthValidator(5000)],
        help_text=_("Hanya untuk pilihan di antara beberapa usul. Usul setuju / tidak "
                    "setuju / abstain mendapat pilihannya sendiri."))
    open_vote = forms.BooleanField(
        label=_("Pemungutan suara terbuka (pilihan tiap anggota dicatat dengan namanya)"),
        required=False)

    def clean_question(self):
        return _clean_line(self.cleaned_data["question"].strip())

    def clean_choices(self):
        value = _clean_line(self.cleaned_data["choices"])
        return [line.strip() for line in value.splitlines() if line.strip()]


class BallotForm(forms.Form):
    """The ballot of one voter: `voter` is their register entry (their own, or a held
    proxy's)."""

    voter = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, vote: Vote, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.vote = vote
        choices = [(o.position, o.label) for o in options]
        if vote.kind == Vote.Kind.ELECTION:
            self.fields["options"] = forms.TypedMultipleChoiceField(
                label=_("Pilih paling banyak %(n)s") % {"n": vote.max_marks},
                choices=choices, coerce=int, required=False,
                widget=forms.CheckboxSelectMultiple)
        else:
            self.fields["options"] = forms.TypedChoiceField(
                label=_("Pilihan Anda"), choices=choices, coerce=int,
                widget=forms.RadioSelect)

    def positions(self) -> list[int]:
        value = self.cleaned_data["options"]
        return list(value) if isinstance(value, list) else [value]


class MemberNumberForm(forms.Form):
    # Room for the check-in card's signed code (about 60 characters), which a scanner
    # types; the selector checks its signature and meeting, as the door does.
    number = forms.CharField(label=_("Nomor anggota (ketik atau pindai kartu)"),
                             max_length=200)

    def clean_number(self):
        value = _clean_line(self.cleaned_data["number"].strip())
        if looks_like_code(value):
            return value
        if len(value) > 12:
            raise forms.ValidationError(_("Nomor anggota tidak valid."))
        return value


class ReceiptForm(forms.Form):
    code = forms.CharField(label=_("Kode tanda terima"), max_length=40)

    def clean_code(self):
        return _clean_line(self.cleaned_data["code"])


class PaperCountsForm(forms.Form):
    """The count of a stack of paper ballots: how many marked each option."""

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        for option in options:
            self.fields[f"option_{option.position}"] = forms.IntegerField(
                label=option.label, min_value=0, max_value=1_000_000, initial=None)

    def counts(self) -> dict[int, int]:
        return {int(name.removeprefix("option_")): value
                for name, value in self.cleaned_data.items()}
