"""Read documents from files, folders, globs and JSONL; write output atomically.

Bad input is data, not an exception: every reader yields either a Document
or a ReadError, so one unreadable file becomes one line in the errors file
and the batch goes on. Texts are decoded as UTF-8 and never normalised, so
offsets are offsets into the file as read.
"""

from __future__ import annotations

import glob as globlib
import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True)
class Document:
    doc_id: str
    text: str
    source: str


@dataclass(frozen=True)
class ReadError:
    """One failed document: where it came from, what kind of failure, and why."""

    doc_id: str | None
    source: str
    kind: str  # not_found | unreadable | empty | binary | encoding | bad_record | duplicate_id | processing
    message: str

    def to_json(self) -> dict:
        return asdict(self)


def decode_text(data: bytes) -> str:
    """UTF-8 text as read; raises ValueError with a kind for binary or bad bytes."""
    if b"\x00" in data[:8192]:
        raise ValueError("binary", "file contains NUL bytes: not a text document")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ValueError("encoding", f"invalid UTF-8 at byte {err.start}: {err.reason}") from None


def read_text_file(path: Path, doc_id: str | None = None) -> Document | ReadError:
    doc_id = doc_id or path.stem
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return ReadError(doc_id, str(path), "not_found", "no such file")
    except OSError as err:
        return ReadError(doc_id, str(path), "unreadable", err.strerror or str(err))
    try:
        text = decode_text(data)
    except ValueError as err:
        kind, message = err.args
        return ReadError(doc_id, str(path), kind, message)
    if not text.strip():
        return ReadError(doc_id, str(path), "empty", "document has no text")
    return Document(doc_id, text, str(path))


def read_jsonl_records(stream: IO[str] | Iterable[str], source: str) -> Iterator[Document | ReadError]:
    """``{"id": ..., "text": ...}`` per line; a bad line is one error, not the end."""
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield ReadError(None, where, "bad_record", f"malformed JSON: {err.msg}")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or "id" not in obj:
            yield ReadError(None, where, "bad_record",
                            'expected an object with string "text" and an "id"')
            continue
        doc_id = str(obj["id"])
        if not doc_id.strip():
            yield ReadError(None, where, "bad_record", "empty id")
        elif not obj["text"].strip():
            yield ReadError(doc_id, where, "empty", "document has no text")
        else:
            yield Document(doc_id, obj["text"], where)


def _read_jsonl_file(path: Path) -> Iterator[Document | ReadError]:
    try:
        with open(path, encoding="utf-8", newline="") as f:
            yield from read_jsonl_records(f, str(path))
    except UnicodeDecodeError as err:
        yield ReadError(None, str(path), "encoding", f"invalid UTF-8 at byte {err.start}")
    except OSError as err:
        yield ReadError(None, str(path), "unreadable", err.strerror or str(err))


def expand_inputs(inputs: Iterable[str]) -> Iterator[Path | str]:
    """Files in a stable order: folders recursively (``*.txt``, ``*.jsonl``), globs sorted."""
    for item in inputs:
        if item == "-":
            yield "-"
            continue
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file()
                           and p.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES)
            yield from found
        elif any(ch in item for ch in "*?["):
            yield from (Path(p) for p in sorted(globlib.glob(item, recursive=True)) if Path(p).is_file())
        else:
            yield path


def read_documents(inputs: Iterable[str], stdin: IO[str] | None = None) -> Iterator[Document | ReadError]:
    """Every document named by ``inputs``, in order, duplicates of a doc_id reported."""
    seen: dict[str, str] = {}
    for item in expand_inputs(inputs):
        if item == "-":
            records = read_jsonl_records(stdin or sys.stdin, "<stdin>")
        elif item.suffix.lower() in JSONL_SUFFIXES:
            records = _read_jsonl_file(item)
        elif not item.exists():
            records = iter([ReadError(item.stem, str(item), "not_found", "no such file or directory")])
        else:
            records = iter([read_text_file(item)])
        for rec in records:
            if isinstance(rec, Document):
                if rec.doc_id in seen:
                    rec = ReadError(rec.doc_id, rec.source, "duplicate_id",
                                    f"doc_id already read from {seen[rec.doc_id]}")
                else:
                    seen[rec.doc_id] = rec.source
            yield rec


class AtomicWriter:
    """Lines go to ``NAME.part``; only a finished run renames it to ``NAME``."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.part = self.path.with_name(self.path.name + ".part")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(self.part, "w", encoding="utf-8", newline="\n")

    def write(self, obj: dict) -> None:
        self._file.write(json.dumps(obj, ensure_ascii=False) + "\n")

    def commit(self) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        os.replace(self.part, self.path)

    def abort(self) -> None:
        self._file.close()

    def __enter__(self) -> "AtomicWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def write_json_atomic(path: str | Path, obj) -> None:
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)
