"""Spec §7 scoring of predictions against gold, and the error listing.

The rules follow the reference scorer (``shared/tools/score.py``) exactly:
best-overlap matching for claim labels, exact boundaries for sentences,
exact and partial entities, overlap-matched quantities with value and unit
accuracy, and the figures (spec §9) of the matched quantities.
``tests/evaluation/test_scoring.py`` checks the two agree on every figure.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Sequence, Union

from pipeline.batch.io import read_jsonl
from pipeline.errors import GoldError, StandoffError
from pipeline.evaluation.gold import resolve_text
from pipeline.records import CLAIM_LABELS, ENTITY_LABELS, FIGURE_KINDS

VALUE_RTOL = 1e-6


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class GoldSentence:
    start: int
    end: int
    labels: frozenset
    boilerplate: bool


@dataclass(frozen=True)
class ScoredFigure:
    """What a metric or target number measures (spec §9); spans as (start, end) or None."""

    measure: tuple[int, int] | None
    subject: tuple[int, int] | None
    period: int | None
    kind: str


@dataclass(frozen=True)
class ScoredQuantity:
    start: int
    end: int
    value: float | None
    unit: str | None
    figure: ScoredFigure | None = None


@dataclass
class GoldDocument:
    doc_id: str
    text: str
    sentences: list[GoldSentence]
    entities: list[tuple[int, int, str]]
    quantities: list[ScoredQuantity]
    raw: dict = field(default_factory=dict, repr=False)


@dataclass
class PredSentence:
    line: int
    start: int
    end: int
    labels: frozenset
    text: str = ""


@dataclass
class PredDocument:
    sentences: list[PredSentence] = field(default_factory=list)
    entities: list[tuple[int, int, str]] = field(default_factory=list)
    quantities: list[ScoredQuantity] = field(default_factory=list)


def quote(value: Any, width: int = 40) -> str:
    """A bad value as the file spells it (JSON), cut short: ``"metrik"``, ``12.5``, ``null``."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[:width - 1] + "…"


def note(problems: list[str] | None, message: str) -> None:
    """Raise the first breach (loading), or list every one (``claims validate-gold``)."""
    if problems is None:
        raise GoldError(message)
    problems.append(message)


def _span(obj: dict, where: str, n: int | None, problems: list[str] | None = None) -> tuple[int, int] | None:
    s, e = obj.get("start"), obj.get("end")
    bad = [(k, v) for k, v in (("start", s), ("end", e)) if isinstance(v, bool) or not isinstance(v, int)]
    for key, value in bad:
        note(problems, f"{where}.{key}: {quote(value)} is not an integer offset")
    if bad:
        return None
    if s < 0 or e <= s or (n is not None and e > n):
        limit = f" <= {n}, the text's length" if n is not None else ""
        note(problems, f"{where}: offsets out of range: start={s}, end={e} (need 0 <= start < end{limit})")
        return None
    return s, e


def _labels(obj: dict, where: str, problems: list[str] | None = None) -> frozenset:
    labels = obj.get("labels")
    if not isinstance(labels, list):
        note(problems, f"{where}.labels: {quote(labels)} is not a list of claim labels")
        return frozenset()
    for lab in labels:
        if lab not in CLAIM_LABELS:
            note(problems, f"{where}.labels: unknown claim label {quote(lab)} (allowed: {', '.join(CLAIM_LABELS)})")
    return frozenset(lab for lab in labels if lab in CLAIM_LABELS)


def _boilerplate(obj: dict, where: str, problems: list[str] | None = None) -> bool:
    value = obj.get("boilerplate")
    if not isinstance(value, bool):
        note(problems, f"{where}.boilerplate: {quote(value)} is not true or false")
        return False
    return value


def _entity_label(obj: dict, where: str, problems: list[str] | None = None) -> str | None:
    label = obj.get("label")
    if label not in ENTITY_LABELS:
        note(problems, f"{where}.label: unknown entity label {quote(label)} (allowed: {', '.join(ENTITY_LABELS)})")
        return None
    return label


