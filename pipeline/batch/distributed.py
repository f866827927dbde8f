"""The Ray engine: the same pipeline on a Ray cluster, through Ray Data.

Documents are read on the driver (the folder need not be visible to the
cluster), shipped in windows of ``window`` documents as a Ray dataset, and
mapped with ``map_batches`` over ``ClaimsActor``, a callable class, so each
actor builds the pipeline once and then turns batches of documents into
serialised spec records with ``engines.process_batch``, the function every
engine runs. Results come back in input order (Ray Data's ``preserve_order``,
then a reorder by sequence number as a guard), so the output is byte-identical
to the local engine's.

A window bounds the driver's memory; each window is one dataset, so actors
are rebuilt per window and the window should be large enough (thousands of
documents) to amortise a model load. Cluster nodes need this package
installed (``pip install claims[distributed]``), like any Ray job's code.
"""

from __future__ import annotations

import logging
import warnings
from typing import Iterable, Iterator

from pipeline.batch.io import Document
from pipeline.batch.processing import Chunk, DocResult, PipelineSpec, process_batch

FIELDS = ("doc_id", "text", "source", "format")


class ClaimsActor:
    """``map_batches`` callable: the pipeline is built in ``__init__``, once per actor."""

    def __init__(self, spec: PipelineSpec):
        self.nlp = spec.load()

    def __call__(self, batch: dict) -> dict:
        columns = {name: [str(v) for v in batch[name]] for name in FIELDS}
        docs = [Document(*values) for values in zip(*(columns[name] for name in FIELDS))]
        results = process_batch(self.nlp, docs)
        return {"seq": list(batch["seq"]), "result": [r.to_json() for r in results]}


class RayEngine:
    """Runs chunks of documents on Ray actors; starts a local Ray when given no address."""

    def __init__(self, spec: PipelineSpec, *, actors: int = 1, address: str | None = None,
                 batch_size: int = 32, window: int = 2000):
        self.spec = spec
        self.actors = max(1, actors)
        self.address = address
        self.batch_size = batch_size
        self.window = window
        self._started = False

    def _ensure_ray(self):
        try:
            import ray
            import ray.data  # noqa: F401
        except ImportError as err:
            from pipeline.errors import ConfigError

            raise ConfigError(f"--engine ray needs Ray Data ({err}): pip install 'claims[distributed]'") from err

        # Ray's own notices (token auth, a deprecation, actor restarts) are not the run's business:
        # they show with `claims -v`, never under --quiet or by default
        quiet = not logging.getLogger("claims").isEnabledFor(logging.INFO)
        level = logging.ERROR if quiet else logging.INFO
        logging.getLogger("ray").setLevel(level)
        logging.getLogger("ray.data").setLevel(level)
        if not ray.is_initialized():
            options = dict(include_dashboard=False, log_to_driver=False, logging_level=level)
            if self.address:
                ray.init(address=self.address, **options)
            else:
                ray.init(num_cpus=self.actors, **options)
            self._started = True
        from ray.data import DataContext

        ctx = DataContext.get_current()
        ctx.execution_options.preserve_order = True
        ctx.enable_progress_bars = False
        return ray

    def map(self, chunks: Iterable[Chunk]) -> Iterator[tuple]:
        window: list[Chunk] = []
        size = 0
        for key, docs in chunks:
            window.append((key, docs))
            size += len(docs)
            # chunks of reused documents carry copied lines, not work: count them too
            if size >= self.window or len(window) * self.batch_size >= self.window:
                yield from self._run_window(window)
                window, size = [], 0
        if window:
            yield from self._run_window(window)

    def _run_window(self, window: list[Chunk]) -> Iterator[tuple]:
        rows = [{"seq": seq, **{name: getattr(d, name) for name in FIELDS}}
                for seq, d in enumerate(d for _, docs in window for d in docs)]
        results: dict[int, DocResult] = {}
        if rows:
            ray = self._ensure_ray()
            blocks = -(-len(rows) // self.batch_size)  # one block per batch: every actor gets work
            actors = min(self.actors, blocks)  # no more actors than there is work for
            with warnings.catch_warnings():
                if not logging.getLogger("claims").isEnabledFor(logging.INFO):
                    warnings.simplefilter("ignore")  # Ray's deprecation notices: shown with -v
                dataset = ray.data.from_items(rows, override_num_blocks=blocks).map_batches(
                    ClaimsActor, fn_constructor_args=(self.spec,), batch_size=self.batch_size,
                    batch_format="numpy", compute=ray.data.ActorPoolStrategy(size=actors), num_cpus=1,
                    # no actor restarts: a failed actor fails the window, and the run resumes from its journal
                    max_restarts=0)
            for row in dataset.iter_rows():
                results[int(row["seq"])] = DocResult.from_json(str(row["result"]))
        seq = 0
        for key, docs in window:
            yield key, [results[i] for i in range(seq, seq + len(docs))]
            seq += len(docs)

    def close(self) -> None:
        if self._started:
            import ray

            ray.shutdown()
            self._started = False
