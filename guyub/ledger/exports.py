"""Row iterators for the ledger's Excel exports (header row first)."""

from django.utils.translation import gettext as _


def trial_balance_rows(rows):
    yield [_("Kode"), _("Akun"), _("Jenis"), _("Debit"), _("Kredit"), _("Saldo debit"),
           _("Saldo kredit")]
    for r in rows:
        yield [r.account.code, r.account.name, r.account.get_type_display(), int(r.debit),
               int(r.credit), int(r.debit_balance), int(r.credit_balance)]


def account_ledger_rows(account, opening, rows):
    yield [_("Tanggal"), _("No. jurnal"), _("Keterangan"), _("Anggota"), _("Debit"),
           _("Kredit"), _("Saldo")]
    yield ["", "", _("Saldo awal"), "", None, None, int(opening)]
    for line, balance in rows:
        yield [line.date, line.entry.display_number, line.entry.description,
               line.member.owner_name if line.member else "", int(line.debit) or None,
               int(line.credit) or None, int(balance)]


def journal_rows(entries):
    yield [_("Tanggal"), _("No. jurnal"), _("Keterangan"), _("Akun"), _("Anggota"), _("Debit"),
           _("Kredit")]
    for entry in entries:
        for line in entry.lines.all():
            yield [entry.date, entry.display_number, entry.description, str(line.account),
                   line.member.owner_name if line.member else "", int(line.debit) or None,
                   int(line.credit) or None]
