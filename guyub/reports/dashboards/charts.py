"""Charts drawn on the server as inline SVG (pure: no database, no template). The
geometry is computed here in a fixed viewBox; the SVG scales to the width of its box,
so a chart fits a 360 px phone without a script or a library. Every chart sits beside
its numbers in a table (the accessible reading of it), so the SVG itself only carries
a title, and each bar a <title> for a pointer."""

from dataclasses import dataclass, field
from decimal import Decimal

WIDTH, HEIGHT = 320, 160
AXIS = 18          # room under the columns for the month labels
ROW = 26           # one horizontal bar's height with its gap
SERIES = 6         # colours in the stylesheet (.series-0 … .series-5); more repeat


@dataclass
class Shape:
    x: str
    y: str
    w: str
    h: str
    css: str
    title: str


@dataclass
class Chart:
    title: str
    width: int
    height: int
    shapes: list[Shape] = field(default_factory=list)
    labels: list[dict] = field(default_factory=list)   # {x, y, text, anchor}
    legend: list[dict] = field(default_factory=list)   # {label, css}

    @property
    def empty(self) -> bool:
        return not self.shapes


def _n(value) -> str:
    return f"{float(value):.1f}"


def columns(title: str, months: list[str], series: dict[str, list[Decimal]],
            fmt=str) -> Chart:
    """Stacked columns, one per month, one colour per series."""
    chart = Chart(title, WIDTH, HEIGHT)
    count = max(len(months), 1)
    slot = WIDTH / count
    tallest = max((sum((values[i] for values in series.values()), Decimal(0))
                   for i in range(len(months))), default=Decimal(0))
    plot = HEIGHT - AXIS
    for i, month in enumerate(months):
        x, bottom = i * slot + slot * 0.15, plot
        for s, (name, values) in enumerate(series.items()):
            value = values[i]
            if tallest <= 0 or value <= 0:
                continue
            h = float(value / tallest) * (plot - 4)
            bottom -= h
            chart.shapes.append(Shape(_n(x), _n(bottom), _n(slot * 0.7), _n(h),
                                      f"series-{s % SERIES}", f"{month} · {name}: {fmt(value)}"))
        # Every month is labelled when they fit, else every third (a year on a phone).
        if count <= 6 or i % 3 == 0:
            chart.labels.append({"x": _n(i * slot + slot / 2), "y": _n(HEIGHT - 4),
                                 "text": month, "anchor": "middle"})
    chart.legend = [{"label": name, "css": f"series-{s % SERIES}"}
                    for s, name in enumerate(series) if len(series) > 1]
    return chart


def bars(title: str, rows: list[tuple[str, Decimal | int]], fmt=str) -> Chart:
    """Horizontal bars, one per row (label above its bar, value at the right end)."""
    chart = Chart(title, WIDTH, max(len(rows), 1) * ROW)
    longest = max((value for _label, value in rows), default=0)
    for i, (label, value) in enumerate(rows):
        top = i * ROW
        chart.labels.append({"x": "0", "y": _n(top + 12), "text": label[:30], "anchor": "start"})
        chart.labels.append({"x": _n(WIDTH), "y": _n(top + 12), "text": fmt(value),
                             "anchor": "end"})
        if longest and value > 0:
            w = float(Decimal(value) / Decimal(longest)) * WIDTH
            chart.shapes.append(Shape("0", _n(top + 16), _n(w), "7", "series-0",
                                      f"{label}: {fmt(value)}"))
    return chart
