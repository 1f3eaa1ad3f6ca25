"""Who takes the seats: the top candidates by votes; a tie for the last seat is
reported and leaves that seat unfilled, the seats above it are taken."""

import pytest

from guyub.governance.elections.rules import seat


@pytest.mark.parametrize(("votes", "seats", "elected", "tied", "unfilled"), [
    ({"A": 10, "B": 7, "C": 3}, 2, ["A", "B"], [], 0),
    ({"A": 10, "B": 7, "C": 7}, 2, ["A"], ["B", "C"], 1),         # tie for the last seat
    ({"A": 5, "B": 5, "C": 5}, 2, [], ["A", "B", "C"], 2),        # everybody tied
    ({"A": 5, "B": 5, "C": 1}, 2, ["A", "B"], [], 0),             # a tie above the cut
    ({"A": 9, "B": 4, "C": 4, "D": 4, "E": 1}, 3, ["A"], ["B", "C", "D"], 2),
    ({"A": 3, "B": 2}, 2, ["A", "B"], [], 0),                     # as many as seats
    ({"A": 0, "B": 0}, 1, [], ["A", "B"], 1),                     # nobody voted
    ({"A": 1}, 1, ["A"], [], 0),
    ({"B": 4, "A": 8, "C": 6}, 1, ["A"], [], 0),                  # ballot order irrelevant
])
def test_the_top_candidates_take_the_seats_and_a_last_seat_tie_is_left_open(
        votes, seats, elected, tied, unfilled):
    result = seat(list(votes.items()), seats)
    assert [k for k, _ in result.elected] == elected
    assert sorted(k for k, _ in result.tied) == tied
    assert result.unfilled == unfilled
    assert result.tie == bool(tied)


def test_an_election_without_seats_is_an_error_not_a_result():
    with pytest.raises(ValueError):
        seat([("A", 1)], 0)
