"""Quantity normalisation beyond the articles: the money expressions of Microsoft's
Recognizers-Text suite (English ``CurrencyModel.json``), scored against ``find_quantities``.

    python -m pipeline.evaluation.currency_suite ../shared/external/recognizers-currency/CurrencyModel.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from pipeline.evaluation.scoring import overlap, value_ok as same_value
from pipeline.stages.quantities import find_quantities


# The suite resolves minor units in themselves ("50 cents" -> 50 Cent); we
# report the major unit, so its values are scaled before comparing.
_SUITE_MINOR_UNITS = {"cent": 0.01, "pence": 0.01, "penny": 0.01}


def evaluate_currency_suite(path: str | Path) -> dict[str, Any]:
    """Score find_quantities on the money expressions of the Recognizers-Text suite.

    A case's expected result is found when a predicted quantity overlaps it;
    value and ISO code are judged on the best-overlapping prediction.  Cases
    marked NotSupported and results without a value are skipped.
    """
    cases = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    expected = found = value_ok = iso_expected = iso_ok = 0
    misses: dict[str, list[dict[str, Any]]] = {"not_found": [], "wrong_value": [],
                                                "wrong_iso": []}
    for case in cases:
        if case.get("NotSupported"):
            continue
        text = case["Input"]
        preds = find_quantities(text)
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
            expected += 1
            iso = res["Resolution"].get("isoCurrency")
            overlapping = [q for q in preds if overlap(q.start, q.end, start, end)]
            row = {"input": text, "expected": res["Text"], "value": gold_value, "iso": iso,
                   "predicted": [(q.text, q.value, q.unit) for q in preds]}
            if not overlapping:
                misses["not_found"].append(row)
                continue
            found += 1
            best = max(overlapping, key=lambda q: overlap(q.start, q.end, start, end))
            if same_value(best.value, gold_value):
                value_ok += 1
            else:
                misses["wrong_value"].append(row)
            if iso:
                iso_expected += 1
                if best.unit == iso:
                    iso_ok += 1
                else:
                    misses["wrong_iso"].append(row)
    return {
        "expected": expected, "found": found, "value_correct": value_ok,
        "iso_expected": iso_expected, "iso_correct": iso_ok,
        "found_rate": found / expected if expected else None,
        "value_rate": value_ok / found if found else None,
        "iso_rate": iso_ok / iso_expected if iso_expected else None,
        "misses": misses,
    }


def report(summary: dict[str, Any]) -> str:
    lines = [f"found        {summary['found']}/{summary['expected']} = {summary['found_rate']:.3f}",
             f"value ok     {summary['value_correct']}/{summary['found']} = "
             f"{summary['value_rate']:.3f}",
             f"iso ok       {summary['iso_correct']}/{summary['iso_expected']} = "
             f"{summary['iso_rate']:.3f}"]
    for kind, rows in summary["misses"].items():
        for row in rows:
            lines.append(f"{kind}: {row['expected']!r} value={row['value']} iso={row['iso']} "
                         f"predicted={row['predicted']} | {row['input']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("suite", type=Path, help="CurrencyModel.json")
    print(report(evaluate_currency_suite(parser.parse_args().suite)))


if __name__ == "__main__":
    main()
