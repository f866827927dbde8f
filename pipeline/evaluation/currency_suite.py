"""Money beyond the articles, scored against ``find_quantities``: the money expressions of
Microsoft's Recognizers-Text suite (English ``CurrencyModel.json``), and our own cases of money
as English-language news around the world writes it (``data/currency/world.jsonl``)::

    python -m pipeline.evaluation.currency_suite ../shared/external/recognizers-currency/CurrencyModel.json
    python -m pipeline.evaluation.currency_suite data/currency/world.jsonl

A case of ``world.jsonl`` is one passage as a paper prints it, with the amounts it states
(``span``, ``value`` with the scale applied, ``iso``) and the spans that must not be read as
money (``not_money``: ``N95`` masks, an ``R21`` road).  The passage is its own article: a bare
``$`` or ``Sh`` is settled by the countries it names.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from pipeline.evaluation.scoring import overlap, value_ok as same_value
from pipeline.records import Quantity
from pipeline.stages.quantities import find_quantities, is_money_unit

# The suite resolves minor units in themselves ("50 cents" -> 50 Cent); we
# report the major unit, so its values are scaled before comparing.
_SUITE_MINOR_UNITS = {"cent": 0.01, "pence": 0.01, "penny": 0.01}


def _recognizers_cases(path: Path) -> list[dict[str, Any]]:
    """The suite's cases as (text, expected amounts); NotSupported cases and results without a
    value are left out."""
    cases = []
    for case in json.loads(path.read_text(encoding="utf-8-sig")):
        if case.get("NotSupported"):
            continue
        text, expect = case["Input"], []
        for res in case.get("Results", []):
            gold_value = res.get("Resolution", {}).get("value")
            if gold_value in (None, ""):
                continue
            gold_value = float(gold_value) * _SUITE_MINOR_UNITS.get(
                str(res["Resolution"].get("unit", "")).lower(), 1.0)
            start, end = int(res["Start"]), int(res["End"]) + 1
            if text[start:end].lower() != res["Text"].lower():
                at = text.lower().find(res["Text"].lower())
                start, end = (at, at + len(res["Text"])) if at >= 0 else (start, end)
            expect.append({"start": start, "end": end, "span": res["Text"], "value": gold_value,
                           "iso": res["Resolution"].get("isoCurrency")})
        cases.append({"text": text, "expect": expect, "not_money": []})
    return cases


def _world_cases(path: Path) -> list[dict[str, Any]]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        text = case["text"]
        for e in case["expect"]:
            e["start"] = text.index(e["span"])
            e["end"] = e["start"] + len(e["span"])
        cases.append({"text": text, "expect": case["expect"], "form": case.get("form"),
                      "not_money": [(text.index(s), text.index(s) + len(s), s)
                                    for s in case.get("not_money", [])]})
    return cases


def load_cases(path: str | Path) -> list[dict[str, Any]]:
    path = Path(path)
    return _world_cases(path) if path.suffix == ".jsonl" else _recognizers_cases(path)


def evaluate_currency_suite(path: str | Path) -> dict[str, Any]:
    """Score find_quantities on a suite of money expressions.

    An expected amount is found when a predicted quantity overlaps it; value and ISO code are
    judged on the best-overlapping prediction, and every rate is over the expected amounts
    (the ISO rate over those that have a code).  A ``not_money`` span fails when a prediction
    that overlaps it has a currency for its unit.
    """
    expected = found = value_ok = iso_expected = iso_ok = negatives = false_money = 0
    misses: dict[str, list[dict[str, Any]]] = {"not_found": [], "wrong_value": [],
                                                "wrong_iso": [], "false_money": []}
    for case in load_cases(path):
        text = case["text"]
        preds = find_quantities(text)
        for exp in case["expect"]:
            expected += 1
            start, end, iso = exp["start"], exp["end"], exp["iso"]
            overlapping = [q for q in preds if overlap(q.start, q.end, start, end)]
            row = {"input": text, "expected": exp["span"], "value": exp["value"], "iso": iso,
                   "predicted": _shown(preds)}
            if iso:
                iso_expected += 1
            if not overlapping:
                misses["not_found"].append(row)
                continue
            found += 1
            best = max(overlapping, key=lambda q: overlap(q.start, q.end, start, end))
            if same_value(best.value, exp["value"]):
                value_ok += 1
            else:
                misses["wrong_value"].append(row)
            if iso:
                if best.unit == iso:
                    iso_ok += 1
                else:
                    misses["wrong_iso"].append(row)
        for start, end, span in case["not_money"]:
            negatives += 1
            if any(overlap(q.start, q.end, start, end) and is_money_unit(q.unit) for q in preds):
                false_money += 1
                misses["false_money"].append({"input": text, "expected": span, "value": None,
                                              "iso": None, "predicted": _shown(preds)})
    return {
        "expected": expected, "found": found, "value_correct": value_ok,
        "iso_expected": iso_expected, "iso_correct": iso_ok,
        "not_money": negatives, "false_money": false_money,
        "found_rate": found / expected if expected else None,
        "value_rate": value_ok / expected if expected else None,
        "iso_rate": iso_ok / iso_expected if iso_expected else None,
        "misses": misses,
    }


def _shown(preds: list[Quantity]) -> list[tuple[str, float | None, str | None]]:
    return [(q.text, q.value, q.unit) for q in preds]


def report(summary: dict[str, Any]) -> str:
    lines = [f"found        {summary['found']}/{summary['expected']} = {summary['found_rate']:.3f}",
             f"value ok     {summary['value_correct']}/{summary['expected']} = "
             f"{summary['value_rate']:.3f}",
             f"iso ok       {summary['iso_correct']}/{summary['iso_expected']} = "
             f"{summary['iso_rate']:.3f}"]
    if summary["not_money"]:
        lines.append(f"false money  {summary['false_money']}/{summary['not_money']} not-money spans")
    for kind, rows in summary["misses"].items():
        for row in rows:
            lines.append(f"{kind}: {row['expected']!r} value={row['value']} iso={row['iso']} "
                         f"predicted={row['predicted']} | {row['input']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("suite", type=Path, help="CurrencyModel.json, or a .jsonl of our own cases")
    print(report(evaluate_currency_suite(parser.parse_args().suite)))


if __name__ == "__main__":
    main()
