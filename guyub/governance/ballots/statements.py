"""The ballots' named SQL: the tally in one pass over the box. Django's aggregate would
need one annotated expression per option; this sums each option's bit of the
selection mask over the filled ballots of one vote of one cooperative (every
statement names its cooperative: tests/test_statements.py). 300,000 ballots tally
in one sequential scan of the vote's rows (bench)."""

from django.db import connection, connections, router

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


def vacuum_ballots() -> None:
    """VACUUM the ballot table (PostgreSQL only; called after a vote's close commits):
    the dead row versions of the unsealed ballots go, with the transaction ids they
    carried. VACUUM cannot run inside a transaction block: when the caller is still in
    one (a surrounding atomic block or ATOMIC_REQUESTS, where on_commit would not have
    run yet, or a test's wrapping transaction) it is left to autovacuum."""
    connection = connections[router.db_for_write(Ballot)]
    if connection.vendor != "postgresql" or connection.in_atomic_block \
            or not connection.get_autocommit():
        return
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM {connection.ops.quote_name(Ballot._meta.db_table)}")
