"""The door's named SQL (docs/architecture.md, "Fast paths"): the reads of a check-in
and of a tablet cast, written once from the models through core/rows.py and prepared
on PostgreSQL. Through the QuerySet (the register and the meeting ordered through
their parents) composing them cost more than running them: on a RAT of 300,000 the
check-in and the tablet cast are the API's busiest calls (bench/governance.py). Every
statement names its cooperative (tests/test_statements.py)."""

from functools import cache

from django.db import connection

from guyub.core import rows

from ..meetings.models import Meeting
from .models import Attendance, RegisterEntry

# The register's columns: the member number is a 32-bit integer, the id 64-bit. A key
# past them is on no register (the database would refuse the comparison itself).
MAX_NUMBER, MAX_ID = 2**31 - 1, 2**63 - 1


def _fits(key, limit: int) -> bool:
    return isinstance(key, int) and not isinstance(key, bool) and 0 < key <= limit


@cache
def meeting_sql() -> str:
    return (f"SELECT {rows.columns(Meeting, 'm')} FROM {Meeting._meta.db_table} m "
            "WHERE m.cooperative_id = %s AND m.id = %s")


@cache
def entry_sql(by: str, lock: bool) -> str:
    """The register entry of a meeting by id or number; `lock`: FOR NO KEY UPDATE
    (the attendance rows may still point at it) where the database locks rows."""
    assert by in ("id", "number")
    lock_clause = " FOR NO KEY UPDATE" if lock and connection.features.has_select_for_update \
        else ""
    return (f"SELECT {rows.columns(RegisterEntry, 'r')} FROM {RegisterEntry._meta.db_table} r "
            f"WHERE r.cooperative_id = %s AND r.meeting_id = %s AND r.{by} = %s{lock_clause}")


@cache
def attendance_sql() -> str:
    return (f"SELECT {rows.columns(Attendance, 'a')} FROM {Attendance._meta.db_table} a "
            "WHERE a.cooperative_id = %s AND a.entry_id = %s")


@cache
def in_room_sql() -> str:
    return (f"SELECT 1 FROM {Attendance._meta.db_table} a WHERE a.cooperative_id = %s "
            "AND a.entry_id = %s AND a.mode = %s AND a.left_at IS NULL")


def meeting(*, cooperative_id: int, meeting_id: int) -> Meeting | None:
    found = rows.execute(meeting_sql(), [cooperative_id, meeting_id]) \
        if _fits(meeting_id, MAX_ID) else []
    return rows.build(Meeting, found[0])[0] if found else None


def entry(*, cooperative_id: int, meeting_id: int, entry_id=None, number=None,
          lock: bool = False) -> RegisterEntry | None:
    """By entry id (a signed card) or member number (typed); locked with `lock` until
    the transaction ends."""
    by, key, limit = ("id", entry_id, MAX_ID) if entry_id else ("number", number, MAX_NUMBER)
    if not _fits(key, limit):
        return None
    found = rows.execute(entry_sql(by, lock), [cooperative_id, meeting_id, key])
    return rows.build(RegisterEntry, found[0])[0] if found else None


def attendance(*, cooperative_id: int, entry_id: int) -> Attendance | None:
    found = rows.execute(attendance_sql(), [cooperative_id, entry_id])
    return rows.build(Attendance, found[0])[0] if found else None


def in_room(*, cooperative_id: int, entry_id: int) -> bool:
    """Checked in at the door and not gone out."""
    return bool(rows.execute(in_room_sql(), [cooperative_id, entry_id,
                                             str(Attendance.Mode.IN_PERSON)]))
