"""A round trip to the tools annotation teams use: Label Studio and Prodigy.

One task per sentence, the unit annotators label claims in: the sentence's
text, its PERSON/ORG/QUANTITY spans (quantities carry their value and unit)
and a multi-choice of metric/target/policy, plus a boilerplate flag. Each
task also carries what is needed to put the document back together exactly:
its id, the sentence's offset and the whitespace around it, and, for a
standoff article, its path and sha256. A quantity's figure (spec §9), which
the tools are not set up to edit, rides along in the same way and comes back
on the quantity at the same place. Importing finished tasks rebuilds spec
gold, standoff where the article allows it, with document offsets again; a
rebuilt text whose hash differs from the article's is refused.

A task file may hold only some sentences of a document (``--limit``, often
after ``--order uncertain``). Gold needs every sentence, so such tasks are
imported into the file they were exported from (``--into``): each replaces
its sentence there, and every other sentence is kept as it was.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from pipeline.batch.io import read_jsonl
from pipeline.errors import AnnotationError
from pipeline.evaluation.gold import text_sha256
from pipeline.evaluation.scoring import load_gold
from pipeline.records import CLAIM_LABELS

FORMATS = ("label-studio", "prodigy")
SPAN_LABELS = ("PERSON", "ORG", "QUANTITY")
CORE_SENTENCE_KEYS = ("start", "end", "labels", "boilerplate")


@dataclass
class SentenceTask:
    """One sentence to annotate, with document offsets, and how to rebuild its document."""
    doc_id: str
    sent_id: int
    start: int
    end: int
    text: str
    before: str  # whitespace between the previous sentence (or the document start) and this one
    after: str  # whitespace after the last sentence of the document; "" elsewhere
    labels: list[str]
    boilerplate: bool
    entities: list[dict]  # start, end (document offsets), label
    quantities: list[dict]  # start, end, value, unit
    source: dict  # {"path", "sha256"} of a standoff article, or {}
    extra: dict  # other sentence fields of the gold (speaker, deadline), kept as they were
    of: int = 0  # how many sentences the document has: a task file may hold only some (--limit)
    uncertainty: float | None = None  # distance of the nearest label score from its threshold


# ---------------------------------------------------------------- sources


def tasks_from_gold(path: str | Path) -> list[SentenceTask]:
    """Every sentence of a gold file (inline or standoff) as a task."""
    tasks = []
    for doc in load_gold(path).values():
        source = {k: doc.raw[k] for k in ("path", "sha256") if k in doc.raw and "text" not in doc.raw}
        raw_sents = doc.raw.get("sentences") or []
        for i, (s, raw) in enumerate(zip(doc.sentences, raw_sents)):
            tasks.append(_task(doc.doc_id, i, doc.text, doc.sentences[i - 1].end if i else 0, s.start, s.end,
                               len(doc.sentences), sorted(s.labels), s.boilerplate,
                               [{"start": a, "end": b, "label": lab} for a, b, lab in doc.entities],
                               [q for q in doc.raw.get("quantities") or []], source,
                               {k: v for k, v in raw.items() if k not in CORE_SENTENCE_KEYS}))
    return tasks


def tasks_from_run(path: str | Path, thresholds: dict[str, float] | None = None) -> list[SentenceTask]:
    """Every sentence of a `claims run` output as a task, its texts read back from the run's sources;
    with the classifier's ``thresholds``, each body sentence's distance from them (``--order uncertain``)."""
    from pipeline.batch.manifest import manifest_path_for

    records: dict[str, list[dict]] = {}
    for _, obj in read_jsonl(path, "run"):
        records.setdefault(obj["doc_id"], []).append(obj)
    texts = _run_texts(Path(path), manifest_path_for(Path(path)), set(records))
    tasks = []
    for doc_id, recs in records.items():
        text = texts[doc_id]
        for i, r in enumerate(recs):
            ents = [{"start": e["start"], "end": e["end"], "label": e["label"]} for e in r.get("entities", [])]
            quants = [{"start": q["start"], "end": q["end"], "value": q.get("value"), "unit": q.get("unit")}
                      for q in r.get("quantities", [])]
            task = _task(doc_id, i, text, recs[i - 1]["end"] if i else 0, r["start"], r["end"],
                         len(recs), sorted(r["labels"]), bool(r["boilerplate"]), ents, quants, {}, {})
            scores = r.get("scores") or {}
            if thresholds is not None and not r["boilerplate"] and scores:
                task.uncertainty = min(abs(scores[lab] - thresholds[lab]) for lab in CLAIM_LABELS if lab in scores)
            tasks.append(task)
    return tasks


def _run_texts(run: Path, manifest: Path, wanted: set[str]) -> dict[str, str]:
    """The documents' texts, read from the sources the run's manifest names and checked by hash."""
    from pipeline.batch.io import Document, read_documents
    from pipeline.batch.manifest import content_hash

    if not manifest.is_file():
        raise AnnotationError(f"{manifest} not found: a run is exported with its manifest, which names "
                              f"the articles the offsets point into")
    rows = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines() if line.strip()]
    expected = {r["doc_id"]: r.get("sha256") for r in rows if r.get("type") == "document"}
    inputs = next((r["inputs"] for r in rows if r.get("type") == "run"), [])
    texts, changed = {}, []
    for doc in read_documents([str(Path(i)) for i in inputs]):
        if isinstance(doc, Document) and doc.doc_id in wanted:
            texts[doc.doc_id] = doc.text
            if expected.get(doc.doc_id) not in (None, content_hash(doc)):
                changed.append(doc.doc_id)
    missing = sorted(wanted - set(texts))
    if missing:
        raise AnnotationError(f"cannot read the text of {len(missing)} document(s) of {run} from the run's "
                              f"inputs ({', '.join(inputs)}): {', '.join(missing[:5])}")
    if changed:
        raise AnnotationError(f"{len(changed)} input(s) changed since the run (sha256 differs): "
                              f"{', '.join(sorted(changed)[:5])}; rerun `claims run` first")
    return texts


def _task(doc_id, sent_id, text, prev_end, start, end, of, labels, boilerplate, entities, quantities,
          source, extra) -> SentenceTask:
    def inside(span: dict) -> bool:
        return start <= span["start"] and span["end"] <= end

    return SentenceTask(doc_id, sent_id, start, end, text[start:end], text[prev_end:start],
                        text[end:] if sent_id == of - 1 else "", labels, boilerplate,
                        [e for e in entities if inside(e)], [q for q in quantities if inside(q)], source, extra, of)


# ---------------------------------------------------------------- export


def order_tasks(tasks: list[SentenceTask], order: str) -> list[SentenceTask]:
    """``document``: as in the documents; ``uncertain``: body sentences whose scores lie nearest
    their thresholds first (active learning), the rest after them in document order."""
    if order == "document":
        return tasks
    if order != "uncertain":
        raise AnnotationError(f"unknown order {order!r}: use 'document' or 'uncertain'")
    if not any(t.uncertainty is not None for t in tasks):
        raise AnnotationError("--order uncertain needs the classifier's scores: export a run, not gold")
    return sorted(tasks, key=lambda t: (t.uncertainty is None, t.uncertainty or 0.0))


def _claims_meta(t: SentenceTask) -> dict:
    figures = [{"quantity": [q["start"] - t.start, q["end"] - t.start], "figure": shifted_figure(q["figure"], -t.start)}
               for q in t.quantities if q.get("figure")]
    return {"doc_id": t.doc_id, "sent_id": t.sent_id, "of": t.of, "offset": t.start, "before": t.before,
            "after": t.after, **({"source": t.source} if t.source else {}), **({"extra": t.extra} if t.extra else {}),
            **({"figures": figures} if figures else {}),
            **({"uncertainty": round(t.uncertainty, 4)} if t.uncertainty is not None else {})}


def shifted_figure(figure: dict, offset: int) -> dict:
    """A gold figure (spec §9) with its measure and subject spans moved by ``offset``."""
    move = lambda v: None if v is None else [v[0] + offset, v[1] + offset]  # noqa: E731
    return {**figure, "measure": move(figure.get("measure")), "subject": move(figure.get("subject"))}


def _spans(t: SentenceTask) -> Iterator[tuple[str, dict, str]]:
    """(region id, span relative to the sentence, label) for entities then quantities."""
    for k, e in enumerate(t.entities):
        yield f"{t.doc_id}:{t.sent_id}:e{k}", e, e["label"]
    for k, q in enumerate(t.quantities):
        yield f"{t.doc_id}:{t.sent_id}:q{k}", q, "QUANTITY"


def label_studio_task(t: SentenceTask, model_version: str) -> dict:
    result = []
    for rid, span, label in _spans(t):
        rel = {"start": span["start"] - t.start, "end": span["end"] - t.start}
        rel["text"] = t.text[rel["start"]:rel["end"]]
        result.append({"id": rid, "from_name": "span", "to_name": "text", "type": "labels",
                       "value": {**rel, "labels": [label]}})
        if label == "QUANTITY":
            for name in ("value", "unit"):
                if span.get(name) is not None:
                    result.append({"id": rid, "from_name": name, "to_name": "text", "type": "textarea",
                                   "value": {**rel, "text": [repr(span[name]) if name == "value" else span[name]]}})
    if t.labels:
        result.append({"id": f"{t.doc_id}:{t.sent_id}:claims", "from_name": "claims", "to_name": "text",
                       "type": "choices", "value": {"choices": list(t.labels)}})
    if t.boilerplate:
        result.append({"id": f"{t.doc_id}:{t.sent_id}:bp", "from_name": "boilerplate", "to_name": "text",
                       "type": "choices", "value": {"choices": ["boilerplate"]}})
    prediction = {"model_version": model_version, "result": result}
    if t.uncertainty is not None:
        prediction["score"] = round(t.uncertainty, 4)
    return {"data": {"text": t.text, "doc_id": t.doc_id, "sent_id": t.sent_id, "claims": _claims_meta(t)},
            "predictions": [prediction]}


def prodigy_task(t: SentenceTask, model_version: str) -> dict:
    spans = []
    for _, span, label in _spans(t):
        s = {"start": span["start"] - t.start, "end": span["end"] - t.start, "label": label}
        if label == "QUANTITY":
            s.update(value=span.get("value"), unit=span.get("unit"))
        spans.append(s)
    return {"text": t.text, "spans": spans,
            "options": [{"id": lab, "text": lab} for lab in (*CLAIM_LABELS, "boilerplate")],
            "accept": list(t.labels) + (["boilerplate"] if t.boilerplate else []),
            "config": {"choice_style": "multiple"},
            "meta": {"doc_id": t.doc_id, "sent_id": t.sent_id, "source": model_version},
            "claims": _claims_meta(t)}


def export_tasks(tasks: list[SentenceTask], fmt: str, out: str | Path, model_version: str) -> int:
    """Write the tasks in the tool's own import format (LS: a JSON list; Prodigy: JSONL)."""
    from pipeline.batch.io import write_text_atomic

    if fmt == "label-studio":
        body = json.dumps([label_studio_task(t, model_version) for t in tasks], ensure_ascii=False, indent=1)
    elif fmt == "prodigy":
        body = "".join(json.dumps(prodigy_task(t, model_version), ensure_ascii=False) + "\n" for t in tasks)
    else:
        raise AnnotationError(f"unknown format {fmt!r}: use {' or '.join(FORMATS)}")
    write_text_atomic(out, body + ("\n" if fmt == "label-studio" else ""))
    return len(tasks)


