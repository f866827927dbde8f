"""The batch run: documents in, spec §6 rows out, failures to an errors file.

A run is a stream: documents are read one at a time, grouped into chunks,
processed by an engine (this process, a process pool, or Ray; see
``engines``) and written in input order, so memory stays flat whatever the
corpus size.

It is crash-safe and resumable. Output lines are appended to ``NAME.part``
files, and each document's manifest line is journaled only after its output
lines are flushed. A run killed at any moment (SIGKILL included) is resumed by
the same command: it keeps the journaled documents, cuts the part files back
to the journal's last offsets (no half line, nothing twice) and goes on. Only
a finished run renames the parts to their final names, output first and
manifest last; a run killed between renames is rolled forward on the next start.

It is incremental. The manifest of the previous finished run says where each
document's lines are; a document whose content hash and pipeline fingerprint
are unchanged has its bytes copied instead of being processed again, and
``force`` redoes everything.
"""

from __future__ import annotations

import itertools
import json
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator

from pipeline.batch.engines import make_engine
from pipeline.batch.io import (DEFAULT_MAX_CHARS, AppendFile, Document, ErrorRecord, ExclusiveLock, beside, json_line,
                               lines_bytes, missing_folders, part_path, read_documents, refuse_empty_inputs,
                               refuse_missing_inputs, refuse_output_over_inputs, remove_empty_folders, safe_filename,
                               write_text_atomic)
from pipeline.batch.manifest import (MANIFEST_FORMAT, Entry, Journal, JournalWriter, fingerprint, item_key,
                                     lines_digest, manifest_path_for, read_journal, same_pipeline)
from pipeline.batch.processing import DocResult, PipelineSpec
from pipeline.records import CLAIM_LABELS
from pipeline.wording import plural


SHOWN_ERRORS = 3


@dataclass
class RunSummary:
    documents: int = 0
    sentences: int = 0
    claims: Counter = field(default_factory=Counter)
    errors: int = 0
    seconds: float = 0.0
    items: int = 0
    processed: int = 0
    reused: int = 0
    resumed: int = 0
    processing_seconds: float = 0.0  # the pipeline's own time, summed over documents and workers
    examples: list[dict] = field(default_factory=list)  # the first error records, for the summary

    def note_error(self, record: dict | None) -> None:
        if record is not None and len(self.examples) < SHOWN_ERRORS:
            self.examples.append(record)

    def add(self, entry: Entry, *, resumed: bool = False) -> None:
        self.items += 1
        self.sentences += entry.sentences
        self.claims.update(entry.claims)
        self.errors += entry.errors
        self.documents += bool(entry.sentences)
        if resumed:
            self.resumed += 1
        elif entry.status == "reused":
            self.reused += 1
        elif entry.status == "processed":
            self.processed += 1
        if not resumed:
            self.processing_seconds += entry.seconds

    def line(self) -> str:
        """The run in one line, then the first errors by kind and source (the rest are in the errors file)."""
        claims = ", ".join(f"{label} {self.claims.get(label, 0)}" for label in CLAIM_LABELS)
        head = (f"{plural(self.documents, 'document')}, {plural(self.sentences, 'sentence')}, claims: {claims}; "
                f"{plural(self.errors, 'error')} ({self.seconds:.1f}s; {self.processed} processed, "
                f"{self.reused} unchanged, {self.resumed} resumed)")
        shown = [f"  {e.get('kind')}: {e.get('source')}: {str(e.get('message', ''))[:160]}" for e in self.examples]
        more = [f"  ... and {plural(self.errors - len(shown), 'more error')}"] if self.errors > len(shown) else []
        return "\n".join([head, *shown, *more])

    def to_json(self) -> dict:
        return {"documents": self.documents, "sentences": self.sentences, "claims": dict(self.claims),
                "errors": self.errors, "items": self.items, "processed": self.processed,
                "reused": self.reused, "resumed": self.resumed, "seconds": round(self.seconds, 3),
                "processing_seconds": round(self.processing_seconds, 3)}


@dataclass(frozen=True)
class RunOptions:
    """How to run; none of these change a byte of the output."""

    workers: int = 1
    engine: str = "local"  # local | ray
    address: str | None = None  # Ray cluster; None starts a local Ray for the run
    force: bool = False  # redo every document, reuse nothing
    batch_size: int = 64
    max_chars: int = DEFAULT_MAX_CHARS
    checkpoint_seconds: float = 5.0  # how often appended lines are fsynced
    window: int = 2000  # documents per Ray dataset
    keep_going: bool = False  # an input that does not exist is an error record, not a refusal


