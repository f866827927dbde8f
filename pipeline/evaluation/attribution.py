"""How well speakers and deadlines are found: precision and recall against annotated gold.

The gold is the training file (``speaker``/``deadline`` on its labelled body
sentences) or, for the seeds, a side file of ``{doc_id, start, end, speaker,
deadline}`` rows beside the shared gold, which stays untouched (GUIDE.md).
Two ways to predict: the attribution *stage* alone, fed the gold labels and
the pipeline's own entities (so classifier errors do not count against it),
or a whole *run* file, end to end.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from pipeline.batch.io import read_jsonl
from pipeline.errors import GoldError
from pipeline.evaluation.scoring import GoldDocument, best_match, load_gold, note, prf, prf_cells, quote
from pipeline.records import ENTITY_LABELS

Span = tuple[int, int, str]  # start, end, label


@dataclass(frozen=True)
class AttributionItem:
    """One labelled body sentence with its gold speaker and deadline."""

    doc_id: str
    start: int
    end: int
    labels: frozenset
    speaker: Span | None
    deadline: int | None


@dataclass(frozen=True)
class AttributionPrediction:
    speaker: Span | None
    deadline: int | None


def parse_speaker(obj: Any, where: str, problems: list[str] | None = None) -> Span | None:
    """The speaker's span and label, or None for nobody named; a bad one is noted (raised, or
    listed by validate-gold) as None."""
    if obj is None:
        return None
    if (not isinstance(obj, dict) or any(isinstance(obj.get(k), bool) or not isinstance(obj.get(k), int)
                                         for k in ("start", "end")) or not obj["start"] < obj["end"]):
        note(problems, f"{where}.speaker: {quote(obj, 60)} is not null or {{start, end, label}} with start < end")
        return None
    if obj.get("label") not in ENTITY_LABELS:
        note(problems, f"{where}.speaker.label: {quote(obj.get('label'))} is not {' or '.join(ENTITY_LABELS)}")
        return None
    return obj["start"], obj["end"], obj["label"]


def parse_deadline(value: Any, where: str, problems: list[str] | None = None) -> int | None:
    """The target's year: four digits, since a deadline is a calendar year (2030, not 30)."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 9999):
        note(problems, f"{where}.deadline: {quote(value)} is not a year (four digits) or null")
        return None
    return value


def load_attribution_gold(gold_path: str | Path, attribution_path: str | Path | None = None
                          ) -> tuple[dict[str, GoldDocument], list[AttributionItem]]:
    """Gold documents and their attribution items, from the gold file or a side file."""
    gold = load_gold(gold_path)
    if attribution_path is None:
        rows = [(f"{doc_id} sentence at {s['start']}", {"doc_id": doc_id, **s})
                for doc_id, doc in gold.items() for s in doc.raw.get("sentences") or []
                if s.get("labels") and not s.get("boilerplate")]
        if rows and not any("speaker" in r for _, r in rows):
            raise GoldError(f"{gold_path} has no speaker fields: give the attribution file")
    else:
        rows = [(f"attribution line {n}", obj) for n, obj in read_jsonl(attribution_path, "attribution")]
    labels = {(d, s.start, s.end): s.labels for d, doc in gold.items() for s in doc.sentences}
    items = []
    for where, r in rows:
        key = (r.get("doc_id"), r.get("start"), r.get("end"))
        if key not in labels:
            raise GoldError(f"{where}: no gold sentence {key}")
        items.append(AttributionItem(*key, labels[key], parse_speaker(r.get("speaker"), where),
                                     parse_deadline(r.get("deadline"), where)))
    return gold, items


def predict_stage(nlp, gold: dict[str, GoldDocument], items: list[AttributionItem]
                  ) -> list[AttributionPrediction]:
    """The attribution rules on each gold sentence, given its gold labels."""
    from pipeline.stages.attribution import attribute_span

    skip = [n for n in ("claims_classifier", "claims_attribution") if n in nlp.pipe_names]
    doc_ids = sorted({i.doc_id for i in items})
    with nlp.select_pipes(disable=skip):
        entities = {d: doc._.claim_entities or [] for d, doc in zip(doc_ids, nlp.pipe(gold[d].text for d in doc_ids))}
    out = []
    for i in items:
        speaker, deadline = attribute_span(gold[i.doc_id].text, entities[i.doc_id], i.start, i.end, i.labels)
        out.append(AttributionPrediction(speaker and (speaker.start, speaker.end, speaker.label), deadline))
    return out


def predict_from_run(records: Iterable[dict], items: list[AttributionItem]) -> list[AttributionPrediction]:
    """Each gold sentence's speaker and deadline as the run file gives them (best overlap)."""
    by_doc: dict[str, list[dict]] = {}
    for r in records:
        by_doc.setdefault(r["doc_id"], []).append(r)
    out = []
    for i in items:
        records = by_doc.get(i.doc_id, [])
        best = best_match(i.start, i.end, [(r["start"], r["end"]) for r in records])
        r = records[best] if best is not None else {}
        sp = r.get("speaker")
        out.append(AttributionPrediction(sp and (sp["start"], sp["end"], sp["label"]), r.get("deadline")))
    return out


def score_attribution(items: list[AttributionItem], preds: list[AttributionPrediction]) -> dict[str, Any]:
    """Speaker (exact span) and deadline (exact year) precision, recall and F1."""
    res: dict[str, Any] = {"sentences": len(items)}
    for field, same in (("speaker", lambda g, p: g[:2] == p[:2]), ("deadline", lambda g, p: g == p)):
        gold = [getattr(i, field) for i in items]
        pred = [getattr(p, field) for p in preds]
        tp = sum(1 for g, p in zip(gold, pred) if g is not None and p is not None and same(g, p))
        n_pred, n_gold = sum(p is not None for p in pred), sum(g is not None for g in gold)
        res.update({f"{field}.{k}": v for k, v in prf(tp, n_pred, n_gold).items()})
    return res


def attribution_errors(gold: dict[str, GoldDocument], items: list[AttributionItem],
                       preds: list[AttributionPrediction]) -> list[str]:
    """One line per disagreement, for reading what the rules miss."""
    lines = []
    for i, p in zip(items, preds):
        text = gold[i.doc_id].text

        def show(span: Span | None) -> str:
            return "-" if span is None else f"{text[span[0]:span[1]]!r}"

        if (i.speaker and i.speaker[:2]) != (p.speaker and p.speaker[:2]) or i.deadline != p.deadline:
            lines.append(f"[{i.doc_id}] speaker gold={show(i.speaker)} pred={show(p.speaker)} "
                         f"deadline gold={i.deadline} pred={p.deadline}\n    {text[i.start:i.end][:300]}")
    return lines


def render_attribution(res: dict[str, Any], title: str) -> str:
    out = [f"{title}: {res['sentences']} labelled body sentences",
           f"  {'':<9} {'P':>5}  {'R':>5}  {'F1':>5}  {'TP':>4}  {'FP':>4}  {'FN':>4}"]
    for field in ("speaker", "deadline"):
        out.append(f"  {field:<9} {prf_cells(res, field)}"
                   + "".join(f"  {res[f'{field}.{k}']:>4}" for k in ("tp", "fp", "fn")))
    return "\n".join(out)
