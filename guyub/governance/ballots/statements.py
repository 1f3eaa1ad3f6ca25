"""The ballots' named SQL: the tally in one pass over the box. Django's aggregate would
need one annotated expression per option; this sums each option's bit of the
selection mask over the filled ballots of one vote of one cooperative (every
statement names its cooperative: tests/test_statements.py). 300,000 ballots tally
in one sequential scan of the vote's rows (bench)."""

import secrets
from functools import cache

from django.db import OperationalError, connection, connections, router, transaction

from guyub.core import rows

from .models import Ballot, Option, Participation, Vote


def tally_sql(positions) -> str:
    """The statement for these option positions (whole numbers below 62, from the
    Option rows, never from a request): one column per position, then the count of
    filled ballots."""
    sums = ", ".join(f"COALESCE(SUM((b.selection >> {int(p)}) & 1), 0)" for p in positions)
    table = Ballot._meta.db_table
    return (f"SELECT {sums + ', ' if sums else ''}COUNT(*) FROM {table} b "
            "WHERE b.cooperative_id = %(coop)s AND b.vote_id = %(vote)s AND b.filled")


def tally(*, cooperative_id: int, vote_id: int, positions: list[int]) -> tuple[dict, int]:
    """(position → votes, ballots filled) of one vote."""
    positions = [int(p) for p in positions]
    (row,) = rows.execute(tally_sql(positions), {"coop": cooperative_id, "vote": vote_id})
    return ({p: int(n) for p, n in zip(positions, row[:-1], strict=True)}, int(row[-1]))


def create_blanks(*, cooperative_id: int, vote_id: int, ids) -> None:
    """Write the blank ballots of a vote opening, in the order of `ids` (already
    shuffled by the caller): on PostgreSQL one COPY, so a register of 300,000 opens in
    seconds; elsewhere bulk_create in batches."""
    rows.copy_rows(Ballot, ["id", "cooperative_id", "vote_id", "filled", "selection",
                            "receipt", "sealed", "slot"],
                   ((i, cooperative_id, vote_id, False, 0, "", False, n)
                    for n, i in enumerate(ids)))
    if connection.vendor == "postgresql":
        # Fresh statistics for the blanks just written: without them the planner picks a
        # voter's random blank by sorting the whole box (250 ms a ballot at 300,000)
        # instead of reading one index entry. ANALYZE samples, so it stays quick.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Ballot._meta.db_table}")


# How long a rewrite waits for its lock on the ballot table before leaving the work
# to the next run of the periodic job: while it waits, casts queue behind it.
REORDER_LOCK_TIMEOUT = "5s"


def reorder_ballots() -> bool:
    """Rewrite the ballot table in (vote, random id) order, once a close has committed:
    True when done (or not needed), False when the table's lock was not free in time.

    Why: on PostgreSQL a cast's UPDATE writes the filled ballot's new row version on a
    page with room, at the next free slot, so the rows' physical positions follow the
    order people voted, and the participation table lists the voters in that order.
    CLUSTER writes every live row anew in index order, the ballots' random UUIDs within
    each vote, and leaves the dead versions (each with its cast's transaction id)
    behind: after it nothing physical pairs a ballot with a voter. It locks the whole
    table (every cooperative's box) while it copies: seconds for 300,000 ballots
    (bench/README.md). SQLite updates a row in place: nothing to do."""
    connection = connections[router.db_for_write(Ballot)]
    if connection.vendor != "postgresql":
        return True
    if connection.in_atomic_block:
        # Still inside the caller's transaction (the close's own writes would make
        # CLUSTER refuse, and the lock would be held to its end): the job does it.
        return False
    table = connection.ops.quote_name(Ballot._meta.db_table)
    index = connection.ops.quote_name(Ballot._meta.indexes[0].name)
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{REORDER_LOCK_TIMEOUT}'")
            cursor.execute(f"CLUSTER {table} USING {index}")
    except OperationalError as exc:
        if getattr(exc.__cause__, "sqlstate", None) != "55P03":  # lock_not_available
            raise
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {table}")
    return True


# --- casting a ballot: the statements of one cast (bench/governance.py: through the
# QuerySet their compile was most of a tablet cast's time) -------------------------------


@cache
def vote_sql() -> str:
    return (f"SELECT {rows.columns(Vote, 'v')} FROM {Vote._meta.db_table} v "
            "WHERE v.cooperative_id = %s AND v.id = %s")


@cache
def vote_open_sql() -> str:
    return (f"SELECT 1 FROM {Vote._meta.db_table} v "
            "WHERE v.cooperative_id = %s AND v.id = %s AND v.status = %s")


@cache
def positions_sql() -> str:
    return (f"SELECT o.position FROM {Option._meta.db_table} o "
            "WHERE o.cooperative_id = %s AND o.vote_id = %s")