def errors_path_for(out: Path) -> Path:
    """``outputs/claims.jsonl`` -> ``outputs/claims.errors.jsonl``."""
    return beside(out, ".errors.jsonl")


def texts_dir_for(out: Path) -> Path:
    """``outputs/claims.jsonl`` -> ``outputs/claims.texts/``: extracted HTML texts, which offsets refer to."""
    return beside(out, ".texts")


@dataclass(frozen=True)
class OutputPaths:
    out: Path
    errors: Path
    manifest: Path
    texts: Path

    @classmethod
    def for_output(cls, out: Path) -> "OutputPaths":
        return cls(out, errors_path_for(out), manifest_path_for(out), texts_dir_for(out))

    def any_exist(self) -> bool:
        """Whether anything of this run is on disk: a finished run's files, or an interrupted one's parts."""
        files = (self.out, self.errors, self.manifest)
        return self.texts.exists() or any(p.exists() or part_path(p).exists() for p in files)

    def finish_commit(self) -> None:
        """Rename the parts of a finished run; the manifest last, so it never names missing bytes."""
        for path in (self.out, self.errors, self.manifest):
            if part_path(path).exists():
                os.replace(part_path(path), path)


# ------------------------------------------------------------- planning --

@dataclass
class Planned:
    """One input item and what the run does with it."""

    seq: int
    item: Document | ErrorRecord
    sha256: str | None
    action: str  # process | reuse | resumed | error
    entry: Entry | None = None  # the journaled (resumed) or previous (reuse) entry
    copied: tuple[bytes, bytes] = (b"", b"")  # a reused document's output and error bytes


class PreviousRun:
    """The last finished run's output, readable by document for reuse.

    Used only when its manifest's fingerprint matches and both files still
    have the sizes the manifest recorded; every copied range is checked to
    start with the document's own id, so a stale manifest means reprocessing,
    never wrong lines.
    """

    def __init__(self, paths: OutputPaths, expected: dict | None):
        """``expected`` is the current fingerprint; None (``--force``) reuses nothing."""
        self.entries: dict[str, Entry] = {}
        self._files: list[IO[bytes]] = []
        if expected is None:
            return
        journal = read_journal(paths.manifest)
        summary = journal.summary or {}
        if not same_pipeline(journal.header, expected) or not self._sizes_match(paths, summary):
            return
        self._files = [open(paths.out, "rb"), open(paths.errors, "rb")]
        self.entries = {e.doc_id: e for e in journal.entries if e.sha256 is not None}

    @staticmethod
    def _sizes_match(paths: OutputPaths, summary: dict) -> bool:
        try:
            return (paths.out.stat().st_size == summary.get("out_bytes")
                    and paths.errors.stat().st_size == summary.get("err_bytes"))
        except OSError:
            return False

    def copy_for(self, doc: Document, sha256: str) -> tuple[Entry, tuple[bytes, bytes]] | None:
        entry = self.entries.get(doc.doc_id)
        if entry is None or entry.sha256 != sha256:
            return None
        chunks = tuple(self._read(f, span) for f, span in zip(self._files, (entry.out, entry.err)))
        if entry.lines_sha256 != lines_digest(*chunks):  # an edited manifest or output: process afresh
            return None
        return entry, chunks

    @staticmethod
    def _read(f: IO[bytes], span: tuple[int, int]) -> bytes:
        f.seek(span[0])
        return f.read(span[1] - span[0])

    def close(self) -> None:
        for f in self._files:
            f.close()


def plan_items(items: Iterable[Document | ErrorRecord], kept: Journal,
               previous: PreviousRun) -> Iterator[Planned]:
    """Decide, item by item, whether to keep, copy or process it.

    Journaled entries are kept while they describe the same items in the same
    order; from the first difference on, everything is decided afresh.
    """
    in_prefix = True
    for seq, item in enumerate(items):
        sha = item_key(item)
        if in_prefix and seq < len(kept.entries) and kept.entries[seq].describes(item, sha):
            yield Planned(seq, item, sha, "resumed", kept.entries[seq])
            continue
        in_prefix = False
        if isinstance(item, ErrorRecord):
            yield Planned(seq, item, sha, "error")
            continue
        found = previous.copy_for(item, sha)
        if found is not None:
            yield Planned(seq, item, sha, "reuse", found[0], found[1])
        else:
            yield Planned(seq, item, sha, "process")


def chunked(planned: Iterable[Planned], size: int) -> Iterator[tuple[list[Planned], list[Document]]]:
    """Chunks of at most ``size`` items, with the documents among them that need processing."""
    it = iter(planned)
    while chunk := list(itertools.islice(it, size)):
        yield chunk, [p.item for p in chunk if p.action == "process"]


