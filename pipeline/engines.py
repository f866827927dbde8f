"""Where documents are processed: in this process, in a local process pool, or on Ray.

Every engine runs the same function, ``process_batch``: a batch of documents
in, one ``DocResult`` per document out, with the rows already serialised. So
the bytes written never depend on which process or machine made them, and
``--workers 2`` or ``--engine ray`` write exactly what ``--workers 1`` does.

Engines take ``(key, documents)`` chunks and give back ``(key, results)`` in
the order the chunks came, with a bounded number of chunks in flight, so the
runner streams: memory does not grow with the corpus. The model is loaded
once per process (per actor on Ray), and only when a document needs it, so a
rerun that reuses every document never loads it at all.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Iterable, Iterator, TypeVar

from .io import Document, ReadError, json_line
from .records import doc_to_records

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
        from .config import load

        return load(self.config, dict(self.overrides))

    def load_config(self):
        from .config import load_config

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
        import json

        obj = json.loads(line)
        return cls(tuple(obj["lines"]), obj["error"], obj["claims"], obj["seconds"])


# ------------------------------------------------------------ processing --

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
        results[i] = _process_one(nlp, d, size) if processed is None else _result([processed[n]], d, seconds * len(d.text))
    return [results[i] for i in range(len(docs))]


def _process_one(nlp, d: Document, size: int) -> DocResult:
    started = time.perf_counter()
    try:
        docs = [nlp(d.text)] if len(d.text) <= size else list(_sections(nlp, d.text, size))
    except Exception as err:
        return DocResult(error=_error(d, "processing", f"{type(err).__name__}: {err}"))
    return _result(docs, d, time.perf_counter() - started)


def _sections(nlp, text: str, size: int):
    """Each section's Doc, one at a time, with the offset of its first character."""
    from .sentences import section_bounds

    for start, end in section_bounds(text, size):
        yield start, nlp(text[start:end])


def _result(docs: list, d: Document, seconds: float) -> DocResult:
    """A stage that caught an error still yields the rows it could make, with the error beside them.

    ``docs`` is one Doc, or ``(offset, Doc)`` per section of a long document.
    """
    rows, errors = [], []
    try:
        for item in docs:
            offset, doc = item if isinstance(item, tuple) else (0, item)
            for row in doc_to_records(doc, d.doc_id):
                if isinstance(item, tuple):
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
    return ReadError(d.doc_id, d.source, kind, message).to_json()


# --------------------------------------------------------------- engines --

class LocalEngine:
    """This process, one batch at a time; the pipeline is built on first use."""

    def __init__(self, load: Callable[[], Any]):
        self._load = load
        self._nlp = None

    def map(self, chunks: Iterable[Chunk]) -> Iterator[tuple[K, list[DocResult]]]:
        for key, docs in chunks:
            if docs and self._nlp is None:
                self._nlp = self._load()
            yield key, process_batch(self._nlp, docs)

    def close(self) -> None:
        self._nlp = None


_WORKER_NLP = None


def _init_worker(spec: PipelineSpec) -> None:
    global _WORKER_NLP
    _WORKER_NLP = spec.load()


def _work(docs: list[Document]) -> list[DocResult]:
    return process_batch(_WORKER_NLP, docs)


class _Done:
    """A chunk with nothing to process, queued among futures to keep the order."""

    def __init__(self, value):
        self.value = value

    def done(self) -> bool:
        return True

    def result(self):
        return self.value


class ProcessEngine:
    """A pool of worker processes, each building the pipeline once.

    A ``concurrent.futures`` pool rather than ``nlp.pipe(n_process=...)``:
    workers return serialised rows (spaCy's would ship whole Docs back, and
    the stages' records are not msgpack-serialisable), a dead worker raises
    ``BrokenProcessPool`` instead of hanging, and at most ``2 × workers``
    chunks are in flight, so reading never runs ahead of writing.
    """

    def __init__(self, spec: PipelineSpec, workers: int):
        self.spec = spec
        self.workers = workers
        self._pool = None

    def _submit(self, docs: list[Document]):
        if not docs:
            return _Done([])
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(self.workers, initializer=_init_worker, initargs=(self.spec,))
        return self._pool.submit(_work, docs)

    def map(self, chunks: Iterable[Chunk]) -> Iterator[tuple[K, list[DocResult]]]:
        pending: deque = deque()
        for key, docs in chunks:
            pending.append((key, self._submit(docs)))
            while pending and (len(pending) > 2 * self.workers or pending[0][1].done()):
                key_, future = pending.popleft()
                yield key_, future.result()
        while pending:
            key_, future = pending.popleft()
            yield key_, future.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def make_engine(pipeline, *, engine: str = "local", workers: int = 1, address: str | None = None,
                batch_size: int = 64, window: int = 2000):
    """The engine for ``--engine``/``--workers``; ``pipeline`` is a Language or a PipelineSpec."""
    if engine == "ray":
        from .distributed import RayEngine

        if not isinstance(pipeline, PipelineSpec):
            raise ValueError("the Ray engine builds the pipeline on each actor: pass a PipelineSpec")
        return RayEngine(pipeline, actors=workers, address=address, batch_size=batch_size, window=window)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}: use 'local' or 'ray'")
    if workers > 1:
        if not isinstance(pipeline, PipelineSpec):
            raise ValueError("worker processes build their own pipeline: pass a PipelineSpec")
        return ProcessEngine(pipeline, workers)
    return LocalEngine(pipeline.load if isinstance(pipeline, PipelineSpec) else (lambda: pipeline))
