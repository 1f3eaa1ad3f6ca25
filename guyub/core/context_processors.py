from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Options of a NAV entry (its optional fourth element).
NEW_TAB = {"new_tab": True}

# (label, url name, permission[, options]): the navigation a role sees is what it may open.
NAV = [
    (_("Beranda"), "core:dashboard", "coop.view"),
    (_("Anggota"), "members:list", "members.view"),
    (_("Permohonan"), "members:applications", "members.approve"),
    (_("Profil saya"), "members:portal", "portal.view"),
    (_("Produk saya"), "catalog:my_products", "catalog.own"),
    (_("Setoran barang"), "sales:my_picklist", "sales.own"),
    (_("Penjualan saya"), "reports:my_sales", "sales.own"),
    (_("Toko"), "store:home", "orders.own"),
    (_("Pesanan saya"), "sales:my_orders", "orders.own"),
    (_("Beli bersama"), "purchasing:my_rounds", "purchasing.commit"),
    (_("Undangan tender"), "tenders:my_tenders", "tenders.bid"),
    (_("Pesanan pembelian"), "purchasing:supplier_portal", "supplier.portal"),
    (_("Tunggakan"), "members:arrears", "simpanan.view"),
    (_("Produk"), "catalog:products", "catalog.view"),
    (_("Pesanan"), "sales:orders", "sales.view"),
    (_("Setoran anggota"), "sales:picklist", "sales.view"),
    (_("Pengiriman"), "sales:shipments", "sales.view"),
    (_("Pembayaran anggota"), "sales:payouts", "sales.view"),
    # Officers look at the public storefront as buyers see it, beside the back office.
    (_("Toko publik"), "store:home", "sales.view", NEW_TAB),
    (_("Pembelian bersama"), "purchasing:rounds", "purchasing.view"),
    (_("Pemasok"), "purchasing:suppliers", "purchasing.view"),
    (_("Tender"), "tenders:list", "tenders.view"),
    (_("Laporan"), "reports:sales", "reports.view"),
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
    items, seen = [], set()
    for label, name, perm, *options in NAV:
        # A page listed twice (the buyer's Toko, an officer's Toko publik) shows once.
        if name in seen or not access.can(perm):
            continue
        seen.add(name)
        items.append({"label": label, "url": reverse(name, args=[slug]), "name": name,
                      **(options[0] if options else {})})
    return {"nav_items": items, "coop": access.cooperative, "access": access}
