"""The SHU split on textbook cases and, as invariants, with Hypothesis: the portions
must make exactly 100 %, every split adds up to the rupiah, no share is negative, and
a member with twice the capital and business gets twice (each share within a rupiah
of its exact proportion)."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guyub.finance.shu.rules import (
    JASA_MODAL,
    JASA_USAHA,
    AllocationError,
    MemberFigures,
    Portion,
    check_portions,
    member_shares,
    split_surplus,
    weighted_business,
)

D = Decimal
# The split most by-laws write (and the textbooks use).
TEXTBOOK = [Portion("cadangan", D(40)), Portion(JASA_MODAL, D(20)),
            Portion(JASA_USAHA, D(25)), Portion("pengurus", D(5)),
            Portion("karyawan", D(5)), Portion("pendidikan", D("2.5")),
            Portion("sosial", D("2.5"))]


def test_the_textbook_split_of_fifty_million():
    parts = split_surplus(D(50_000_000), TEXTBOOK)
    assert parts == {"cadangan": D(20_000_000), JASA_MODAL: D(10_000_000),
                     JASA_USAHA: D(12_500_000), "pengurus": D(2_500_000),
                     "karyawan": D(2_500_000), "pendidikan": D(1_250_000),
                     "sosial": D(1_250_000)}


def test_a_member_with_two_percent_of_the_capital_and_one_percent_of_the_business():
    # Capital Rp 100 juta in all, the member's 2 juta; business Rp 500 juta, theirs 5.
    others = MemberFigures("others", capital=D(98_000_000), business=D(495_000_000))
    member = MemberFigures("siti", capital=D(2_000_000), business=D(5_000_000))
    split = member_shares(jasa_modal=D(10_000_000), jasa_usaha=D(12_500_000),
                          members=[others, member])
    siti = split.shares[1]
    assert (siti.jasa_modal, siti.jasa_usaha, siti.total) == (D(200_000), D(125_000),
                                                              D(325_000))
    assert split.total_capital == D(100_000_000) and split.undistributed == 0


@pytest.mark.parametrize(("percents", "total"), [
    ([40, 20, 25, 5, 5, 5, 5], D(105)),            # the frequent error
    ([40, 20, 25, 5, 5], D(95)),
    ([D("33.33"), D("33.33"), D("33.33")], D("99.99")),
])
def test_portions_not_making_exactly_one_hundred_percent_are_refused_with_their_sum(
        percents, total):
    portions = [Portion(f"p{i}", D(p)) for i, p in enumerate(percents)]
    with pytest.raises(AllocationError) as refused:
        split_surplus(D(1_000_000), portions)
    assert refused.value.total == total


@pytest.mark.parametrize("portions", [
    [Portion("a", D(-10)), Portion("b", D(110))],           # adds up, but negative
    [Portion("a", D("50.001")), Portion("b", D("49.999"))],  # finer than 0.01
    [Portion("a", D(50)), Portion("a", D(50))],             # one portion twice
    [Portion("a", D("NaN")), Portion("b", D(100))],
])
def test_impossible_portions_are_refused(portions):
    with pytest.raises(AllocationError):
        check_portions(portions)


def test_one_hundred_rupiah_among_three_equal_members_is_34_33_33():
    split = member_shares(jasa_modal=D(100), jasa_usaha=D(0), members=[
        MemberFigures(n, capital=D(1), business=D(0)) for n in "abc"])
    assert [s.jasa_modal for s in split.shares] == [D(34), D(33), D(33)]
    # Nobody did business: the jasa usaha portion (0 here) has nobody to go to.
    assert split.undistributed == 0


def test_a_portion_nobody_qualifies_for_is_reported_not_lost():
    split = member_shares(jasa_modal=D(1_000), jasa_usaha=D(2_500), members=[
        MemberFigures("a", capital=D(5_000), business=D(0)),
        MemberFigures("b", capital=D(0), business=D(0))])
    assert [s.jasa_usaha for s in split.shares] == [D(0), D(0)]
    assert split.undistributed == D(2_500)
    assert sum(s.total for s in split.shares) + split.undistributed == D(3_500)


def test_a_deficit_is_not_shared_out():
    assert set(split_surplus(D(-5_000_000), TEXTBOOK).values()) == {D(0)}


def test_business_is_the_weighted_sum_of_its_kinds():
    figures = {"sales": D(1_000_000), "purchases": D(400_000), "loan_interest": D(50_000)}
    weights = {"sales": D(1), "purchases": D("0.5"), "loan_interest": D(2)}
    assert weighted_business(figures, weights) == D(1_300_000)
    # A kind the cooperative gives no weight to does not count.
    assert weighted_business(figures, {"sales": D(1)}) == D(1_000_000)
    with pytest.raises(ValueError):
        weighted_business({"sales": D(-1)}, {"sales": D(1)})


# --- invariants ----------------------------------------------------------------------

rupiah = st.integers(min_value=0, max_value=10**13).map(D)
figures = st.tuples(st.integers(min_value=0, max_value=10**10),
                    st.integers(min_value=0, max_value=10**11))
percent_lists = st.lists(st.integers(min_value=0, max_value=10_000), min_size=1,
                         max_size=9)


def _to_hundred(hundredths: list[int]) -> list[Portion]:
    """Percentages (two places) scaled to make exactly 100 %: the last takes the rest."""
    total = sum(hundredths) or 1
    scaled = [h * 10_000 // total for h in hundredths]
    scaled[-1] += 10_000 - sum(scaled)
    return [Portion(f"p{i}", D(s) / 100) for i, s in enumerate(scaled)]


@given(rupiah, percent_lists)
def test_the_portions_add_up_to_the_surplus(surplus, hundredths):
    parts = split_surplus(surplus, _to_hundred(hundredths))
    assert sum(parts.values()) == surplus
    assert all(part >= 0 for part in parts.values())


def _exact(portion: Decimal, mine: int, everyone: int) -> Fraction:
    return Fraction(int(portion)) * mine / everyone if everyone else Fraction(0)


@given(rupiah, rupiah, st.lists(figures, min_size=1, max_size=40), figures)
def test_member_shares_add_up_and_twice_the_figures_get_twice(modal, usaha, crowd, base):
    members = [MemberFigures(i, capital=D(c), business=D(b)) for i, (c, b) in
               enumerate(crowd)]
    members += [MemberFigures("once", capital=D(base[0]), business=D(base[1])),
                MemberFigures("twice", capital=D(2 * base[0]), business=D(2 * base[1]))]
    split = member_shares(jasa_modal=modal, jasa_usaha=usaha, members=members)
    shares = {s.member: s for s in split.shares}
    capital = sum(c for c, _ in crowd) + 3 * base[0]
    business = sum(b for _, b in crowd) + 3 * base[1]
    assert sum(s.jasa_modal for s in split.shares) == (modal if capital else 0)
    assert sum(s.jasa_usaha for s in split.shares) == (usaha if business else 0)
    assert sum(s.total for s in split.shares) + split.undistributed == modal + usaha
    assert all(s.jasa_modal >= 0 and s.jasa_usaha >= 0 for s in split.shares)
    # Each share is its exact proportion within a rupiah; the exact share of the
    # member with twice the figures is exactly twice.
    for name, factor in (("once", 1), ("twice", 2)):
        exact_modal = _exact(modal, factor * base[0], capital)
        exact_usaha = _exact(usaha, factor * base[1], business)
        assert abs(Fraction(int(shares[name].jasa_modal)) - exact_modal) < 1
        assert abs(Fraction(int(shares[name].jasa_usaha)) - exact_usaha) < 1
    # So their totals differ from twice by less than 2 + 2 × 2 rupiah.
    assert abs(shares["twice"].total - 2 * shares["once"].total) <= 5
