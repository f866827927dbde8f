"""Every custom Doc/Span attribute the pipeline sets, declared once.

Stages communicate only through these attributes, so a stage can be swapped
or disabled in the config without the others reaching into its internals.
What a Doc stores is plain data (lists, dicts, numbers, strings), so
``Doc.to_bytes``, ``DocBin`` and ``nlp.pipe(n_process=2)`` carry it; the
stages read and write typed records (``pipeline.records``) through getters
and setters that convert.
"""

from dataclasses import asdict

from spacy.tokens import Doc, Span

from .records import Entity, Quantity

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
    """A getter and setter keeping a list of ``kind`` records as a list of dicts."""
    key = ("claims", name)

    def get(doc: Doc):
        raw = doc.user_data.get(key)
        return None if raw is None else [kind(**r) for r in raw]

    def set_(doc: Doc, value) -> None:
        doc.user_data[key] = None if value is None else [asdict(v) for v in value]

    return {"getter": get, "setter": set_}


def _attribution():
    """{sentence start_char: (speaker Entity | None, deadline | None)}, kept as lists."""
    key = ("claims", "attribution")

    def get(doc: Doc):
        raw = doc.user_data.get(key)
        return None if raw is None else {int(start): (None if s is None else Entity(**s), deadline)
                                         for start, (s, deadline) in raw.items()}

    def set_(doc: Doc, value) -> None:
        doc.user_data[key] = None if value is None else {
            start: [None if speaker is None else asdict(speaker), deadline]
            for start, (speaker, deadline) in value.items()}

    return {"getter": get, "setter": set_}


PROPERTY_EXTENSIONS = {
    # list[records.Quantity] with document offsets, in order
    "quantities": _records("quantities", Quantity),
    # list[records.Entity] in spec form (PERSON/ORG, spec spans), in order
    "claim_entities": _records("claim_entities", Entity),
    "attribution": _attribution(),
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


def document_text(doc: Doc) -> str:
    """``doc.text``, kept since the tokenizer saw it.

    spaCy rebuilds ``Doc.text`` from every token on each read; every stage
    reads it, so keeping it once is a measurable share of the run time.
    """
    text = doc.user_data.get(TEXT_KEY)
    last = doc[-1] if len(doc) else None
    if text is None or len(text) != (last.idx + len(last.text_with_ws) if last is not None else 0):
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


def record_error(doc: Doc, stage: str, error: BaseException) -> None:
    """Keep a stage's failure on the document instead of losing the batch."""
    if doc._.errors is None:
        doc._.errors = []
    doc._.errors.append(f"{stage}: {type(error).__name__}: {error}")


register_extensions()
