"""Annotation round trip: gold -> Label Studio / Prodigy tasks -> gold, and runs as pre-annotations."""

import json
import re
from dataclasses import dataclass
from xml.etree import ElementTree

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


@dataclass
class Control:
    """A control tag of a Label Studio config, as a result that names it must match."""
    type: str  # the tag in lower case: a result's "type"
    to_names: set[str]
    options: set[str]  # its <Label>/<Choice> values; empty for a TextArea
    attrs: dict[str, str]
    for_label: str | None  # a perRegion control inside <View whenLabelValue=...>: the only label it describes


def read_ls_config(path):
    """(controls by name, data variable of each object tag, every $variable) of a labelling config."""
    root = ElementTree.parse(path).getroot()
    controls, objects = {}, {}

    def walk(node, for_label):
        for_label = node.get("whenLabelValue", for_label)
        if node.get("toName"):
            options = {c.get("value") for c in node if c.tag in ("Label", "Choice")}
            controls[node.get("name")] = Control(node.tag.lower(), set(node.get("toName").split(",")), options,
                                                 dict(node.attrib), for_label)
        elif node.get("name") and (node.get("value") or "").startswith("$"):
            objects[node.get("name")] = node.get("value")[1:]
        for child in node:
            walk(child, for_label)

    walk(root, None)
    variables = {v for node in root.iter() for a in node.attrib.values() for v in re.findall(r"\$(\w+)", a)}
    return controls, objects, variables


def ls_problems(task, config) -> list[str]:
    """What Label Studio would refuse or misread in a task under ``config`` (empty: none)."""
    controls, objects, variables = config
    data = task.get("data", {})
    problems = [f"data lacks ${v}" for v in sorted(variables - set(data))]
    for done in task.get("predictions", []) + task.get("annotations", []):
        if not 0 <= done.get("score", 0) <= 1:
            problems.append(f"score {done['score']} is not in [0, 1]")
        spans = {r.get("id"): r for r in done["result"] if r.get("type") == "labels"}
        for r in done["result"]:
            problems += [f"{r.get('id')} ({r.get('from_name')}): {p}" for p in region_problems(r, data, spans, config)]
    return problems


def region_problems(r, data, spans, config) -> list[str]:
    controls, objects, _ = config
    control = controls.get(r.get("from_name"))
    if control is None:
        return ["no control of that name"]
    problems, value = [], r.get("value", {})
    if r.get("to_name") not in control.to_names or r.get("to_name") not in objects:
        problems.append(f"to_name {r.get('to_name')!r} is not an object this control labels")
    if r.get("type") != control.type:
        problems.append(f"type {r.get('type')!r} is not {control.type!r}")
    chosen = value.get({"labels": "labels", "choices": "choices", "textarea": "text"}.get(control.type))
    if not isinstance(chosen, list) or not chosen or not all(isinstance(c, str) for c in chosen):
        return problems + [f"no list of strings in {value}"]
    if control.options and not set(chosen) <= control.options:
        problems.append(f"{sorted(set(chosen) - control.options)} not among {sorted(control.options)}")
    if len(chosen) > 1 and (control.type == "labels" or control.attrs.get("choice", "multiple") != "multiple"
                            or int(control.attrs.get("maxSubmissions", len(chosen))) < len(chosen)):
        problems.append(f"{len(chosen)} values where one is allowed")
    text = data.get(objects.get(r.get("to_name")), "")
    if control.type == "labels" or "start" in value:
        start, end = value.get("start"), value.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            problems.append(f"span {start}-{end} is not within the {len(text)} characters")
        elif control.type == "labels" and value.get("text", text[start:end]) != text[start:end]:
            problems.append(f"span text {value['text']!r} is not {text[start:end]!r}")
    if control.attrs.get("perRegion") == "true":
        region = spans.get(r.get("id"))
        if region is None or (region["value"].get("start"), region["value"].get("end")) != (value.get("start"),
                                                                                              value.get("end")):
            problems.append("describes no labelled region of the same id and span")
        elif control.for_label and control.for_label not in region["value"]["labels"]:
            problems.append(f"describes a {region['value']['labels']} region, shown only for {control.for_label}")
    return problems


def test_every_exported_task_fits_the_shipped_label_studio_config(ls_tasks):
    """Checked against configs/label-studio.xml as Label Studio reads it: controls, their targets, types and
    options, spans within (and quoting) the text, per-region fields on a region of the label they are shown for."""
    config = read_ls_config(REPO / "configs" / "label-studio.xml")
    assert {"span", "claims", "boilerplate", "value", "unit"} <= set(config[0])
    assert [p for task in ls_tasks for p in ls_problems(task, config)] == []
    quantities = sum(r["from_name"] == "value" for task in ls_tasks for r in task["predictions"][0]["result"])
    assert quantities > 50


def test_the_label_studio_check_finds_what_label_studio_would_refuse(ls_tasks):
    config = read_ls_config(REPO / "configs" / "label-studio.xml")
    task = next(t for t in ls_tasks if {"PERSON", "unit"} <= {r["from_name"] for r in t["predictions"][0]["result"]}
                | {x for r in t["predictions"][0]["result"] for x in r["value"].get("labels", [])})
    result = task["predictions"][0]["result"]
    person = next(r for r in result if r["value"].get("labels") == ["PERSON"])
    unit = next(r for r in result if r["from_name"] == "unit")
    breakages = [  # (region added, what the check must say)
        ({"id": "x", "from_name": "span", "to_name": "text", "type": "labels",
          "value": {"start": 0, "end": 3, "labels": ["PLACE"]}}, "['PLACE'] not among"),
        ({**unit, "from_name": "currency"}, "no control of that name"),
        ({**unit, "id": person["id"], "value": {**person["value"], "text": ["%"]}}, "shown only for QUANTITY"),
        ({**person, "value": {**person["value"], "text": "someone"}}, "span text 'someone' is not"),
        ({**person, "type": "choices"}, "type 'choices' is not 'labels'"),
    ]
    for region, says in breakages:
        broken = {**task, "predictions": [{**task["predictions"][0], "result": result + [region]}]}
        [problem] = ls_problems(broken, config)
        assert says in problem
    assert ls_problems({**task, "data": {"text": task["data"]["text"]}}, config) == ["data lacks $doc_id",
                                                                                     "data lacks $sent_id"]


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
