"""Quorum, as the by-laws write it: a fraction of the frozen voter register, with the
rule for "more than" (lebih dari ½: 100 voters need 51) or "at least" (paling sedikit ½:
100 voters need 50). Pure: counts in, counts out; the attendance code gathers them.

A proxy counts towards the quorum only while its holder is present, and a holder
carries at most `cap` proxies; a grantor who turns up in person counts once, as
themselves."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

MORE_THAN = "more_than"
AT_LEAST = "at_least"
RULES = (MORE_THAN, AT_LEAST)


def needed(register: int, fraction: Decimal, rule: str) -> int:
    """The fewest voters (present or represented) that make a quorum."""
    if rule not in RULES:
        raise ValueError(f"unknown quorum rule {rule!r}")
    if register <= 0:
        return 0
    share = Decimal(register) * Decimal(fraction)
    if rule == AT_LEAST:
        return int(share.to_integral_value(ROUND_CEILING))
    return int(share.to_integral_value(ROUND_FLOOR)) + 1


def represented(present: set, proxies: Iterable[tuple], cap: int) -> int:
    """How many absent grantors count through a present holder: (grantor, holder)
    pairs, at most `cap` per holder, none for a grantor who is present themselves."""
    carried: dict = {}
    counted = 0
    for grantor, holder in proxies:
        if grantor in present or holder not in present:
            continue
        if carried.get(holder, 0) >= cap:
            continue
        carried[holder] = carried.get(holder, 0) + 1
        counted += 1
    return counted


@dataclass(frozen=True)
class Quorum:
    register: int
    present: int
    represented: int
    needed: int

    @property
    def counted(self) -> int:
        return self.present + self.represented

    @property
    def reached(self) -> bool:
        return self.register > 0 and self.counted >= self.needed

    @property
    def missing(self) -> int:
        return max(self.needed - self.counted, 0)


def quorum(*, register: int, present: set, proxies: Iterable[tuple], cap: int,
           fraction: Decimal, rule: str) -> Quorum:
    return Quorum(register=register, present=len(present),
                  represented=represented(present, proxies, cap),
                  needed=needed(register, fraction, rule))
