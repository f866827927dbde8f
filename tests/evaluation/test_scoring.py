"""`claims evaluate` must agree with the reference scorer on every figure."""

import importlib.util
import json

import pytest

from conftest import shared_file
from pipeline.evaluation.scoring import GoldDocument, GoldSentence, PredDocument, PredSentence, evaluate_files


def reference_scorer():
    spec = importlib.util.spec_from_file_location("score", shared_file("tools", "score.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def perturbed_figure(figure, j, text):
    """The gold figure (spec §9) as a run writes it, wrong in a different way for each j."""
    as_span = lambda v: None if v is None else {"start": v[0], "end": v[1], "text": text[v[0]:v[1]]}  # noqa: E731
    measure, subject = figure["measure"], figure["subject"]
    if j % 6 == 1 and measure and measure[1] - measure[0] > 4:
        measure = [measure[0], measure[0] + (measure[1] - measure[0]) // 2]  # part of the words
    if j % 6 == 2:
        subject = None if subject else measure
    kind = {"level": "change", "change": "share", "share": "level"}[figure["kind"]] if j % 6 == 3 else figure["kind"]
    period = (figure["period"] or 2000) + 1 if j % 6 == 4 else figure["period"]
    if j % 6 == 5:
        return None
    return {"measure": as_span(measure), "subject": as_span(subject), "period": period, "kind": kind}


def perturbed_predictions(gold_path, out):
    """Predictions with every kind of error: shifted sentences, wrong labels, entities, values, figures."""
    rows = []
    for line in open(gold_path, encoding="utf-8"):
        d = json.loads(line)
        text = d["text"]
        for i, s in enumerate(d["sentences"]):
            start, end = s["start"], s["end"]
            if i % 4 == 1 and end - start > 10:
                end -= 3  # boundary error
            labels = sorted(set(s["labels"]) ^ ({"metric"} if i % 3 == 0 else set()))
            ents = [dict(e, text=text[e["start"]:e["end"]]) for e in d["entities"]
                    if start <= e["start"] and e["end"] <= end][::2]
            quants = []
            for j, q in enumerate(d["quantities"]):
                if start <= q["start"] and q["end"] <= end:
                    value = q["value"] * (2 if j % 3 == 0 and q["value"] else 1)
                    quants.append({"start": q["start"], "end": q["end"], "text": text[q["start"]:q["end"]],
                                   "value": value, "unit": q["unit"] if j % 4 else "USD"})
                    if q.get("figure"):
                        quants[-1]["figure"] = perturbed_figure(q["figure"], j, text)
            rows.append({"doc_id": d["doc_id"], "sent_id": i, "start": start, "end": end,
                         "text": text[start:end], "labels": labels,
                         "scores": {"metric": 0.5, "target": 0.5, "policy": 0.5},
                         "boilerplate": s["boilerplate"], "entities": ents, "quantities": quants})
    out.write_text("".join(json.dumps(r) + "\n" for r in rows))


def inline_copy(standoff, out):
    """The gold with each article's text put back, as the reference scorer reads gold."""
    from pipeline.evaluation.gold import resolve_text

    rows = []
    for line in open(standoff, encoding="utf-8"):
        d = json.loads(line)
        rows.append({"doc_id": d["doc_id"], "text": resolve_text(d),
                     **{k: v for k, v in d.items() if k not in ("doc_id", "path", "sha256")}})
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return out


@pytest.mark.parametrize("gold_name", ["seeds", "corpus2-europe-north-america-oceania.jsonl"])
def test_agrees_with_reference_scorer(tmp_path, gold_name):
    """Ours reads the standoff file itself; the reference scorer reads the same gold with its texts inline."""
    from conftest import REPO

    if gold_name == "seeds":
        gold = inline = shared_file("gold", "seeds.jsonl")
    else:
        gold = REPO / "data" / "gold" / gold_name
        inline = inline_copy(gold, tmp_path / "inline.jsonl")
    pred = tmp_path / "pred.jsonl"
    perturbed_predictions(inline, pred)
    ours = evaluate_files(gold, pred)
    ref = reference_scorer().evaluate(str(inline), str(pred))
    compared = 0
    for key, value in ref.items():
        if key.startswith("_") or key.startswith("validation."):
            continue
        assert key in ours, key
        if isinstance(value, float):
            assert round(ours[key], 3) == round(value, 3), key
        else:
            assert ours[key] == value, key
        compared += 1
    assert compared > 60
    assert ours["labels.micro.f1"] < 1.0  # the perturbation really produced errors
    if gold_name != "seeds":  # the corpus 2 gold carries figures (spec §9)
        assert ref["figures.n"] > 100 and 0.3 < ours["figures.figure"] < 0.9
        assert all(0 < ours[f"figures.{k}"] < 1 for k in ("measure", "subject", "period", "kind"))


def test_perfect_predictions_score_one(tmp_path):
    gold = shared_file("gold", "seeds.jsonl")
    pred = tmp_path / "pred.jsonl"
    rows = []
    for line in open(gold, encoding="utf-8"):
        d = json.loads(line)
        t = d["text"]
        for i, s in enumerate(d["sentences"]):
            inside = lambda x: s["start"] <= x["start"] and x["end"] <= s["end"]  # noqa: E731
            rows.append({"doc_id": d["doc_id"], "sent_id": i, "start": s["start"], "end": s["end"],
                         "text": t[s["start"]:s["end"]], "labels": s["labels"], "boilerplate": s["boilerplate"],
                         "scores": {"metric": 0, "target": 0, "policy": 0},
                         "entities": [dict(e, text=t[e["start"]:e["end"]]) for e in d["entities"] if inside(e)],
                         "quantities": [dict(q, text=t[q["start"]:q["end"]]) for q in d["quantities"] if inside(q)]})
    pred.write_text("".join(json.dumps(r) + "\n" for r in rows))
    res = evaluate_files(gold, pred)
    assert res["labels.micro.f1"] == res["sentences.f1"] == res["entities.micro.f1"] == 1.0
    assert res["quantities.f1"] == res["quantities.value_acc"] == 1.0


def test_messages_name_the_file_and_what_is_wrong_with_it(tmp_path):
    from pipeline.errors import DataError, GoldError
    from pipeline.evaluation.scoring import load_gold

    broken = tmp_path / "broken.jsonl"
    broken.write_text("not json\n")
    with pytest.raises(DataError, match=f"gold file {broken} line 1: malformed JSON"):
        load_gold(broken)
    run = tmp_path / "run.jsonl"
    run.write_text(json.dumps({"doc_id": "a", "sent_id": 0, "start": 0, "end": 1, "text": "x", "labels": []}) + "\n")
    with pytest.raises(GoldError, match="is a run file .* not gold .* give it as --pred"):
        load_gold(run)


def test_the_table_shows_only_what_the_gold_annotates():
    from pipeline.evaluation.scoring import render_table, score

    gold = {"d": GoldDocument("d", "Alibaba said so.", [GoldSentence(0, 16, frozenset(), False)], [(0, 7, "ORG")], [])}
    pred = {"d": PredDocument([PredSentence(1, 0, 16, frozenset(), "Alibaba said so.")], [(0, 7, "ORG")], [])}
    table = render_table(score(gold, pred))
    assert "Entities" in table and "Claim labels" not in table and "Quantities" not in table
    assert "Not scored: this gold annotates no claim labels, no quantities" in table


def perfect_rows(gold_path):
    """The gold's own sentences as a run file would give them."""
    rows = []
    for line in open(gold_path, encoding="utf-8"):
        d = json.loads(line)
        rows += [{"doc_id": d["doc_id"], "sent_id": i, "start": s["start"], "end": s["end"],
                  "text": d["text"][s["start"]:s["end"]], "labels": s["labels"], "boilerplate": s["boilerplate"]}
                 for i, s in enumerate(d["sentences"])]
    return rows


def evaluate_cli(gold, pred, *more):
    from typer.testing import CliRunner

    from pipeline.cli import app

    return CliRunner().invoke(app, ["evaluate", "--gold", str(gold), "--pred", str(pred), *more])


def test_predictions_of_other_documents_are_an_error_not_a_table_of_zeros(tmp_path):
    gold = shared_file("gold", "seeds.jsonl")
    pred = tmp_path / "other.jsonl"
    pred.write_text("".join(json.dumps(dict(r, doc_id="other-" + r["doc_id"])) + "\n" for r in perfect_rows(gold)))
    result = evaluate_cli(gold, pred)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert f"{gold} and {pred} share no doc_id" in result.stderr
    assert "gold: 000_ef4fed4dfbe7fc54, 001_1478382716c00e89 and 3 more" in result.stderr
    assert "predictions: other-000_ef4fed4dfbe7fc54, other-001_1478382716c00e89 and 3 more" in result.stderr
    pred.write_text("")
    assert "holds no predictions" in evaluate_cli(gold, pred).stderr


def test_gold_documents_without_a_prediction_are_counted_in_a_note(tmp_path):
    gold = shared_file("gold", "seeds.jsonl")
    rows = perfect_rows(gold)
    first_two = sorted({r["doc_id"] for r in rows})[:2]
    pred = tmp_path / "part.jsonl"
    pred.write_text("".join(json.dumps(r) + "\n" for r in rows if r["doc_id"] in first_two))
    result = evaluate_cli(gold, pred, "--json")
    assert result.exit_code == 0
    assert result.stderr == "claims: note: 3 of the 5 gold documents have no prediction and count as all missed\n"
    assert json.loads(result.stdout)["docs.missing"] == 3


def figure_run(text, quantity, figure):
    """One sentence record over the whole text with one quantity and its figure."""
    return {"doc_id": "d", "sent_id": 0, "start": 0, "end": len(text), "text": text, "labels": ["metric"],
            "boilerplate": False, "scores": {"metric": 1, "target": 0, "policy": 0}, "entities": [],
            "quantities": [{"start": quantity[0], "end": quantity[1], "text": text[quantity[0]:quantity[1]],
                            "value": 1.0, "unit": None, "figure": figure}]}


def test_figures_are_scored_field_by_field_and_listed_when_wrong(tmp_path):
    from pipeline.evaluation.scoring import Mismatch, render_table

    text = "China's digital economy reached 53.9 trillion yuan in 2023."
    q = (text.index("53.9"), text.index(" in 2023"))
    gold = tmp_path / "gold.jsonl"
    sentence = {"start": 0, "end": len(text), "labels": ["metric"], "boilerplate": False}
    quantity = {"start": q[0], "end": q[1], "value": 5.39e13, "unit": "CNY",
                "figure": {"measure": [8, 23], "subject": [0, 5], "period": 2023, "kind": "level"}}
    gold.write_text(json.dumps({"doc_id": "d", "text": text, "sentences": [sentence], "entities": [],
                                "quantities": [quantity]}) + "\n")
    span = lambda s, e: {"start": s, "end": e, "text": text[s:e]}  # noqa: E731
    # measure "economy" alone: token F1 2/3, still >= 0.5, so the whole figure is right
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(figure_run(text, q, {"measure": span(16, 23), "subject": span(0, 5),
                                                    "period": 2023, "kind": "level"})) + "\n")
    res = evaluate_files(gold, pred)
    assert res["figures.n"] == 1 and round(res["figures.measure"], 3) == 0.667 and res["figures.figure"] == 1.0
    assert "whole figure 1.000" in render_table(res)
    # no subject and the wrong kind: both wrong, so is the figure; the error listing says which fields
    pred.write_text(json.dumps(figure_run(text, q, {"measure": span(8, 23), "subject": None,
                                                    "period": 2023, "kind": "change"})) + "\n")
    found: list[Mismatch] = []
    res = evaluate_files(gold, pred, mismatches=found)
    assert (res["figures.measure"], res["figures.subject"], res["figures.kind"], res["figures.figure"]) == (1, 0, 0, 0)
    wrong = [m for m in found if m.kind == "figure"]
    assert len(wrong) == 1 and wrong[0].outcome == "subject,kind" and wrong[0].gold["measure"] == "digital economy"
    # a quantity predicted without a figure counts as wrong in every field
    pred.write_text(json.dumps(figure_run(text, q, None)) + "\n")
    res = evaluate_files(gold, pred)
    assert res["figures.period"] == res["figures.measure"] == 0.0
