from django import forms
from django.utils.translation import gettext_lazy as _

from guyub.core.fields import RupiahField

from .models import Payment


class PaymentForm(forms.Form):
    amount = RupiahField.for_column(Payment, "amount", label=_("Jumlah (Rp)"), min_value=1)
    method = forms.ChoiceField(label=_("Cara bayar"), choices=Payment.Method.choices)
    reference = forms.CharField(label=_("Referensi (nomor transfer / QRIS / kuitansi)"),
                                max_length=100)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Alasan pembatalan"), max_length=255)


class OrderFilterForm(forms.Form):
    from .models import Order as _Order

    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Semua status")), *_Order.Status.choices])
    q = forms.CharField(label=_("Cari"), required=False, max_length=100)
