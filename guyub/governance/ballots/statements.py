"""The ballots' named SQL: the tally in one pass over the box. Django's aggregate would
need one annotated expression per option; this sums each option's bit of the
selection mask over the filled ballots of one vote of one cooperative (every
statement names its cooperative: tests/test_statements.py). 300,000 ballots tally
in one sequential scan of the vote's rows (bench)."""

from django.db import OperationalError, connection, connections, router, transaction

from guyub.core import rows

from .models import Ballot


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
                            "receipt", "sealed"],
                   ((i, cooperative_id, vote_id, False, 0, "", False) for i in ids))
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
