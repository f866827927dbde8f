"""Every custom Doc/Span attribute the pipeline sets, declared once.

Stages communicate only through these attributes, so a stage can be swapped
or disabled in the config without the others reaching into its internals.
What a Doc stores is plain data (lists, dicts, numbers, strings), so
``Doc.to_bytes``, ``DocBin`` and ``nlp.pipe(n_process=2)`` carry it; the
stages read and write typed records (``pipeline.records``) through getters
and setters that convert.
"""

from dataclasses import replace
from typing import Iterator

from spacy.tokens import Doc, Span

from pipeline.records import ZERO_SCORES, Entity, Figure, Quantity, SentenceRecord, plain, within_each

DOC_EXTENSIONS = {
    # per-sentence claim scores: {sentence start_char: {label: p}}
    "claim_scores": None,
    # per-sentence labels after the classifier's thresholds: {start_char: [label, ...]}
    "claim_labels": None,
    # errors a stage caught on this document: list of "stage: message"
    "errors": None,
}
SPAN_EXTENSIONS = {"boilerplate": False}


def _records(name: str, kind: type):
    """A getter and setter keeping a list of ``kind`` records as a list of dicts, each
    record's text the document's own (``original_text``)."""
    key = ("claims", name)

    def get(doc: Doc):
        raw = doc.user_data.get(key)
        return None if raw is None else [kind(**r) for r in raw]

    def set_(doc: Doc, value) -> None:
        doc.user_data[key] = None if value is None else [_as_written(doc, plain(v)) for v in value]

    return {"getter": get, "setter": set_}


def _as_written(doc: Doc, record: dict) -> dict:
    """A record's fields with its ``text`` sliced from the document, not from the reading view."""
    original = doc.user_data.get(ORIGINAL_KEY)
    if original is not None and "text" in record:
        record["text"] = original[record["start"]:record["end"]]
    return record


def _attribution():
    """{sentence start_char: (speaker Entity | None, deadline | None)}, kept as lists."""
    key = ("claims", "attribution")

    def get(doc: Doc):
        raw = doc.user_data.get(key)
        return None if raw is None else {int(start): (None if s is None else Entity(**s), deadline)
                                         for start, (s, deadline) in raw.items()}

    def set_(doc: Doc, value) -> None:
        doc.user_data[key] = None if value is None else {
            start: [None if speaker is None else _as_written(doc, plain(speaker)), deadline]
            for start, (speaker, deadline) in value.items()}

    return {"getter": get, "setter": set_}


def _figure_as_written(doc: Doc, figure: dict) -> dict:
    """A figure's measure and subject with their words sliced from the document (a wrap stays a line break)."""
    for part in ("measure", "subject"):
        if figure[part] is not None:
            _as_written(doc, figure[part])
    return figure


def _figures():
    """{quantity start: Figure} of the quantities of metric and target sentences, kept as dicts."""
    key = ("claims", "figures")

    def get(doc: Doc):
        raw = doc.user_data.get(key)
        return None if raw is None else {int(start): Figure.from_json(f) for start, f in raw.items()}

    def set_(doc: Doc, value) -> None:
        doc.user_data[key] = None if value is None else {start: _figure_as_written(doc, f.to_json())
                                                         for start, f in value.items()}

    return {"getter": get, "setter": set_}


PROPERTY_EXTENSIONS = {
    # list[records.Quantity] with document offsets, in order
    "quantities": _records("quantities", Quantity),
    # list[records.Entity] in spec form (PERSON/ORG, spec spans), in order
    "claim_entities": _records("claim_entities", Entity),
    "attribution": _attribution(),
    "figures": _figures(),
}


def register_extensions() -> None:
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, accessors in PROPERTY_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, **accessors)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


