"""What the loan services share: parsing the amounts, terms and methods people send,
the loan row lock, the page links and the ceiling check."""

from decimal import Decimal, InvalidOperation

from django.urls import reverse
from django.utils.translation import gettext as _

from guyub.core.errors import DomainError
from guyub.core.models import CoopRole
from guyub.core.money import format_rupiah
from guyub.core.roles import Role
from guyub.members.models import Member

from .. import selectors
from ..models import Loan, LoanSettings, Method, PayMethod

CASH_ACCOUNT = {PayMethod.CASH: "cash", PayMethod.BANK: "bank"}
MAX_AMOUNT = Decimal(10) ** 13  # fits the money columns (14 digits)


def amount(value) -> Decimal:
    try:
        value = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError(_("Jumlah tidak valid."), field="amount") from None
    if not value.is_finite() or value <= 0 or value != value.to_integral_value():
        raise DomainError(_("Jumlah harus rupiah utuh lebih dari nol."), field="amount")
    if value >= MAX_AMOUNT:
        raise DomainError(_("Jumlah terlalu besar."), field="amount")
    return value


def term(value, limits: LoanSettings) -> int:
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise DomainError(_("Jangka waktu tidak valid."), field="term_months") from None
    if not 1 <= value <= limits.max_term_months:
        raise DomainError(_("Jangka waktu paling lama %(n)s bulan menurut AD/ART koperasi.")
                          % {"n": limits.max_term_months}, field="term_months")
    return value


def method(value) -> str:
    if value not in Method.values:
        raise DomainError(_("Metode bunga tidak dikenal."), field="method")
    return value


def locked(loan: Loan) -> Loan:
    """The loan row, locked: every step on a loan queues here (NO KEY: rows pointing at
    the loan may still be written by others' foreign-key checks without waiting)."""
    return Loan.objects.select_related("member", "cooperative").select_for_update(
        of=("self",), no_key=True).get(pk=loan.pk)


def board(cooperative) -> list[int]:
    return list(CoopRole.objects.filter(cooperative=cooperative, role=Role.BOARD)
                .values_list("user_id", flat=True))


def loan_url(loan: Loan) -> str:
    return reverse("support:loan", args=[loan.cooperative.slug, loan.pk])


def member_loan_url(loan: Loan) -> str:
    return reverse("support:my_loan", args=[loan.cooperative.slug, loan.pk])


def check_ceiling(member: Member, amount: Decimal, limits: LoanSettings,
                   excluding: Loan | None = None) -> None:
    room = selectors.ceiling(member, limits, excluding=excluding)
    if amount > room.available:
        raise DomainError(
            _("Jumlah melebihi plafon: paling banyak %(avail)s (%(mult)s × simpanan "
              "%(simpanan)s, dikurangi pinjaman berjalan %(owed)s).")
            % {"avail": format_rupiah(room.available), "mult": room_multiple(limits),
               "simpanan": format_rupiah(room.simpanan), "owed": format_rupiah(room.owed)},
            field="amount")


def room_multiple(limits: LoanSettings) -> str:
    return f"{limits.ceiling_multiple.normalize():f}".replace(".", ",")


def require_user(actor) -> None:
    if not getattr(actor, "is_authenticated", False):
        raise DomainError(_("Langkah ini harus dicatat oleh pengguna yang masuk."))
