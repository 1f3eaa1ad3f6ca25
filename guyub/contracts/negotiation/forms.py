"""Forms of the negotiation pages; the API validates through the same ones. They
parse what people type and bound every number by its column; the rules of the
negotiation (who may accept, the floor) live in the services."""

import datetime as dt
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.catalog.models import Category, Channel, Product
from guyub.core.fields import RupiahField
from guyub.sales.models import Buyer

from . import selectors
from .models import MAX_QUANTITY, BusinessProfile, Contract, FloorPrice, Grade, GradeApproval

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# A contract starts within two years: a date further out is a typo, not a plan.
FURTHEST_START_DAYS = 730
SEPARATORS = re.compile(r"[\s.\-/]")


class GradeForm(forms.ModelForm):
    category = forms.ModelChoiceField(label=_("Jenis produk"), queryset=Category.objects.none(),
                                      empty_label=_("— pilih jenis produk —"))

    class Meta:
        model = Grade
        fields = ["category", "name", "description", "active"]
        labels = {"category": _("Jenis produk")}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.order_by("name")


class ApprovalForm(forms.ModelForm):
    product = forms.ModelChoiceField(label=_("Produk anggota"), queryset=Product.objects.none(),
                                     empty_label=_("— pilih produk —"))

    class Meta:
        model = GradeApproval
        fields = ["product", "valid_until", "note"]
        labels = {"product": _("Produk anggota")}
        widgets = {"valid_until": DATE}

    def __init__(self, *args, grade: Grade, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = (Product.objects.filter(
            category=grade.category, status=Product.Status.APPROVED)
            .select_related("member").order_by("name"))
        self.fields["product"].label_from_instance = (
            lambda p: f"{p.name} — {p.member.business_name or p.member.owner_name}")


class FloorPriceForm(forms.Form):
    price = RupiahField.for_column(FloorPrice, "price", min_value=1)
    reference = forms.CharField(label=_("Dasar keputusan"), max_length=200, required=False,
                                help_text=_("Misalnya: rapat pengurus 2 Desember 2026."))


class BusinessProfileForm(forms.ModelForm):
    # Typed with dots and dashes as printed on the documents; stored as digits.
    nib = forms.CharField(label=_("NIB"), max_length=40,
                          help_text=_("Nomor Induk Berusaha, 13 angka."))
    npwp = forms.CharField(label=_("NPWP"), max_length=40, required=False,
                           help_text=_("15 atau 16 angka; titik dan strip boleh."))

    class Meta:
        model = BusinessProfile
        fields = ["legal_name", "nib", "npwp", "contact_name", "contact_phone",
                  "contact_email", "billing_address"]
        widgets = {"billing_address": forms.Textarea(attrs={"rows": 3})}

    def clean_nib(self):
        nib = SEPARATORS.sub("", self.cleaned_data["nib"])
        # [0-9], not \d: other scripts' digits are not a NIB.
        if not re.fullmatch(r"[0-9]{13}", nib):
            raise forms.ValidationError(_("NIB terdiri dari 13 angka."))
        return nib

    def clean_npwp(self):
        npwp = SEPARATORS.sub("", self.cleaned_data["npwp"])
        if npwp and not re.fullmatch(r"[0-9]{15,16}", npwp):
            raise forms.ValidationError(_("NPWP terdiri dari 15 atau 16 angka."))
        return npwp


class ContractForm(forms.ModelForm):
    price = RupiahField.for_column(Contract, "price", min_value=1,
                                   label=_("Harga yang diharapkan per satuan (Rp)"))
    grade = forms.ModelChoiceField(label=_("Mutu"), queryset=Grade.objects.none(),
                                   empty_label=_("— pilih mutu —"))
    channel = forms.ModelChoiceField(label=_("Saluran (syarat sertifikat)"), required=False,
                                     queryset=Channel.objects.none(),
                                     empty_label=_("— tanpa syarat sertifikat —"))

    class Meta:
        model = Contract
        fields = ["title", "grade", "specification", "channel", "unit", "lot_size", "min_lot",
                  "quantity_per_delivery", "deliveries", "interval_days", "first_delivery_on",
                  "delivery_place", "price", "payment_terms_days"]
        widgets = {"first_delivery_on": DATE,
                   "specification": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].queryset = selectors.active_grades()
        self.fields["channel"].queryset = Channel.objects.order_by("name")

    def clean_first_delivery_on(self):
        day = self.cleaned_data["first_delivery_on"]
        today = timezone.localdate()
        if day < today:
            raise forms.ValidationError(_("Pengiriman pertama tidak boleh di masa lalu."))
        if day > today + dt.timedelta(days=FURTHEST_START_DAYS):
            raise forms.ValidationError(_("Pengiriman pertama paling lambat dua tahun dari "
                                          "sekarang."))
        return day

    def clean(self):
        data = super().clean()
        lot, quantity = data.get("lot_size"), data.get("quantity_per_delivery")
        if lot and quantity and lot > quantity:
            self.add_error("lot_size", _("Kelipatan tidak boleh melebihi jumlah per "
                                         "pengiriman."))
        return data


class StaffContractForm(ContractForm):
    buyer = forms.ModelChoiceField(label=_("Pembeli usaha"), required=False,
                                   queryset=Buyer.objects.none(),
                                   empty_label=_("— pembeli baru (isi profil di bawah) —"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buyer"].queryset = selectors.business_buyers()
        self.fields["buyer"].label_from_instance = lambda b: b.business_profile.legal_name


class OfferForm(forms.Form):
    price = RupiahField.for_column(Contract, "price", min_value=1)
    quantity_per_delivery = forms.IntegerField(label=_("Jumlah per pengiriman"), min_value=1,
                                               max_value=MAX_QUANTITY)
    deliveries = forms.IntegerField(label=_("Jumlah pengiriman"), min_value=1, max_value=366)
    payment_terms_days = forms.IntegerField(label=_("Jangka pembayaran (hari)"), min_value=0,
                                            max_value=365)
    message = forms.CharField(label=_("Pesan (boleh kosong)"), required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 2}))

    @classmethod
    def for_contract(cls, contract, data=None):
        return cls(data, prefix="offer", initial={
            name: getattr(contract, name) for name in
            ("price", "quantity_per_delivery", "deliveries", "payment_terms_days")})


class MessageForm(forms.Form):
    message = forms.CharField(label=_("Pesan"), max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 2}))


class DeclineForm(forms.Form):
    message = forms.CharField(label=_("Alasan (boleh kosong)"), required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 2}))
