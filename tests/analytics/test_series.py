"""Series and targets: figures lined up by measure, subject, kind and unit, across articles."""

import pytest

from pipeline.analytics.series import FigureRow, figure_label, progress_rows, series_id, series_rows
from pipeline.analytics.tables import run_tables
from runfile import FIGURE_RECORDS


def fig(doc, period, value, label="metric", sent_id=0, start=0, measure="digital economy", subject="China",
        kind="level", unit="CNY"):
    return FigureRow(doc, sent_id, start, label, measure, subject, kind, unit, period, value)


def test_a_series_joins_articles_and_flags_a_year_they_disagree_on():
    rows = series_rows([fig("a", 2022, 5.02e13), fig("a", 2023, 5.39e13, sent_id=1), fig("b", 2023, 5.4e13),
                        fig("c", 2023, 5.39e13), fig("a", 2025, 6e13, "target", sent_id=2)])
    assert [(r["label"], r["period"], r["documents"], r["disagree"]) for r in rows] == [
        ("metric", 2022, 1, False), ("metric", 2023, 3, True), ("target", 2025, 1, False)]
    assert rows[1]["value"] == 5.39e13  # what most articles give
    assert rows[1]["values"] == "53.9 trillion; 54 trillion" and rows[1]["doc_ids"] == "a,b,c"
    assert {(r["points"], r["periods"], r["articles"]) for r in rows} == {(5, 3, 3)}
    assert len({r["series"] for r in rows}) == 1


def test_other_units_kinds_subjects_and_measures_are_other_series():
    base = fig("a", 2023, 1.0)
    others = [fig("b", 2023, 2.0, unit="USD"), fig("b", 2023, 2.0, kind="share"), fig("b", 2023, 2.0, subject=None),
              fig("b", 2023, 2.0, measure="data output")]
    assert len({r["series"] for r in series_rows([base, *others])}) == 5
    assert not any(r["disagree"] for r in series_rows([base, *others]))


def test_an_article_repeating_its_own_figure_is_one_point_and_an_undated_figure_is_its_own():
    rows = series_rows([fig("a", 2023, 7.0), fig("a", 2023, 7.0, sent_id=5), fig("a", None, 8.0, sent_id=6),
                        fig("b", None, 9.0)])
    assert [(r["period"], r["figures"]) for r in rows] == [(2023, 2), (None, 1), (None, 1)]
    assert {r["points"] for r in rows} == {3} and not any(r["disagree"] for r in rows)


def test_figures_without_a_subject_join_only_their_own_article():
    rows = series_rows([fig("a", 2022, 1.0, subject=None), fig("a", 2023, 2.0, subject=None, sent_id=1),
                        fig("b", 2023, 3.0, subject=None)])
    assert sorted((r["doc_ids"], r["points"]) for r in rows) == [("a", 2), ("a", 2), ("b", 1)]
    assert not any(r["disagree"] for r in rows)  # "the country" of two articles may be two countries


def test_a_figure_without_a_measure_or_a_value_joins_no_series():
    assert series_rows([fig("a", 2023, 1.0, measure=None), fig("a", 2023, None)]) == []


def test_a_target_meets_the_latest_metric_before_its_deadline():
    figures = [fig("a", 2021, 40.0), fig("b", 2023, 50.0), fig("b", 2026, 58.0),
               fig("a", 2025, 60.0, "target", sent_id=1), fig("a", 2020, 30.0, "target", sent_id=2),
               fig("c", 2025, 10.0, "target", unit="%")]
    rows = {(r["doc_id"], r["sent_id"], r["unit"]): r for r in progress_rows(figures)}
    hit = rows["a", 1, "CNY"]
    assert (hit["latest_year"], hit["latest_value"], hit["latest_doc_ids"]) == (2023, 50.0, "b")
    assert hit["distance"] == pytest.approx(10.0) and hit["progress"] == pytest.approx(50 / 60)
    assert rows["a", 2, "CNY"]["latest_year"] is None  # nothing measured before 2020
    assert rows["c", 0, "%"]["latest_value"] is None and rows["c", 0, "%"]["series"] == series_id(
        ("digital economy", "China", "level", "%", None))


@pytest.mark.parametrize("labels, period, deadline, label", [
    (["metric"], 2023, None, "metric"), (["policy", "target"], 2025, 2025, "target"),
    (["metric", "target"], 2025, 2025, "target"), (["metric", "target"], 2020, 2025, "metric"),
    (["policy"], 2020, None, None),
])
def test_a_figure_of_a_sentence_that_is_both_is_a_target_only_for_its_deadline(labels, period, deadline, label):
    assert figure_label(labels, period, deadline) == label


def test_the_tables_of_a_run_hold_figures_series_and_progress():
    tables = run_tables(FIGURE_RECORDS)
    figures = tables["figures"]
    assert figures[["doc_id", "label", "subject", "subject_key", "period"]].values.tolist()[2:4] == [
        ["x", "target", "China", "China", 2025], ["y", "metric", "Chinese", "China", 2023]]
    assert figures["speaker"].tolist()[1] == "Liu"
    across = tables["series"][tables["series"]["points"] > 1]
    assert across["period"].tolist() == [2022, 2023, 2025] and across["disagree"].tolist() == [False, True, False]
    progress = tables["target_progress"]
    assert progress[["target_year", "latest_year", "latest_doc_ids"]].values.tolist() == [[2025, 2023, "x,y"]]
    assert str(progress["latest_year"].dtype) == "Int64" and str(figures["value"].dtype) == "Float64"
