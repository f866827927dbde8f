"""Gold speakers and deadlines of corpus 2: standoff files beside the gold, merged into it, and their agreement.

Corpus 2's speakers were annotated (GUIDE.md, "Speaker and deadline") after its sentences,
labels and mentions, so they live in files of their own, one line per labelled body sentence,
``{"doc_id", "start", "end", "speaker": null | {"start", "end", "label"}, "deadline": null | year}``,
without the article text: ``data/annotation/speakers/<gold file name>`` (adjudicated),
``speakers-first/`` (the first annotation) and ``speakers-blind/`` (the blind second one).
``merge`` writes them into the gold's sentences, keyed by (doc_id, start, end), and refuses a file
that leaves a labelled body sentence without a row, gives a row to a sentence that is not one,
names a speaker that is not a gold mention inside its sentence, or a deadline outside a target.

``agreement`` counts how often the blind annotation gives the first one's speaker (same span)
and deadline, over the sentences the blind annotation covers.

    python -m pipeline.evaluation.speakers_gold merge
    python -m pipeline.evaluation.speakers_gold agreement
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from pipeline.batch.io import read_jsonl
from pipeline.config import REPO_ROOT
from pipeline.evaluation.gold import merge_side_folder, write_if_changed
from pipeline.errors import ClaimsError, DataError, GoldError
from pipeline.evaluation.attribution import parse_deadline, parse_speaker

GOLD_DIR = REPO_ROOT / "data" / "gold"
SPEAKERS_DIR = REPO_ROOT / "data" / "annotation" / "speakers"
FIRST_DIR = REPO_ROOT / "data" / "annotation" / "speakers-first"
BLIND_DIR = REPO_ROOT / "data" / "annotation" / "speakers-blind"

Key = tuple[str, int, int]  # doc_id, sentence start, sentence end


@dataclass
class MergeReport:
    """What one merge did to one gold file."""

    gold: Path
    sentences: int = 0  # labelled body sentences, each given a speaker and a deadline
    speakers: int = 0  # of those, with a speaker
    deadlines: int = 0  # of those, with a deadline
    changed: int = 0  # sentences whose speaker or deadline was absent or different before


def read_speakers(path: Path) -> dict[Key, dict[str, Any]]:
    """A speaker file as {(doc_id, start, end): {"speaker", "deadline"}}; a bad line is an error."""
    out: dict[Key, dict[str, Any]] = {}
    for lineno, row in read_jsonl(path, "speaker"):
        where = f"{path.name} line {lineno}"
        key = (row.get("doc_id"), row.get("start"), row.get("end"))
        if not isinstance(key[0], str) or any(isinstance(v, bool) or not isinstance(v, int) for v in key[1:]):
            raise DataError(f"{where}: doc_id, start and end {json.dumps(list(key))} are not a string and two offsets")
        if key in out:
            raise DataError(f"{where}: sentence {list(key)} is given twice")
        problems: list[str] = []
        speaker = parse_speaker(row.get("speaker"), where, problems)
        deadline = parse_deadline(row.get("deadline"), where, problems)
        if problems:
            raise DataError(problems[0])
        out[key] = {"speaker": None if speaker is None else dict(zip(("start", "end", "label"), speaker)),
                    "deadline": deadline}
    return out


def merge_file(gold_path: Path, speakers: dict[Key, dict[str, Any]]) -> MergeReport:
    """Give every labelled body sentence of the gold file its row; rewrite the file only when that changes it."""
    report = MergeReport(gold_path)
    before = gold_path.read_text(encoding="utf-8")
    lines, seen, problems = [], set(), []
    for line in before.split("\n"):
        if not line.strip():
            continue
        doc = json.loads(line)
        mentions = {(e["start"], e["end"], e["label"]) for e in doc.get("entities") or []}
        for s in doc.get("sentences") or []:
            if not s.get("labels") or s.get("boilerplate"):
                continue
            key = (doc["doc_id"], s["start"], s["end"])
            row = speakers.get(key)
            if row is None:
                problems.append(f"no row for the labelled sentence {list(key)}")
                continue
            seen.add(key)
            sp, deadline = row["speaker"], row["deadline"]
            if sp is not None and (sp["start"], sp["end"], sp["label"]) not in mentions:
                problems.append(f"{list(key)}: speaker {sp} is not a gold mention")
            elif sp is not None and not (s["start"] <= sp["start"] and sp["end"] <= s["end"]):
                problems.append(f"{list(key)}: speaker {sp} is outside its sentence")
            if deadline is not None and "target" not in s["labels"]:
                problems.append(f"{list(key)}: deadline {deadline} on a sentence that is not a target")
            report.sentences += 1
            report.speakers += sp is not None
            report.deadlines += deadline is not None
            report.changed += (s.get("speaker"), s.get("deadline")) != (sp, deadline) or "speaker" not in s
            s["speaker"], s["deadline"] = sp, deadline
        lines.append(json.dumps(doc, ensure_ascii=False) + "\n")
    problems += [f"row {list(key)} is not a labelled body sentence of the gold" for key in sorted(set(speakers) - seen)]
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise GoldError(f"{gold_path}: {problems[0]}{more}")
    write_if_changed(gold_path, before, "".join(lines))
    return report


def merge(gold_dir: Path = GOLD_DIR, speakers_dir: Path = SPEAKERS_DIR) -> list[MergeReport]:
    """Merge each speaker file into the gold file of the same name."""
    return merge_side_folder(speakers_dir, gold_dir, "speaker",
                             lambda gold_path, path: merge_file(gold_path, read_speakers(path)))


def agreement(first_dir: Path = FIRST_DIR, second_dir: Path = BLIND_DIR) -> dict[str, dict[str, int]]:
    """Per file of the second annotation and ``all``: sentences ``n``, and on how many the second
    gives the first's speaker (same span, or both null) and deadline."""
    out: dict[str, dict[str, int]] = {}
    total = {"n": 0, "speaker": 0, "deadline": 0}
    for path in sorted(second_dir.glob("*.jsonl")):
        second = read_speakers(path)
        first_path = first_dir / path.name
        first = read_speakers(first_path) if first_path.is_file() else {}
        counts = {"n": len(second), "speaker": 0, "deadline": 0}
        for key, row in second.items():
            theirs = first.get(key, {"speaker": "missing", "deadline": "missing"})
            span = lambda sp: sp if sp in (None, "missing") else (sp["start"], sp["end"])  # noqa: E731
            counts["speaker"] += span(row["speaker"]) == span(theirs["speaker"])
            counts["deadline"] += row["deadline"] == theirs["deadline"]
        out[path.name] = counts
        for k in total:
            total[k] += counts[k]
    if not total["n"]:
        raise DataError(f"no speaker rows in {second_dir}")
    out["all"] = total
    return out