@cache
def participation_sql() -> str:
    return (f"INSERT INTO {Participation._meta.db_table} "
            "(cooperative_id, vote_id, entry_id, via, cast_by_id, recorded_by_id) "
            "VALUES (%s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (vote_id, entry_id) DO NOTHING RETURNING id")


# A cast first tries this many slots drawn at random; past them (most blanks filled) it
# counts what is left and takes one of those at random instead.
SLOT_TRIES = 12


def _fill(where: str) -> str:
    """Fill the blank the subquery's `where` finds: SKIP LOCKED where the database has
    it, so parallel casts take different blanks instead of queueing on one. NOT filled
    again outside the subquery: without row locks (SQLite) the writer lock alone
    serialises the casts, and the guard keeps a filled ballot filled."""
    table = Ballot._meta.db_table
    lock = " FOR UPDATE SKIP LOCKED" if connection.features.has_select_for_update_skip_locked \
        else ""
    return (f"UPDATE {table} SET filled = TRUE, selection = %s, receipt = %s "
            f"WHERE id = (SELECT b.id FROM {table} b WHERE b.cooperative_id = %s "
            f"AND b.vote_id = %s AND NOT b.filled AND {where}{lock}) "
            "AND NOT filled RETURNING id")


@cache
def fill_slot_sql() -> str:
    return _fill("b.slot = %s LIMIT 1")


@cache
def fill_nth_sql() -> str:
    # The n-th blank is found without a lock and only that one row is then locked:
    # PostgreSQL locks every row an OFFSET skips over, so a locking OFFSET would hold n
    # blanks until commit and leave the parallel casts none to take.
    # The subquery takes the vote as its own parameters, not from the outer row: a
    # correlated one is run again for every ballot scanned (quadratic: a minute per
    # cast at 20,000 ballots, against milliseconds uncorrelated).
    table = Ballot._meta.db_table
    return _fill(f"b.id = (SELECT c.id FROM {table} c WHERE c.cooperative_id = %s "
                 "AND c.vote_id = %s AND NOT c.filled ORDER BY c.slot "
                 "LIMIT 1 OFFSET %s)")


@cache
def fill_first_sql() -> str:
    """The first blank no other cast holds: a locking LIMIT 1 without OFFSET locks only
    the row it returns, so this finds a blank whenever one is free."""
    return _fill("TRUE ORDER BY b.slot LIMIT 1")


@cache
def blanks_left_sql() -> str:
    return (f"SELECT count(*) FROM {Ballot._meta.db_table} b "
            "WHERE b.cooperative_id = %s AND b.vote_id = %s AND NOT b.filled")


def vote(*, cooperative_id: int, vote_id: int) -> Vote | None:
    found = rows.execute(vote_sql(), [cooperative_id, vote_id]) \
        if 0 < vote_id <= 2**63 - 1 else []
    return rows.build(Vote, found[0])[0] if found else None


def is_open(*, cooperative_id: int, vote_id: int) -> bool:
    """Read anew (read committed: a new statement sees a close that committed)."""
    return bool(rows.execute(vote_open_sql(), [cooperative_id, vote_id,
                                               str(Vote.Status.OPEN)]))


def positions(*, cooperative_id: int, vote_id: int) -> set[int]:
    return {p for (p,) in rows.execute(positions_sql(), [cooperative_id, vote_id])}


def participate(*, cooperative_id: int, vote_id: int, entry_id: int, via: str,
                cast_by_id: int | None, recorded_by_id: int | None) -> bool:
    """The voter's participation row, or False when they already have one: the unique
    (vote, entry) constraint decides, whoever commits first (a second cast waits on
    the first's uncommitted row, then inserts nothing). ON CONFLICT DO NOTHING instead
    of catching the IntegrityError spares a savepoint's two round trips per cast."""
    return bool(rows.execute(participation_sql(), [cooperative_id, vote_id, entry_id,
                                                   str(via), cast_by_id, recorded_by_id]))


def fill_blank(*, cooperative_id: int, vote_id: int, slots: int, selection: int,
               receipt: str) -> bool:
    """Fill a blank ballot drawn uniformly at random from those left; False when the box
    has no blank left. `slots`: how many blanks the vote opened with. The ballot's id is
    never returned to the caller.

    A slot drawn at random is a uniform pick among the blanks left (a filled slot is
    drawn again). Once most are filled the draws mostly miss: then the blanks left are
    counted and the n-th of them taken, n at random, also uniform."""
    params = [selection, receipt, cooperative_id, vote_id]
    for _try in range(SLOT_TRIES if slots > 0 else 0):
        if rows.execute(fill_slot_sql(), [*params, secrets.randbelow(slots)]):
            return True
    for _try in range(5):  # another cast may hold or take the n-th meanwhile: draw again
        ((left,),) = rows.execute(blanks_left_sql(), [cooperative_id, vote_id])
        if not left:
            return False
        if rows.execute(fill_nth_sql(), [*params, cooperative_id, vote_id,
                                         secrets.randbelow(left)]):
            return True
    return bool(rows.execute(fill_first_sql(), params))
