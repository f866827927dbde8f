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

from collections import deque
from typing import Any, Callable, Iterable, Iterator

from pipeline.batch.io import Document
from pipeline.batch.processing import Chunk, DocResult, K, PipelineSpec, process_batch
from pipeline.errors import ClaimsError


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
_WORKER_ERROR: ClaimsError | None = None


def _init_worker(spec: PipelineSpec) -> None:
    """Build the worker's pipeline; a bad setting or model is kept, to be raised with the first
    batch: raised here, it would only break the pool, and the user would read "a worker died"."""
    global _WORKER_NLP, _WORKER_ERROR
    try:
        _WORKER_NLP = spec.load()
    except ClaimsError as err:
        _WORKER_ERROR = err


def _work(docs: list[Document]) -> list[DocResult]:
    if _WORKER_ERROR is not None:
        raise _WORKER_ERROR
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
        from pipeline.batch.distributed import RayEngine

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
