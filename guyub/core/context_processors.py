from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# (label, url name, permission): the navigation a role sees is what it may open.
NAV = [
    (_("Beranda"), "core:dashboard", "coop.view"),
    (_("Anggota"), "members:list", "members.view"),
    (_("Permohonan"), "members:applications", "members.approve"),
    (_("Profil saya"), "members:portal", "portal.view"),
    (_("Tunggakan"), "members:arrears", "simpanan.view"),
    (_("Pesanan"), "sales:orders", "sales.view"),
    (_("Buku besar"), "ledger:trial_balance", "ledger.view"),
    (_("Log audit"), "core:audit", "audit.view"),
    (_("Token API"), "core:tokens", "tokens.manage"),
    (_("Pengaturan"), "core:settings", "coop.edit"),
]


def navigation(request):
    access = getattr(request, "access", None)
    if access is None:
        return {}
    slug = access.cooperative.slug
    items = [
        {"label": label, "url": reverse(name, args=[slug]), "name": name}
        for label, name, perm in NAV
        if access.can(perm)
    ]
    return {"nav_items": items, "coop": access.cooperative, "access": access}
