"""Forms of the order pages: payment, cancellation, the order list's filter, and the
checkout's buyer and destination (storefront and API)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guyub.core.fields import RupiahField
from guyub.core.regions import PROVINCE_CHOICES, PROVINCES
from guyub.members.validators import normalize_phone

from ..countries import country_choices, country_codes
from .models import Order, Payment


class PaymentForm(forms.Form):
    amount = RupiahField.for_column(Payment, "amount", label=_("Jumlah (Rp)"), min_value=1)
    method = forms.ChoiceField(label=_("Cara bayar"), choices=Payment.Method.choices)
    reference = forms.CharField(label=_("Referensi (nomor transfer / QRIS / kuitansi)"),
                                max_length=100)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Alasan pembatalan"), max_length=255)


class OrderFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Semua status")), *Order.Status.choices])
    q = forms.CharField(label=_("Cari"), required=False, max_length=100)


class CheckoutForm(forms.Form):
    BUYER_FIELDS = ("name", "company", "email", "phone")

    name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    company = forms.CharField(label=_("Nama toko/perusahaan"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"),
                             help_text=_("Untuk menghubungi Anda tentang pesanan ini."))
    phone = forms.CharField(label=_("Telepon/WhatsApp"), max_length=20,
                            widget=forms.TextInput(attrs={"inputmode": "tel",
                                                          "placeholder": "0812…"}))
    # A CharField shown as a menu whose ~250 choices are listed only when the form is
    # drawn (the callable): a ChoiceField normalised them for every form, a tenth of an
    # API checkout. clean_country checks the code instead.
    country = forms.CharField(label=_("Negara tujuan"), initial="ID",
                              widget=forms.Select(choices=country_choices))
    # A menu checked in clean_province, as country: cheaper than a ChoiceField per form.
    province = forms.CharField(label=_("Provinsi"), required=False,
                               widget=forms.Select(choices=[("", "—"), *PROVINCE_CHOICES]),
                               help_text=_("Wajib untuk pengiriman di Indonesia."))
    city = forms.CharField(label=_("Kota/kabupaten"), max_length=100)
    address = forms.CharField(label=_("Alamat kirim lengkap"), max_length=500,
                              widget=forms.Textarea(attrs={"rows": 3}))
    note = forms.CharField(label=_("Catatan untuk koperasi"), max_length=255, required=False)

    def __init__(self, *args, known_buyer: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if known_buyer:  # a buyer account orders under its own name and kind
            for name in self.BUYER_FIELDS:
                del self.fields[name]

    def clean_country(self):
        code = self.cleaned_data.get("country", "")
        if code not in country_codes():
            raise forms.ValidationError(_("Pilih negara tujuan dari daftar."),
                                        code="invalid_choice")
        return code

    def clean_province(self):
        code = self.cleaned_data.get("province", "")
        if code and code not in PROVINCES:
            raise forms.ValidationError(_("Pilih provinsi dari daftar."), code="invalid_choice")
        return code

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone", ""))

    def clean(self):
        data = super().clean()
        if data.get("country") == "ID" and not data.get("province"):
            self.add_error("province", _("Pilih provinsi tujuan."))
        elif data.get("country") and data.get("country") != "ID":
            data["province"] = ""
        return data

    def buyer_data(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.BUYER_FIELDS if f in self.fields}

    def destination(self) -> dict:
        return {f: self.cleaned_data[f] for f in ("address", "city", "province", "country")}
