"""The database itself guards the books (migration 0002), whatever the code above it does.

PostgreSQL: a deferred constraint trigger refuses to COMMIT an unbalanced entry or an
entry without lines; journal rows can be neither updated nor deleted. SQLite refuses
updates. These tests go around the services on purpose, with raw SQL.
"""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from guyub.ledger.models import Account, JournalEntry, JournalLine

DAY = dt.date(2025, 3, 10)


def account_id(coop, role) -> int:
    with scopes_disabled():
        return Account.objects.get(cooperative=coop, role=role).pk


def insert_entry(cursor, coop, number=1) -> int:
    cursor.execute(
        "INSERT INTO ledger_journalentry (cooperative_id, number, date, description, "
        "source_type, source_id, source_url, posted_at) "
        "VALUES (%s, %s, %s, %s, '', '', '', %s) RETURNING id",
        [coop.pk, number, DAY, "Ditulis langsung ke basis data", timezone.now()])
    return cursor.fetchone()[0]


def insert_line(cursor, coop, entry_id, role, debit=0, credit=0):
    cursor.execute(
        "INSERT INTO ledger_journalline (cooperative_id, entry_id, account_id, date, debit, "
        "credit) VALUES (%s, %s, %s, %s, %s, %s)",
        [coop.pk, entry_id, account_id(coop, role), DAY, debit, credit])


def books_of(coop):
    with scopes_disabled():
        return (JournalEntry.objects.filter(cooperative=coop).count(),
                JournalLine.objects.filter(cooperative=coop).count())


# --- PostgreSQL: nothing unbalanced can be committed ----------------------------------------

@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_raw_sql_cannot_commit_an_unbalanced_entry(coop):
    with pytest.raises(IntegrityError, match="unbalanced"):
        with transaction.atomic(), connection.cursor() as cursor:
            entry = insert_entry(cursor, coop)
            insert_line(cursor, coop, entry, "cash", debit=100_000)
            insert_line(cursor, coop, entry, "income_other", credit=90_000)
            # Each statement succeeds: the check waits for COMMIT, when the whole entry
            # is there (a service writes the entry first and its lines after).
    assert books_of(coop) == (0, 0)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_raw_sql_cannot_commit_an_entry_without_lines(coop):
    with pytest.raises(IntegrityError, match="line"):
        with transaction.atomic(), connection.cursor() as cursor:
            insert_entry(cursor, coop)
    assert books_of(coop) == (0, 0)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_raw_sql_cannot_commit_an_entry_of_one_line(coop):
    with pytest.raises(IntegrityError, match="at least two"):
        with transaction.atomic(), connection.cursor() as cursor:
            entry = insert_entry(cursor, coop)
            insert_line(cursor, coop, entry, "cash", debit=100_000)
    assert books_of(coop) == (0, 0)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_raw_sql_cannot_unbalance_an_entry_already_committed(coop, post):
    entry = post("cash", "income_other", 50_000)
    # Refused at once since migration 0005: a posted entry takes no new line at all.
    with pytest.raises(IntegrityError, match="already posted"):
        with transaction.atomic(), connection.cursor() as cursor:
            insert_line(cursor, coop, entry.pk, "bank", debit=1)
    assert books_of(coop) == (1, 2)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_balanced_entry_written_with_raw_sql_commits(coop):
    # The control: the trigger refuses what is wrong, not everything written by hand.
    with transaction.atomic(), connection.cursor() as cursor:
        entry = insert_entry(cursor, coop)
        insert_line(cursor, coop, entry, "cash", debit=100_000)
        insert_line(cursor, coop, entry, "income_other", credit=60_000)
        insert_line(cursor, coop, entry, "income_members", credit=40_000)
    assert books_of(coop) == (1, 3)


# --- PostgreSQL: journal rows are append-only ------------------------------------------------

@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize("sql", [
    "UPDATE ledger_journalline SET debit = debit + 1 WHERE entry_id = %s",
    "UPDATE ledger_journalline SET member_id = NULL WHERE entry_id = %s",
    "DELETE FROM ledger_journalline WHERE entry_id = %s",
    "UPDATE ledger_journalentry SET description = 'diubah' WHERE id = %s",
    "UPDATE ledger_journalentry SET date = '2020-01-01' WHERE id = %s",
], ids=["update-line-amount", "update-line-member", "delete-lines", "update-entry",
        "backdate-entry"])
def test_raw_sql_cannot_change_journal_rows(coop, post, sql):
    entry = post("cash", "income_other", 50_000)
    with pytest.raises(IntegrityError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    with scopes_disabled():
        entry.refresh_from_db()
        assert (entry.description, entry.date) == ("Jurnal uji", DAY)
        assert sorted(entry.lines.values_list("debit", "credit")) == [(0, 50_000), (50_000, 0)]


@pytest.mark.postgres
@pytest.mark.django_db
def test_raw_sql_cannot_delete_a_journal_entry(coop, post):
    entry = post("cash", "income_other", 50_000)
    with pytest.raises(IntegrityError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            # Django's foreign keys wait for COMMIT; the trigger refuses at once.
            cursor.execute("DELETE FROM ledger_journalentry WHERE id = %s", [entry.pk])
    assert books_of(coop) == (1, 2)


# --- every database: no UPDATE -------------------------------------------------------------

@pytest.mark.django_db
def test_the_database_refuses_to_update_a_journal_line(coop, post):
    entry = post("cash", "income_other", 50_000)
    with pytest.raises(IntegrityError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE ledger_journalline SET credit = 1 WHERE entry_id = %s",
                           [entry.pk])
    # Through the ORM, too: a queryset update() is plain SQL underneath.
    with pytest.raises(IntegrityError, match="append-only"):
        with transaction.atomic(), scopes_disabled():
            JournalLine.objects.filter(entry=entry).update(debit=1)
    with scopes_disabled():
        assert sorted(entry.lines.values_list("debit", "credit")) == [(0, 50_000), (50_000, 0)]


@pytest.mark.django_db
def test_the_database_refuses_to_update_a_journal_entry(coop, post):
    entry = post("cash", "income_other", 50_000)
    entry.description = "Diubah diam-diam"
    with pytest.raises(IntegrityError, match="append-only"):
        with transaction.atomic():
            entry.save()
    with scopes_disabled():
        assert JournalEntry.objects.get(pk=entry.pk).description == "Jurnal uji"