# -------------------------------------------------------------- writing --

class RunFiles:
    """The three part files of a run and the journal discipline that makes them resumable."""

    def __init__(self, paths: OutputPaths, header: dict, kept: Journal, checkpoint_seconds: float):
        self.paths = paths
        self.header = header
        self.kept = kept
        self.checkpoint_seconds = checkpoint_seconds
        self._synced = time.monotonic()
        self._cut = False
        self.opened = False

    def _open(self) -> None:
        """The part files are opened at the first write, not before: a run that fails before it has
        a line to write (a damaged model, a bad setting) leaves nothing behind, and an interrupted
        run's parts stay as they were for the next attempt."""
        last = self.kept.entries[-1] if self.kept.entries else None
        self.out = AppendFile(part_path(self.paths.out), last.out[1] if last else 0)
        self.err = AppendFile(part_path(self.paths.errors), last.err[1] if last else 0)
        self.journal = JournalWriter(part_path(self.paths.manifest), self.header, self.kept)
        self.opened = True

    def _cut_back(self, seq: int) -> None:
        """Before the first new write: drop kept entries from ``seq`` on, and their bytes."""
        if not self.opened:
            self._open()
        self._cut = True
        if seq >= len(self.kept.entries):
            return
        before = self.kept.entries[seq - 1] if seq else None
        self.out.truncate(before.out[1] if before else 0)
        self.err.truncate(before.err[1] if before else 0)
        self.journal.cut_after(seq)

    def write(self, p: Planned, result: DocResult | None) -> Entry:
        if not self._cut:
            self._cut_back(p.seq)
        if isinstance(p.item, Document) and p.item.format == "html":
            self._save_text(p.item)
        out_start, err_start = self.out.length, self.err.length
        if p.action == "reuse":
            return self._entry(p, "reused", out_start, err_start, p.copied, p.entry.sentences, p.entry.claims,
                               p.entry.errors, 0.0)
        if p.action == "error":
            written = (b"", lines_bytes([json_line(p.item.to_json())]))
            return self._entry(p, "error", out_start, err_start, written, 0, {}, 1, 0.0)
        written = (lines_bytes(result.lines),
                   lines_bytes([json_line(result.error)] if result.error is not None else []))
        status = "processed" if result.lines or result.error is None else "error"
        return self._entry(p, status, out_start, err_start, written, len(result.lines), result.claims,
                           int(result.error is not None), result.seconds)

    def _entry(self, p: Planned, status: str, out_start: int, err_start: int, written: tuple[bytes, bytes],
               sentences: int, claims: dict, errors: int, seconds: float) -> Entry:
        """Write the document's bytes and describe them (ranges and their hash) for the journal."""
        self.out.write_bytes(written[0])
        self.err.write_bytes(written[1])
        return Entry(p.seq, p.item.doc_id, p.item.source, p.sha256, status, sentences, dict(claims),
                     errors, (out_start, self.out.length), (err_start, self.err.length), seconds,
                     lines_digest(*written))

    def _save_text(self, doc: Document) -> None:
        path = self.paths.texts / safe_filename(doc.doc_id)
        data = doc.text.encode("utf-8")
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return  # saved by an earlier run: the size tells most changes without a read
        write_text_atomic(path, doc.text)

    def checkpoint(self, entries: list[Entry]) -> None:
        """Output bytes first, then the journal lines that vouch for them."""
        if not self.opened:  # nothing written yet (every document of the chunk was resumed)
            return
        sync = time.monotonic() - self._synced >= self.checkpoint_seconds
        self.out.flush(sync=sync)
        self.err.flush(sync=sync)
        for entry in entries:
            self.journal.append(entry)
        self.journal.file.flush(sync=sync)
        if sync:
            self._synced = time.monotonic()

    def commit(self, summary: dict, items: int) -> None:
        """Finish the run of ``items`` input items: kept entries past them (the input shrank) go."""
        if not self._cut:
            self._cut_back(items)
        self.out.flush(sync=True)
        self.err.flush(sync=True)
        self.journal.finish({**summary, "out_bytes": self.out.length, "err_bytes": self.err.length})
        self.journal.file.flush(sync=True)
        self.close()
        self.paths.finish_commit()

    def close(self) -> None:
        if self.opened:
            for f in (self.out, self.err, self.journal.file):
                f.close()


# ------------------------------------------------------------------ run --