def _number(v: Any, where: str, problems: list[str] | None = None) -> float | None:
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        note(problems, f"{where}.value: {quote(v)} is not a number or null")
        return None
    return float(v)


def _unit(v: Any, where: str, problems: list[str] | None = None) -> str | None:
    if v is not None and not isinstance(v, str):
        note(problems, f"{where}.unit: {quote(v)} is not a string or null")
        return None
    return v


def _figure_span(v: Any, where: str, n: int | None, pred: bool,
                 problems: list[str] | None) -> tuple[int, int] | None:
    """A figure's measure or subject: ``[start, end]`` in gold, ``{"start", "end", ...}`` in a run."""
    if v is None:
        return None
    if pred:
        if not isinstance(v, dict):
            note(problems, f"{where}: {quote(v)} is not an object with start and end, or null")
            return None
        return _span(v, where, n, problems)
    if not (isinstance(v, list) and len(v) == 2 and all(isinstance(x, int) and not isinstance(x, bool) for x in v)):
        note(problems, f"{where}: {quote(v)} is not [start, end] or null")
        return None
    return _span({"start": v[0], "end": v[1]}, where, n, problems)


def parse_figure(q: dict, where: str, n: int | None, pred: bool = False,
            problems: list[str] | None = None) -> ScoredFigure | None:
    """A quantity's figure (spec §9), or None when it has none. Gold spells every field; a run
    may leave a span or the period out, which then counts as null (as the reference scorer reads it)."""
    f = q.get("figure")
    if f is None:
        return None
    where = f"{where}.figure"
    if not isinstance(f, dict):
        note(problems, f"{where}: {quote(f)} is not an object")
        return None
    if not pred:
        for key in ("measure", "subject", "period", "kind"):
            if key not in f:
                note(problems, f"{where}: no '{key}' (a gold figure has measure, subject, period and kind)")
    period, kind = f.get("period"), f.get("kind")
    if period is not None and (isinstance(period, bool) or not isinstance(period, int)):
        note(problems, f"{where}.period: {quote(period)} is not a year (an integer) or null")
        period = None
    if kind not in FIGURE_KINDS:
        note(problems, f"{where}.kind: {quote(kind)} is not one of {', '.join(FIGURE_KINDS)}")
        return None
    return ScoredFigure(_figure_span(f.get("measure"), f"{where}.measure", n, pred, problems),
                        _figure_span(f.get("subject"), f"{where}.subject", n, pred, problems), period, kind)


def _objects(obj: dict, key: str, where: str, problems: list[str] | None) -> Iterator[tuple[str, dict]]:
    """(where, item) of the record's list ``key``, in order; a missing list is an empty one."""
    items = obj.get(key)
    if items is None:
        return
    if not isinstance(items, list):
        note(problems, f"{where} {key}: {quote(items)} is not a list")
        return
    for i, item in enumerate(items):
        if isinstance(item, dict):
            yield f"{where} {key}[{i}]", item
        else:
            note(problems, f"{where} {key}[{i}]: {quote(item)} is not an object")


GoldPaths = Union[str, Path, Sequence[Union[str, Path]]]


def gold_paths(paths: GoldPaths) -> list[Path]:
    """One gold file or several, as a list."""
    return [Path(paths)] if isinstance(paths, (str, Path)) else [Path(p) for p in paths]


def load_gold(paths: GoldPaths) -> dict[str, GoldDocument]:
    """Gold documents from one file or several (doc ids unique across them); standoff
    records get their text from the shared folder (``pipeline.evaluation.gold``)."""
    docs: dict[str, GoldDocument] = {}
    for path in gold_paths(paths):
        _load_gold_file(path, docs)
    if not docs:
        raise GoldError(f"gold file {', '.join(map(str, gold_paths(paths)))} holds no documents")
    return docs


