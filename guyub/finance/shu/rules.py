"""The SHU split, pure: Decimal rupiah in, whole rupiah out, no database.

Two steps (UU 25/1992 art. 45 and the by-laws):
1. The members' SHU is divided into the by-laws' portions (dana cadangan, jasa modal,
   jasa usaha, dana pengurus, …), whose percentages must add up to exactly 100 %.
2. The jasa modal portion goes to the members in proportion to their capital, the jasa
   usaha portion in proportion to the business they did with the cooperative (a
   weighted sum of sales, pooled purchases, contract deliveries, loan interest and
   asset fees: the weights are the cooperative's choice).

Every split is by the largest remainder (`core.money.split_largest_remainder`): each
share is its exact proportion rounded down or up, and the shares add up exactly to
the portion, so not a rupiah is created or lost. A deficit is not shared out (the
by-laws cover it from the reserve), and neither is a portion nobody qualifies for:
it is reported as undistributed for the by-laws to place."""

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from guyub.core.money import split_largest_remainder, to_rupiah

HUNDRED = Decimal(100)
ZERO = Decimal(0)
# A percentage is kept to two places (12,5 %; 2,25 %): what by-laws write.
PERCENT_PLACES = Decimal("0.01")

JASA_MODAL, JASA_USAHA = "jasa_modal", "jasa_usaha"


class AllocationError(ValueError):
    """The portions cannot be used: `total` is their sum, for the message."""

    def __init__(self, message: str, *, total: Decimal | None = None):
        super().__init__(message)
        self.total = total


@dataclass(frozen=True)
class Portion:
    key: str
    percent: Decimal


def check_portions(portions: Iterable[Portion]) -> list[Portion]:
    """The portions as given, or AllocationError: a key twice, a percentage below 0,
    above 100 or finer than 0.01, or a sum other than exactly 100 (the frequent error
    of a 105 % split: the error carries the sum so the form can show it)."""
    portions = list(portions)
    keys = [p.key for p in portions]
    if len(set(keys)) != len(keys):
        raise AllocationError("a portion is named twice")
    for p in portions:
        percent = Decimal(p.percent)
        if not percent.is_finite() or percent < 0 or percent > HUNDRED:
            raise AllocationError(f"{p.key}: a percentage is between 0 and 100")
        if percent != percent.quantize(PERCENT_PLACES):
            raise AllocationError(f"{p.key}: at most two decimals")
    total = sum((Decimal(p.percent) for p in portions), ZERO)
    if total != HUNDRED:
        raise AllocationError(f"the portions add up to {total} %, not 100 %", total=total)
    return portions


def split_surplus(surplus: Decimal, portions: Iterable[Portion]) -> dict[str, Decimal]:
    """The members' SHU divided into the portions, in whole rupiah adding up to it
    (rounded to the rupiah first). A deficit or nothing gives every portion 0."""
    portions = check_portions(portions)
    surplus = to_rupiah(surplus)
    if surplus <= 0:
        return {p.key: ZERO for p in portions}
    parts = split_largest_remainder(surplus, [Decimal(p.percent) for p in portions])
    return {p.key: part for p, part in zip(portions, parts, strict=True)}


def weighted_business(figures: Mapping[str, Decimal], weights: Mapping[str, Decimal]) -> Decimal:
    """One member's business for jasa usaha: each kind of business (rupiah) times the
    cooperative's weight for it; a kind without a weight does not count."""
    total = ZERO
    for kind, amount in figures.items():
        weight = Decimal(weights.get(kind, ZERO))
        if amount < 0 or weight < 0:
            raise ValueError("business and weights are never negative")
        total += Decimal(amount) * weight
    return total


@dataclass(frozen=True)
class MemberFigures:
    member: Hashable
    capital: Decimal      # the capital that counts (by the cooperative's choice)
    business: Decimal     # the weighted business


