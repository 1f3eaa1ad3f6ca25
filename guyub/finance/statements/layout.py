"""The shape every statement shares: rows of figures, one per column, each line made
of parts (an account, or a computed figure) that add up to it, so a line drills down
to its accounts. Pure: built from `books.Books`, rendered by the pages, PDF and Excel."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from .books import ZERO, AccountFigures

HEADING, ITEM, SUBTOTAL, TOTAL, NOTE = "heading", "item", "subtotal", "total", "note"


@dataclass(frozen=True)
class Part:
    label: str
    values: tuple[Decimal, ...]
    account: object | None = None  # the ledger Account, None for a computed figure


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[Decimal, ...] = ()
    key: str = ""
    style: str = ITEM
    parts: tuple[Part, ...] = ()

    @property
    def drills(self) -> bool:
        return self.style == ITEM and bool(self.key) and bool(self.parts)


@dataclass(frozen=True)
class Statement:
    key: str
    title: str
    columns: tuple[str, ...]
    # The period of each column (books.CURRENT/PREVIOUS) where a column is a year.
    periods: tuple[int, ...]
    rows: tuple[Row, ...]
    problems: tuple[str, ...] = ()

    def row(self, key: str) -> Row:
        return next(r for r in self.rows if r.key == key)

    def rows_for(self, key: str) -> list[tuple[str, Row]]:
        """(the heading above it, the row) for each row with this key."""
        found, heading = [], ""
        for row in self.rows:
            if row.style == HEADING:
                heading = row.label
            elif row.key == key:
                found.append((heading, row))
        return found


def heading(label: str) -> Row:
    return Row(label, style=HEADING)


def add(*value_lists: Iterable[tuple[Decimal, ...]]) -> tuple[Decimal, ...]:
    lists = [tuple(v) for v in value_lists]
    width = len(lists[0]) if lists else 0
    return tuple(sum((v[i] for v in lists), ZERO) for i in range(width))


def item(label: str, key: str, figures: list[AccountFigures], periods: tuple[int, ...],
         value: Callable[[AccountFigures, int], Decimal], extra: tuple[Part, ...] = ()) -> Row:
    """A line made of accounts: each account's `value` in each period, and their sum."""
    parts = tuple(Part(str(f.account), tuple(value(f, p) for p in periods), f.account)
                  for f in figures) + extra
    return Row(label, add(*(p.values for p in parts)) if parts else (ZERO,) * len(periods),
               key, ITEM, parts)


def total(label: str, rows: Iterable[Row], key: str = "", style: str = SUBTOTAL,
          width: int = 2) -> Row:
    values = [r.values for r in rows]
    return Row(label, add(*values) if values else (ZERO,) * width, key, style)
