"""The tally statement counts one vote of one cooperative: ballots of another
cooperative's vote never reach it, and blanks are never counted."""

import pytest
from django_scopes import scope

from guyub.governance.ballots import statements
from guyub.testing import governance_ballots as box

pytestmark = pytest.mark.django_db


def test_the_tally_statement_names_its_cooperative_and_vote():
    sql = statements.tally_sql([0, 1, 2])
    assert "b.cooperative_id = %(coop)s" in sql and "b.vote_id = %(vote)s" in sql
    assert "b.filled" in sql


def test_the_tally_counts_its_own_votes_filled_ballots_only(coop, other_coop, board,
                                                            make_user):
    mine, people = box.open_meeting(coop, board, members=6)
    vote = box.motion(mine, board)
    for member, pick in zip(people["members"][:4], [[0], [0], [1], [2]], strict=True):
        box.vote_as(vote, member, pick)
    other_board = make_user(other_coop, "board")
    theirs, their_people = box.open_meeting(other_coop, other_board, members=6)
    other = box.motion(theirs, other_board)
    for member in their_people["members"]:
        box.vote_as(other, member, [1])
    with scope(cooperative=coop):
        counts, cast = statements.tally(cooperative_id=coop.pk, vote_id=vote.pk,
                                        positions=[0, 1, 2])
        # Another cooperative's id with this vote: nothing.
        none = statements.tally(cooperative_id=other_coop.pk, vote_id=vote.pk,
                                positions=[0, 1, 2])
    assert (counts, cast) == ({0: 2, 1: 1, 2: 1}, 4)
    assert none == ({0: 0, 1: 0, 2: 0}, 0)
