"""What every engine runs: a batch of documents in, one ``DocResult`` per document out.

The rows come back already serialised, so the bytes written never depend on
which process or machine made them. Engines (``engines``, ``distributed``)
import this module and never each other's internals.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from pipeline.batch.io import Document, ErrorRecord, json_line

if TYPE_CHECKING:  # spaCy is imported with the pipeline, not here: a rerun that reuses every
    from spacy.tokens import Doc  # document never imports it

K = TypeVar("K")
Chunk = tuple[K, list[Document]]


@dataclass(frozen=True)
class PipelineSpec:
    """How to build the pipeline in another process: a config file and its overrides.

    Picklable and small, so a worker or a Ray actor can build its own copy
    of the pipeline once instead of receiving a model through a pipe.
    """

    config: str | None = None
    overrides: tuple[tuple[str, Any], ...] = ()

    def load(self):
        from pipeline.config import load

        return load(self.config, dict(self.overrides))

    def load_config(self):
        from pipeline.config import load_config

        return load_config(self.config, dict(self.overrides))


@dataclass(frozen=True)
class DocResult:
    """What one document produced: its output lines, its error record, its counts."""

    lines: tuple[str, ...] = ()
    error: dict | None = None
    claims: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def to_json(self) -> str:
        return json_line(asdict(self))

    @classmethod
    def from_json(cls, line: str) -> "DocResult":
        obj = json.loads(line)
        return cls(tuple(obj["lines"]), obj["error"], obj["claims"], obj["seconds"])


# Longer documents go through the pipeline a section at a time (``section_bounds``):
# the NER's memory grows with the length of what it is given, and spaCy refuses
# more than ``nlp.max_length`` characters at once.
SECTION_CHARS = 100_000


def process_batch(nlp, docs: list[Document]) -> list[DocResult]:
    """Results for ``docs``, in order; a batch that raises is redone one document at a time.

    The retry keeps a bad document from taking its batch with it: only the
    document that fails becomes an error record.
    """
    if not docs:
        return []
    size = min(SECTION_CHARS, nlp.max_length)
    results: dict[int, DocResult] = {i: _process_one(nlp, d, size) for i, d in enumerate(docs) if len(d.text) > size}
    short = [(i, d) for i, d in enumerate(docs) if i not in results]
    started = time.perf_counter()
    try:
        processed = list(nlp.pipe((d.text for _, d in short), batch_size=max(1, len(short))))
    except Exception:  # isolate the document that broke the batch
        processed = None
    seconds = (time.perf_counter() - started) / max(1, sum(len(d.text) for _, d in short))
    for n, (i, d) in enumerate(short):
        results[i] = (_process_one(nlp, d, size) if processed is None
                      else _result([(0, processed[n])], d, seconds * len(d.text)))
    return [results[i] for i in range(len(docs))]


def _process_one(nlp, d: Document, size: int) -> DocResult:
    started = time.perf_counter()
    try:
        docs = [(0, nlp(d.text))] if len(d.text) <= size else list(_sections(nlp, d.text, size))
    except Exception as err:
        return DocResult(error=_error(d, "processing", f"{type(err).__name__}: {err}"))
    return _result(docs, d, time.perf_counter() - started)


def _sections(nlp, text: str, size: int):
    """Each section's Doc, one at a time, with the offset of its first character."""
    from pipeline.stages.sentences import section_bounds

    for start, end in section_bounds(text, size):
        yield start, nlp(text[start:end])


def _result(docs: list[tuple[int, Doc]], d: Document, seconds: float) -> DocResult:
    """A stage that caught an error still yields the rows it could make, with the error beside them.

    ``docs`` is ``(offset, Doc)`` for the whole document, or for each section of a long one.
    """
    from pipeline.extensions import doc_to_records

    rows, errors = [], []
    try:
        for offset, doc in docs:
            for row in doc_to_records(doc, d.doc_id):
                if offset:  # a later section: its rows as rows of the whole document
                    row = row.shifted(offset, len(rows))
                    row.check(d.text)
                rows.append(row)
            errors.extend(doc._.errors or [])
    except Exception as err:
        return DocResult(error=_error(d, "processing", f"{type(err).__name__}: {err}"), seconds=seconds)
    claims = Counter(label for row in rows for label in row.labels)
    error = _error(d, "stage", "; ".join(errors)) if errors else None
    return DocResult(tuple(json_line(row.to_json()) for row in rows), error, dict(claims), round(seconds, 6))


def _error(d: Document, kind: str, message: str) -> dict:
    return ErrorRecord(d.doc_id, d.source, kind, message).to_json()
