"""Forms of the pages after the close: receipt, pick-up, payments."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guyub.core.fields import RupiahField

from ..forms import QuantityField
from ..rounds.models import Share
from ..suppliers.models import SupplierPayment


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
