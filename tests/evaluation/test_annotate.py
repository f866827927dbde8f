"""Annotation round trip: gold -> Label Studio / Prodigy tasks -> gold, and runs as pre-annotations."""

import json

import pytest
from typer.testing import CliRunner

from conftest import REPO, shared_file
from pipeline.evaluation.annotate import import_tasks
from pipeline.errors import AnnotationError
from pipeline.cli import app

GOLD_FILES = sorted((REPO / "data" / "gold").glob("corpus*.jsonl"))


def cli(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result


@pytest.mark.parametrize("fmt", ["label-studio", "prodigy"])
@pytest.mark.parametrize("gold", GOLD_FILES + ["seeds"], ids=lambda g: getattr(g, "name", g))
def test_exporting_gold_and_importing_it_again_gives_identical_gold(tmp_path, fmt, gold):
    gold = shared_file("gold", "seeds.jsonl") if gold == "seeds" else gold
    tasks, back = tmp_path / "tasks", tmp_path / "back.jsonl"
    assert cli("annotate", "export", gold, "--format", fmt, "--out", tasks).exit_code == 0
    result = cli("annotate", "import", tasks, "--format", fmt, "--out", back)
    assert result.exit_code == 0, result.output
    assert back.read_bytes() == gold.read_bytes()


@pytest.fixture(scope="module")
def ls_tasks(tmp_path_factory):
    out = tmp_path_factory.mktemp("ls") / "tasks.json"
    assert cli("annotate", "export", REPO / "data/gold/corpus.jsonl", "-f", "label-studio", "-o", out).exit_code == 0
    return json.loads(out.read_text())


def test_label_studio_sdk_accepts_every_exported_task_under_the_shipped_config(ls_tasks):
    from label_studio_sdk.label_interface import LabelInterface

    interface = LabelInterface((REPO / "configs" / "label-studio.xml").read_text())
    assert {"span", "claims", "boilerplate", "value", "unit"} <= set(interface._controls)
    quantities = 0
    for task in ls_tasks:
        assert interface.validate_prediction(task["predictions"][0], return_errors=True) in (True, [])
        quantities += sum(r["from_name"] == "value" for r in task["predictions"][0]["result"])
    assert quantities > 50
    broken = json.loads(json.dumps(ls_tasks[3]["predictions"][0]))
    broken["result"].append({"id": "x", "from_name": "span", "to_name": "text", "type": "labels",
                             "value": {"start": 0, "end": 3, "labels": ["PLACE"]}})
    assert interface.validate_prediction(broken, return_errors=True) not in (True, [])


def test_a_human_annotation_wins_over_the_pre_annotation(tmp_path, ls_tasks):
    tasks = json.loads(json.dumps(ls_tasks))
    task = next(t for t in tasks if not any(r["from_name"] == "boilerplate" for r in t["predictions"][0]["result"]))
    result = [r for r in task["predictions"][0]["result"] if r["from_name"] != "claims"]
    result.append({"id": "c", "from_name": "claims", "to_name": "text", "type": "choices",
                   "value": {"choices": ["target", "policy"]}})
    task["annotations"] = [{"result": result, "was_cancelled": False}]
    path = tmp_path / "done.json"
    path.write_text(json.dumps(tasks))
    result = import_tasks(path, "label-studio")
    assert (result.tasks, result.unreviewed) == (len(tasks), len(tasks) - 1)
    doc = next(r for r in result.records if r["doc_id"] == task["data"]["doc_id"])
    assert doc["sentences"][task["data"]["sent_id"]]["labels"] == ["policy", "target"]


def test_an_edited_sentence_text_is_refused_not_imported(tmp_path, ls_tasks):
    tasks = json.loads(json.dumps(ls_tasks))
    tasks[2]["data"]["text"] = tasks[2]["data"]["text"].replace("e", "E", 1)
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(tasks))
    with pytest.raises(AnnotationError, match="sha256 differs"):
        import_tasks(path, "label-studio")


def test_a_missing_sentence_is_refused(tmp_path, ls_tasks):
    path = tmp_path / "gap.json"
    path.write_text(json.dumps(ls_tasks[:4] + ls_tasks[5:]))
    with pytest.raises(AnnotationError, match="only some sentences of a document .* has 14 of its 15 sentences"):
        import_tasks(path, "label-studio")


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "claims.jsonl"
    assert cli("run", REPO / "seeds", "--out", out, "--no-db", "-q").exit_code == 0
    return out


