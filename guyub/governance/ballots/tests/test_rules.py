"""The majority rules, table-driven: who won, and ties reported, never resolved."""

from decimal import Decimal

import pytest

from guyub.governance.ballots import codes, rules

TWO_THIRDS = Decimal("0.667")


@pytest.mark.parametrize(("yes", "no", "abstain", "result"), [
    (6, 4, 0, rules.PASSED),
    (4, 6, 0, rules.REJECTED),
    (5, 5, 3, rules.TIE),        # a tie is reported as a tie
    (0, 0, 7, rules.TIE),        # only abstentions: neither for nor against
    (0, 0, 0, rules.TIE),        # nobody voted
    (3, 2, 10, rules.PASSED),    # abstentions do not count against a simple majority
])
def test_a_simple_majority_needs_more_yes_than_no(yes, no, abstain, result):
    got = rules.motion(yes=yes, no=no, abstain=abstain, majority=rules.SIMPLE)
    assert got.result == result
    assert got.tied == ((0, 1) if result == rules.TIE else ())


@pytest.mark.parametrize(("yes", "no", "abstain", "result"), [
    (667, 333, 0, rules.PASSED),    # exactly two thirds (0.667): reached
    (666, 334, 0, rules.REJECTED),  # one short
    (2, 1, 0, rules.REJECTED),      # 2 < 0.667 × 3 = 2.001
    (3, 1, 0, rules.PASSED),
    (8, 2, 0, rules.PASSED),
    (8, 2, 2, rules.REJECTED),      # the same yes, two abstentions: 8 < 0.667 × 12
    (2, 0, 1, rules.REJECTED),      # abstaining counts against a change of the by-laws
    (0, 0, 0, rules.REJECTED),      # nobody voted: nothing changes
])
def test_a_special_majority_is_a_share_of_all_ballots_abstentions_included(yes, no, abstain,
                                                                          result):
    got = rules.motion(yes=yes, no=no, abstain=abstain, majority=rules.SPECIAL,
                       fraction=TWO_THIRDS)
    assert got.result == result


def test_a_special_majority_without_its_fraction_is_refused_rather_than_guessed():
    with pytest.raises(ValueError):
        rules.motion(yes=1, no=0, abstain=0, majority=rules.SPECIAL)


@pytest.mark.parametrize(("counts", "result", "winners", "tied"), [
    ({0: 5, 1: 3, 2: 1}, rules.CHOSEN, (0,), ()),
    ({0: 4, 1: 4, 2: 1}, rules.TIE, (), (0, 1)),
    ({0: 0, 1: 0}, rules.TIE, (), (0, 1)),
])
def test_a_choice_goes_to_the_most_voted_and_a_shared_top_is_a_tie(counts, result, winners,
                                                                   tied):
    assert rules.plurality(counts) == rules.Outcome(result, winners, tied)


@pytest.mark.parametrize(("counts", "seats", "result", "winners", "tied"), [
    ({0: 9, 1: 7, 2: 3, 3: 1}, 2, rules.ELECTED, (0, 1), ()),
    ({0: 9, 1: 5, 2: 5, 3: 1}, 2, rules.TIE, (0,), (1, 2)),   # the last seat is shared
    ({0: 5, 1: 5, 2: 5}, 2, rules.TIE, (), (0, 1, 2)),
    ({0: 9, 1: 9, 2: 3}, 2, rules.ELECTED, (0, 1), ()),       # a tie inside the seats
    ({0: 2}, 2, rules.ELECTED, (0,), ()),                     # fewer candidates than seats
])
def test_an_election_fills_its_seats_and_reports_a_tie_for_the_last(counts, seats, result,
                                                                    winners, tied):
    assert rules.election(counts, seats) == rules.Outcome(result, winners, tied)


@pytest.mark.parametrize(("positions", "kind", "max_marks", "ok"), [
    ([1], "motion", 1, True),
    ([], "motion", 1, False),       # a motion needs exactly one mark
    ([0, 1], "choice", 1, False),
    ([5], "choice", 1, False),      # no such option
    ([0, 0], "election", 2, False),
    ([0, 2], "election", 2, True),
    ([0, 1, 2], "election", 2, False),
    ([], "election", 2, True),      # a blank election ballot is valid
    ([True], "motion", 1, False),
])
def test_a_ballot_marks_only_what_its_vote_allows(positions, kind, max_marks, ok):
    try:
        mask = rules.check_selection(positions, existing={0, 1, 2}, kind=kind,
                                     max_marks=max_marks)
    except ValueError:
        assert not ok
    else:
        assert ok and rules.marks(mask) == tuple(sorted(positions))


def test_a_receipt_code_is_grouped_unambiguous_and_read_back_forgivingly():
    code = codes.new_code()
    assert len(code) == 14 and code[4] == code[9] == "-"
    assert not set(code.replace("-", "")) & set("0O1IL2Z5S8B")
    assert codes.normalise(code.lower().replace("-", " ")) == code
    assert codes.normalise("ABCD") == ""
    assert codes.new_code() != code
    assert len(codes.fingerprint(codes.receipt_hash(code))) == 16
