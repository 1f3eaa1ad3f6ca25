import re
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guyub.core.fields import RupiahField

from .models import Item, PriceList, Round, Share, Supplier, SupplierPayment
from .supplier_services import supplier_users

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


# Indonesian numbers: dots group thousands, a comma starts the decimals. Whole part
# either plain (1250) or grouped in threes (1.250, 12.500.000), decimals optional (2,5).
NUMBER = re.compile(r"^(-?)([1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:,(\d+))?$")
# The same number written with a decimal point (2.5, 1,250.5): offered back the
# Indonesian way in the error message.
POINT_DECIMAL = re.compile(r"^-?(?:[1-9]\d{0,2}(?:,\d{3})+|\d+)\.\d+$")


def typed_number(value) -> str:
    """A number as a person types it back into a field: Decimal("300.000") (three
    decimals in the database) as "300", 7.5 as "7,5", 1250 as "1250". Without a
    thousands dot, so there is nothing to misread; the field reads "1.250" too."""
    text = format(Decimal(str(value)).normalize(), "f")
    return text.replace(".", ",")


class DecimalCommaField(forms.DecimalField):
    """A number as Indonesians type it, never negative: 1250 or 1.250 (dots only group
    thousands, in threes), 2,5 or 1.250,75 (a comma starts the decimals). A dot that is
    not a thousands dot ("2.5", "1.25") is refused, never guessed: a page shows 1250 kg
    as "1.250", and reading that back as 1,25 buys a thousand times too little.

    Values from the database are shown the same way (`typed_number`), so a form filled
    from a stored Decimal("300.000") never shows "300.000"."""

    default_error_messages = {
        "invalid": _("Masukkan angka, misalnya 25, 1.250 atau 2,5."),
        "point_decimal": _("Untuk desimal pakai koma, misalnya %(example)s. Titik hanya "
                           "pemisah ribuan, misalnya 1.250."),
        "max_decimal_places": _("Paling banyak tiga angka di belakang koma."),
        "max_digits": _("Jumlah terlalu besar."),
        "max_whole_digits": _("Jumlah terlalu besar."),
        "negative": _("Tidak boleh negatif."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 3)
        super().__init__(**kwargs)
        self.widget.input_type = "text"
        self.widget.attrs.update(inputmode="decimal", autocomplete="off")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, str):
            return super().to_python(value)
        text = value.strip()
        match = NUMBER.match(text)
        if match:
            sign, whole, decimals = match.groups()
            number = sign + whole.replace(".", "") + (f".{decimals}" if decimals else "")
            return super().to_python(number)
        if POINT_DECIMAL.match(text):
            example = text.translate(str.maketrans(".,", ",."))
            raise forms.ValidationError(self.error_messages["point_decimal"],
                                        code="point_decimal", params={"example": example})
        if "." in text:
            raise forms.ValidationError(self.error_messages["point_decimal"],
                                        code="point_decimal", params={"example": "2,5"})
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")

    def validate(self, value):
        super().validate(value)
        if value is not None and value < 0:
            raise forms.ValidationError(self.error_messages["negative"], code="negative")

    def prepare_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return typed_number(value)
        return value  # what was typed (a form shown again), or nothing


class QuantityField(DecimalCommaField):
    """A quantity in the item's unit, up to three decimals. `positive` refuses 0 too."""

    default_error_messages = {"not_positive": _("Harus lebih dari 0.")}

    def __init__(self, *, positive=False, **kwargs):
        self.positive = positive
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if self.positive and value == 0:
            raise forms.ValidationError(self.error_messages["not_positive"],
                                        code="not_positive")


def scoped_formfield(field, **kwargs):
    """Relations to tenant-scoped models start with an empty queryset (the real one is
    built inside a request's scope, in the form's __init__)."""
    model = getattr(field, "related_model", None)
    if model is not None and hasattr(model._default_manager, "with_scopes_disabled"):
        kwargs["queryset"] = model.objects.none()
    return field.formfield(**kwargs)


