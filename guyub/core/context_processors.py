from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .links import allowed_url

# Options of a NAV entry (its optional third element).
NEW_TAB = {"new_tab": True}


def _for(permission: str) -> dict:
    """For a public page (the storefront) shown in the menu of the roles it serves."""
    return {"permission": permission}


# Groups of (label, url name[, options]). An entry shows to the roles its page lets in
# (the page's own `coop_view` right, see guyub.core.links), so the menu never offers a
# page that answers 403. A role with few entries sees them in one flat row; officers,
# who have ~18, see them grouped (each group a <details> that opens by click or key).
NAV = [
    # The member's own dashboard is linked from their home and portal instead: one more
    # entry would fold a member's short flat menu into groups on a phone.
    (None, [(_("Beranda"), "core:dashboard"), (_("Dasbor"), "reports:dashboard")]),
    (pgettext_lazy("menu group", "Anggota"), [
        (_("Anggota"), "members:list"),
        (_("Permohonan"), "members:applications"),
        (_("Tunggakan"), "members:arrears"),
        (_("Profil saya"), "members:portal"),
    ]),
    (pgettext_lazy("menu group", "Penjualan"), [
        (_("Produk saya"), "catalog:my_products"),
        (_("Setoran barang"), "sales:my_picklist"),
        (_("Penjualan saya"), "reports:my_sales"),
        (_("Toko"), "store:home", _for("orders.own")),
        (_("Pesanan saya"), "sales:my_orders"),
        (_("Produk"), "catalog:products"),
        (_("Pesanan"), "sales:orders"),
        (_("Setoran anggota"), "sales:picklist"),
        (_("Pengiriman"), "sales:shipments"),
        (_("Pembayaran anggota"), "sales:payouts"),
        # Officers look at the public storefront as buyers see it, beside the back office.
        (_("Toko publik"), "store:home", {**_for("sales.view"), **NEW_TAB}),
    ]),
    (pgettext_lazy("menu group", "Pembelian"), [
        (_("Beli bersama"), "purchasing:my_rounds"),
        (_("Undangan tender"), "tenders:my_tenders"),
        (_("Pesanan pembelian"), "purchasing:supplier_portal"),
        (_("Pembelian bersama"), "purchasing:rounds"),
        (_("Pemasok"), "purchasing:suppliers"),
        (_("Tender"), "tenders:list"),
    ]),
    (pgettext_lazy("menu group", "Kontrak"), [
        # A member's contract pages are linked from their home page's contracts card and
        # from each other, not the menu: one more entry would fold a member's short flat
        # menu into groups on a phone. A buyer's contracts page links to its invoices,
        # complaints and business profile for the same reason.
        (_("Kontrak saya"), "contracts:my_contracts"),
        (_("Kontrak"), "contracts:list"),
        (_("Pengiriman kontrak"), "contracts:deliveries"),
        (_("Tagihan pembeli"), "contracts:receivables"),
        (_("Bayar anggota (kontrak)"), "contracts:member_payments"),
        (_("Keluhan kontrak"), "contracts:disputes"),
        (_("Mutu & harga dasar"), "contracts:grades"),
    ]),
    (pgettext_lazy("menu group", "Sumber daya"), [
        # A member's booking pages are linked from their home page's card (see Kontrak).
        (_("Pemesanan aset"), "resources:bookings"),
        (_("Aset bersama"), "resources:assets"),
        (_("Pemakaian aset"), "resources:usage"),
    ]),
    (pgettext_lazy("menu group", "Saling bantu"), [
        # A member's loans are linked from their home page, not the menu (as contracts).
        (_("Pinjaman anggota"), "support:loans"),
        (_("Dana sosial"), "support:fund"),
        (_("Papan bantuan"), "support:helpboard", _for("solidarity.view")),
    ]),
    (pgettext_lazy("menu group", "Keuangan"), [
        (_("Laporan"), "reports:sales"),
        (_("Laporan keuangan"), "finance:home"),
        (_("Buku besar"), "ledger:trial_balance"),
        (_("SHU"), "finance:shu"),
        (_("Promosi ekonomi anggota"), "finance:benefits"),
    ]),
    (pgettext_lazy("menu group", "Pengelolaan"), [
        # Members' meetings sit with the cooperative's running (a group of their own made
        # the board's menu wider than 1280 px). A member's meetings are linked from their
        # home page's card (see Kontrak).
        (_("Rapat anggota"), "governance:meetings"),
        (_("Keputusan rapat"), "governance:decisions", _for("governance.view")),
        (_("Pengurus & pengawas"), "governance:terms", _for("governance.view")),
        (_("Log audit"), "core:audit"),
        (_("Tugas terjadwal"), "core:jobs"),
        (_("Token API"), "core:tokens"),
        (_("Pengaturan"), "core:settings"),
    ]),
]
# Up to this many entries fit a 360 px phone in two short rows: no groups needed.
FLAT_UP_TO = 6


def _entries(access, current: str) -> list[tuple]:
    """(group label, item) for each entry `access` may open, in menu order."""
    slug, seen, out = access.cooperative.slug, set(), []
    for group, entries in NAV:
        for label, name, *options in entries:
            options = options[0] if options else {}
            # A page listed twice (the buyer's Toko, an officer's Toko publik) shows once.
            if name in seen:
                continue
            if "permission" in options and not access.can(options["permission"]):
                continue
            url = allowed_url(access, name, slug)
            if url is None:
                continue
            seen.add(name)
            out.append((group, {"label": label, "url": url, "name": name,
                                "current": name == current,
                                "new_tab": options.get("new_tab", False)}))
    return out


def navigation(request):
    access = getattr(request, "access", None)
    if access is None:
        return {}
    match = getattr(request, "resolver_match", None)
    entries = _entries(access, match.view_name if match else "")
    items = [item for _group, item in entries]
    groups: list[dict] = []
    for group, item in entries:
        label = group if len(items) > FLAT_UP_TO else None
        if not groups or groups[-1]["label"] != label:
            groups.append({"label": label, "items": [], "current": False})
        groups[-1]["items"].append(item)
        groups[-1]["current"] |= item["current"]
    return {"nav_items": items, "nav_groups": groups, "coop": access.cooperative,
            "access": access}
