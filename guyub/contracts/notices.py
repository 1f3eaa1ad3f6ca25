"""What contracts tell people, through the notification service: the buyer and the
board about negotiation steps and the agreement; members about a contract open for
capacity, their allotment, a delivery due tomorrow, their quality result and payment;
both sides of a complaint about its mediation; the board about overdue invoices and
member payments falling due.

Services call notify()/notify_each() with these keys inside their transaction, with a
stable event id (e.g. "contract:12:offer:57", "allotment:301:result"), so telling twice
tells nobody twice."""

from django.utils.translation import gettext_lazy as _

from guyub.notifications import Topic

NEGOTIATION_STEP = "contracts.negotiation_step"
AGREED = "contracts.agreed"
CAPACITY_OPEN = "contracts.capacity_open"
ALLOTTED = "contracts.allotted"
DELIVERY_DUE = "contracts.delivery_due"
QUALITY_RESULT = "contracts.quality_result"
MEMBER_PAID = "contracts.member_paid"
DISPUTE_UPDATE = "contracts.dispute_update"
INVOICE_OVERDUE = "contracts.invoice_overdue"
MEMBER_PAYMENTS_DUE = "contracts.member_payments_due"


def topics() -> list[Topic]:
    return [
        Topic(NEGOTIATION_STEP, _("Negosiasi kontrak"),
              _("%(party)s menulis pada kontrak %(contract)s: %(step)s.")),
        Topic(AGREED, _("Kontrak disepakati"),
              _("Kontrak %(contract)s versi %(version)s disepakati: %(quantity)s per "
                "pengiriman, %(price)s per satuan.")),
        Topic(CAPACITY_OPEN, _("Kontrak baru: nyatakan kapasitas Anda"),
              _("Kontrak %(contract)s (%(grade)s) membutuhkan %(quantity)s per pengiriman. "
                "Aturan pembagian: %(rule)s. Nyatakan kapasitas Anda.")),
        Topic(ALLOTTED, _("Bagian Anda dalam pengiriman kontrak"),
              _("Bagian Anda untuk kontrak %(contract)s, pengiriman %(due)s: %(quantity)s.")),
        Topic(DELIVERY_DUE, _("Pengiriman kontrak besok"),
              _("Besok (%(due)s) antar %(quantity)s untuk kontrak %(contract)s ke gudang "
                "koperasi.")),
        Topic(QUALITY_RESULT, _("Hasil uji mutu"),
              _("Hasil uji mutu kontrak %(contract)s, pengiriman %(due)s: %(accepted)s "
                "diterima, %(rejected)s ditolak.%(reason)s")),
        Topic(MEMBER_PAID, _("Pembayaran kontrak"),
              _("Koperasi membayar %(amount)s untuk barang Anda pada kontrak %(contract)s.")),
        Topic(DISPUTE_UPDATE, _("Keluhan pengiriman"),
              _("Keluhan “%(subject)s” pada kontrak %(contract)s: %(update)s")),
        Topic(INVOICE_OVERDUE, _("Tagihan pembeli lewat jatuh tempo"),
              _("Faktur %(invoice)s kepada %(buyer)s sebesar %(amount)s lewat jatuh tempo "
                "%(days)s hari.")),
        Topic(MEMBER_PAYMENTS_DUE, _("Anggota harus dibayar"),
              _("%(count)s pembayaran kontrak kepada anggota (%(amount)s) jatuh tempo paling "
                "lambat %(due)s. Anggota dibayar tanpa menunggu pembeli melunasi.")),
    ]