# ---------------------------------------------------------------- import


@dataclass
class Imported:
    meta: dict
    text: str
    labels: list[str]
    boilerplate: bool
    spans: list[dict]  # start, end (sentence-relative), label, value?, unit?
    from_predictions: bool


def read_label_studio(path: str | Path) -> Iterator[Imported]:
    try:
        tasks = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise AnnotationError(f"cannot read Label Studio tasks from {path}: {err}") from None
    if not isinstance(tasks, list):
        raise AnnotationError(f"{path}: a Label Studio export is a JSON list of tasks")
    for n, task in enumerate(tasks):
        data = task.get("data") or {}
        done = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
        source = done[-1] if done else (task.get("predictions") or [None])[0]
        if source is None:
            raise AnnotationError(f"{path} task {n} ({data.get('doc_id')}:{data.get('sent_id')}): "
                                  f"neither an annotation nor a prediction")
        yield _from_label_studio(data, source.get("result") or [], not done, f"{path} task {n}")


def _from_label_studio(data: dict, result: list[dict], from_predictions: bool, where: str) -> Imported:
    regions: dict[str, dict] = {}
    labels, boilerplate = [], False
    for item in result:
        value, name = item.get("value") or {}, item.get("from_name")
        if name == "claims":
            labels = value.get("choices") or []
        elif name == "boilerplate":
            boilerplate = "boilerplate" in (value.get("choices") or [])
        elif name == "span":
            label = (value.get("labels") or [None])[0]
            if label not in SPAN_LABELS:
                raise AnnotationError(f"{where}: span label {label!r} is not one of {', '.join(SPAN_LABELS)}")
            regions.setdefault(item.get("id"), {}).update(start=value["start"], end=value["end"], label=label)
        elif name in ("value", "unit"):
            raw = (value.get("text") or [""])[0].strip()
            regions.setdefault(item.get("id"), {})[name] = _parse_field(name, raw, where)
    spans = [r for r in regions.values() if "label" in r]
    return Imported(data.get("claims") or {}, data.get("text", ""), labels, boilerplate, spans, from_predictions)


