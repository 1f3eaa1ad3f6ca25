import datetime as dt
from decimal import Decimal

from django.core.paginator import Paginator
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from guyub.core.api import ERRORS
from guyub.core.api_auth import api_access

from . import selectors
from .models import Account

router = Router(tags=["ledger"])


class AccountOut(Schema):
    id: int
    code: str
    name: str
    type: str
    role: str


class TrialBalanceRowOut(Schema):
    account: AccountOut
    debit: Decimal
    credit: Decimal
    balance: Decimal


class TrialBalanceOut(Schema):
    as_of: dt.date
    rows: list[TrialBalanceRowOut]
    total_debit: Decimal
    total_credit: Decimal


class LineOut(Schema):
    account_id: int
    debit: Decimal
    credit: Decimal
    member_id: int | None


class EntryOut(Schema):
    id: int
    number: int
    date: dt.date
    description: str
    source_type: str
    source_id: str
    reverses_id: int | None
    lines: list[LineOut]


class EntryPage(Schema):
    count: int
    page: int
    pages: int
    items: list[EntryOut]


class EntryFilters(Schema):
    start: dt.date | None = None
    end: dt.date | None = None
    page: int = Field(1, ge=1, le=1_000_000)


@router.get("/{slug}/ledger/accounts", response={200: list[AccountOut], **ERRORS})
def list_accounts(request, slug: str):
    with api_access(request, slug, "ledger.view"):
        return list(Account.objects.order_by("code"))


@router.get("/{slug}/ledger/trial-balance", response={200: TrialBalanceOut, **ERRORS})
def trial_balance(request, slug: str, as_of: dt.date | None = None):
    """Totals per account up to `as_of` (default today). Debits always equal credits."""
    with api_access(request, slug, "ledger.view"):
        as_of = as_of or timezone.localdate()
        rows = selectors.trial_balance(as_of=as_of)
        return {
            "as_of": as_of,
            "rows": [{"account": r.account, "debit": r.debit, "credit": r.credit,
                      "balance": r.balance} for r in rows],
            "total_debit": sum((r.debit for r in rows), Decimal(0)),
            "total_credit": sum((r.credit for r in rows), Decimal(0)),
        }


@router.get("/{slug}/ledger/entries", response={200: EntryPage, **ERRORS})
def list_entries(request, slug: str, filters: Query[EntryFilters]):
    with api_access(request, slug, "ledger.view"):
        entries = selectors.journal(start=filters.start, end=filters.end)
        page = Paginator(entries, 50).get_page(filters.page)
        return {"count": page.paginator.count, "page": page.number,
                "pages": page.paginator.num_pages,
                "items": [{**_entry(e)} for e in page]}


def _entry(entry) -> dict:
    return {"id": entry.pk, "number": entry.number, "date": entry.date,
            "description": entry.description, "source_type": entry.source_type,
            "source_id": entry.source_id, "reverses_id": entry.reverses_id,
            "lines": list(entry.lines.all())}