def agreement_table(counts: dict[str, dict[str, int]]) -> str:
    width = max(len(name) for name in counts)
    rows = [f"{'':<{width}}  {'n':>4}  {'speaker':>13}  {'deadline':>13}"]
    for name, c in counts.items():
        cells = [f"{c[k]:>4} ({c[k] / c['n']:.3f})" if c["n"] else "-" for k in ("speaker", "deadline")]
        rows.append(f"{name:<{width}}  {c['n']:>4}  {cells[0]:>13}  {cells[1]:>13}")
    return "\n".join(rows)


def merge_lines(reports: Iterable[MergeReport]) -> list[str]:
    return [f"{r.gold}: {r.sentences} labelled sentences, {r.speakers} with a speaker, {r.deadlines} with a "
            f"deadline ({r.changed} new or changed)" for r in reports]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluation.speakers_gold",
                                     description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("merge", help="write the speaker files into the gold files of the same names")
    m.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder of the gold files")
    m.add_argument("--speakers", type=Path, default=SPEAKERS_DIR, help="folder of the speaker files")
    a = sub.add_parser("agreement", help="count how often a second annotation gives the first one's answers")
    a.add_argument("--first", type=Path, default=FIRST_DIR, help="folder of the first annotation")
    a.add_argument("--second", type=Path, default=BLIND_DIR, help="folder of the second (blind) annotation")
    a.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = parser.parse_args(argv)
    try:
        if args.command == "merge":
            print("\n".join(merge_lines(merge(args.gold, args.speakers))))
            return 0
        counts = agreement(args.first, args.second)
        print(json.dumps(counts, indent=1) if args.json else agreement_table(counts))
        return 0
    except ClaimsError as err:
        print(f"speakers_gold: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