def _parse_field(name: str, raw: str, where: str) -> Any:
    if name == "unit":
        return raw or None
    try:
        return float(raw) if raw else None
    except ValueError:
        raise AnnotationError(f"{where}: quantity value {raw!r} is not a number") from None


def read_prodigy(path: str | Path) -> Iterator[Imported]:
    for lineno, obj in read_jsonl(path, "prodigy"):
        where = f"{path} line {lineno}"
        if obj.get("answer", "accept") != "accept":
            raise AnnotationError(f"{where}: answer {obj['answer']!r}; every sentence must be accepted, "
                                  f"corrected if need be, or the document cannot be rebuilt")
        accepted = obj.get("accept") or []
        for s in obj.get("spans") or []:
            if s.get("label") not in SPAN_LABELS:
                raise AnnotationError(f"{where}: span label {s.get('label')!r} is not one of {', '.join(SPAN_LABELS)}")
        yield Imported(obj.get("claims") or {}, obj.get("text", ""), [a for a in accepted if a in CLAIM_LABELS],
                       "boilerplate" in accepted, list(obj.get("spans") or []), "answer" not in obj)


def gold_from_tasks(items: Iterable[Imported], base: list[SentenceTask] | None = None) -> list[dict]:
    """Spec gold records, one per document, in the order documents first appear. Without ``base``
    every document must be whole; with it (the gold or run the tasks were exported from), each task
    takes the place of its sentence there and base's other sentences are kept as they are."""
    docs = _by_document(items)
    if base is not None:
        return _merged(docs, base)
    partial = {doc_id: parts for doc_id, parts in docs.items() if not _whole(parts)}
    if partial:
        raise AnnotationError(_partial_message(partial))
    return [_document(doc_id, parts) for doc_id, parts in docs.items()]