def test_a_run_exports_uncertain_sentences_first_with_its_predictions(tmp_path, seed_run):
    seeds, out = REPO / "seeds", seed_run
    tasks = tmp_path / "tasks.jsonl"
    result = cli("annotate", "export", out, "-f", "prodigy", "-o", tasks, "--order", "uncertain")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in tasks.read_text().splitlines()]
    margins = [r["claims"]["uncertainty"] for r in rows if "uncertainty" in r["claims"]]
    assert len(margins) > 50 and margins == sorted(margins)
    run_rows = [json.loads(line) for line in out.read_text().splitlines()]
    by_key = {(r["doc_id"], r["sent_id"]): r for r in run_rows}
    for r in rows:
        run = by_key[(r["claims"]["doc_id"], r["claims"]["sent_id"])]
        assert r["text"] == run["text"]
        assert sorted(a for a in r["accept"] if a != "boilerplate") == run["labels"]
    # the tasks rebuild every seed document's text exactly
    back = tmp_path / "back.jsonl"
    assert cli("annotate", "import", tasks, "-f", "prodigy", "-o", back).exit_code == 0
    texts = {json.loads(line)["doc_id"]: json.loads(line)["text"] for line in back.read_text().splitlines()}
    assert texts == {p.stem: p.read_text(encoding="utf-8") for p in seeds.glob("*.txt")}


def test_uncertain_order_needs_scores(tmp_path):
    result = cli("annotate", "export", REPO / "data/gold/corpus.jsonl", "-f", "prodigy",
                 "-o", tmp_path / "t.jsonl", "--order", "uncertain")
    assert result.exit_code == 2 and "needs the classifier's scores" in result.output


def gold_lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("gold", [REPO / "data/gold/corpus.jsonl", "seeds"], ids=["standoff", "inline"])
def test_a_limited_export_is_imported_into_the_gold_it_came_from(tmp_path, gold):
    gold = shared_file("gold", "seeds.jsonl") if gold == "seeds" else gold
    tasks, back = tmp_path / "tasks.json", tmp_path / "back.jsonl"
    assert cli("annotate", "export", gold, "-f", "label-studio", "-o", tasks, "--limit", 20).exit_code == 0
    exported = json.loads(tasks.read_text())
    cut = exported[-1]["data"]["claims"]
    assert cut["sent_id"] < cut["of"] - 1, "the limit cuts a document short"
    alone = cli("annotate", "import", tasks, "-f", "label-studio", "-o", back)
    assert alone.exit_code == 2 and not back.exists()
    assert (f"only some sentences of a document (an export cut by --limit, or tasks left out): {cut['doc_id']} "
            f"has {cut['sent_id'] + 1} of its {cut['of']} sentences; import them with --into FILE") in alone.stderr
    kept = [r for r in exported[-1]["predictions"][0]["result"] if r["from_name"] not in ("claims", "boilerplate")]
    exported[-1]["annotations"] = [{"result": kept + [{"id": "c", "from_name": "claims", "to_name": "text",
                                                       "type": "choices", "value": {"choices": ["metric", "policy"]}}]}]
    tasks.write_text(json.dumps(exported))
    merged = cli("annotate", "import", tasks, "-f", "label-studio", "-o", back, "--into", gold)
    assert merged.exit_code == 0, merged.output
    assert "(20 sentences from the tasks, " in merged.stderr
    expected = gold_lines(gold)
    sentence = next(d for d in expected if d["doc_id"] == cut["doc_id"])["sentences"][cut["sent_id"]]
    sentence.update(labels=["metric", "policy"], boilerplate=False)
    assert gold_lines(back) == expected


def test_uncertain_sentences_of_a_run_are_imported_into_the_run(tmp_path, seed_run):
    tasks, back = tmp_path / "tasks.jsonl", tmp_path / "back.jsonl"
    assert cli("annotate", "export", seed_run, "-f", "prodigy", "-o", tasks, "--order", "uncertain",
               "--limit", 10).exit_code == 0
    rows = [json.loads(line) for line in tasks.read_text().splitlines()]
    rows[0].update(answer="accept", accept=["target"])
    tasks.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert "--into FILE" in cli("annotate", "import", tasks, "-f", "prodigy", "-o", back).stderr
    result = cli("annotate", "import", tasks, "-f", "prodigy", "-o", back, "--into", seed_run)
    assert result.exit_code == 0, result.output
    records = {r["doc_id"]: r for r in gold_lines(back)}
    assert {d: r["text"] for d, r in records.items()} == {p.stem: p.read_text(encoding="utf-8")
                                                          for p in (REPO / "seeds").glob("*.txt")}
    run = {(r["doc_id"], r["start"]): r for r in gold_lines(seed_run)}
    changed = (rows[0]["claims"]["doc_id"], rows[0]["claims"]["offset"])
    for doc_id, record in records.items():
        for s in record["sentences"]:
            want = ["target"] if (doc_id, s["start"]) == changed else run[(doc_id, s["start"])]["labels"]
            assert s["labels"] == want and s["end"] == run[(doc_id, s["start"])]["end"]
