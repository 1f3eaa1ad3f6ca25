from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from guyub.core.fields import RupiahField
from guyub.core.regions import PROVINCE_CHOICES

from .models import Member, Scale, Sector
from .simpanan.models import SimpananTransaction
from .validators import normalize_phone

PROFILE_FIELDS = [
    "owner_name", "nik", "business_name", "nib", "phone", "email", "address",
    "province", "regency", "sector", "workers", "business_capital", "annual_sales",
]


class MemberForm(forms.ModelForm):
    """The one validation of a member profile: pages, API and import all use it."""

    class Meta:
        model = Member
        fields = PROFILE_FIELDS
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}
        field_classes = {"business_capital": RupiahField, "annual_sales": RupiahField}

    def __init__(self, *args, cooperative, **kwargs):
        super().__init__(*args, **kwargs)
        self.cooperative = cooperative
        self.fields["province"].choices = [("", _("— pilih provinsi —")), *PROVINCE_CHOICES]
        self.fields["nik"].widget.attrs.update(inputmode="numeric", maxlength=16)
        self.fields["nib"].widget.attrs.update(inputmode="numeric", maxlength=13)
        self.fields["phone"].widget.attrs.update(inputmode="tel", placeholder="0812…")

    def clean_nik(self):
        nik = (self.cleaned_data.get("nik") or "").strip()
        taken = Member.objects.filter(cooperative=self.cooperative, nik=nik)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if nik and taken.exists():
            raise forms.ValidationError(_("NIK ini sudah terdaftar di koperasi ini."))
        return nik

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone", ""))

    def clean_owner_name(self):
        return " ".join(self.cleaned_data["owner_name"].split())

    def clean_business_name(self):
        return " ".join(self.cleaned_data["business_name"].split())


class ApplicationForm(MemberForm):
    """The public membership application: a profile plus the applicant's login."""

    password1 = forms.CharField(label=_("Kata sandi"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("Ulangi kata sandi"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user if user is not None and user.is_authenticated else None
        if self.user is not None:
            # A logged-in person applies with the account they already have.
            del self.fields["password1"], self.fields["password2"]
        else:
            self.fields["email"].required = True
            self.fields["email"].help_text = _("Dipakai untuk masuk ke Guyub.")

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip().lower()
        username_length = get_user_model()._meta.get_field("username").max_length
        if self.user is None and len(email) > username_length:
            # The email becomes the login name, which is shorter than an email may be:
            # PostgreSQL refused the insert (a 500 on the public form).
            raise forms.ValidationError(
                _("Email terlalu panjang untuk dipakai masuk (maksimal %(n)s karakter).")
                % {"n": username_length})
        # Whether the e-mail already has an account is not said here: the form would tell
        # anyone which addresses are on the platform. The view answers as for any
        # application and tells the owner by e-mail (members/notices.py).
        self.existing_account = bool(self.user is None and email and get_user_model().objects
                                     .filter(username__iexact=email).exists())
        return email

    def clean(self):
        cleaned = super().clean()
        if self.user is None:
            p1, p2 = cleaned.get("password1"), cleaned.get("password2")
            if p1 and p2 and p1 != p2:
                self.add_error("password2", _("Kedua kata sandi tidak sama."))
            elif p1:
                # The validators see the account to be created, so a password like the
                # e-mail's name or the owner's name is refused.
                account = get_user_model()(username=cleaned.get("email") or "",
                                           email=cleaned.get("email") or "",
                                           first_name=cleaned.get("owner_name") or "")
                try:
                    password_validation.validate_password(p1, account)
                except forms.ValidationError as error:
                    self.add_error("password1", error)
        return cleaned


class StatusChangeForm(forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}),
                             required=False, max_length=1000)
    # How the simpanan pokok is received on approval, or the settlement paid on exit.
    method = forms.ChoiceField(label=_("Cara bayar"), required=False,
                               choices=SimpananTransaction.Method.choices)

    def clean_method(self):
        return self.cleaned_data.get("method") or SimpananTransaction.Method.CASH


class MemberFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={
                            "type": "search",
                            "placeholder": _("Nama, usaha, NIK, nomor, telepon"),
                        }))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Semua status")), *Member.Status.choices])
    scale = forms.ChoiceField(label=_("Skala"), required=False,
                              choices=[("", _("Semua skala")), *Scale.choices])
    sector = forms.ChoiceField(label=_("Sektor"), required=False,
                               choices=[("", _("Semua sektor")), *Sector.choices])
    province = forms.ChoiceField(label=_("Provinsi"), required=False,
                                 choices=[("", _("Semua provinsi")), *PROVINCE_CHOICES])
    regency = forms.CharField(label=_("Kabupaten/kota"), required=False, max_length=100)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Berkas .xlsx atau .csv"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Berkas harus berformat .xlsx atau .csv."))
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("Berkas terlalu besar (maksimal 10 MB)."))
        return upload
