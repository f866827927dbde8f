"""Every custom Doc/Span attribute the pipeline sets, declared once.

Stages communicate only through these attributes, so a stage can be swapped
or disabled in the config without the others reaching into its internals.
"""

from spacy.tokens import Doc, Span

DOC_EXTENSIONS = {
    # list[records.Quantity] with document offsets, in order
    "quantities": None,
    # list[records.Entity] in spec form (PERSON/ORG, spec spans), in order
    "claim_entities": None,
    # per-sentence claim scores: {sentence start_char: {label: p}}
    "claim_scores": None,
    # per-sentence labels after the classifier's thresholds: {start_char: [label, ...]}
    "claim_labels": None,
    # per-sentence enrichment: {sentence start_char: (speaker Entity | None, deadline | None)}
    "attribution": None,
    # errors a stage caught on this document: list of "stage: message"
    "errors": None,
}
SPAN_EXTENSIONS = {"boilerplate": False}


def register_extensions() -> None:
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


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
