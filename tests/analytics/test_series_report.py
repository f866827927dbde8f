"""The series charts: which series get one, and an axis that reads at a glance."""

import pytest

from pipeline.analytics.series_report import MAX_CHARTS, charted_series, round_up, series_chart
from pipeline.analytics.series import FigureRow, series_rows
from pipeline.analytics.tables import typed_frame


@pytest.mark.parametrize("value, rounded", [(4.334e12, 4.4e12), (253.0, 260.0), (99.0, 99.0), (0.5, 0.5),
                                            (0.0, 0.0), (-3.0, 0.0)])
def test_the_axis_ends_on_two_significant_digits(value, rounded):
    assert round_up(value) == pytest.approx(rounded)


def figures(measure, docs_years):
    return [FigureRow(doc, i, 0, "metric", measure, "China", "level", None, year, 10.0 + i)
            for i, (doc, year) in enumerate(docs_years)]


def test_a_chart_for_series_of_two_figures_with_a_year_most_articles_first():
    rows = series_rows(figures("one", [("a", 2020)]) + figures("two", [("a", 2020), ("a", 2021)]) +
                       figures("three", [("a", 2020), ("b", 2021), ("c", None)]) +
                       figures("undated", [("a", None), ("b", None)]))
    charted = charted_series(typed_frame("series", rows))
    assert [c["measure_key"].iloc[0] for c in charted] == ["three", "two"]
    many = series_rows([f for k in range(MAX_CHARTS + 5) for f in figures(f"m{k}", [("a", 2020), ("b", 2021)])])
    assert len(charted_series(typed_frame("series", many))) == MAX_CHARTS


def test_a_chart_notes_its_figures_without_a_year():
    rows = typed_frame("series", series_rows(figures("three", [("a", 2020), ("b", 2021), ("c", None)])))
    svg = series_chart(rows.assign(values_list=[[float(v)] for v in rows["value"]]))
    assert svg.count('class="point"') == 2 and "and 1 figure(s) without a year" in svg
    assert ">2020</text>" in svg and ">2021</text>" in svg