def _load_gold_file(path: Path, docs: dict[str, GoldDocument]) -> None:
    for lineno, obj in read_jsonl(path, "gold"):
        if "sent_id" in obj and "labels" in obj and "sentences" not in obj:
            raise GoldError(f"{path} is a run file (one record per sentence), not gold (one record per "
                            f"document, spec §5): give it as --pred")
        doc = gold_document(obj, f"{path.name} line {lineno}")  # raises rather than return None
        if doc.doc_id in docs:
            raise GoldError(f"{path.name} line {lineno}: duplicate doc_id {doc.doc_id}")
        docs[doc.doc_id] = doc


def gold_document(obj: dict, where: str, problems: list[str] | None = None) -> GoldDocument | None:
    """One gold record (spec §5) as a document. Without ``problems`` its first breach raises;
    with it, every breach is listed there, each naming the document, the field and the bad value,
    and the item it is in is kept as far as it can be (None: not even the text could be had)."""
    doc_id = obj.get("doc_id")
    if not isinstance(doc_id, str):
        note(problems, f"{where}: doc_id {quote(doc_id)} is not a string")
        return None
    where = f"{where} ({doc_id})"
    try:
        text = resolve_text(obj)
    except StandoffError as err:
        note(problems, f"{where}: {err}")
        return None
    n = len(text)
    sents = []
    for w, s in _objects(obj, "sentences", where, problems):
        span, labels, boilerplate = _span(s, w, n, problems), _labels(s, w, problems), _boilerplate(s, w, problems)
        if span:
            sents.append(GoldSentence(*span, labels, boilerplate))
    ents = []
    for w, e in _objects(obj, "entities", where, problems):
        span, label = _span(e, w, n, problems), _entity_label(e, w, problems)
        if span and label:
            ents.append((*span, label))
    quants = []
    for w, q in _objects(obj, "quantities", where, problems):
        span = _span(q, w, n, problems)
        value, unit = _number(q.get("value"), w, problems), _unit(q.get("unit"), w, problems)
        figure = parse_figure(q, w, n, pred=False, problems=problems)
        if span:
            quants.append(ScoredQuantity(*span, value, unit, figure))
    return GoldDocument(doc_id, text, sents, ents, quants, obj)


def load_predictions(path: str | Path, gold: dict[str, GoldDocument]) -> tuple[dict[str, PredDocument], int]:
    """Predictions grouped per document, and the number of text mismatches against gold."""
    docs: dict[str, PredDocument] = defaultdict(PredDocument)
    mismatches = 0
    for lineno, obj in read_jsonl(path, "pred"):
        where = f"pred line {lineno}"
        doc_id = obj.get("doc_id")
        if not isinstance(doc_id, str):
            raise GoldError(f"{where}: doc_id must be a string")
        g = gold.get(doc_id)
        n = len(g.text) if g else None
        start, end = _span(obj, where, n)
        d = docs[doc_id]
        text = obj.get("text", "")
        if g is not None and g.text[start:end] != text:
            mismatches += 1
        d.sentences.append(PredSentence(lineno, start, end, _labels(obj, where), text))
        for w, e in _objects(obj, "entities", where, None):
            es, ee = _span(e, w, n)
            d.entities.append((es, ee, e.get("label")))
        for w, q in _objects(obj, "quantities", where, None):
            qs, qe = _span(q, w, n)
            d.quantities.append(ScoredQuantity(qs, qe, _number(q.get("value"), w), q.get("unit"),
                                               parse_figure(q, w, n, pred=True)))
    return dict(docs), mismatches


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, Any]:
    return {
        "p": tp / n_pred if n_pred else None,
        "r": tp / n_gold if n_gold else None,
        "f1": 2 * tp / (n_pred + n_gold) if (n_pred + n_gold) else None,
        "tp": tp, "fp": n_pred - tp, "fn": n_gold - tp,
    }


