"""A dashboard figure as a table (its numbers, which the page shows beside its chart
and the Excel link exports) plus the chart drawn from the same numbers (pure)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from guyub.core.templatetags.guyub import rupiah as rupiah_text

from .charts import Chart

TEXT, COUNT, MONEY = "text", "count", "money"


@dataclass
class Table:
    key: str
    title: str
    columns: list[tuple[str, str]]          # (heading, TEXT | COUNT | MONEY)
    rows: list[list] = field(default_factory=list)
    foot: list | None = None
    chart: Chart | None = None
    note: str = ""

    def cells(self, row: list) -> list[tuple]:
        return [(value, kind) for value, (_h, kind) in zip(row, self.columns, strict=True)]

    @property
    def body(self) -> list[list[tuple]]:
        return [self.cells(row) for row in self.rows]

    @property
    def footer(self) -> list[tuple] | None:
        return self.cells(self.foot) if self.foot else None

    def xlsx_rows(self) -> list[list]:
        """Header, rows and total for the spreadsheet: rupiah as whole numbers."""
        def plain(value, kind):
            return int(value) if kind == MONEY and value is not None else value
        header = [heading for heading, _kind in self.columns]
        rows = [[plain(v, k) for v, k in self.cells(r)] for r in self.rows]
        if self.foot:
            rows.append([plain(v, k) for v, k in self.cells(self.foot)])
        return [header, *rows]


def month_labels(months, short: bool = False) -> list[str]:
    """"Jan 2026" in the tables; under a chart's columns "Jan" (or "Jan 26" across
    years), which fits a column on a phone."""
    if not short:
        return [date_format(m, "M Y") for m in months]
    one_year = len({m.year for m in months}) <= 1
    return [date_format(m, "M" if one_year else "M y") for m in months]


def rupiah(value) -> str:
    return rupiah_text(value)


def by_month(key: str, title: str, months, series: dict[str, list[Decimal]],
             *, total_column: bool = True, total_row: bool = True) -> Table:
    """Months down, series across (money); a total column when the series add up (sales
    by channel) and a total row when the months do (not balances at each month's end)."""
    add_column = total_column and len(series) > 1
    columns = [(_("Bulan"), TEXT), *[(str(name), MONEY) for name in series]]
    if add_column:
        columns.append((pgettext("total", "Jumlah"), MONEY))
    rows = []
    for i, label in enumerate(month_labels(months)):
        values = [values[i] for values in series.values()]
        rows.append([label, *values, *([sum(values, Decimal(0))] if add_column else [])])
    foot = None
    if total_row:
        sums = [sum((r[c] for r in rows), Decimal(0)) for c in range(1, len(columns))]
        foot = [pgettext("total", "Jumlah"), *sums]
    return Table(key, title, columns, rows, foot)