# --- suppliers, items, price lists -----------------------------------------------------


class SupplierForm(forms.ModelForm):
    class Meta:
        model = Supplier
        fields = ["name", "user", "contact_name", "phone", "email", "address", "npwp"]
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}
        labels = {"user": _("Akun portal pemasok")}

    def __init__(self, *args, cooperative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = supplier_users(cooperative)
        self.fields["user"].empty_label = _("— tanpa akun —")
        self.fields["user"].help_text = _("Pengguna dengan peran pemasok di koperasi ini. Ia "
                                          "melihat pesanan pembelian untuk pemasok ini.")
        self.fields["phone"].widget.attrs.update(inputmode="tel", placeholder="0812…")


class ItemForm(forms.ModelForm):
    retail_reference_price = RupiahField(
        label=_("Harga beli sendiri per satuan (Rp)"), min_value=0,
        help_text=_("Harga yang dibayar anggota bila membeli sendiri di pasar: pembanding "
                    "untuk laporan penghematan."))

    class Meta:
        model = Item
        fields = ["name", "unit", "retail_reference_price"]


class PriceListForm(forms.ModelForm):
    pack_size = QuantityField(label=_("Isi per kemasan"),
                              help_text=_("Misalnya 50 untuk karung 50 kg."))
    min_order_qty = QuantityField(label=_("Minimal pesanan"), required=False,
                                  help_text=_("Jumlah paling sedikit yang mau dikirim "
                                              "pemasok; kosongkan bila tidak ada."))

    class Meta:
        model = PriceList
        formfield_callback = scoped_formfield
        fields = ["item", "pack_size", "min_order_qty", "valid_from", "valid_until"]
        labels = {"item": _("Barang")}
        widgets = {"valid_from": DATE, "valid_until": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = Item.objects.order_by("name")
        self.fields["item"].empty_label = _("— pilih barang —")

    def clean_pack_size(self):
        value = self.cleaned_data["pack_size"]
        if value is not None and value <= 0:
            raise forms.ValidationError(_("Isi per kemasan harus lebih dari 0."))
        return value


class TierForm(forms.Form):
    from_qty = QuantityField(label=_("Mulai jumlah"), required=False)
    unit_price = RupiahField(label=_("Harga per satuan (Rp)"), min_value=1, required=False)

    def clean(self):
        cleaned = super().clean()
        filled = [cleaned.get("from_qty") is not None, cleaned.get("unit_price") is not None]
        if any(filled) and not all(filled) and not self.errors:
            raise forms.ValidationError(_("Isi jumlah dan harganya, atau kosongkan keduanya."))
        return cleaned


TierFormSet = forms.formset_factory(TierForm, extra=4, max_num=10, validate_max=True)


def tier_rows(formset) -> list[tuple[Decimal, Decimal]]:
    return [(f.cleaned_data["from_qty"], f.cleaned_data["unit_price"]) for f in formset
            if f.cleaned_data.get("from_qty") is not None]


# --- rounds ----------------------------------------------------------------------------


class PriceListChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, pl):
        until = pl.valid_until.strftime("%d-%m-%Y") if pl.valid_until else "…"
        return (f"{pl.item.name} — {pl.supplier.name} · {pl.pack_size.normalize():f} "
                f"{pl.item.unit}/kemasan · {pl.valid_from:%d-%m-%Y} s.d. {until}")


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=150,
                            widget=forms.TextInput(attrs={"placeholder": _(
                                "Misalnya: Kedelai dan gula aren Februari")}))
    opens_at = forms.DateTimeField(label=_("Waktu buka"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Waktu tutup"), widget=DATETIME,
                                    help_text=_("Pada jam ini pembelian ditutup otomatis."))
    pickup_place = forms.CharField(label=_("Tempat pengambilan"), max_length=200)
    pickup_date = forms.DateField(label=_("Tanggal pengambilan"), widget=DATE)
    transport_cost = RupiahField(label=_("Ongkos angkut (Rp)"), min_value=0, required=False)
    handling_cost = RupiahField(label=_("Ongkos bongkar muat (Rp)"), min_value=0,
                                required=False)
    fee_pct = DecimalCommaField(
        label=_("Jasa koperasi (%)"), max_value=100, max_digits=None, decimal_places=2,
        initial=Decimal("2"), error_messages={
            "max_value": _("Paling banyak %(limit_value)s%%."),
            "max_decimal_places": _("Paling banyak dua angka di belakang koma.")})
    cost_basis = forms.ChoiceField(label=_("Ongkos dibagi"), choices=Round.CostBasis.choices)
    price_lists = PriceListChoice(label=_("Barang dan daftar harga"),
                                  queryset=PriceList.objects.none(),
                                  widget=forms.CheckboxSelectMultiple,
                                  help_text=_("Daftar harga harus berlaku pada tanggal "
                                              "pengambilan; satu pemasok per barang."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["price_lists"].queryset = (
            PriceList.objects.exclude(valid_until__lt=today)
            .select_related("item", "supplier").order_by("item__name", "supplier__name"))
        self.fields["price_lists"].error_messages["required"] = _(
            "Pilih paling sedikit satu barang.")
        now = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["opens_at"].initial = now

    def terms(self) -> dict:
        data = self.cleaned_data
        return {"transport_cost": data.get("transport_cost") or Decimal(0),
                "handling_cost": data.get("handling_cost") or Decimal(0),
                "fee_pct": data["fee_pct"], "cost_basis": data["cost_basis"]}


class CommitForm(forms.Form):
    quantity = QuantityField(label=_("Jumlah pesanan"))
    tolerance = QuantityField(label=_("Toleransi (boleh lebih)"), required=False,
                              help_text=_("Tambahan bila perlu untuk memenuhi kemasan."))
    # Shown only after the service questioned the quantity (see commitment_checks).
    confirm = forms.BooleanField(label=_("Ya, jumlah ini benar"), required=False)

    def __init__(self, *args, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_confirm = False
        if item is not None:  # unique ids: one form per item card on the page
            self.auto_id = f"id_i{item.pk}_%s"


class ReceiptForm(forms.Form):
    received_qty = QuantityField(label=_("Jumlah diterima"))
    note = forms.CharField(label=_("Keterangan kekurangan atau kerusakan"), max_length=255,
                           required=False)


class MemberPaymentForm(forms.Form):
    METHODS = [("cash", _("Tunai")), ("bank", _("Transfer bank")),
               ("sukarela", _("Potong simpanan sukarela"))]
    member = forms.IntegerField(widget=forms.HiddenInput)
    method = forms.ChoiceField(label=_("Cara bayar"), choices=METHODS)


class PickupForm(forms.Form):
    # No label: the page draws its own checklist, and the error reads alone.
    shares = forms.ModelMultipleChoiceField(label="", queryset=Share.objects.none(),
                                            widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shares"].queryset = Share.objects.filter(
            round_item__round=round_, quantity__gt=0, picked_up_at__isnull=True)
        self.fields["shares"].error_messages.update(
            required=_("Centang paling sedikit satu barang yang diambil."),
            invalid_choice=_("Barang yang dicentang sudah diambil atau bukan dari "
                             "pembelian ini."),
            invalid_pk_value=_("Pilihan tidak valid."))


class SupplierPaymentForm(forms.Form):
    payee = forms.ChoiceField(label=_("Dibayar kepada"))
    amount = RupiahField(label=_("Jumlah (Rp)"), min_value=1)
    method = forms.ChoiceField(label=_("Cara bayar"), choices=SupplierPayment.Method.choices)
    reference = forms.CharField(label=_("Referensi (nomor transfer, kuitansi)"),
                                max_length=100, required=False)

    def __init__(self, *args, payables, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["payee"].choices = [(r["key"], r["label"]) for r in payables
                                        if r["outstanding"] > 0]
