"""What every audit code and every detail key means, in words staff read.

The codes stay as they are written (stable, searchable, in English); this registry is
the only place that turns them into Indonesian. A test reads every `log_action(...)`
in the code base and fails when a code or a detail key is missing here.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The verb phrase that follows the person's name; the object's name (a link where the
# object has a page) follows it. "Sistem" stands in for scheduled jobs.
ACTIONS: dict[str, str] = {
    # members
    "member.applied": _("mengajukan permohonan menjadi anggota"),
    "member.registered": _("mendaftarkan anggota"),
    "member.updated": _("mengubah data anggota"),
    "member.approved": _("menyetujui permohonan anggota"),
    "member.rejected": _("menolak permohonan anggota"),
    "member.exited": _("mencatat keluarnya anggota"),
    "member.expelled": _("memberhentikan anggota"),
    # simpanan: kind × transaction type, plus the settlement when a member leaves
    "simpanan.pokok.deposit": _("mencatat setoran simpanan pokok dari"),
    "simpanan.pokok.withdrawal": _("mencatat penarikan simpanan pokok oleh"),
    "simpanan.pokok.settlement": _("mengembalikan simpanan pokok kepada"),
    "simpanan.wajib.deposit": _("mencatat setoran simpanan wajib dari"),
    "simpanan.wajib.withdrawal": _("mencatat penarikan simpanan wajib oleh"),
    "simpanan.wajib.settlement": _("mengembalikan simpanan wajib kepada"),
    "simpanan.sukarela.deposit": _("mencatat setoran simpanan sukarela dari"),
    "simpanan.sukarela.withdrawal": _("mencatat penarikan simpanan sukarela oleh"),
    "simpanan.sukarela.settlement": _("mengembalikan simpanan sukarela kepada"),
    "simpanan.settlement": _("menyelesaikan simpanan anggota yang keluar"),
    # the cooperative and access
    "cooperative.updated": _("mengubah pengaturan koperasi"),
    "cooperative.payment_details_changed": _("mengubah rekening pembayaran koperasi"),
    "role.granted": _("memberikan peran"),
    "token.issued": _("menerbitkan token API"),
    "token.revoked": _("mencabut token API"),
    "job.run": _("menjalankan tugas terjadwal"),
    # ledger
    "journal.reversed": _("membalik jurnal"),
    "account.created": _("menambah akun"),
    "account.deleted": _("menghapus akun"),
    "period.closed": _("menutup buku"),
    # catalogue
    "product.created": _("menambah produk"),
    "product.updated": _("mengubah produk"),
    "product.submitted": _("mengajukan kurasi produk"),
    "product.approve": _("menyetujui produk"),
    "product.changes": _("meminta perbaikan produk"),
    "product.reject": _("menolak produk"),

    "product.photo_added": _("menambah foto produk"),
    "certificate.added": _("menambah sertifikat"),
    "certificate.updated": _("mengubah sertifikat"),
    "category.created": _("menambah kategori"),
    "category.updated": _("mengubah kategori"),
    "channel.created": _("menambah saluran penjualan"),
    "channel.updated": _("mengubah saluran penjualan"),
    "bundle.created": _("menambah paket"),
    "bundle.updated": _("mengubah paket"),
    # sales
    "order.placed": _("menerima pesanan"),
    "order.cancelled": _("membatalkan pesanan"),
    "order.paid": _("mencatat pembayaran pesanan"),
    "order.part_paid": _("mencatat pembayaran sebagian pesanan"),
    "fulfilment.handed_over": _("mencatat serah barang untuk pesanan"),
    "shipment.created": _("membuat pengiriman"),
    "shipment.shipped": _("mengirim"),
    "shipment.delivered": _("mencatat diterimanya"),
    "payout.created": _("membayar hasil titip jual"),
    # collective purchasing
    "purchase.opened": _("membuka pembelian bersama"),
    "purchase.committed": _("mencatat pesanan anggota pada pembelian bersama"),
    "purchase.withdrawn": _("mencatat penarikan pesanan anggota dari pembelian bersama"),
    "purchase.closed": _("menutup pembelian bersama"),
    "purchase.cancelled": _("membatalkan pembelian bersama"),
    "purchase.received": _("mencatat penerimaan barang pembelian bersama"),
    "purchase.paid": _("mencatat pembayaran anggota untuk pembelian bersama"),
    "purchase.picked_up": _("mencatat pengambilan barang pembelian bersama"),
    "purchase.supplier_paid": _("membayar pemasok untuk pembelian bersama"),
    "supplier.created": _("menambah pemasok"),
    "supplier.updated": _("mengubah pemasok"),
    "supplier.deleted": _("menghapus pemasok"),
    "purchase_item.created": _("menambah barang pembelian"),
    "purchase_item.updated": _("mengubah barang pembelian"),
    "price_list.created": _("menambah daftar harga pemasok"),
    "price_list.updated": _("mengubah daftar harga pemasok"),
    "price_list.deleted": _("menghapus daftar harga pemasok"),
    # tenders
    "tender.created": _("membuka tender"),
    "tender.invited": _("mengundang pemasok ke tender"),
    "tender.terms_changed": _("mengubah syarat tender"),
    "tender.bid_voided": _("membatalkan penawaran karena syarat berubah pada tender"),
    "tender.bid_placed": _("memasukkan penawaran pada tender"),
    "tender.bid_replaced": _("mengganti penawaran pada tender"),
    "tender.cancelled": _("membatalkan tender"),
    "tender.deadline_passed": _("menutup tender karena batas waktu lewat:"),
    "tender.awarded": _("menetapkan pemenang tender"),
    # contract deliveries: quality checks, invoices to buyers, paying members
    "contract_settings.updated": _("mengubah pengaturan pembayaran kontrak"),
    "contract_goods.checked": _("memeriksa mutu barang kontrak dari anggota:"),
    "contract_delivery.delivered": _("mengirim barang kontrak ke pembeli dengan faktur"),
    "contract_invoice.paid": _("mencatat pembayaran pembeli untuk faktur kontrak"),
    "contract_member.paid": _("membayar anggota untuk barang kontrak:"),
    # contracts: allocation among members
    "contract.rule_changed": _("mengubah aturan pembagian kontrak"),
    "contract.rule_published": _("mengumumkan aturan pembagian kontrak"),
    "capacity.declared": _("mencatat kapasitas anggota untuk kontrak"),
    "delivery.allocated": _("membagi pengiriman ke anggota untuk kontrak"),
    "delivery.reallocated": _("membagi ulang pengiriman ke anggota cadangan untuk kontrak"),
    "allotment.withdrawn": _("mencatat anggota yang tidak bisa mengirim bagiannya untuk kontrak"),
    # contract disputes
    "dispute.opened": _("membuka keluhan pengiriman kontrak"),
    "dispute.message": _("menulis pesan pada keluhan pengiriman kontrak"),
    "dispute.mediating": _("memulai mediasi keluhan pengiriman kontrak"),
    "dispute.resolved": _("menyelesaikan keluhan pengiriman kontrak"),
    # the solidarity fund (dana sosial)
    "solidarity.contribution": _("mencatat sumbangan dana sosial"),
    "solidarity.requested": _("mencatat permohonan bantuan dana sosial"),
    "solidarity.approved": _("menyetujui permohonan bantuan dana sosial"),
    "solidarity.refused": _("menolak permohonan bantuan dana sosial"),
    "solidarity.paid": _("membayar bantuan dana sosial"),
    # the help board
    "helpboard.posted": _("menulis di papan bantuan"),
    "helpboard.replied": _("membalas di papan bantuan"),
    "helpboard.done": _("menandai selesai tulisan di papan bantuan"),
    "helpboard.post_hidden": _("menyembunyikan tulisan di papan bantuan"),
    "helpboard.reply_hidden": _("menyembunyikan balasan di papan bantuan"),
    "helpboard.mentor": _("mengubah data mentor di papan bantuan"),
    # contracts: negotiation
    "grade.created": _("membuat mutu produk"),
    "grade.updated": _("mengubah mutu produk"),
    "grade.approved": _("menyatakan produk memenuhi mutu"),
    "grade.approval_ended": _("mengakhiri persetujuan mutu produk untuk"),
    "floor_price.set": _("menetapkan harga dasar untuk mutu"),
    "business_profile.created": _("membuat profil usaha pembeli"),
    "business_profile.updated": _("mengubah profil usaha pembeli"),
    "contract.requested": _("meminta kontrak"),
    "contract.offered": _("mengajukan penawaran pada kontrak"),
    "contract.message": _("mengirim pesan pada kontrak"),
    "contract.agreed": _("menyetujui kontrak"),
    "contract.amended": _("menyetujui perubahan kontrak"),
    "contract.declined": _("menolak kontrak"),
    "contract.withdrawn": _("membatalkan permintaan kontrak"),
    "contract.amendment_started": _("mengusulkan perubahan kontrak"),
}

# How a detail value reads. A kind naming a model ("member", "supplier"...) turns ids
# into names linked to their pages; the rest format the value.
TEXT, MONEY, NUMBER, DATE, DATETIME, BOOL, CHANGES, TIERS, RULES = (
    "text", "money", "number", "date", "datetime", "bool", "changes", "tiers", "rules")

# key → (label, kind). A key that means different things in two actions is also
# listed as "action:key", which wins for that action.
DATA_KEYS: dict[str, tuple[str, str]] = {
    "amount": (pgettext_lazy("amount", "Jumlah"), MONEY),
    "total": (_("Total"), MONEY),
    "cost": (_("Ongkos kirim"), MONEY),
    "balance_due": (_("Sisa tagihan"), MONEY),
    "offset": (_("Dipotong untuk utang"), MONEY),
    "payout": (_("Dibayarkan"), MONEY),
    "retail_reference_price": (_("Harga eceran acuan"), MONEY),
    "commission_pct": (_("Komisi (%)"), NUMBER),
    "quantity": (_("Jumlah barang"), NUMBER),
    "new_quantity": (_("Jumlah baru"), NUMBER),
    "tolerance": (_("Toleransi"), NUMBER),
    "received": (_("Diterima"), NUMBER),
    "ordered": (_("Dipesan"), NUMBER),
    "pack_size": (_("Isi kemasan"), NUMBER),
    "months": (_("Jumlah bulan"), NUMBER),
    "members": (_("Jumlah anggota"), NUMBER),
    "terms_version": (_("Versi syarat"), NUMBER),
    "new_terms_version": (_("Versi syarat baru"), NUMBER),
    "voided_bids": (_("Penawaran dibatalkan"), NUMBER),
    "date": (_("Tanggal"), DATE),
    "through": (_("Sampai tanggal"), DATE),
    "expires_on": (_("Berlaku sampai"), DATE),
    "deadline": (_("Batas waktu"), DATETIME),
    "closes_at": (_("Ditutup"), DATETIME),
    "active": (_("Aktif"), BOOL),
    "is_food": (_("Pangan"), BOOL),
    "deadline_extended": (_("Batas waktu diperpanjang"), BOOL),
    "note": (_("Catatan"), TEXT),
    "job": (_("Tugas"), TEXT),
    "reason": (_("Alasan"), TEXT),
    "notice": (_("Pemberitahuan"), TEXT),
    "number": (_("Nomor"), TEXT),
    "reference": (_("Referensi"), TEXT),
    "method": (_("Cara bayar"), "method"),
    "receipt": (_("Bukti"), TEXT),
    "reversal": (_("Jurnal pembalik"), TEXT),
    "entry": (_("Jurnal"), TEXT),
    "orders": (_("Pesanan"), TEXT),
    "payee": (_("Penerima"), TEXT),
    "tracking_number": (_("Nomor resi"), TEXT),
    "role": (_("Peran"), "role"),
    "user": (_("Pengguna"), "user"),
    "changes": (_("Perubahan"), CHANGES),
    "tiers": (_("Harga bertingkat"), TIERS),
    "rules": (_("Syarat saluran"), RULES),
    "member": (_("Anggota"), "member"),
    "product": (_("Produk"), "product"),
    "supplier": (_("Pemasok"), "supplier"),
    "suppliers": (_("Pemasok"), "supplier"),
    "price_list": (_("Daftar harga"), "price_list"),
    "price_lists": (_("Daftar harga"), "price_list"),
    "bid": (_("Penawaran"), "bid"),
    "item": (_("Barang"), "round_item"),
    "tender.created:item": (_("Barang"), "purchase_item"),
    "days": (_("Jumlah hari"), NUMBER),
    "fee_pct": (_("Jasa koperasi (%)"), NUMBER),
    "accepted": (_("Lolos uji mutu"), NUMBER),
    "rejected": (_("Ditolak"), NUMBER),
    "contract_delivery.delivered:cost": (_("Harga pokok (bagian anggota)"), MONEY),
    "rule": (_("Aturan pembagian"), TEXT),
    "unavailable": (_("Pengiriman yang tidak bisa dilayani"), TEXT),
    "delivery": (_("Pengiriman ke-"), NUMBER),
    "shortfall": (_("Kekurangan"), NUMBER),
    "supplier.created:user": (_("Akun pemasok"), "user"),
    # contract disputes
    "party": (_("Pihak"), TEXT),
    "subject": (_("Pokok keluhan"), TEXT),
    "resolution": (_("Penyelesaian"), TEXT),
    "invoice": (_("Faktur"), TEXT),
    "dispute.resolved:quantity": (_("Jumlah diganti"), NUMBER),
    "dispute.resolved:amount": (_("Potongan harga"), MONEY),
    "source": (_("Dasar penetapan"), TEXT),
    # the solidarity fund and the help board
    "solidarity.contribution:source": (_("Sumber"), TEXT),
    "solidarity.contribution:method": (_("Cara"), TEXT),
    "category": (_("Kategori"), TEXT),
    "title": (_("Judul"), TEXT),
    "kind": (_("Jenis"), TEXT),
    "post": (_("Tulisan"), NUMBER),
    "sectors": (_("Sektor"), TEXT),
}

def describe_action(code: str) -> str:
    """The phrase for a code; an unknown code (an old entry) reads as itself."""
    return ACTIONS.get(code, code)

def data_key(action: str, key: str) -> tuple[str, str]:
    return DATA_KEYS.get(f"{action}:{key}") or DATA_KEYS.get(key) or (key, TEXT)