def resumable_journal(paths: OutputPaths, journal: Journal, expected: dict) -> Journal:
    """The journal of an interrupted run of the same pipeline, trimmed to bytes that exist."""
    if not same_pipeline(journal.header, expected) or journal.summary is not None:
        return Journal()
    sizes = [p.stat().st_size if p.exists() else -1 for p in map(part_path, (paths.out, paths.errors))]
    while journal.entries and (journal.entries[-1].out[1] > sizes[0] or journal.entries[-1].err[1] > sizes[1]):
        journal.entries.pop()
        journal.ends.pop()
    return journal


def run_header(pipeline, inputs: list[str], options: RunOptions) -> tuple[dict, dict]:
    """The manifest's header, and the part of it a reused or resumed run must share."""
    config = pipeline.load_config() if isinstance(pipeline, PipelineSpec) else pipeline.config
    expected = {"manifest": MANIFEST_FORMAT, **fingerprint(config), "max_chars": options.max_chars}
    header = {**expected, "inputs": list(inputs), "engine": options.engine, "workers": options.workers,
              "started": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    return header, expected


def run(pipeline, inputs: list[str], out: str | Path, *, options: RunOptions | None = None,
        progress: Callable[[RunSummary], None] | None = None, stdin: IO[str] | None = None) -> RunSummary:
    """Run ``pipeline`` (a Language, or a PipelineSpec for workers and Ray) over ``inputs`` into ``out``.

    Refuses, before anything is written, inputs that do not exist (``MissingInput``, unless
    ``options.keep_going``), inputs with no document (``NoInputs``) and an output among the
    inputs (``OutputOverInput``). Raises ``Locked`` when another run is writing the same output.
    ``progress`` is called with the summary after each document.
    """
    out = Path(out)
    options = options or RunOptions()
    if not options.keep_going:
        refuse_missing_inputs(inputs)
    refuse_empty_inputs(inputs)
    refuse_output_over_inputs(inputs, out)
    paths = OutputPaths.for_output(out)
    new_folders = missing_folders(out.parent)
    lock_path = out.with_name(out.name + ".lock")
    new_lock = not lock_path.exists()
    with ExclusiveLock(lock_path) as lock:
        try:
            return _run(pipeline, inputs, paths, options, progress, stdin)
        except BaseException:
            if not paths.any_exist():  # it failed before writing a line: leave no trace of it
                if new_lock:
                    lock.discard()
                remove_empty_folders(new_folders)
            raise


def _run(pipeline, inputs: list[str], paths: OutputPaths, options: RunOptions,
         progress: Callable[[RunSummary], None] | None, stdin: IO[str] | None) -> RunSummary:
    summary = RunSummary()
    started = time.perf_counter()
    header, expected = run_header(pipeline, inputs, options)
    partial = read_journal(part_path(paths.manifest))
    if partial.summary is not None:
        paths.finish_commit()  # a finished run was killed between its renames: finish them
        partial = Journal()
    kept = Journal() if options.force else resumable_journal(paths, partial, expected)
    previous = PreviousRun(paths, None if options.force else expected)
    engine = make_engine(pipeline, engine=options.engine, workers=options.workers, address=options.address,
                         batch_size=options.batch_size, window=options.window)
    files = RunFiles(paths, header, kept, options.checkpoint_seconds)
    try:
        items = read_documents(inputs, stdin, max_chars=options.max_chars)
        plan = plan_items(items, kept, previous)
        for chunk, results in engine.map(chunked(plan, options.batch_size)):
            entries = _write_chunk(files, chunk, iter(results), summary, progress)
            files.checkpoint(entries)
        summary.seconds = time.perf_counter() - started
        previous.close()
        files.commit(summary.to_json(), summary.items)
    except BaseException:
        files.close()
        raise
    finally:
        previous.close()
        engine.close()
    return summary


def error_record_of(p: Planned, result: DocResult | None) -> dict | None:
    """The error record a planned item wrote (or reused), for the summary."""
    if p.action == "error":
        return p.item.to_json()
    if result is not None:
        return result.error
    lines = p.copied[1].splitlines()
    return json.loads(lines[0]) if lines else None


def _write_chunk(files: RunFiles, chunk: list[Planned], results: Iterator[DocResult], summary: RunSummary,
                 progress: Callable[[RunSummary], None] | None = None) -> list[Entry]:
    entries = []
    for p in chunk:
        if p.action == "resumed":
            summary.add(p.entry, resumed=True)
        else:
            result = next(results) if p.action == "process" else None
            entry = files.write(p, result)
            summary.add(entry)
            if entry.errors:
                summary.note_error(error_record_of(p, result))
            entries.append(entry)
        if progress:
            progress(summary)
    return entries