def _by_document(items: Iterable[Imported]) -> dict[str, list[Imported]]:
    """The tasks per document, in document order; a sentence given twice is refused."""
    docs: dict[str, list[Imported]] = {}
    for item in items:
        if "doc_id" not in item.meta or "offset" not in item.meta:
            raise AnnotationError("a task without its 'claims' block (doc_id, offset): was it exported by "
                                  "`claims annotate export`?")
        docs.setdefault(item.meta["doc_id"], []).append(item)
    for doc_id, parts in docs.items():
        parts.sort(key=lambda p: p.meta["offset"])
        twice = next((a for a, b in zip(parts, parts[1:]) if a.meta["offset"] == b.meta["offset"]), None)
        if twice is not None:
            raise AnnotationError(f"{doc_id}: sentence {twice.meta.get('sent_id')} is in the tasks twice")
    return docs


def _whole(parts: list[Imported]) -> bool:
    """Every sentence of the document is there (tasks from before ``of`` was exported: assumed so,
    and rebuilding the text checks it)."""
    of = parts[0].meta.get("of")
    return of is None or sorted(p.meta.get("sent_id") for p in parts) == list(range(of))


def _partial_message(partial: dict[str, list[Imported]]) -> str:
    shown = "; ".join(f"{doc_id} has {len(parts)} of its {parts[0].meta['of']} sentences"
                      for doc_id, parts in list(partial.items())[:3])
    more = f"; and {len(partial) - 3} more documents" if len(partial) > 3 else ""
    return (f"the tasks hold only some sentences of a document (an export cut by --limit, or tasks left out): "
            f"{shown}{more}; import them with --into FILE, the gold or run they were exported from, whose other "
            f"sentences are then kept as they are")


def imported_from_task(t: SentenceTask) -> Imported:
    """A sentence of the base file as if it came back from the tool unchanged."""
    spans = [{"start": e["start"] - t.start, "end": e["end"] - t.start, "label": e["label"]} for e in t.entities]
    spans += [{"start": q["start"] - t.start, "end": q["end"] - t.start, "label": "QUANTITY",
               "value": q.get("value"), "unit": q.get("unit")} for q in t.quantities]
    return Imported(_claims_meta(t), t.text, list(t.labels), t.boilerplate, spans, False)


