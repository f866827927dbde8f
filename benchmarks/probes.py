"""Made-up sentences in the forms news outside the training articles writes: does each stage generalise?

    python benchmarks/probes.py                 # a pass rate per area and field
    python benchmarks/probes.py --failures      # and each probe that fails, with what the pipeline gave

The gold files come mostly from China's plans and their coverage; the articles the pipeline is
scored on after it lands come from everywhere. Each line of ``benchmarks/probes.jsonl`` is one
made-up sentence, in a form common in US, European, Indian, Gulf or East Asian business news (a
market research firm's forecast, ``by 2030-31``, ``10.4 trillion won``, ``the Saudi Data and AI
Authority (SDAIA)``), with what the spec and ``data/annotation`` say the pipeline should give:
``labels``, ``speaker`` (text or null), ``deadline``, ``entities`` (its PERSON and ORG mentions, as
[text, label]) and ``figures`` (quantity text -> [measure, subject, period, kind]). Only the fields a
line gives are checked. Each sentence is run as a document of its own.

The probes were written to find what the rules miss, not to be passed: a failing probe is a gap
to read, and a rule is only kept if the held-out regions do not lose by it (docs/accuracy.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
import pipeline  # noqa: E402
from pipeline.extensions import doc_to_records  # noqa: E402

PROBES = Path(__file__).with_name("probes.jsonl")


def got_fields(record: dict) -> dict:
    """What the pipeline gave for a probe's sentence, in the probes' own terms."""
    def text(span):
        return None if span is None else span["text"]
    return {
        "labels": sorted(record["labels"]),
        "speaker": text(record["speaker"]),
        "deadline": record["deadline"],
        "entities": sorted([e["text"], e["label"]] for e in record["entities"]),
        "figures": {q["text"]: None if q["figure"] is None else
                    [text(q["figure"]["measure"]), text(q["figure"]["subject"]), q["figure"]["period"],
                     q["figure"]["kind"]] for q in record["quantities"]},
    }


def checks(probe: dict, got: dict) -> list[tuple[str, bool, object, object]]:
    """(field, passed, wanted, got) for each field the probe gives; a figure per quantity."""
    out = []
    for field in ("labels", "speaker", "deadline", "entities"):
        if field in probe:
            wanted = sorted(probe[field]) if isinstance(probe[field], list) else probe[field]
            out.append((field, wanted == got[field], wanted, got[field]))
    for quantity, wanted in probe.get("figures", {}).items():
        found = got["figures"].get(quantity)
        out.append(("figure", found == wanted, [quantity, *wanted], found))
    return out


def read_probes(path: Path = PROBES) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_probes(nlp, probes: list[dict]) -> tuple[Counter, Counter, list[tuple]]:
    """Passed and total checks per (area, field), and each failure as (area, field, text, wanted, got).
    A probe whose sentence does not come back whole, as one sentence, fails its ``sentence`` check."""
    passed, total, failures = Counter(), Counter(), []
    for probe, doc in zip(probes, nlp.pipe(p["text"] for p in probes)):
        record = next((r.to_json() for r in doc_to_records(doc, "probe") if r.text == probe["text"]), None)
        if record is None:
            failures.append((probe["area"], "sentence", probe["text"], "one sentence", "split or lost"))
            total[(probe["area"], "sentence")] += 1
            continue
        for field, ok, wanted, got in checks(probe, got_fields(record)):
            total[(probe["area"], field)] += 1
            passed[(probe["area"], field)] += ok
            if not ok:
                failures.append((probe["area"], field, probe["text"], wanted, got))
    return passed, total, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--failures", action="store_true", help="list each failing probe")
    args = parser.parse_args(argv)
    probes = read_probes()
    passed, total, failures = run_probes(pipeline.load(), probes)
    print("| area | field | passed |\n| --- | --- | ---: |")
    for key in sorted(total):
        print(f"| {key[0]} | {key[1]} | {passed[key]} / {total[key]} |")
    print(f"\n{sum(passed.values())} of {sum(total.values())} checks pass ({len(probes)} probes)")
    if args.failures:
        for area, field, text, wanted, got in failures:
            print(f"\n[{area} {field}] {text}\n  wanted {wanted}\n  got    {got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