@dataclass
class Counts:
    """True positives, predictions and gold items of one figure (as spaCy's ``PRFScore`` keeps
    them); counts add up, so a micro average is the sum of the per-label counts."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, tp: int, pred: int, gold: int) -> None:
        self.tp, self.pred, self.gold = self.tp + tp, self.pred + pred, self.gold + gold

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.tp + other.tp, self.pred + other.pred, self.gold + other.gold)

    def prf(self) -> dict[str, Any]:
        return prf(self.tp, self.pred, self.gold)


def greedy_match(gold_spans: list[tuple[int, int]], pred_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs of overlapping spans, largest overlap first."""
    cands = sorted((-overlap(gs, ge, ps, pe), gi, pi)
                   for gi, (gs, ge) in enumerate(gold_spans)
                   for pi, (ps, pe) in enumerate(pred_spans) if overlap(gs, ge, ps, pe) > 0)
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def value_ok(pred: float | None, gold: float | None) -> bool:
    if gold is None:
        return pred is None
    if pred is None:
        return False
    return abs(pred - gold) <= VALUE_RTOL * max(1.0, abs(gold))


def _dedupe_quantities(quants: list[ScoredQuantity]) -> list[ScoredQuantity]:
    seen, out = set(), []
    for q in quants:
        if (q.start, q.end) not in seen:
            seen.add((q.start, q.end))
            out.append(q)
    return sorted(out, key=lambda q: (q.start, q.end))


def best_match(start: int, end: int, spans: list[tuple[int, int]]) -> int | None:
    """Index of the span overlapping ``[start, end)`` most (earliest on ties); None when none does."""
    best, best_ov = None, 0
    for i, (s, e) in enumerate(spans):
        ov = overlap(start, end, s, e)
        if ov > best_ov:
            best, best_ov = i, ov
    return best


FIGURE_FIELDS = ("measure", "subject", "period", "kind", "figure")


def words(text: str) -> list[str]:
    """The lower-cased words of a span, as SQuAD compares answers."""
    return re.findall(r"\w+", text.lower())


def token_f1(text: str, gold: tuple[int, int] | None, pred: tuple[int, int] | None) -> float:
    """Word-overlap F1 of two spans of ``text``; null against null is 1, null against a span 0."""
    if gold is None or pred is None:
        return 1.0 if gold is None and pred is None else 0.0
    g, p = words(text[gold[0]:gold[1]]), words(text[pred[0]:pred[1]])
    common = sum(min(g.count(w), p.count(w)) for w in set(g))
    if not common:
        return 0.0
    precision, recall = common / len(p), common / len(g)
    return 2 * precision * recall / (precision + recall)


def compare_figures(text: str, gold: ScoredFigure, pred: ScoredFigure | None) -> dict[str, float]:
    """Spec §7 for one gold figure: measure token F1, and 1 or 0 for subject, period, kind and the
    whole figure (kind, period and subject right, measure F1 at least 0.5); no figure is all wrong."""
    if pred is None:
        return dict.fromkeys(FIGURE_FIELDS, 0.0)
    measure = token_f1(text, gold.measure, pred.measure)
    subject, period, kind = pred.subject == gold.subject, pred.period == gold.period, pred.kind == gold.kind
    return {"measure": measure, "subject": float(subject), "period": float(period), "kind": float(kind),
            "figure": float(subject and period and kind and measure >= 0.5)}


def describe_figure(text: str, figure: ScoredFigure | None) -> dict[str, Any] | None:
    """A figure as words, for the error listing."""
    if figure is None:
        return None
    span = lambda s: None if s is None else text[s[0]:s[1]]  # noqa: E731
    return {"measure": span(figure.measure), "subject": span(figure.subject), "period": figure.period,
            "kind": figure.kind}


@dataclass
class Mismatch:
    """One scoring error for `--errors`: what gold said and what was predicted."""

    doc_id: str
    kind: str  # label | entity | quantity | figure
    outcome: str  # fp | fn | value | unit; for a figure, the fields that are wrong
    text: str
    gold: Any
    pred: Any