def _merged(docs: dict[str, list[Imported]], base: list[SentenceTask]) -> list[dict]:
    """Every document of ``base``, each imported sentence in place of base's sentence at its offset;
    then the whole documents of the tasks that base does not hold."""
    merged: dict[str, dict[int, Imported]] = {}
    for t in base:
        merged.setdefault(t.doc_id, {})[t.start] = imported_from_task(t)
    for doc_id, parts in docs.items():
        if doc_id not in merged:
            if not _whole(parts):
                raise AnnotationError(f"{doc_id}: not in the --into file, and the tasks hold only "
                                      f"{len(parts)} of its {parts[0].meta['of']} sentences")
            merged[doc_id] = {p.meta["offset"]: p for p in parts}
            continue
        for p in parts:
            kept = merged[doc_id].get(p.meta["offset"])
            if kept is None:
                raise AnnotationError(f"{doc_id}: sentence {p.meta.get('sent_id')} (at {p.meta['offset']}) is not a "
                                      f"sentence of the --into file: were the tasks exported from it?")
            if kept.text != p.text:
                raise AnnotationError(f"{doc_id}: sentence {p.meta.get('sent_id')} is not the text of the --into "
                                      f"file's sentence at {p.meta['offset']}: a sentence's text was edited")
            merged[doc_id][p.meta["offset"]] = p
    return [_document(doc_id, [by_offset[k] for k in sorted(by_offset)]) for doc_id, by_offset in merged.items()]


def _document(doc_id: str, parts: list[Imported]) -> dict:
    text, sentences, entities, quantities = "", [], [], []
    for p in parts:
        figures = {tuple(f["quantity"]): f["figure"] for f in p.meta.get("figures") or []}
        text += p.meta.get("before", "")
        start = len(text)
        if start != p.meta["offset"]:
            raise AnnotationError(f"{doc_id}: sentence {p.meta.get('sent_id')} does not start where it did "
                                  f"({start} != {p.meta['offset']}): is a sentence of the document missing?")
        text += p.text
        if any(lab not in CLAIM_LABELS for lab in p.labels):
            raise AnnotationError(f"{doc_id}: sentence {p.meta.get('sent_id')}: unknown label in {p.labels}")
        sentences.append({"start": start, "end": len(text), "labels": sorted(set(p.labels)),
                          "boilerplate": p.boilerplate, **(p.meta.get("extra") or {})})
        for s in sorted(p.spans, key=lambda s: (s["start"], s["end"])):
            if not 0 <= s["start"] < s["end"] <= len(p.text):
                raise AnnotationError(f"{doc_id}: sentence {p.meta.get('sent_id')}: span {s} lies outside it")
            span = {"start": start + s["start"], "end": start + s["end"]}
            if s["label"] == "QUANTITY":
                quantities.append({**span, "value": s.get("value"), "unit": s.get("unit")})
                figure = figures.get((s["start"], s["end"]))
                if figure is not None:
                    quantities[-1]["figure"] = shifted_figure(figure, start)
            else:
                entities.append({**span, "label": s["label"]})
        text += p.meta.get("after", "")
    record: dict[str, Any] = {"doc_id": doc_id}
    source = parts[0].meta.get("source")
    if source:
        if text_sha256(text) != source.get("sha256"):
            raise AnnotationError(f"{doc_id}: the rebuilt text is not the article {source.get('path')} "
                                  f"(sha256 differs): a sentence's text was edited")
        record.update(path=source["path"], sha256=source["sha256"])
    else:
        record["text"] = text
    record.update(sentences=sentences, entities=sorted(entities, key=lambda e: (e["start"], e["end"])),
                  quantities=sorted(quantities, key=lambda q: (q["start"], q["end"])))
    return record


@dataclass
class ImportResult:
    records: list[dict]  # spec gold, one per document
    tasks: int  # tasks read
    unreviewed: int  # tasks without a human annotation: their pre-annotations were taken as they are
    kept: int = 0  # sentences of the --into file that no task replaced


def import_tasks(path: str | Path, fmt: str, base: list[SentenceTask] | None = None) -> ImportResult:
    """Gold records from a tool's export, merged into ``base`` (the tasks of the file they were
    exported from) when given."""
    if fmt == "label-studio":
        items = list(read_label_studio(path))
    elif fmt == "prodigy":
        items = list(read_prodigy(path))
    else:
        raise AnnotationError(f"unknown format {fmt!r}: use {' or '.join(FORMATS)}")
    records = gold_from_tasks(items, base)
    replaced = {(i.meta.get("doc_id"), i.meta.get("offset")) for i in items}
    kept = sum((t.doc_id, t.start) not in replaced for t in base or [])
    return ImportResult(records, len(items), sum(i.from_predictions for i in items), kept)
