"""On PostgreSQL: once a vote is closed, the ballots' physical order in the table no
longer follows the order people voted (the participation table's order), so a database
administrator cannot pair them by position; a close that finds the table busy leaves
the rewrite to the periodic job, which does it later.

The test may pair ballots with voters (it kept each voter's receipt code, which only
that voter has); it checks that the table's own order no longer can."""

import random
import threading

import pytest
from django.db import connection, connections
from scipy.stats import spearmanr

from guyub.governance.ballots import codes, statements
from guyub.governance.ballots.services.reorder import reorder_boxes
from guyub.testing import governance_ballots as box

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

VOTERS = 200
# With 200 ballots a rank correlation of unrelated orders has a standard deviation of
# about 0.07: |rho| < 0.3 is over four of them. Sealed but not rewritten, the rows
# followed the casting order at rho 0.84 (80 ballots) before the rewrite existed.
UNRELATED = 0.3


def _positions(vote) -> dict[str, tuple[int, int]]:
    """receipt hash → (page, slot) of each filled ballot of `vote`."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT receipt, ctid::text FROM governance_ballot "
                       "WHERE vote_id = %s AND filled", [vote.pk])
        return {receipt: tuple(int(n) for n in ctid.strip("()").split(","))
                for receipt, ctid in cursor.fetchall()}


def casting_order_rho(vote, receipts: list[str]) -> float:
    """Spearman's rho between the order of casting and the ballots' physical positions
    (ctid: page, then slot), each ballot found by its voter's receipt."""
    where = _positions(vote)
    positions = [where[codes.receipt_hash(code)] for code in receipts]
    assert len(set(positions)) == len(receipts)
    ranks = {pos: rank for rank, pos in enumerate(sorted(positions))}
    return spearmanr(range(len(receipts)), [ranks[p] for p in positions]).statistic


def same_page_agreement(vote, receipts: list[str]) -> float:
    """Of the pairs of ballots on the same page, the share whose slots are in the order
    they were cast. PostgreSQL writes a ballot's new version at the page's next free
    slot, so while the pages keep the casting order this is near 1; for an order
    unrelated to casting it is near 1/2."""
    where = _positions(vote)
    placed = [where[codes.receipt_hash(code)] for code in receipts]  # in casting order
    agree = pairs = 0
    for i, (page_i, slot_i) in enumerate(placed):
        for page_j, slot_j in placed[i + 1:]:
            if page_i == page_j:
                pairs += 1
                agree += slot_i < slot_j
    assert pairs > VOTERS  # enough ballots share pages to tell
    return agree / pairs


def cast_everyone(coop, board):
    meeting, people = box.open_meeting(coop, board, members=VOTERS)
    vote = box.motion(meeting, board)
    chooser = random.Random(15)
    receipts = [box.vote_as(vote, member, [chooser.randrange(3)])
                for member in people["members"]]
    return vote, receipts


def test_after_the_close_the_physical_order_no_longer_follows_the_casting_order(coop, board):
    vote, receipts = cast_everyone(coop, board)
    box.close(vote, board)  # the worker's task runs at once in the tests (eager)
    assert abs(casting_order_rho(vote, receipts)) < UNRELATED
    # Neither within a page: rows next to each other (by random id, the rewrite's
    # order) are not filled in order, as they were when a cast took the first blank
    # after a random id (0.66 measured); a blank is now drawn uniformly.
    assert abs(same_page_agreement(vote, receipts) - 0.5) < 0.1
    assert not box.fresh(vote).box_to_reorder
    # The count is the same as before and every ballot sealed (CLUSTER copies rows,
    # it does not change them).
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), bool_and(sealed) FROM governance_ballot "
                       "WHERE vote_id = %s AND filled", [vote.pk])
        assert cursor.fetchone() == (VOTERS, True)


def test_a_busy_table_leaves_the_rewrite_to_the_job(coop, board, monkeypatch):
    monkeypatch.setattr(statements, "REORDER_LOCK_TIMEOUT", "200ms")
    vote, receipts = cast_everyone(coop, board)
    reading, done = threading.Event(), threading.Event()

    def long_report():
        # Someone's long read of the box (an export, a report): its lock is held until
        # its transaction ends, and the rewrite must wait for it.
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("BEGIN")
                cursor.execute("SELECT count(*) FROM governance_ballot")
                reading.set()
                done.wait(30)
                cursor.execute("COMMIT")
        finally:
            other.close()

    reader = threading.Thread(target=long_report)
    reader.start()
    try:
        assert reading.wait(10)
        box.close(vote, board)
        assert box.fresh(vote).box_to_reorder  # not done: the table was busy
        # The gap the rewrite closes: sealed (every row written anew by the close) but
        # not rewritten, each page's rows are in the order they were cast.
        assert same_page_agreement(vote, receipts) > 0.75
    finally:
        done.set()
        reader.join(10)
    told = reorder_boxes()
    assert [line.cooperative_id for line in told] == [coop.pk]
    assert not box.fresh(vote).box_to_reorder
    assert abs(casting_order_rho(vote, receipts)) < UNRELATED
    assert reorder_boxes() == []  # nothing waits any more