def score(gold: dict[str, GoldDocument], pred: dict[str, PredDocument],
          mismatches: list[Mismatch] | None = None) -> dict[str, Any]:
    """All figures as flat dotted keys, as the reference scorer names them."""
    counts: defaultdict[str, Counts] = defaultdict(Counts)
    q_val = q_unit = 0
    figures = dict.fromkeys(FIGURE_FIELDS, 0.0)
    n_figures = 0
    keep = mismatches if mismatches is not None else []

    for doc_id, g in gold.items():
        p = pred.get(doc_id, PredDocument())
        psents = sorted(p.sentences, key=lambda x: (x.start, x.end, x.line))
        is_best = [False] * len(psents)
        pspans = [(ps.start, ps.end) for ps in psents]
        for gs in g.sentences:
            best = best_match(gs.start, gs.end, pspans)
            plabels = frozenset()
            if best is not None:
                is_best[best] = True
                plabels = psents[best].labels
            glabels = frozenset() if gs.boilerplate else gs.labels
            for label in CLAIM_LABELS:
                counts[f"labels.{label}"].add(int(label in plabels and label in glabels), int(label in plabels),
                                              int(label in glabels))
            if plabels != glabels:
                keep.append(Mismatch(doc_id, "label", "fn" if glabels - plabels else "fp",
                                     g.text[gs.start:gs.end], sorted(glabels), sorted(plabels)))
        for i, ps in enumerate(psents):
            if not is_best[i]:
                for label in ps.labels:
                    counts[f"labels.{label}"].add(0, 1, 0)
                if ps.labels:
                    keep.append(Mismatch(doc_id, "label", "fp", ps.text, [], sorted(ps.labels)))

        gspans = {(x.start, x.end) for x in g.sentences if not x.boilerplate}
        pspans = {(x.start, x.end) for x in psents}
        counts["sentences"].add(len(gspans & pspans),
                                sum(1 for ps, pe in pspans
                                    if any(2 * overlap(ps, pe, gs_, ge_) > pe - ps for gs_, ge_ in gspans)),
                                len(gspans))

        gents, pents = set(g.entities), set(p.entities)
        for label in ENTITY_LABELS:
            gl = sorted(x for x in gents if x[2] == label)
            pl = sorted(x for x in pents if x[2] == label)
            counts[f"entities.{label}"].add(len(set(gl) & set(pl)), len(pl), len(gl))
            counts[f"entities.partial.{label}"].add(len(greedy_match([x[:2] for x in gl], [x[:2] for x in pl])),
                                                    len(pl), len(gl))
            for x in sorted(set(gl) - set(pl)):
                keep.append(Mismatch(doc_id, "entity", "fn", g.text[x[0]:x[1]], label, None))
            for x in sorted(set(pl) - set(gl)):
                keep.append(Mismatch(doc_id, "entity", "fp", g.text[x[0]:x[1]], None, label))

        gq, pq = _dedupe_quantities(g.quantities), _dedupe_quantities(p.quantities)
        counts["quantities.exact"].add(len({(x.start, x.end) for x in gq} & {(x.start, x.end) for x in pq}),
                                       len(pq), len(gq))
        pairs = greedy_match([(x.start, x.end) for x in gq], [(x.start, x.end) for x in pq])
        counts["quantities"].add(len(pairs), len(pq), len(gq))
        for gi, pi in pairs:
            ok_value = value_ok(pq[pi].value, gq[gi].value)
            q_val += ok_value
            q_unit += pq[pi].unit == gq[gi].unit
            if not ok_value or pq[pi].unit != gq[gi].unit:
                keep.append(Mismatch(doc_id, "quantity", "value" if not ok_value else "unit",
                                     g.text[gq[gi].start:gq[gi].end],
                                     [gq[gi].value, gq[gi].unit], [pq[pi].value, pq[pi].unit]))
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        keep.extend(Mismatch(doc_id, "quantity", "fn", g.text[q.start:q.end], [q.value, q.unit], None)
                    for i, q in enumerate(gq) if i not in matched_g)
        keep.extend(Mismatch(doc_id, "quantity", "fp", g.text[q.start:q.end], None, [q.value, q.unit])
                    for i, q in enumerate(pq) if i not in matched_p)

        matched = dict(pairs)
        for gi, q in enumerate(gq):
            if q.figure is None:
                continue
            pf = pq[matched[gi]].figure if gi in matched else None
            got = compare_figures(g.text, q.figure, pf)
            n_figures += 1
            for k in FIGURE_FIELDS:
                figures[k] += got[k]
            wrong = [k for k in FIGURE_FIELDS[:4] if got[k] < 1.0]
            if wrong:
                keep.append(Mismatch(doc_id, "figure", ",".join(wrong), g.text[q.start:q.end],
                                     describe_figure(g.text, q.figure), describe_figure(g.text, pf)))

    res: dict[str, Any] = {}

    def put(prefix: str, d: dict) -> None:
        for k, v in d.items():
            res[f"{prefix}.{k}"] = v

    def total(prefix: str, labels: Sequence[str]) -> Counts:
        return sum((counts[f"{prefix}.{label}"] for label in labels), Counts())

    per = {label: counts[f"labels.{label}"].prf() for label in CLAIM_LABELS}
    for label in CLAIM_LABELS:
        put(f"labels.{label}", per[label])
    put("labels.micro", total("labels", CLAIM_LABELS).prf())
    for k in ("p", "r", "f1"):
        vals = [per[label][k] for label in CLAIM_LABELS if per[label][k] is not None]
        res[f"labels.macro.{k}"] = sum(vals) / len(vals) if vals else None
    put("sentences", counts["sentences"].prf())
    for label in ENTITY_LABELS:
        put(f"entities.{label}", counts[f"entities.{label}"].prf())
    put("entities.micro", total("entities", ENTITY_LABELS).prf())
    put("entities.partial", total("entities.partial", ENTITY_LABELS).prf())
    for label in ENTITY_LABELS:
        put(f"entities.partial.{label}", counts[f"entities.partial.{label}"].prf())
    put("quantities", counts["quantities"].prf())
    q_tp = counts["quantities"].tp
    res["quantities.value_acc"] = q_val / q_tp if q_tp else None
    res["quantities.value_correct"] = q_val
    res["quantities.unit_acc"] = q_unit / q_tp if q_tp else None
    res["quantities.unit_correct"] = q_unit
    put("quantities.exact", counts["quantities.exact"].prf())
    if n_figures:  # only a gold that carries figures (spec §9) is scored on them
        res["figures.n"] = n_figures
        for k in FIGURE_FIELDS:
            res[f"figures.{k}"] = figures[k] / n_figures
    res["docs.gold"] = len(gold)
    res["docs.pred"] = len(pred)
    res["docs.scored"] = sum(1 for d in gold if d in pred)
    res["docs.missing"] = sum(1 for d in gold if d not in pred)
    res["docs.extra"] = sum(1 for d in pred if d not in gold)
    return res


