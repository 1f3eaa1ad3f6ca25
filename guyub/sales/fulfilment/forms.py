"""Forms of the warehouse and distribution pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guyub.core.fields import RupiahField
from guyub.members.models import Member

from ..orders.models import Order
from . import selectors
from .models import FulfilmentLine

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# --- pick lists ---------------------------------------------------------------------------

STATE_CHOICES = [
    (selectors.PENDING, _("Belum diserahkan")),
    (selectors.RECEIVED, _("Sudah diterima gudang")),
    (selectors.ALL, _("Semua")),
]


class PickListFilterForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Anggota"), required=False, queryset=None,
                                    empty_label=_("Semua anggota"))
    due_from = forms.DateField(label=_("Jatuh tempo dari"), required=False, widget=DATE)
    due_to = forms.DateField(label=_("sampai"), required=False, widget=DATE)
    state = forms.ChoiceField(label=_("Status"), required=False, choices=STATE_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Members who ever had goods to bring: the list stays short and meaningful.
        self.fields["member"].queryset = (Member.objects.filter(fulfilment__isnull=False)
                                          .distinct().order_by("number", "id"))
        self.fields["member"].label_from_instance = (
            lambda m: f"{m.display_number} {m.owner_name} ({m.business_name})")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("due_from"), cleaned.get("due_to")
        if start and end and start > end:
            self.add_error("due_to", _("Tanggal akhir harus sesudah tanggal awal."))
        return cleaned


class ReceiveForm(forms.Form):
    lines = forms.ModelMultipleChoiceField(
        label=_("Barang"), queryset=None,
        error_messages={
            "required": _("Pilih barang yang diterima di gudang."),
            "invalid_choice": _("Barang yang dipilih tidak ada dalam daftar setoran."),
            "invalid_pk_value": _("Barang yang dipilih tidak ada dalam daftar setoran."),
        })

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lines"].queryset = FulfilmentLine.objects.select_related(
            "order", "product", "member")


# --- shipments ----------------------------------------------------------------------------

PAY_FROM = [("cash", _("Kas (tunai)")), ("bank", _("Rekening bank"))]


class ShipmentForm(forms.Form):
    """One destination's orders leave together; the cost is shared by weight."""

    orders = forms.ModelMultipleChoiceField(
        label=_("Pesanan"), queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Pilih pesanan yang akan dikirim."),
            "invalid_choice": _("Pesanan yang dipilih belum siap dikirim."),
            "invalid_pk_value": _("Pesanan yang dipilih belum siap dikirim."),
        })
    carrier = forms.CharField(label=_("Ekspedisi"), max_length=80,
                              error_messages={"required": _("Ekspedisi wajib diisi.")},
                              widget=forms.TextInput(attrs={"placeholder": "JNE, J&T, Pos, …"}))
    cost = RupiahField(label=_("Ongkos kirim (Rp)"), min_value=0,
                       error_messages={"required": _("Ongkos kirim wajib diisi (0 bila gratis)."),
                                       "negative": _("Ongkos kirim tidak boleh negatif.")})
    method = forms.ChoiceField(label=_("Dibayar dari"), choices=PAY_FROM, initial="cash")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["orders"].queryset = Order.objects.filter(
            status__in=selectors.OPEN, shipment__isnull=True).exclude(
            fulfilment__handed_over_at__isnull=True)
        self.fields["carrier"].widget.attrs["list"] = "carriers"

    def clean(self):
        cleaned = super().clean()
        orders = cleaned.get("orders")
        if orders and len({o.destination_key for o in orders}) != 1:
            self.add_error("orders", _("Satu pengiriman hanya untuk satu tujuan."))
        return cleaned


class TrackingForm(forms.Form):
    tracking_number = forms.CharField(
        label=_("Nomor resi"), max_length=80,
        error_messages={"required": _("Nomor resi wajib diisi.")})
