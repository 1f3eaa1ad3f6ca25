"""Forms of the allocation pages: the rule an officer publishes, a member's capacity
declaration, and the reason a member cannot deliver their share."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from guyub.catalog.models import Product

from ..negotiation.models import MAX_QUANTITY, Contract
from .services import REASON_MAX


class RuleForm(forms.Form):
    rule = forms.ChoiceField(label=_("Aturan pembagian"), choices=Contract.Rule.choices,
                             widget=forms.RadioSelect)


class CapacityForm(forms.Form):
    product = forms.ModelChoiceField(label=_("Produk"), queryset=Product.objects.none(),
                                     empty_label=None)
    quantity = forms.IntegerField(label=_("Kapasitas per pengiriman"), min_value=1,
                                  max_value=MAX_QUANTITY,
                                  error_messages={"max_value": _("Jumlah terlalu besar.")})
    unavailable = forms.TypedMultipleChoiceField(
        label=_("Pengiriman yang tidak bisa Anda layani"), coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Pengiriman yang sudah dibagi tidak berubah: untuk itu pakai tombol "
                    "“Tidak bisa mengirim” pada bagian Anda."))

    def __init__(self, *args, contract: Contract, member, **kwargs):
        super().__init__(*args, **kwargs)
        # The member's products of the grade's kind; the service refuses, with the
        # reason, one that does not meet the grade or the channel's rules.
        self.fields["product"].queryset = Product.objects.filter(
            member=member, category_id=contract.grade.category_id,
            status=Product.Status.APPROVED).order_by("name", "pk")
        self.fields["quantity"].help_text = _("Dalam %(unit)s, untuk setiap pengiriman.") % {
            "unit": contract.get_unit_display()}
        self.fields["unavailable"].choices = [
            (d.sequence, _("Ke-%(n)s, %(date)s") % {"n": d.sequence,
                                                    "date": date_format(d.due_on, "j F Y")})
            for d in contract.schedule.order_by("sequence")]


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Alasan tidak bisa mengirim"), max_length=REASON_MAX,
                             widget=forms.TextInput(attrs={"placeholder": _(
                                 "Misalnya: panen gagal karena hujan")}))