def evaluate_files(gold_path: str | Path, pred_path: str | Path, *, lenient: bool = False,
                   mismatches: list[Mismatch] | None = None) -> dict[str, Any]:
    gold = load_gold(gold_path)
    pred, text_mismatches = load_predictions(pred_path, gold)
    refuse_unrelated(gold, pred, gold_path, pred_path)
    if text_mismatches and not lenient:
        raise GoldError(f"{text_mismatches} prediction text(s) differ from gold text[start:end]; "
                        "are the predictions from the same documents? (--lenient scores anyway)")
    res = score(gold, pred, mismatches)
    res["validation.text_mismatches"] = text_mismatches
    return res


def refuse_unrelated(gold: dict[str, GoldDocument], pred: dict[str, PredDocument], gold_path: GoldPaths,
                     pred_path: str | Path) -> None:
    """Predictions of other articles would score as all missed, a table of zeros that looks like a
    result: no doc_id in common is an error, never a figure."""
    names = ", ".join(map(str, gold_paths(gold_path)))
    if not pred:
        raise GoldError(f"{pred_path} holds no predictions to score against {names}")
    if gold.keys() & pred.keys():
        return

    def some(ids) -> str:
        ids = sorted(ids)
        return ", ".join(ids[:2]) + (f" and {len(ids) - 2} more" if len(ids) > 2 else "")

    raise GoldError(f"{names} and {pred_path} share no doc_id (gold: {some(gold)}; predictions: {some(pred)}): "
                    f"are the predictions of the gold's articles?")


