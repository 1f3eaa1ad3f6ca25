"""The certificate form (a member's own, or any member's for curators)."""


from django import forms
from django.utils.translation import gettext_lazy as _

from guyub.catalog.form_fields import scoped_formfield
from guyub.catalog.models import (
    Certificate,
    Product,
)
from guyub.members.models import Member


class CertificateForm(forms.ModelForm):
    class Meta:
        model = Certificate
        fields = ["member", "product", "kind", "number", "issuer", "issued_on", "expires_on"]
        formfield_callback = scoped_formfield
        labels = {"member": _("Anggota"), "product": _("Produk")}
        widgets = {"issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "product": _("Kosongkan bila sertifikat berlaku untuk semua produk anggota "
                         "(misalnya PIRT dapur produksi)."),
            "expires_on": _("Kosongkan bila tidak ada masa berlaku."),
        }

    def __init__(self, *args, member: Member | None = None, **kwargs):
        """`member`: the certificate's owner is fixed (a member's own, or an edit)."""
        super().__init__(*args, **kwargs)
        products = Product.objects.select_related("member").order_by("name")
        if member is not None:
            del self.fields["member"]
            products = products.filter(member=member)
        else:
            self.fields["member"].queryset = Member.objects.filter(
                status=Member.Status.ACTIVE).order_by("business_name")
            self.fields["product"].label_from_instance = (
                lambda p: f"{p.name} — {p.member.business_name}")
        self.fields["product"].queryset = products
        self.fields["product"].empty_label = _("— semua produk anggota —")

    def clean_number(self):
        return " ".join(self.cleaned_data["number"].split())
