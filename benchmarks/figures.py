"""The figure stage alone, field by field, on the gold's own sentences, labels and quantities.

    python benchmarks/figures.py                      # every gold file of data/gold/
    python benchmarks/figures.py --errors kind        # and each wrong kind, as words
    python benchmarks/figures.py --entities predicted # the entity stage's ORG/PERSON, not the gold's

``claims cross-validate`` scores figures end to end, so a sentence the classifier
mislabels or a quantity the quantity stage misses counts against them. The
figure stage is rules, so this measures the rules: for each metric or target
body sentence of each gold file (texts from the shared folder, checked by
sha256) it gives the stage the gold quantities, the gold's ORG and PERSON
entities (or the entity stage's), the NER's places, and the deadline that the
attribution stage reads from the gold labels, and scores the figures with the
scorer of ``claims evaluate`` (spec §7): measure token F1, subject, period,
kind and whole-figure accuracy, one Markdown row per gold file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from pipeline.config import build_pipeline, load_config  # noqa: E402
from pipeline.evaluation.scoring import (FIGURE_FIELDS, GoldDocument, ScoredFigure,  # noqa: E402
                                         compare_figures, describe_figure, load_gold)
from pipeline.records import Entity  # noqa: E402
from pipeline.stages.attribution import attribute_span  # noqa: E402
from pipeline.stages.figures import FIGURE_LABELS, FigureSentence, SentenceQuantity, figures_in  # noqa: E402

GOLD = sorted(p for p in (REPO / "data" / "gold").glob("corpus*.jsonl"))
BEFORE_FIGURES = ("ner", "claims_sentences", "claims_boilerplate", "claims_entities")


def gold_entities(doc: GoldDocument) -> list[Entity]:
    return [Entity(s, e, doc.text[s:e], label) for s, e, label in doc.entities]


def figure_sentences(doc: GoldDocument, entities: list[Entity]) -> list[FigureSentence]:
    """The gold's metric and target body sentences with their gold quantities."""
    out = []
    for sent in doc.sentences:
        if sent.boilerplate or not FIGURE_LABELS & sent.labels:
            continue
        inside = [q for q in doc.quantities if sent.start <= q.start and q.end <= sent.end and q.figure]
        if inside:
            deadline = attribute_span(doc.text, entities, sent.start, sent.end, sent.labels)[1]
            out.append(FigureSentence(sent.start, sent.end,
                                      [SentenceQuantity(q.start, q.end, q.value, q.unit) for q in inside],
                                      "target" in sent.labels, deadline))
    return out


def score_file(nlp, path: Path, predicted_entities: bool, errors: str | None, dump: list | None = None
               ) -> dict[str, float]:
    totals, n = dict.fromkeys(FIGURE_FIELDS, 0.0), 0
    parser = nlp.get_pipe("claims_figures").parser
    for doc_id, gold in load_gold(path).items():
        doc = nlp.make_doc(gold.text)
        for name in BEFORE_FIGURES[:3 + predicted_entities]:
            doc = nlp.get_pipe(name)(doc)
        if not predicted_entities:
            doc._.claim_entities = gold_entities(gold)
        entities = list(doc._.claim_entities or [])
        found = figures_in(doc, figure_sentences(gold, entities), parser)
        for q in gold.quantities:
            if q.figure is None:
                continue
            figure = found.get(q.start)
            pred = None if figure is None else ScoredFigure(
                None if figure.measure is None else (figure.measure.start, figure.measure.end),
                None if figure.subject is None else (figure.subject.start, figure.subject.end),
                figure.period, figure.kind)
            got = compare_figures(gold.text, q.figure, pred)
            n += 1
            for key in FIGURE_FIELDS:
                totals[key] += got[key]
            if dump is not None:
                dump.append({"file": path.stem, "doc_id": doc_id, "quantity": gold.text[q.start:q.end],
                             "start": q.start, "sentence": sentence_of(gold, q), **got,
                             "gold": describe_figure(gold.text, q.figure),
                             "got": describe_figure(gold.text, pred)})
            if errors and (got[errors] < 1.0 if errors != "measure" else got[errors] < 0.5):
                show_error(gold, q, pred)
    return {"n": n, **{k: v / max(n, 1) for k, v in totals.items()}}


def sentence_of(gold: GoldDocument, q) -> str:
    sentence = next(s for s in gold.sentences if s.start <= q.start and q.end <= s.end)
    return " ".join(gold.text[sentence.start:sentence.end].split())


def show_error(gold: GoldDocument, q, pred) -> None:
    print(f"--- {gold.doc_id} [{gold.text[q.start:q.end]}]")
    print("   ", sentence_of(gold, q))
    print("    gold:", describe_figure(gold.text, q.figure))
    print("    got: ", describe_figure(gold.text, pred))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", type=Path, default=GOLD, help="gold files (default: data/gold/corpus*)")
    parser.add_argument("--entities", choices=("gold", "predicted"), default="gold",
                        help="ORG and PERSON names from the gold, or from the entity stage")
    parser.add_argument("--errors", choices=FIGURE_FIELDS, help="print each figure wrong in this field")
    parser.add_argument("--dump", type=Path, help="write each figure's scores, gold and prediction here (JSON Lines)")
    args = parser.parse_args()
    nlp = build_pipeline(load_config())
    rows, dump = [], []
    for path in args.gold:
        rows.append((path.stem, score_file(nlp, path, args.entities == "predicted", args.errors, dump)))
    if args.dump:
        args.dump.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in dump), encoding="utf-8")
    print("| gold file | n | measure token F1 | subject | period | kind | whole figure |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, s in rows:
        print(f"| `{name}` | {s['n']} | " + " | ".join(f"{s[k]:.3f}" for k in FIGURE_FIELDS) + " |")
    n = sum(s["n"] for _, s in rows)
    print(f"| all | {n} | " + " | ".join(f"{sum(s[k] * s['n'] for _, s in rows) / max(n, 1):.3f}"
                                         for k in FIGURE_FIELDS) + " |")


if __name__ == "__main__":
    main()
