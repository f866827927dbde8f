"""The batch run: documents in, spec §6 rows out, failures to an errors file.

Documents stream through ``nlp.pipe`` in batches; a batch that raises is
re-run one document at a time so that only the bad document is lost, and it
becomes one line in the errors file. Output goes to ``NAME.part`` and is
renamed only when the run ends, so a crash never leaves a half-written file
under the final name.
"""

from __future__ import annotations

import itertools
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from spacy.language import Language

from .io import AtomicWriter, Document, ReadError, read_documents
from .records import CLAIM_LABELS, SentenceRecord, doc_to_records


@dataclass
class RunSummary:
    documents: int = 0
    sentences: int = 0
    claims: Counter = field(default_factory=Counter)
    errors: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        claims = ", ".join(f"{label} {self.claims.get(label, 0)}" for label in CLAIM_LABELS)
        return (f"{self.documents} documents, {self.sentences} sentences, claims: {claims}; "
                f"{self.errors} errors ({self.seconds:.1f}s)")


def errors_path_for(out: Path) -> Path:
    """``outputs/claims.jsonl`` -> ``outputs/claims.errors.jsonl``."""
    return out.with_name(out.name.removesuffix(".jsonl") + ".errors.jsonl")


Result = tuple[list[SentenceRecord], ReadError | None]


def process_documents(nlp: Language, docs: Iterable[Document], batch_size: int = 32
                      ) -> Iterator[tuple[Document, Result]]:
    """Rows per document, in input order, with the error of a document that failed.

    A stage that caught an error still yields the rows it could make, so the
    work done is kept and the error is reported beside it.
    """
    it = iter(docs)
    while batch := list(itertools.islice(it, batch_size)):
        try:
            processed = list(nlp.pipe(((d.text, d) for d in batch), as_tuples=True))
        except Exception:  # isolate the document that broke the batch
            processed = None
        if processed is None:
            for d in batch:
                yield d, _process_one(nlp, d)
            continue
        for doc, d in processed:
            yield d, _rows_or_error(doc, d)


def _process_one(nlp: Language, d: Document) -> Result:
    try:
        doc = nlp(d.text)
    except Exception as err:
        return [], ReadError(d.doc_id, d.source, "processing", f"{type(err).__name__}: {err}")
    return _rows_or_error(doc, d)


def _rows_or_error(doc, d: Document) -> Result:
    try:
        rows = doc_to_records(doc, d.doc_id)
    except Exception as err:
        return [], ReadError(d.doc_id, d.source, "processing", f"{type(err).__name__}: {err}")
    if doc._.errors:
        return rows, ReadError(d.doc_id, d.source, "stage", "; ".join(doc._.errors))
    return rows, None


def run(nlp: Language, inputs: list[str], out: str | Path, *,
        progress: Callable[[RunSummary], None] | None = None) -> RunSummary:
    out = Path(out)
    summary = RunSummary()
    started = time.perf_counter()
    documents = read_documents(inputs)

    def readable() -> Iterator[Document]:
        for item in documents:
            if isinstance(item, ReadError):
                errors.write(item.to_json())
                summary.errors += 1
            else:
                yield item

    with AtomicWriter(out) as writer, AtomicWriter(errors_path_for(out)) as errors:
        for d, (rows, error) in process_documents(nlp, readable()):
            if error is not None:
                errors.write(error.to_json())
                summary.errors += 1
            if not rows:
                continue
            for row in rows:
                writer.write(row.to_json())
                summary.claims.update(row.labels)
            summary.documents += 1
            summary.sentences += len(rows)
            if progress:
                progress(summary)
    summary.seconds = time.perf_counter() - started
    return summary
