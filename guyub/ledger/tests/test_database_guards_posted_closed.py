"""The guards of ledger migration 0005, proven with raw SQL that goes around the
services: no line added to a posted entry, no TRUNCATE of the journal (PostgreSQL), and
nothing dated in a closed period (PostgreSQL and SQLite)."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from guyub.ledger.models import PeriodClose

from .test_database_guards import DAY, books_of, insert_entry, insert_line


def close_books(coop, through):
    with scopes_disabled():
        PeriodClose.objects.create(cooperative=coop, closed_through=through)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_balanced_pair_cannot_be_slipped_into_a_posted_entry(coop, post):
    entry = post("cash", "income_other", 50_000)
    with pytest.raises(IntegrityError, match="already posted"):
        with transaction.atomic(), connection.cursor() as cursor:
            insert_line(cursor, coop, entry.pk, "bank", debit=10_000)
            insert_line(cursor, coop, entry.pk, "income_members", credit=10_000)
    assert books_of(coop) == (1, 2)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_entry_takes_its_lines_in_the_transaction_that_writes_it_savepoints_too(coop):
    # The control: the entry and its lines in one transaction, each in a savepoint as
    # nested atomic blocks make them.
    with transaction.atomic(), connection.cursor() as cursor:
        with transaction.atomic():
            entry = insert_entry(cursor, coop)
        with transaction.atomic():
            insert_line(cursor, coop, entry, "cash", debit=70_000)
        insert_line(cursor, coop, entry, "income_other", credit=70_000)
    assert books_of(coop) == (1, 2)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)  # its flush afterwards is a TRUNCATE, allowed
@pytest.mark.parametrize("table", ["ledger_journalline", "ledger_journalentry"])
def test_the_journal_cannot_be_truncated(coop, post, table):
    post("cash", "income_other", 50_000)
    with pytest.raises(IntegrityError, match="TRUNCATE"):
        with transaction.atomic(), connection.cursor() as cursor:
            # What production sessions have: the test settings allow it for the flush.
            cursor.execute("SET LOCAL guyub.allow_truncate = 'off'")
            cursor.execute(f"TRUNCATE {table} CASCADE")
    assert books_of(coop) == (1, 2)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_truncating_a_cooperative_does_not_empty_its_journal(coop, post):
    post("cash", "income_other", 50_000)
    with pytest.raises(IntegrityError, match="TRUNCATE"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL guyub.allow_truncate = 'off'")
            cursor.execute("TRUNCATE core_cooperative CASCADE")
    assert books_of(coop) == (1, 2)


@pytest.mark.django_db
@pytest.mark.parametrize("day", [DAY, DAY - dt.timedelta(days=40)], ids=["last-day", "before"])
def test_the_database_refuses_lines_dated_in_a_closed_period(coop, day):
    # The line's own date is checked: an entry dated after the close does not carry
    # lines dated inside it.
    close_books(coop, DAY)
    with pytest.raises(IntegrityError, match="closed"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO ledger_journalentry (cooperative_id, number, date, description, "
                "source_type, source_id, source_url, posted_at) "
                "VALUES (%s, 1, %s, 'Ditulis langsung', '', '', '', %s) RETURNING id",
                [coop.pk, DAY + dt.timedelta(days=1), timezone.now()])
            entry = cursor.fetchone()[0]
            cursor.execute(
                "INSERT INTO ledger_journalline (cooperative_id, entry_id, account_id, date, "
                "debit, credit) SELECT %s, %s, a.id, %s, 1, 0 FROM ledger_account a "
                "WHERE a.cooperative_id = %s LIMIT 1", [coop.pk, entry, day, coop.pk])
    assert books_of(coop) == (0, 0)


@pytest.mark.django_db
def test_the_database_refuses_an_entry_dated_in_a_closed_period(coop):
    close_books(coop, DAY)
    with pytest.raises(IntegrityError, match="closed"):
        with transaction.atomic(), connection.cursor() as cursor:
            insert_entry(cursor, coop)
    assert books_of(coop) == (0, 0)


@pytest.mark.django_db
def test_after_the_closed_day_and_in_other_cooperatives_posting_goes_on(coop, other_coop,
                                                                       post):
    close_books(coop, DAY - dt.timedelta(days=1))
    close_books(other_coop, DAY + dt.timedelta(days=30))  # another cooperative's books
    post("cash", "income_other", 50_000, date=DAY)
    assert books_of(coop) == (1, 2)
