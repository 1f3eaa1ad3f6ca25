"""Forms of the dispute pages: they parse what people type within the columns' limits;
the rules (who may complain about what, how much may be credited) are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guyub.core.fields import RupiahField

from ..negotiation.models import MAX_QUANTITY
from .models import Dispute, DisputeMessage
from .services import MONEY_RESOLUTIONS, RESOLUTIONS

TEXTAREA = forms.Textarea(attrs={"rows": 4})


def _message_field(label):
    return forms.CharField(label=label, widget=TEXTAREA,
                           max_length=DisputeMessage._meta.get_field("text").max_length)


class AllotmentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.member.business_name} ({obj.member.owner_name})"


class OpenForm(forms.Form):
    """A complaint: its subject and first message; the member's part when known (the
    buyer) or required (a member names theirs by the page they open it from)."""

    subject = forms.CharField(label=_("Pokok keluhan"),
                              max_length=Dispute._meta.get_field("subject").max_length)
    text = _message_field(_("Uraian keluhan"))

    def __init__(self, *args, allotments=None, on_behalf=False, **kwargs):
        super().__init__(*args, **kwargs)
        if on_behalf:
            self.fields["party"] = forms.ChoiceField(label=_("Dicatat atas nama"),
                                                     choices=Dispute.Party.choices)
        if allotments is not None:
            self.fields["allotment"] = AllotmentChoice(
                label=_("Bagian anggota yang dikeluhkan"), queryset=allotments,
                required=False, empty_label=_("— seluruh pengiriman / tidak tahu —"))
        order = ["party", "allotment", "subject", "text"]
        self.order_fields([name for name in order if name in self.fields])


class MessageForm(forms.Form):
    text = _message_field(_("Pesan"))


class ResolveForm(forms.Form):
    resolution = forms.ChoiceField(label=_("Penyelesaian"), widget=forms.RadioSelect)
    quantity = forms.IntegerField(
        label=_("Jumlah barang yang diganti"), required=False, min_value=1,
        max_value=MAX_QUANTITY,
        help_text=_("Untuk penggantian barang. Pengiriman ulangnya diatur lewat pembagian "
                    "pengiriman, di luar keluhan ini."))
    amount = RupiahField.for_column(
        Dispute, "amount", label=_("Potongan harga (Rp)"), required=False, min_value=1,
        help_text=_("Untuk potongan harga: paling banyak sisa tagihan faktur. Potongan "
                    "ditanggung koperasi (nota kredit kepada pembeli)."))
    note = forms.CharField(label=_("Pertimbangan"), required=False, widget=TEXTAREA,
                           max_length=Dispute._meta.get_field("resolution_note").max_length)

    def __init__(self, *args, dispute: Dispute, allow_money: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(value, Dispute.Resolution(value).label)
                   for value in RESOLUTIONS[dispute.opened_by_party]
                   if allow_money or value not in MONEY_RESOLUTIONS]
        self.fields["resolution"].choices = choices
        kinds = {value for value, _label in choices}
        if Dispute.Resolution.REPLACEMENT not in kinds:
            del self.fields["quantity"]
        if Dispute.Resolution.PRICE_REDUCTION not in kinds:
            del self.fields["amount"]

    def clean(self):
        data = super().clean()
        resolution = data.get("resolution")
        if resolution == Dispute.Resolution.REPLACEMENT and not data.get("quantity"):
            self.add_error("quantity", _("Tulis jumlah barang yang diganti."))
        if resolution == Dispute.Resolution.PRICE_REDUCTION and not data.get("amount"):
            self.add_error("amount", _("Tulis besar potongan harga."))
        return data
