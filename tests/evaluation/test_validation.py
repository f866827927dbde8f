"""`claims validate-gold`: every problem at once, each naming the document, the field and the value."""

import json

import pytest
from typer.testing import CliRunner

from conftest import REPO, shared_file
from pipeline.cli import app
from pipeline.evaluation.validation import validate_files

ATTRIBUTION = REPO / "data" / "gold" / "seeds_attribution.jsonl"


def problems_of(path):
    return validate_files([path])[0].problems


def validate_gold(*paths):
    return CliRunner().invoke(app, ["validate-gold", *map(str, paths)])


def seed_record(n=0):
    return json.loads(shared_file("gold", "seeds.jsonl").read_text(encoding="utf-8").splitlines()[n])


def test_validate_gold_accepts_the_seeds_and_rejects_broken_files(tmp_path):
    assert problems_of(shared_file("gold", "seeds.jsonl")) == []
    d = seed_record()
    d["sentences"][1]["start"] = d["sentences"][0]["start"] + 1          # overlap
    d["sentences"][2]["labels"] = ["target", "metric"]                   # unsorted
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(d) + "\n")
    problems = problems_of(bad)
    assert any("overlaps" in p for p in problems)
    assert any('sentences[2].labels: ["target", "metric"] are not sorted' in p for p in problems)


@pytest.mark.parametrize("drop,where", [(1, "middle"), (-1, "tail")])
def test_validate_gold_names_the_first_character_in_no_sentence(tmp_path, drop, where):
    d = seed_record()
    gone = d["sentences"].pop(drop)
    bad = tmp_path / f"{where}.jsonl"
    bad.write_text(json.dumps(d) + "\n")
    untiled = [p for p in problems_of(bad) if "is in no sentence" in p]
    assert len(untiled) == 1 and f"character {gone['start']} " in untiled[0]


def test_every_problem_of_a_file_is_reported_naming_document_field_and_value(tmp_path):
    d = seed_record()
    d["sentences"][2]["labels"] = ["metrik"]
    d["sentences"][3]["boilerplate"] = "no"
    d["entities"][0]["label"] = "PER"
    d["quantities"][0]["value"] = "10%"
    bad = tmp_path / "four.jsonl"
    bad.write_text(json.dumps(d) + "\n")
    result = validate_gold(bad)
    assert result.exit_code == 1
    where = f"{bad}: line 1 ({d['doc_id']})"
    assert result.stdout.splitlines() == [
        f'{where} sentences[2].labels: unknown claim label "metrik" (allowed: metric, target, policy)',
        f'{where} sentences[3].boilerplate: "no" is not true or false',
        f'{where} entities[0].label: unknown entity label "PER" (allowed: PERSON, ORG)',
        f'{where} quantities[0].value: "10%" is not a number or null']
    assert result.stderr == f"{bad}: 4 problems\n"


def test_a_bad_line_does_not_hide_the_lines_after_it(tmp_path):
    good, other = seed_record(0), seed_record(1)
    other["sentences"][0]["start"] = "x"
    bad = tmp_path / "lines.jsonl"
    bad.write_text(f"{json.dumps(good)}\n{{not json\n{json.dumps(other)}\n{json.dumps({'doc_id': 3})}\n")
    problems = problems_of(bad)
    assert [p.split(":")[0] for p in problems] == ["line 2", f"line 3 ({other['doc_id']}) sentences[0].start",
                                                  "line 4"]
    assert '"x" is not an integer offset' in problems[1] and "doc_id 3 is not a string" in problems[2]


def test_many_problems_are_shown_up_to_a_limit_then_counted(tmp_path):
    d = seed_record(4)
    for s in d["sentences"][:25]:
        s["boilerplate"] = "maybe"
    bad = tmp_path / "many.jsonl"
    bad.write_text(json.dumps(d) + "\n")
    result = validate_gold(bad)
    lines = result.stdout.splitlines()
    assert len(lines) == 21 and lines[-1] == f"{bad}: ... and 5 more problems"
    assert result.stderr == f"{bad}: 25 problems\n"


def test_the_repositorys_own_gold_folder_validates_and_the_attribution_file_is_recognised():
    shared_file("corpus2", "SOURCES.tsv")
    result = validate_gold(*sorted((REPO / "data" / "gold").glob("*.jsonl")))
    assert result.exit_code == 0, result.output
    assert f"{ATTRIBUTION}: OK (attribution side file, 56 rows; its sentences were not checked" in result.stderr
    with_gold = validate_gold(ATTRIBUTION, shared_file("gold", "seeds.jsonl"))
    assert with_gold.exit_code == 0, with_gold.output
    assert "56 rows; sentences checked against the gold of 5 documents" in with_gold.stderr


