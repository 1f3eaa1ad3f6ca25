"""The booking pages' forms: a date with start and end times (in the cooperative's time
zone), units, weekly repeats; staff also pick the member or type a non-member renter;
maintenance windows; a reason; the staff list's filters."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.members.models import Member

from ..assets.models import MAX_UNITS, Asset
from . import rules
from .models import Booking

# Dates the forms take: from yesterday to a little over a year ahead. Anything else is
# a slip, and keeps far dates (year 1, 9999) away from time-zone arithmetic.
PAST_DAYS, AHEAD_DAYS = 1, 400


def _aware(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


def _check_day(form, name: str) -> None:
    day = form.cleaned_data.get(name)
    if day is None:
        return
    today = timezone.localdate()
    if not today - dt.timedelta(days=PAST_DAYS) <= day <= today + dt.timedelta(days=AHEAD_DAYS):
        form.add_error(name, _("Pilih tanggal antara hari ini dan setahun ke depan."))


class TimeRangeForm(forms.Form):
    """A day with a start and end time; end_date when it runs past midnight."""

    date = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("Jam mulai"),
                                 widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("Jam selesai"),
                               widget=forms.TimeInput(attrs={"type": "time"}))
    end_date = forms.DateField(label=_("Tanggal selesai (bila lewat hari)"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        _check_day(self, "date")
        _check_day(self, "end_date")
        if self.errors or not all(data.get(k) for k in ("date", "start_time", "end_time")):
            return data
        start = _aware(data["date"], data["start_time"])
        end = _aware(data.get("end_date") or data["date"], data["end_time"])
        if end <= start:
            self.add_error("end_time", _("Jam selesai harus sesudah jam mulai."))
        data["starts_at"], data["ends_at"] = start, end
        return data


class BookingForm(TimeRangeForm):
    units = forms.IntegerField(label=_("Jumlah satuan"), min_value=1, max_value=MAX_UNITS,
                               initial=1)
    repeat_weeks = forms.IntegerField(
        label=_("Ulangi tiap minggu (berapa minggu lagi)"), min_value=0,
        max_value=rules.MAX_REPEAT_WEEKS, initial=0, required=False,
        help_text=_("0 bila hanya sekali."))
    note = forms.CharField(label=_("Catatan"), required=False,
                           max_length=Booking._meta.get_field("note").max_length)

    def __init__(self, *args, asset: Asset, **kwargs):
        super().__init__(*args, **kwargs)
        self.asset = asset
        if not asset.divisible:
            # One unit: nothing to choose (the service books 1).
            del self.fields["units"]
        else:
            self.fields["units"].max_value = asset.units
            self.fields["units"].help_text = _("Dari %(n)s %(label)s.") % {
                "n": asset.units, "label": asset.unit_label or _("satuan")}


class StaffBookingForm(BookingForm):
    member = forms.ModelChoiceField(label=_("Anggota"), queryset=Member.objects.none(),
                                    required=False)
    renter_name = forms.CharField(
        label=_("atau nama penyewa non-anggota"), required=False,
        max_length=Booking._meta.get_field("renter_name").max_length)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = (Member.objects.filter(status=Member.Status.ACTIVE)
                                          .order_by("owner_name", "pk"))


class WaitlistForm(TimeRangeForm):
    units = forms.IntegerField(min_value=1, max_value=MAX_UNITS, initial=1,
                               widget=forms.HiddenInput())


class MaintenanceForm(TimeRangeForm):
    note = forms.CharField(label=_("Keterangan"), required=False, max_length=200)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Alasan"), required=False,
                             max_length=Booking._meta.get_field("cancel_reason").max_length)


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search"}))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Semua status"))] + Booking.Status.choices)
    asset = forms.ModelChoiceField(label=_("Aset"), required=False,
                                   queryset=Asset.objects.none(), empty_label=_("Semua aset"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["asset"].queryset = Asset.objects.order_by("name", "pk")
