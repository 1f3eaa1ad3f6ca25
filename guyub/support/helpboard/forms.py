"""Forms of the help board: they parse what people type within the columns' limits;
the services check the rest (NUL, invalid Unicode, who may do what)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guyub.members.models import Sector

from .models import LOCATION_MAX, REASON_MAX, TEXT_MAX, TITLE_MAX, Mentor, Post

TEXTAREA = forms.Textarea(attrs={"rows": 4})


class PostForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=Post.Kind.choices,
                             widget=forms.RadioSelect)
    category = forms.ChoiceField(label=_("Kategori"), choices=Post.Category.choices)
    title = forms.CharField(label=_("Judul"), max_length=TITLE_MAX)
    text = forms.CharField(label=_("Uraian"), max_length=TEXT_MAX, widget=TEXTAREA)
    sector = forms.ChoiceField(label=_("Sektor (boleh kosong)"), required=False,
                               choices=[("", "—"), *Sector.choices])
    location = forms.CharField(label=_("Lokasi (boleh kosong)"), required=False,
                               max_length=LOCATION_MAX)


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Balasan"), max_length=TEXT_MAX, widget=TEXTAREA)


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Alasan disembunyikan"), max_length=REASON_MAX)


class MentorForm(forms.Form):
    sectors = forms.MultipleChoiceField(label=_("Sektor yang dapat Anda ajarkan"),
                                        choices=Sector.choices,
                                        widget=forms.CheckboxSelectMultiple)
    teaches = forms.CharField(label=_("Yang dapat Anda ajarkan"), widget=TEXTAREA,
                              max_length=Mentor._meta.get_field("teaches").max_length)
    share_phone = forms.BooleanField(
        label=_("Tampilkan tautan WhatsApp ke nomor saya bagi anggota lain koperasi ini"),
        required=False)
    active = forms.BooleanField(label=_("Tampil di daftar mentor"), required=False,
                                initial=True)


class FilterForm(forms.Form):
    """The list's filters, from the query string (anything unknown is ignored)."""

    kind = forms.ChoiceField(label=_("Jenis"), required=False,
                             choices=[("", _("Semua jenis")), *Post.Kind.choices],
                             widget=forms.Select(attrs={"aria-label": _("Jenis")}))
    category = forms.ChoiceField(label=_("Kategori"), required=False,
                                 choices=[("", _("Semua kategori")), *Post.Category.choices],
                                 widget=forms.Select(attrs={"aria-label": _("Kategori")}))
    state = forms.ChoiceField(label=_("Status"), required=False, choices=[
        ("", _("Terbuka dan selesai")), ("open", _("Terbuka")), ("done", _("Selesai"))],
        widget=forms.Select(attrs={"aria-label": _("Status")}))