def test_an_attribution_file_is_checked_by_its_own_fields_and_against_its_gold(tmp_path):
    rows = [json.loads(line) for line in ATTRIBUTION.read_text(encoding="utf-8").splitlines()]
    said = next(i for i, r in enumerate(rows) if r["speaker"])
    rows[said]["speaker"] = dict(rows[said]["speaker"], label="PER")
    rows[0]["deadline"] = 30
    rows[1]["speaker"] = {"start": rows[1]["end"] + 5, "end": rows[1]["end"] + 9, "label": "ORG"}
    rows[2]["end"] -= 1  # no longer a gold sentence
    rows.append(dict(rows[3]))
    bad = tmp_path / "attribution.jsonl"
    bad.write_text("".join(json.dumps(r) + "\n" for r in rows))
    alone = problems_of(bad)
    assert len(alone) == 4
    assert f'line {said + 1} ({rows[said]["doc_id"]}).speaker.label: "PER" is not PERSON or ORG' in alone
    assert f"line 1 ({rows[0]['doc_id']}).deadline: 30 is not a year (four digits) or null" in alone
    assert any(p.startswith("line 2 ") and "is not inside the sentence" in p for p in alone)
    assert alone[-1] == f"line {len(rows)} ({rows[3]['doc_id']}): the same sentence as line 4"
    report = validate_files([bad, shared_file("gold", "seeds.jsonl")])[0]
    assert len(report.problems) == 5
    assert f"line 3 ({rows[2]['doc_id']}): [{rows[2]['start']}:{rows[2]['end']}] is not a sentence" in report.problems[2]


def test_a_run_file_is_named_as_such_not_reported_as_broken_gold(tmp_path):
    run = tmp_path / "claims.jsonl"
    run.write_text(json.dumps({"doc_id": "a", "sent_id": 0, "start": 0, "end": 1, "text": "x", "labels": []}) + "\n")
    assert problems_of(run) == ["a run file (one record per sentence, spec §6), not gold (one record per document, "
                                "spec §5) nor an attribution side file: nothing to validate"]


def test_a_missing_shared_folder_is_one_problem_for_the_file_not_one_per_document(tmp_path, monkeypatch):
    import pipeline.config

    monkeypatch.setattr(pipeline.config, "REPO_ROOT", tmp_path / "site-packages")
    monkeypatch.delenv("CLAIMS_SHARED", raising=False)
    monkeypatch.chdir(tmp_path)
    problems = problems_of(REPO / "data" / "gold" / "corpus.jsonl")
    assert len(problems) == 1 and "set CLAIMS_SHARED to it" in problems[0]


def figure_gold(tmp_path, figure, labels=("metric",), second=None):
    """A two-sentence gold document whose first quantity carries ``figure`` (spec §9)."""
    text = "China's digital economy reached 53.9 trillion yuan in 2023. Exports rose 5 percent."
    first = text.index(" Exports")
    quantities = [{"start": 32, "end": 50, "value": 5.39e13, "unit": "CNY", "figure": figure},
                  {"start": text.index("5 percent"), "end": len(text) - 1, "value": 5.0, "unit": "%"}]
    if second is not None:
        quantities[1]["figure"] = second
    d = {"doc_id": "d", "text": text, "entities": [], "quantities": quantities,
         "sentences": [{"start": 0, "end": first, "labels": list(labels), "boilerplate": False},
                       {"start": first + 1, "end": len(text), "labels": ["metric"], "boilerplate": False}]}
    path = tmp_path / "figures.jsonl"
    path.write_text(json.dumps(d) + "\n")
    return path


GOOD_FIGURE = {"measure": [8, 23], "subject": [0, 5], "period": 2023, "kind": "level"}
OTHER_FIGURE = {"measure": [60, 67], "subject": None, "period": None, "kind": "change"}


def test_gold_figures_are_checked_against_spec_9(tmp_path):
    assert problems_of(figure_gold(tmp_path, GOOD_FIGURE, second=OTHER_FIGURE)) == []
    broken = dict(GOOD_FIGURE, measure=[8, 70], kind="amount", period="2023")
    problems = problems_of(figure_gold(tmp_path, broken, second=OTHER_FIGURE))
    assert any('figure.kind: "amount" is not one of level, change, share' in p for p in problems)
    assert any('figure.period: "2023" is not a year' in p for p in problems)
    outside = problems_of(figure_gold(tmp_path, dict(GOOD_FIGURE, subject=[60, 67]), second=OTHER_FIGURE))
    assert len(outside) == 1 and "figure.subject [60:67] 'Exports' is not inside its sentence [0:59]" in outside[0]


def test_a_file_with_figures_needs_one_on_every_metric_or_target_quantity_and_only_there(tmp_path):
    missing = problems_of(figure_gold(tmp_path, GOOD_FIGURE))
    assert len(missing) == 1 and "'5 percent' is in a metric or target sentence but has no figure" in missing[0]
    policy = problems_of(figure_gold(tmp_path, GOOD_FIGURE, labels=["policy"], second=OTHER_FIGURE))
    assert len(policy) == 1 and "has a figure but its sentence is labelled neither metric nor target" in policy[0]