def coverage_note(res: dict[str, Any]) -> str | None:
    """How many gold documents had no prediction at all, which the scores count as all missed."""
    missing = res["docs.missing"]
    if not missing:
        return None
    return (f"{missing} of the {res['docs.gold']} gold documents {'has' if missing == 1 else 'have'} no prediction "
            f"and {'counts' if missing == 1 else 'count'} as all missed")


def format_figure(v: float | None) -> str:
    """A figure for a fixed-width table: three decimals, or a dash when there is none."""
    return "    -" if v is None else f"{v:5.3f}"


def prf_cells(r: dict[str, Any], prefix: str) -> str:
    """``prefix``'s precision, recall and F1 as the three fixed-width cells of a table row."""
    return "  ".join(format_figure(r[f"{prefix}.{k}"]) for k in ("p", "r", "f1"))


def render_table(r: dict[str, Any]) -> str:
    """The figures as a readable table (same rows as the reference scorer)."""
    out = [f"Documents: {r['docs.gold']} gold, {r['docs.pred']} predicted, {r['docs.scored']} scored, "
           f"{r['docs.missing']} missing, {r['docs.extra']} extra (ignored)", ""]
    head = f"  {'':<13} {'P':>5}  {'R':>5}  {'F1':>5}  {'TP':>5}  {'FP':>5}  {'FN':>5}"

    def row(name: str, prefix: str) -> None:
        out.append(f"  {name:<13} {prf_cells(r, prefix)}"
                   + "".join(f"  {r[prefix + '.' + c]:>5}" for c in ("tp", "fp", "fn")))

    def annotated(prefix: str) -> bool:  # the gold holds at least one item of this kind
        return r[prefix + ".tp"] + r[prefix + ".fn"] > 0

    skipped = []
    if annotated("labels.micro"):
        out += ["Claim labels (per gold sentence)", head]
        for label in CLAIM_LABELS:
            row(label, f"labels.{label}")
        row("micro", "labels.micro")
        out.append(f"  {'macro':<13} {prf_cells(r, 'labels.macro')}")
        out.append("")
    else:
        skipped.append("claim labels")
    out += ["Sentence boundaries (non-boilerplate gold)", head]
    row("exact", "sentences")
    if annotated("entities.micro"):
        out += ["", "Entities", head]
        for label in ENTITY_LABELS:
            row(label, f"entities.{label}")
        row("micro", "entities.micro")
        for label in ENTITY_LABELS:
            row(f"{label} part.", f"entities.partial.{label}")
        row("micro part.", "entities.partial")
    else:
        skipped.append("entities")
    if annotated("quantities"):
        out += ["", "Quantities", head]
        row("overlap", "quantities")
        row("exact", "quantities.exact")
        tp = r["quantities.tp"]
        out.append(f"  value accuracy  {format_figure(r['quantities.value_acc'])}  "
                   f"({r['quantities.value_correct']}/{tp} matched)")
        out.append(f"  unit accuracy   {format_figure(r['quantities.unit_acc'])}  "
                   f"({r['quantities.unit_correct']}/{tp} matched)")
    else:
        skipped.append("quantities")
    if r.get("figures.n"):
        cells = "   ".join(f"{name} {format_figure(r['figures.' + key])}" for name, key in (
            ("measure token F1", "measure"), ("subject", "subject"), ("period", "period"), ("kind", "kind"),
            ("whole figure", "figure")))
        out += ["", f"Figures ({r['figures.n']} gold figures; a figure whose quantity was not found counts as wrong)",
                f"  {cells}"]
    if skipped:
        out += ["", f"Not scored: this gold annotates no {', no '.join(skipped)} (--json has every figure)."]
    return "\n".join(out)


def render_mismatches(items: list[Mismatch]) -> str:
    lines = []
    for m in items:
        lines.append(f"[{m.doc_id}] {m.kind} {m.outcome}: gold={m.gold} pred={m.pred}\n    {m.text}")
    return "\n".join(lines)
