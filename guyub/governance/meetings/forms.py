"""Forms of the meetings pages: they parse what people type within the columns' limits;
the by-law rules (a RAT names its fiscal year, a group meeting sends delegates only
where the by-laws allow it, a meeting is in the future) are the services'."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.fields import RupiahField
from guyub.core.regions import PROVINCES

from . import selectors
from .models import AgendaItem, GovernanceSettings, Meeting

TEXTAREA = forms.Textarea(attrs={"rows": 4})


class SettingsForm(forms.ModelForm):
    class Meta:
        model = GovernanceSettings
        fields = ["notice_days", "quorum_fraction", "quorum_rule",
                  "reconvened_quorum_fraction", "exclude_arrears", "proxies_allowed",
                  "proxy_cap", "special_majority", "delegates_allowed"]


class MeetingForm(forms.Form):
    """A draft meeting. The time is typed as a date and a clock time in the
    cooperative's time (WIB), two inputs every phone has a picker for."""

    kind = forms.ChoiceField(label=_("Jenis rapat"), choices=Meeting.Kind.choices)
    title = forms.CharField(label=_("Judul"), max_length=200)
    fiscal_year = forms.IntegerField(
        label=_("Tahun buku yang dipertanggungjawabkan"), required=False,
        min_value=2000, max_value=2100,
        help_text=_("Wajib untuk RAT, misalnya tahun buku yang baru berakhir."))
    date = forms.DateField(label=_("Tanggal rapat"),
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time = forms.TimeField(label=_("Jam mulai (WIB)"),
                           widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    place = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    online = forms.BooleanField(label=_("Anggota boleh hadir daring"), required=False,
                                initial=True)
    group_name = forms.CharField(label=_("Kelompok (rapat kelompok)"), max_length=100,
                                 required=False)
    delegates_to = forms.ModelChoiceField(
        label=_("Utusan dikirim ke rapat"), required=False, queryset=None,
        empty_label=_("Pilih rapat"))
    delegate_seats = forms.IntegerField(label=_("Jumlah utusan"), required=False,
                                        min_value=0, max_value=1000)
    group_province = forms.ChoiceField(
        label=_("Provinsi anggota kelompok"), required=False,
        choices=[("", "—")] + sorted(PROVINCES.items(), key=lambda p: p[1]))
    group_regency = forms.CharField(
        label=_("Kabupaten/kota anggota kelompok"), max_length=100, required=False,
        help_text=_("Kosongkan bila kelompok mencakup seluruh provinsi."))

    def __init__(self, *args, delegates_allowed=False, exclude=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.delegates_allowed = delegates_allowed
        if delegates_allowed:
            targets = selectors.delegate_targets()
            if exclude is not None:
                targets = targets.exclude(pk=exclude.pk)
            self.fields["delegates_to"].queryset = targets
        else:
            # Group meetings exist only where the by-laws send delegates.
            self.fields["kind"].choices = [c for c in Meeting.Kind.choices
                                           if c[0] != Meeting.Kind.PRE_RAT]
            for name in ("group_name", "delegates_to", "delegate_seats", "group_province",
                         "group_regency"):
                del self.fields[name]

    @classmethod
    def initial_of(cls, meeting: Meeting) -> dict:
        local = timezone.localtime(meeting.starts_at)
        return {"kind": meeting.kind, "title": meeting.title,
                "fiscal_year": meeting.fiscal_year, "date": local.date(),
                "time": local.time().replace(second=0, microsecond=0),
                "place": meeting.place, "online": meeting.online,
                "group_name": meeting.group_name, "delegates_to": meeting.delegates_to,
                "delegate_seats": meeting.delegate_seats or None,
                "group_province": meeting.group_province,
                "group_regency": meeting.group_regency}

    def values(self) -> dict:
        """The service's keyword arguments."""
        data = self.cleaned_data
        starts_at = timezone.make_aware(dt.datetime.combine(data["date"], data["time"]))
        return {"kind": data["kind"], "title": data["title"],
                "fiscal_year": data.get("fiscal_year"), "starts_at": starts_at,
                "place": data.get("place", ""), "online": data.get("online", False),
                "group_name": data.get("group_name", ""),
                "delegates_to": data.get("delegates_to"),
                "delegate_seats": data.get("delegate_seats") or 0,
                "group_province": data.get("group_province", ""),
                "group_regency": data.get("group_regency", "")}


class AgendaItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis acara"), choices=AgendaItem.Kind.choices)
    title = forms.CharField(label=_("Acara"), max_length=200)
    description = forms.CharField(label=_("Uraian"), max_length=5000, required=False,
                                  widget=TEXTAREA)
    floor_grade = forms.ModelChoiceField(
        label=_("Mutu produk (harga dasar kontrak)"), required=False, queryset=None,
        empty_label=_("Pilih mutu"))
    floor_price = RupiahField.for_column(AgendaItem, "floor_price",
                                         label=_("Harga dasar yang diusulkan (Rp)"),
                                         required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["floor_grade"].queryset = selectors.grades()

    @classmethod
    def initial_of(cls, item: AgendaItem) -> dict:
        return {"kind": item.kind, "title": item.title, "description": item.description,
                "floor_grade": item.floor_grade, "floor_price": item.floor_price}


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Judul dokumen"), max_length=200)
    file = forms.FileField(label=_("Berkas (PDF, paling besar 10 MB)"),
                           widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}))
    item = forms.ModelChoiceField(label=_("Untuk acara"), required=False, queryset=None,
                                  empty_label=_("Pilih acara (boleh kosong)"))

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.order_by("position")