@dataclass(frozen=True)
class MemberShare:
    member: Hashable
    jasa_modal: Decimal
    jasa_usaha: Decimal

    @property
    def total(self) -> Decimal:
        return self.jasa_modal + self.jasa_usaha


@dataclass(frozen=True)
class MemberSplit:
    shares: list[MemberShare]         # in the order the members were given
    total_capital: Decimal
    total_business: Decimal
    # A portion nobody qualified for (no member with capital, or no business).
    undistributed: Decimal


def _by_weight(portion: Decimal, weights: list[Decimal]) -> tuple[list[Decimal], Decimal]:
    if portion <= 0 or sum(weights, ZERO) <= 0:
        return [ZERO] * len(weights), max(portion, ZERO)
    return split_whole(portion, weights), ZERO


def split_whole(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """core.money.split_largest_remainder's split (the same parts, ties to the earlier
    part), in integers: the weights are scaled to whole numbers by their common
    denominator, so each exact part is total × w ÷ W with an integer remainder. A hundred
    thousand members' Fractions took seconds; integers take a fraction of one."""
    total = to_rupiah(total)
    if any(not w.is_finite() or w < 0 for w in weights):
        raise ValueError("weights must be finite and not negative")
    ratios = [w.as_integer_ratio() for w in weights]
    scale = math.lcm(*{d for _n, d in ratios})  # the denominators: a few powers of 10
    ints = [n * (scale // d) for n, d in ratios]
    whole = sum(ints)
    if whole <= 0:
        raise ValueError("weights must have a positive sum")
    total_int = int(total)
    pairs = [divmod(total_int * w, whole) for w in ints]
    parts = [part for part, _rest in pairs]
    # The rupiah left over, one each to the largest remainders; the sort is stable, so
    # equal remainders keep the earlier part first.
    behind = [-rest for _part, rest in pairs]
    for i in sorted(range(len(ints)), key=behind.__getitem__)[:total_int - sum(parts)]:
        parts[i] += 1
    return [Decimal(p) for p in parts]


def member_shares(*, jasa_modal: Decimal, jasa_usaha: Decimal,
                  members: Iterable[MemberFigures]) -> MemberSplit:
    """Each member's jasa modal (their capital / all members' capital × the portion) and
    jasa usaha (their business / all members' business × the portion)."""
    members = list(members)
    parts = split_portions(jasa_modal=jasa_modal, jasa_usaha=jasa_usaha,
                           capitals=[Decimal(m.capital) for m in members],
                           business=[Decimal(m.business) for m in members])
    shares = [MemberShare(m.member, a, b)
              for m, a, b in zip(members, parts.jasa_modal, parts.jasa_usaha, strict=True)]
    return MemberSplit(shares=shares, total_capital=parts.total_capital,
                       total_business=parts.total_business,
                       undistributed=parts.undistributed)


@dataclass(frozen=True)
class PortionParts:
    jasa_modal: list[Decimal]       # by member, in the order given
    jasa_usaha: list[Decimal]
    total_capital: Decimal
    total_business: Decimal
    undistributed: Decimal


def split_portions(*, jasa_modal: Decimal, jasa_usaha: Decimal, capitals: list[Decimal],
                   business: list[Decimal]) -> PortionParts:
    """member_shares on plain lists (one entry per member): what a cooperative of
    100,000 members is computed with, without an object per member."""
    if len(capitals) != len(business):
        raise ValueError("one capital and one business figure per member")
    if any(c < 0 for c in capitals) or any(b < 0 for b in business):
        raise ValueError("capital and business are never negative")
    modal, left_modal = _by_weight(to_rupiah(jasa_modal), capitals)
    usaha, left_usaha = _by_weight(to_rupiah(jasa_usaha), business)
    return PortionParts(jasa_modal=modal, jasa_usaha=usaha,
                        total_capital=sum(capitals, ZERO), total_business=sum(business, ZERO),
                        undistributed=left_modal + left_usaha)
