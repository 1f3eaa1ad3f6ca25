"""Catatan atas Laporan Keuangan (CALK): the accounting policies, a short fixed text,
and, for each statement line, the accounts it is made of with their amounts."""

from django.utils.translation import gettext as _

from .layout import Statement


def policies(coop_name: str, year: int) -> list[tuple[str, str]]:
    """(heading, text) of the accounting policies."""
    return [
        (_("Gambaran umum"),
         _("%(coop)s adalah koperasi yang menyusun laporan keuangan tahun buku %(year)s "
           "untuk anggota, pengurus, pengawas dan Rapat Anggota Tahunan.")
         % {"coop": coop_name, "year": year}),
        (_("Dasar penyusunan"),
         _("Laporan keuangan disusun menurut Standar Akuntansi Keuangan Entitas Privat "
           "(SAK EP) dan ketentuan perkoperasian, dengan dasar akrual dan biaya historis, "
           "dalam rupiah penuh. Tahun buku 1 Januari sampai 31 Desember.")),
        (_("Anggota dan non-anggota"),
         _("Pendapatan dari transaksi dengan anggota (pendapatan partisipasi anggota) "
           "dicatat terpisah dari pendapatan dari non-anggota. SHU dibagi menjadi bagian "
           "anggota dan bagian non-anggota menurut perbandingan kedua pendapatan itu; "
           "bagian non-anggota tidak dibagikan kepada anggota.")),
        (_("Sisa hasil usaha"),
         _("SHU tahun berjalan adalah pendapatan dikurangi beban tahun itu. Pada tutup "
           "buku pendapatan dan beban dipindahkan ke akun SHU tahun berjalan dengan jurnal "
           "penutup; jurnal penutup tidak dihitung dalam Laporan Hasil Usaha. SHU dibagi "
           "menurut anggaran dasar setelah disahkan Rapat Anggota Tahunan.")),
        (_("Simpanan anggota"),
         _("Simpanan pokok dan simpanan wajib adalah ekuitas; simpanan sukarela dapat "
           "ditarik anggota dan disajikan sebagai kewajiban jangka pendek.")),
        (_("Arus kas"),
         _("Laporan arus kas disusun dengan metode tidak langsung: SHU tahun berjalan "
           "disesuaikan dengan perubahan akun-akun selain kas dan bank.")),
    ]


def detailed(statements: list[Statement]) -> list[tuple[Statement, list]]:
    """(statement, its lines that are made of accounts) for the notes."""
    return [(s, [r for r in s.rows if r.drills]) for s in statements]
