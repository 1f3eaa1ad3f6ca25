"""Entry kinds and the closed period: ordinary postings stay out of a closed period,
the year-end's own entries (closing, adjusting) go in, both through the services and
with raw SQL that goes around them (SQLite and PostgreSQL alike)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.core.errors import DomainError
from guyub.ledger.models import EntryKind, JournalEntry, JournalLine, PeriodClose
from guyub.ledger.services import Line, post_entry, reverse_entry

from .test_database_guards import DAY, account_id, books_of


def close_books(coop, through=DAY):
    with scopes_disabled():
        PeriodClose.objects.create(cooperative=coop, closed_through=through)


def raw_entry(cursor, coop, kind, *, line_kind=None, number=1):
    """An entry of `kind` and its two balanced lines dated DAY, written with raw SQL."""
    cursor.execute(
        "INSERT INTO ledger_journalentry (cooperative_id, number, date, description, "
        "source_type, source_id, source_url, posted_at, kind) "
        "VALUES (%s, %s, %s, 'Ditulis langsung', '', '', '', %s, %s) RETURNING id",
        [coop.pk, number, DAY, timezone.now(), kind])
    entry = cursor.fetchone()[0]
    for role, debit, credit in (("cash", 5_000, 0), ("income_other", 0, 5_000)):
        cursor.execute(
            "INSERT INTO ledger_journalline (cooperative_id, entry_id, account_id, date, "
            "debit, credit, kind) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [coop.pk, entry, account_id(coop, role), DAY, debit, credit, line_kind or kind])


@pytest.mark.django_db(transaction=True)  # committed: PostgreSQL's balance check runs too
@pytest.mark.parametrize("kind", [EntryKind.ADJUSTING, EntryKind.CLOSING])
def test_the_database_lets_the_year_end_entries_into_a_closed_period(coop, kind):
    close_books(coop)
    with transaction.atomic(), connection.cursor() as cursor:
        raw_entry(cursor, coop, kind)
    assert books_of(coop) == (1, 2)
    with scopes_disabled():
        assert set(JournalLine.objects.values_list("kind", flat=True)) == {kind}


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_a_regular_entry_in_a_closed_period(coop):
    close_books(coop)
    with pytest.raises(IntegrityError, match="closed"):
        with transaction.atomic(), connection.cursor() as cursor:
            raw_entry(cursor, coop, EntryKind.REGULAR)
    assert books_of(coop) == (0, 0)


@pytest.mark.django_db(transaction=True)
def test_regular_lines_cannot_ride_in_on_an_adjusting_entry(coop):
    # An adjusting entry does not carry ordinary lines in: the line must have its entry's
    # kind (0009), and each row's own kind is checked against the close (0008).
    close_books(coop)
    with pytest.raises(IntegrityError, match="closed|kind"):
        with transaction.atomic(), connection.cursor() as cursor:
            raw_entry(cursor, coop, EntryKind.ADJUSTING, line_kind=EntryKind.REGULAR)
    assert books_of(coop) == (0, 0)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("entry_kind,line_kind", [
    (EntryKind.REGULAR, EntryKind.ADJUSTING), (EntryKind.REGULAR, EntryKind.CLOSING),
    (EntryKind.CLOSING, EntryKind.ADJUSTING)])
def test_a_line_cannot_claim_another_kind_than_its_entry(coop, entry_kind, line_kind):
    # An ordinary entry in an open period with lines marked year-end: refused though no
    # period is closed, so such lines never exist to slip past the guard on lines.
    with pytest.raises(IntegrityError, match="kind"):
        with transaction.atomic(), connection.cursor() as cursor:
            raw_entry(cursor, coop, entry_kind, line_kind=line_kind)
    assert books_of(coop) == (0, 0)


# --- the services -----------------------------------------------------------------------


def post(coop, kind, day=DAY):
    with scope(cooperative=coop):
        return post_entry(cooperative=coop, date=day, description="Uji", kind=kind,
                          lines=[Line("cash", debit=Decimal(5_000)),
                                 Line("income_other", credit=Decimal(5_000))])


@pytest.mark.django_db
def test_the_service_refuses_a_regular_posting_in_a_closed_period(coop):
    close_books(coop)
    with pytest.raises(DomainError, match="sudah ditutup"):
        post(coop, EntryKind.REGULAR)
    assert books_of(coop) == (0, 0)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [EntryKind.ADJUSTING, EntryKind.CLOSING])
def test_the_service_posts_year_end_entries_with_their_kind_on_every_line(coop, kind):
    close_books(coop)
    entry = post(coop, kind)
    with scopes_disabled():
        assert JournalEntry.objects.get().kind == kind
        assert set(entry.lines.values_list("kind", flat=True)) == {kind}


@pytest.mark.django_db
def test_a_year_end_entry_is_still_refused_in_the_future(coop):
    with pytest.raises(DomainError, match="masa depan"):
        post(coop, EntryKind.ADJUSTING, timezone.localdate() + dt.timedelta(days=1))


@pytest.mark.django_db
def test_an_unknown_kind_is_a_programming_error(coop):
    with pytest.raises(ValueError):
        post(coop, "sideways")
    assert books_of(coop) == (0, 0)


@pytest.mark.django_db
def test_a_closing_entry_cannot_be_reversed(coop, board):
    entry = post(coop, EntryKind.CLOSING)
    with scope(cooperative=coop), pytest.raises(DomainError, match="penyesuaian"):
        reverse_entry(entry=entry, date=DAY, reason="Salah", actor=board)
    assert books_of(coop) == (1, 2)
