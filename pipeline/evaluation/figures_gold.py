"""Gold figures (spec §9): standoff files beside the gold, merged into it, and their agreement.

The figures were annotated after the gold's sentences, labels and quantities, and the sentences
of some documents are still being corrected, so they live in files of their own:
``data/annotation/figures/<gold file name>``, one line per quantity,
``{"doc_id", "quantity": [start, end], "figure": {"measure", "subject", "period", "kind"}}``,
without the article text (the repository keeps none). ``merge`` writes them into the gold's
quantities, keyed by (doc_id, start, end): run again on a changed gold, it puts each figure back
on its quantity, takes figures off quantities the files do not give one, and names what no
longer fits (a figure whose quantity is gone). ``claims validate-gold`` then says whether every
figure lies inside its sentence and every metric or target quantity has one.

``agreement`` scores a second, blind annotation against the first as spec §7 scores a run
against the gold: measure token F1, subject, period, kind and whole-figure accuracy.

    python -m pipeline.evaluation.figures_gold merge
    python -m pipeline.evaluation.figures_gold agreement
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pipeline.batch.io import read_jsonl
from pipeline.config import REPO_ROOT
from pipeline.evaluation.gold import merge_side_folder, write_if_changed
from pipeline.errors import ClaimsError, DataError
from pipeline.evaluation.scoring import (FIGURE_FIELDS, ScoredFigure, compare_figures, format_figure, load_gold,
                                         parse_figure)

GOLD_DIR = REPO_ROOT / "data" / "gold"
FIGURES_DIR = REPO_ROOT / "data" / "annotation" / "figures"
BLIND_DIR = REPO_ROOT / "data" / "annotation" / "figures-blind"

Key = tuple[str, int, int]  # doc_id, quantity start, quantity end


@dataclass
class MergeReport:
    """What one merge did to one gold file."""

    gold: Path
    placed: int = 0  # quantities that carry a figure after the merge
    changed: int = 0  # of those, the ones whose figure was absent or different before
    removed: int = 0  # figures taken off quantities the figure file gives none
    orphans: list[Key] = field(default_factory=list)  # figures whose quantity is not in the gold


def read_figures(path: Path) -> dict[Key, dict[str, Any]]:
    """A figure file as {(doc_id, start, end): figure in the gold's spelling}; a bad line is an error."""
    out: dict[Key, dict[str, Any]] = {}
    for lineno, row in read_jsonl(path, "figure"):
        where = f"{path.name} line {lineno}"
        doc_id, quantity = row.get("doc_id"), row.get("quantity")
        if not isinstance(doc_id, str):
            raise DataError(f"{where}: doc_id {json.dumps(doc_id)} is not a string")
        if not (isinstance(quantity, list) and len(quantity) == 2
                and all(isinstance(x, int) and not isinstance(x, bool) for x in quantity)):
            raise DataError(f"{where}: quantity {json.dumps(quantity)} is not [start, end]")
        if parse_figure(row, where, None) is None:  # raises on a malformed figure
            raise DataError(f"{where}: no figure")
        key = (doc_id, quantity[0], quantity[1])
        if key in out:
            raise DataError(f"{where}: a second figure for quantity {list(key[1:])} of {doc_id}")
        out[key] = gold_spelling(row["figure"])
    return out


def gold_spelling(figure: dict[str, Any]) -> dict[str, Any]:
    """A figure with its four fields in the spec's order, spans as [start, end] lists."""
    return {k: (list(figure[k]) if isinstance(figure.get(k), (list, tuple)) else figure.get(k))
            for k in ("measure", "subject", "period", "kind")}


def write_figures(path: Path, figures: dict[Key, dict[str, Any]]) -> None:
    """A figure file, one quantity a line, ordered by document and offset."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [{"doc_id": d, "quantity": [s, e], "figure": gold_spelling(figures[(d, s, e)])}
            for d, s, e in sorted(figures)]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def merge_file(gold_path: Path, figures: dict[Key, dict[str, Any]]) -> MergeReport:
    """Make the gold file's figures exactly those of ``figures``; rewrite it only when that changes it."""
    report = MergeReport(gold_path)
    before = gold_path.read_text(encoding="utf-8")
    lines, seen = [], set()
    for line in before.split("\n"):
        if not line.strip():
            continue
        doc = json.loads(line)
        for q in doc.get("quantities") or []:
            key = (doc["doc_id"], q["start"], q["end"])
            wanted = figures.get(key)
            if wanted is None:
                report.removed += "figure" in q
                q.pop("figure", None)
                continue
            seen.add(key)
            report.placed += 1
            report.changed += q.get("figure") != wanted
            q["figure"] = wanted
        lines.append(json.dumps(doc, ensure_ascii=False) + "\n")
    report.orphans = sorted(set(figures) - seen)
    write_if_changed(gold_path, before, "".join(lines))
    return report


def merge(gold_dir: Path = GOLD_DIR, figures_dir: Path = FIGURES_DIR) -> list[MergeReport]:
    """Merge each figure file into the gold file of the same name."""
    return merge_side_folder(figures_dir, gold_dir, "figure",
                             lambda gold_path, path: merge_file(gold_path, read_figures(path)))


def as_scored(figure: dict[str, Any]) -> ScoredFigure:
    span = lambda v: None if v is None else (v[0], v[1])  # noqa: E731
    return ScoredFigure(span(figure["measure"]), span(figure["subject"]), figure["period"], figure["kind"])


def agreement(first_dir: Path = FIGURES_DIR, second_dir: Path = BLIND_DIR,
              gold_dir: Path = GOLD_DIR) -> dict[str, dict[str, float]]:
    """Per file of the second annotation and ``all``: its size ``n`` and the §7 figure scores of
    the second annotation against the first, over the quantities the second annotated (a quantity
    the first left without a figure counts as wrong in every field)."""
    totals = dict.fromkeys(FIGURE_FIELDS, 0.0)
    n_all, out = 0, {}
    for path in sorted(second_dir.glob("*.jsonl")):
        second = read_figures(path)
        first_path = first_dir / path.name
        first = read_figures(first_path) if first_path.is_file() else {}
        texts = {doc_id: doc.text for doc_id, doc in load_gold(gold_dir / path.name).items()}
        sums = dict.fromkeys(FIGURE_FIELDS, 0.0)
        for key, figure in second.items():
            if key[0] not in texts:
                raise DataError(f"{path}: document {key[0]} is not in {gold_dir / path.name}")
            theirs = first.get(key)
            got = compare_figures(texts[key[0]], as_scored(figure), None if theirs is None else as_scored(theirs))
            for k in FIGURE_FIELDS:
                sums[k] += got[k]
        n = len(second)
        out[path.name] = {"n": n, **{k: sums[k] / n for k in FIGURE_FIELDS}} if n else {"n": 0}
        n_all += n
        for k in FIGURE_FIELDS:
            totals[k] += sums[k]
    if not n_all:
        raise DataError(f"no figures in {second_dir}")
    out["all"] = {"n": n_all, **{k: totals[k] / n_all for k in FIGURE_FIELDS}}
    return out


def agreement_table(scores: dict[str, dict[str, float]]) -> str:
    width = max(len(name) for name in scores)
    head = f"{'':<{width}}  {'n':>4}  " + "  ".join(f"{k:>7}" for k in FIGURE_FIELDS)
    rows = [f"{name:<{width}}  {s['n']:>4}  " + "  ".join(f"{format_figure(s.get(k)):>7}" for k in FIGURE_FIELDS)
            for name, s in scores.items()]
    return "\n".join([head, *rows])


def merge_lines(reports: Iterable[MergeReport]) -> list[str]:
    lines = []
    for r in reports:
        lines.append(f"{r.gold}: {r.placed} figures ({r.changed} new or changed), {r.removed} removed")
        lines += [f"{r.gold}: no quantity [{s}:{e}] in {d} for its figure" for d, s, e in r.orphans]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluation.figures_gold",
                                     description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("merge", help="write the figure files into the gold files of the same names")
    m.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder of the gold files")
    m.add_argument("--figures", type=Path, default=FIGURES_DIR, help="folder of the figure files")
    a = sub.add_parser("agreement", help="score a second annotation of figures against the first (spec §7)")
    a.add_argument("--first", type=Path, default=FIGURES_DIR, help="folder of the first annotation")
    a.add_argument("--second", type=Path, default=BLIND_DIR, help="folder of the second (blind) annotation")
    a.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder of the gold files (for the texts)")
    a.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    try:
        if args.command == "merge":
            reports = merge(args.gold, args.figures)
            print("\n".join(merge_lines(reports)))
            return 1 if any(r.orphans for r in reports) else 0
        scores = agreement(args.first, args.second, args.gold)
        print(json.dumps(scores, indent=1) if args.json else agreement_table(scores))
        return 0
    except ClaimsError as err:
        print(f"figures_gold: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