def set_span_group(doc: Doc, name: str, records, label=lambda r: r.label) -> None:
    """Also show ``records`` as ``doc.spans[name]``, for displaCy and spaCy tools.

    A span group is token-aligned; a spec span may end inside a token, so the
    group expands to whole tokens and the records keep the exact offsets.
    """
    spans = (doc.char_span(r.start, r.end, label=label(r), alignment_mode="expand") for r in records)
    doc.spans[name] = [span for span in spans if span is not None]


TEXT_KEY = ("claims", "text")
# The document as given, kept only when it differs from what the tokenizer read (its reading view,
# ``stages.sentences.reading_view``): same length, so every offset holds in both.
ORIGINAL_KEY = ("claims", "original")


def document_text(doc: Doc) -> str:
    """``doc.text``, kept since the tokenizer saw it: the text every stage reads.

    That is the document's reading view (its no-break spaces, tabs and wraps
    as plain spaces, offsets unchanged); text that goes out is sliced from
    ``original_text`` instead. spaCy rebuilds ``Doc.text`` from every token on
    each read; every stage reads it, so keeping it once is a measurable share
    of the run time.
    """
    text = doc.user_data.get(TEXT_KEY)
    last = doc[-1] if len(doc) else None
    if text is None or len(text) != (last.idx + len(last.text_with_ws) if last is not None else 0):
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


def original_text(doc: Doc) -> str:
    """The document as it was given to the pipeline: the text of every output span."""
    original = doc.user_data.get(ORIGINAL_KEY)
    return document_text(doc) if original is None else original


def stripped_bounds(sent) -> tuple[int, int] | None:
    """The sentence's offsets without edge whitespace; None for a blank span."""
    text = document_text(sent.doc)[sent.start_char:sent.end_char]  # Span.text rejoins its tokens
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    if left >= right:
        return None
    return sent.start_char + left, sent.start_char + right


def sentence_bounds(doc: Doc, *, body_only: bool = False) -> Iterator[tuple[Span, int, int]]:
    """Each sentence with its offsets without edge whitespace; blank ones (and, with
    ``body_only``, boilerplate) left out. Every stage walks sentences this way."""
    for sent in doc.sents:
        if body_only and sent._.boilerplate:
            continue
        bounds = stripped_bounds(sent)
        if bounds is not None:
            yield sent, bounds[0], bounds[1]


def record_error(doc: Doc, stage: str, error: BaseException) -> None:
    """Keep a stage's failure on the document instead of losing the batch."""
    if doc._.errors is None:
        doc._.errors = []
    doc._.errors.append(f"{stage}: {type(error).__name__}: {error}")


def doc_to_records(doc, doc_id: str) -> list[SentenceRecord]:
    """The spec §6 rows of one processed Doc, offsets checked."""
    text = original_text(doc)
    entities = doc._.claim_entities or []
    quantities = doc._.quantities or []
    scores = doc._.claim_scores or {}
    labels = doc._.claim_labels or {}
    attribution = doc._.attribution or {}
    figures = doc._.figures or {}
    if figures:
        quantities = [replace(q, figure=figures.get(q.start)) for q in quantities]
    rows: list[SentenceRecord] = []
    sentences = list(sentence_bounds(doc))
    bounds = [(start, end) for _, start, end in sentences]
    for (sent, start, end), inner_entities, inner_quantities in zip(
            sentences, within_each(entities, bounds), within_each(quantities, bounds)):
        boilerplate = bool(sent._.boilerplate)
        speaker, deadline = attribution.get(start, (None, None))
        row = SentenceRecord(
            doc_id=doc_id,
            sent_id=len(rows),
            start=start,
            end=end,
            text=text[start:end],
            labels=[] if boilerplate else list(labels.get(start, [])),
            scores={k: round(float(v), 4) for k, v in scores.get(start, ZERO_SCORES).items()},
            boilerplate=boilerplate,
            entities=inner_entities,
            quantities=[] if boilerplate else inner_quantities,
            speaker=None if boilerplate else speaker,
            deadline=None if boilerplate else deadline,
        )
        row.check(text)
        rows.append(row)
    return rows


register_extensions()
