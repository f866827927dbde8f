"""Gold figures kept apart from the gold: merged into it by quantity, and measured for agreement."""

import json
import shutil

import pytest

from conftest import REPO
from pipeline.errors import DataError
from pipeline.evaluation.figures_gold import FIGURES_DIR, agreement, merge, read_figures, write_figures

TEXT = "China's digital economy reached 53.9 trillion yuan in 2023. Its core industries grew 9 percent."
LEVEL, GROWTH = (32, 50), (TEXT.index("9 percent"), len(TEXT) - 1)


def gold_file(folder, figure_on_growth=None):
    folder.mkdir(exist_ok=True)
    cut = TEXT.index(" Its")
    quantities = [{"start": LEVEL[0], "end": LEVEL[1], "value": 5.39e13, "unit": "CNY"},
                  {"start": GROWTH[0], "end": GROWTH[1], "value": 9.0, "unit": "%"}]
    if figure_on_growth:
        quantities[1]["figure"] = figure_on_growth
    record = {"doc_id": "d", "text": TEXT, "entities": [], "quantities": quantities,
              "sentences": [{"start": 0, "end": cut, "labels": ["metric"], "boilerplate": False},
                            {"start": cut + 1, "end": len(TEXT), "labels": ["metric"], "boilerplate": False}]}
    path = folder / "g.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def figure(measure, subject, period, kind):
    return {"measure": measure, "subject": subject, "period": period, "kind": kind}


DIGITAL_ECONOMY = figure([8, 23], [0, 5], 2023, "level")
CORE_INDUSTRIES = figure([TEXT.index("core"), TEXT.index(" grew")], None, None, "change")


def test_merge_puts_each_figure_on_its_quantity_and_running_it_again_changes_nothing(tmp_path):
    gold = gold_file(tmp_path / "gold", figure_on_growth=figure(None, None, 1999, "level"))
    figures = tmp_path / "figures"
    write_figures(figures / "g.jsonl", {("d", *LEVEL): DIGITAL_ECONOMY})
    first = merge(gold.parent, figures)[0]
    # the stale figure on the growth is taken off: the figure files are the whole truth
    assert (first.placed, first.changed, first.removed, first.orphans) == (1, 1, 1, [])
    merged = json.loads(gold.read_text(encoding="utf-8"))
    assert merged["quantities"][0]["figure"] == DIGITAL_ECONOMY and "figure" not in merged["quantities"][1]
    before = gold.read_bytes()
    again = merge(gold.parent, figures)[0]
    assert (again.placed, again.changed, again.removed) == (1, 0, 0) and gold.read_bytes() == before


def test_merge_names_a_figure_whose_quantity_is_no_longer_in_the_gold(tmp_path):
    gold = gold_file(tmp_path / "gold")
    figures = tmp_path / "figures"
    write_figures(figures / "g.jsonl", {("d", *GROWTH): CORE_INDUSTRIES, ("d", 33, 50): DIGITAL_ECONOMY})
    report = merge(gold.parent, figures)[0]
    assert report.placed == 1 and report.orphans == [("d", 33, 50)]


def test_figure_files_are_checked_line_by_line(tmp_path):
    bad = tmp_path / "g.jsonl"
    bad.write_text(json.dumps({"doc_id": "d", "quantity": [1, 2], "figure": figure(None, None, None, "ratio")}) + "\n")
    with pytest.raises(DataError, match='g.jsonl line 1.figure.kind: "ratio" is not one of level, change, share'):
        read_figures(bad)
    bad.write_text(json.dumps({"doc_id": "d", "quantity": [1, 2], "figure": DIGITAL_ECONOMY}) + "\n"
                   + json.dumps({"doc_id": "d", "quantity": [1, 2], "figure": DIGITAL_ECONOMY}) + "\n")
    with pytest.raises(DataError, match="line 2: a second figure for quantity"):
        read_figures(bad)


def test_agreement_scores_the_second_annotation_as_spec_7_scores_a_run(tmp_path):
    gold_file(tmp_path / "gold")
    first, second = tmp_path / "first", tmp_path / "second"
    write_figures(first / "g.jsonl", {("d", *LEVEL): DIGITAL_ECONOMY, ("d", *GROWTH): CORE_INDUSTRIES})
    # the second annotator took "economy" alone (token F1 2/3) and no period for the level
    write_figures(second / "g.jsonl", {("d", *LEVEL): figure([16, 23], [0, 5], None, "level"),
                                       ("d", *GROWTH): CORE_INDUSTRIES})
    scores = agreement(first, second, tmp_path / "gold")
    assert scores["g.jsonl"] == scores["all"]
    assert scores["all"]["n"] == 2 and round(scores["all"]["measure"], 3) == round((2 / 3 + 1) / 2, 3)
    assert scores["all"]["period"] == scores["all"]["figure"] == 0.5 and scores["all"]["kind"] == 1.0


def test_the_committed_gold_carries_exactly_the_committed_figure_files(tmp_path):
    """data/gold must be re-derivable from data/annotation/figures: a merge changes nothing."""
    gold = tmp_path / "gold"
    shutil.copytree(REPO / "data" / "gold", gold)
    reports = merge(gold, FIGURES_DIR)
    assert [r.gold.name for r in reports] == sorted(p.name for p in FIGURES_DIR.glob("*.jsonl"))
    assert all(r.changed == r.removed == 0 and not r.orphans for r in reports)
    assert sum(r.placed for r in reports) == 805
