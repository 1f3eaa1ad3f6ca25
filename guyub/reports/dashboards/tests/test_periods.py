"""The periods of the picker and what each is compared with (pure)."""

import datetime as dt

from guyub.reports.dashboards import charts, periods
from guyub.reports.dashboards.periods import Period, resolve


def test_this_month_is_compared_with_the_same_days_of_the_last():
    now, before = resolve(periods.THIS_MONTH, dt.date(2026, 3, 31))
    assert now == Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert before == Period(dt.date(2026, 2, 1), dt.date(2026, 2, 28))


def test_this_year_runs_to_today_and_last_year_is_whole():
    now, before = resolve(periods.THIS_YEAR, dt.date(2028, 2, 29))
    assert now == Period(dt.date(2028, 1, 1), dt.date(2028, 2, 29))
    assert before == Period(dt.date(2027, 1, 1), dt.date(2027, 2, 28))
    assert len(now.months) == 2
    last, year_before = resolve(periods.LAST_YEAR, dt.date(2026, 1, 5))
    assert (last.start, last.end, len(last.months)) == (dt.date(2025, 1, 1),
                                                         dt.date(2025, 12, 31), 12)
    assert year_before.start == dt.date(2024, 1, 1)


def test_columns_stack_and_scale_to_the_tallest_month():
    chart = charts.columns("t", ["Jan", "Feb"], {"a": [10, 0], "b": [10, 5]})
    assert [s.css for s in chart.shapes] == ["series-0", "series-1", "series-1"]
    assert float(chart.shapes[0].h) + float(chart.shapes[1].h) == float(
        chart.shapes[2].h) * 4
    assert [item["label"] for item in chart.legend] == ["a", "b"]
    assert charts.columns("t", ["Jan"], {"a": [0]}).empty
