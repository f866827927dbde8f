"""Read documents from files, folders, globs and JSONL; write output atomically.

Bad input is data, not an exception: every reader yields either a Document
or a ErrorRecord, so one unreadable file becomes one line in the errors file
and the batch goes on. Texts are decoded (UTF-8, or UTF-16 when the bytes say
so; a byte-order mark is an encoding marker, not text) and never normalised,
so offsets are offsets into the decoded text. HTML articles are the one
exception: their text is what trafilatura extracts, and the runner saves that
text beside the output so that offsets have something to refer to.
"""

from __future__ import annotations

import codecs
import glob as globlib
import hashlib
import json
import os
import re
import sys
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator

from pipeline.errors import DataError, Locked, MissingInput, NoInputs, OutputOverInput

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
# spaCy's own default for nlp.max_length: longer texts are refused, not
# processed, because the statistical components need memory per character.
DEFAULT_MAX_CHARS = 1_000_000
# UTF-8 needs at most 4 bytes a character: a bigger file cannot fit the limit,
# so it is refused without being read into memory.
MAX_BYTES_PER_CHAR = 4


@dataclass(frozen=True)
class Document:
    doc_id: str
    text: str
    source: str
    format: str = "text"  # text | html (text extracted from the HTML, saved beside the output)


@dataclass(frozen=True)
class ErrorRecord:
    """One failed document: where it came from, what kind of failure, and why."""

    doc_id: str | None
    source: str
    kind: str  # not_found | unreadable | empty | binary | encoding | too_long | html | bad_record | duplicate_id | processing | stage
    message: str

    def to_json(self) -> dict:
        return asdict(self)


BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def sniff_encoding(data: bytes) -> str:
    """The codec the bytes announce: a byte-order mark, or UTF-16 without one, else UTF-8.

    UTF-16 without a mark is recognised by its NUL high bytes (ASCII text as
    UTF-16-LE is ``T\\x00e\\x00``); NULs anywhere else mean a binary file.
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            return codec
    head = data[:8192]
    if len(head) >= 4 and len(data) % 2 == 0 and b"\x00" in head:
        odd, even = head[1::2], head[0::2]
        if even.count(0) == 0 and odd.count(0) > len(odd) * 0.3:
            return "utf-16-le"
        if odd.count(0) == 0 and even.count(0) > len(even) * 0.3:
            return "utf-16-be"
    return "utf-8"


def decode_text(data: bytes) -> str:
    """The text the bytes encode; raises ValueError(kind, message) for binary or bad bytes."""
    codec = sniff_encoding(data)
    if codec == "utf-8" and b"\x00" in data:
        raise ValueError("binary", "file contains NUL bytes: not a text document")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as err:
        raise ValueError("encoding", f"invalid {codec.upper()} at byte {err.start}: {err.reason}") from None
    if "\x00" in text:
        raise ValueError("binary", f"decoded {codec.upper()} text contains NUL characters")
    return text


def _too_long(doc_id: str | None, source: str, chars: int, max_chars: int) -> ErrorRecord:
    return ErrorRecord(doc_id, source, "too_long",
                       f"document has {chars:,} characters; the limit is {max_chars:,} "
                       "(raise it with --max-chars)")


def _text_problem(doc_id: str, source: str, text: str, max_chars: int) -> ErrorRecord | None:
    """What every reader refuses, whatever the format: no text, or too much."""
    if not text.strip():
        return ErrorRecord(doc_id, source, "empty", "document has no text")
    if len(text) > max_chars:
        return _too_long(doc_id, source, len(text), max_chars)
    return None


def _not_regular(path: Path, doc_id: str | None) -> ErrorRecord | None:
    """A pipe, device or socket would block the run or never end: one error record instead."""
    import stat

    if path.exists() and not stat.S_ISREG(path.stat().st_mode):
        return ErrorRecord(doc_id, str(path), "not_a_file", "not a regular file (a pipe, device or socket)")
    return None


def read_text_file(path: Path, doc_id: str | None = None, *,
                   max_chars: int = DEFAULT_MAX_CHARS) -> Document | ErrorRecord:
    doc_id = doc_id or path.stem
    try:
        if problem := _not_regular(path, doc_id):
            return problem
        size = path.stat().st_size
        if size > max_chars * MAX_BYTES_PER_CHAR:
            return _too_long(doc_id, str(path), size, max_chars)
        data = path.read_bytes()
    except FileNotFoundError:
        return ErrorRecord(doc_id, str(path), "not_found", "no such file or directory")
    except OSError as err:
        return ErrorRecord(doc_id, str(path), "unreadable", err.strerror or str(err))
    try:
        text = decode_text(data)
    except ValueError as err:
        kind, message = err.args
        return ErrorRecord(doc_id, str(path), kind, message)
    fmt = "text"
    if path.suffix.lower() in HTML_SUFFIXES:
        from pipeline.batch.html import extract_article

        text, fmt = extract_article(text), "html"
        if text is None:
            return ErrorRecord(doc_id, str(path), "html", "no article text found in the HTML")
    return _text_problem(doc_id, str(path), text, max_chars) or Document(doc_id, text, str(path), fmt)


def read_jsonl_records(stream: IO[str] | Iterable[str], source: str, *,
                       max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Document | ErrorRecord]:
    """``{"id": ..., "text": ...}`` per line; a bad line is one error, not the end.

    The id is data: it names the document in the output and is never used as
    a path (see ``safe_filename``).
    """
    limit = max_record_chars(max_chars)
    for lineno, (line, length) in enumerate(bounded_lines(stream, limit), 1):
        where = f"{source}:{lineno}"
        if line is None:
            yield ErrorRecord(None, where, "too_long",
                              f"record has {length:,} characters: its text cannot be within the limit of "
                              f"{max_chars:,} characters (raise it with --max-chars)")
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield ErrorRecord(None, where, "bad_record", f"malformed JSON: {err.msg}")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or "id" not in obj:
            yield ErrorRecord(None, where, "bad_record",
                              'expected an object with string "text" and an "id"')
            continue
        if isinstance(obj["id"], bool) or not isinstance(obj["id"], (str, int)):
            yield ErrorRecord(None, where, "bad_record",
                              f"id must be a string or an integer, not {json.dumps(obj['id'])[:40]}")
            continue
        doc_id = str(obj["id"])
        if not doc_id.strip():
            yield ErrorRecord(None, where, "bad_record", "empty id")
        elif problem := _text_problem(doc_id, where, obj["text"], max_chars):
            yield problem
        elif "\x00" in obj["text"]:
            yield ErrorRecord(doc_id, where, "binary", "text contains NUL characters")
        else:
            yield Document(doc_id, obj["text"], where)


def max_record_chars(max_chars: int) -> int:
    """The longest JSONL line whose text can be within ``max_chars``: JSON spells one character in
    at most 12 (an escaped surrogate pair), and the id and other fields get 64 KiB."""
    return 12 * max_chars + 65_536


def bounded_lines(stream: IO[str] | Iterable[str], limit: int) -> Iterator[tuple[str | None, int]]:
    """(line, length) per line, or (None, length) for a line over ``limit``, which is skipped
    in pieces without ever being held whole: a 100 MB record is refused, not parsed."""
    readline = getattr(stream, "readline", None)
    if readline is None:
        for line in stream:
            yield (line if len(line) <= limit else None), len(line)
        return
    while line := readline(limit + 1):
        length = len(line)
        if length <= limit or line.endswith("\n"):
            yield (line if length <= limit else None), length
            continue
        while (rest := readline(limit)) and not rest.endswith("\n"):
            length += len(rest)
        yield None, length + len(rest)


def _read_jsonl_file(path: Path, max_chars: int) -> Iterator[Document | ErrorRecord]:
    try:
        if problem := _not_regular(path, None):
            yield problem
            return
        with open(path, encoding="utf-8-sig", newline="") as f:
            yield from read_jsonl_records(f, str(path), max_chars=max_chars)
    except UnicodeDecodeError as err:
        yield ErrorRecord(None, str(path), "encoding", f"invalid UTF-8 at byte {err.start}")
    except OSError as err:
        yield ErrorRecord(None, str(path), "unreadable", err.strerror or str(err))


def expand_inputs(inputs: Iterable[str]) -> Iterator[Path | str]:
    """Files in a stable order: folders recursively (``*.txt``, ``*.html``, ``*.jsonl``), globs sorted."""
    for item in inputs:
        if item == "-":
            yield "-"
            continue
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file()
                           and p.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES)
            yield from found
        elif is_pattern(item):
            yield from (Path(p) for p in sorted(globlib.glob(item, recursive=True)) if Path(p).is_file())
        else:
            yield path


def is_pattern(item: str) -> bool:
    """A glob (``arts/*.txt``) rather than a path; a file whose name has a ``[`` in it is a path."""
    return any(ch in item for ch in "*?[") and not Path(item).exists()


def missing_inputs(inputs: Iterable[str]) -> list[str]:
    """The inputs that name nothing: a path that does not exist, a glob that matches no file."""
    return [item for item in inputs if item != "-" and not Path(item).exists()
            and not (is_pattern(item) and any(Path(p).is_file() for p in globlib.iglob(item, recursive=True)))]


def refuse_missing_inputs(inputs: list[str]) -> None:
    """Raise MissingInput when an input names nothing: almost always a typo, which a run that
    went on without it would hide behind an exit status of 0."""
    missing = missing_inputs(inputs)
    if missing:
        what = "input not found" if len(missing) == 1 else "inputs not found"
        raise MissingInput(f"{what}: {', '.join(missing)} (no such file, folder or matching file); "
                           "nothing was run. Fix the path, or give --keep-going to record it as an error "
                           "and run the rest")


def refuse_empty_inputs(inputs: list[str]) -> None:
    """Raise NoInputs when ``inputs`` name no document: folders with no article in them, or globs
    that match nothing. (With ``--keep-going``, a path that does not exist is an input, and becomes
    its error record.)"""
    if any(True for _ in expand_inputs(inputs)):
        return
    suffixes = ", ".join(f"*{s}" for s in TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES)
    raise NoInputs(f"no input documents found in {', '.join(inputs)} (looked for {suffixes})")


def refuse_output_over_inputs(inputs: Iterable[str], out: str | Path) -> None:
    """Raise before anything is written when ``out`` (or a file beside it) is one of the inputs,
    lies inside an input folder, or matches an input glob."""
    import fnmatch

    out = Path(out).absolute()
    own = run_files(out)
    for item in inputs:
        if item == "-":
            continue
        path = Path(item).absolute()
        if is_pattern(item):
            if any(fnmatch.fnmatch(str(f), str(path)) for f in own):
                raise OutputOverInput(f"the output {out} matches the input pattern {item}: a rerun would read "
                                      f"its own output as articles; write it elsewhere (--out)")
        elif path.is_dir():
            if out.resolve().is_relative_to(path.resolve()):
                raise OutputOverInput(f"the output {out} lies inside the input folder {item}: a rerun would read "
                                      f"its own output as articles; write it elsewhere (--out)")
        elif path.exists() and any(path.resolve() == f.resolve() for f in own):
            raise OutputOverInput(f"the output {out} would overwrite the input {item}; write it elsewhere (--out)")


def count_documents(inputs: Iterable[str]) -> int | None:
    """How many documents ``inputs`` hold, for a progress bar's ETA; None when unknowable (stdin).

    JSONL files are counted by their line breaks, in binary chunks, so the
    count costs a read of the bytes and no parsing.
    """
    total = 0
    for item in expand_inputs(inputs):
        if item == "-":
            return None
        if item.suffix.lower() not in JSONL_SUFFIXES or not item.is_file():  # a pipe is never read twice
            total += 1
            continue
        try:
            with open(item, "rb") as f:
                total += sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
        except OSError:
            total += 1
    return total


def read_documents(inputs: Iterable[str], stdin: IO[str] | None = None, *,
                   max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Document | ErrorRecord]:
    """Every document named by ``inputs``, in order, duplicates of a doc_id reported.

    A generator all the way down: one document is in memory at a time (the
    ids seen are kept to report duplicates).
    """
    seen: dict[str, str] = {}
    for item in expand_inputs(inputs):
        if item == "-":
            records = read_jsonl_records(stdin or sys.stdin, "<stdin>", max_chars=max_chars)
        elif item.suffix.lower() in JSONL_SUFFIXES:
            records = _read_jsonl_file(item, max_chars)
        else:
            records = iter([read_text_file(item, max_chars=max_chars)])
        for rec in records:
            if isinstance(rec, Document):
                if rec.doc_id in seen:
                    rec = ErrorRecord(rec.doc_id, rec.source, "duplicate_id",
                                      f"doc_id already read from {seen[rec.doc_id]}")
                else:
                    seen[rec.doc_id] = rec.source
            yield rec


class AtomicWriter:
    """Lines go to ``NAME.part``; only a finished run renames it to ``NAME``."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.part = part_path(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(self.part, "w", encoding="utf-8", newline="\n")

    def write(self, obj: dict) -> None:
        self._file.write(json_line(obj) + "\n")

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


def part_path(path: Path) -> Path:
    """Where ``path`` is written before it is complete."""
    return path.with_name(path.name + ".part")


def beside(out: Path, suffix: str) -> Path:
    """A file of the same run: ``outputs/claims.jsonl`` + ``.errors.jsonl`` -> ``outputs/claims.errors.jsonl``."""
    return out.with_name(out.name.removesuffix(".jsonl") + suffix)


def store_path_for(out: Path) -> Path:
    """The run's DuckDB store, by the same rule: ``x/c.jsonl`` -> ``x/c.duckdb``."""
    return beside(Path(out), ".duckdb")


def run_files(out: Path) -> list[Path]:
    """Every file a run keeps under its output's name: the output, its errors, manifest and store."""
    out = Path(out)
    return [out, beside(out, ".errors.jsonl"), beside(out, ".manifest.jsonl"), store_path_for(out)]


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A ``NAME.part`` path to write; renamed to ``path`` only when the block ends cleanly."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = part_path(path)
    yield tmp
    os.replace(tmp, path)


def write_text_atomic(path: str | Path, text: str) -> None:
    """The whole file or none of it: written to ``NAME.part``, then renamed."""
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(text)


class AppendFile:
    """A ``.part`` file that a resumed run continues: whole lines appended, a known length.

    ``AppendFile(path, length)`` cuts whatever lies past ``length`` (a half line
    from a killed run, or lines the run's journal never recorded) before
    appending, so a resumed run writes exactly what an unbroken one would.
    """

    def __init__(self, path: str | Path, length: int = 0):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(self.path, "r+b" if self.path.exists() else "w+b")
        self.truncate(length)

    @property
    def length(self) -> int:
        return self._file.tell()

    def truncate(self, length: int) -> None:
        self._file.flush()
        self._file.truncate(length)
        self._file.seek(length)

    def write_line(self, line: str) -> None:
        self._file.write(lines_bytes([line]))

    def write_bytes(self, data: bytes) -> None:
        self._file.write(data)

    def flush(self, *, sync: bool = False) -> None:
        """Flushed bytes survive a killed process; synced bytes survive a lost machine."""
        self._file.flush()
        if sync:
            os.fsync(self._file.fileno())

    def close(self) -> None:
        self._file.close()


def lines_bytes(lines: list[str]) -> bytes:
    """Lines as a JSONL file holds them: UTF-8, each ended by a line break."""
    return b"".join(line.encode("utf-8") + b"\n" for line in lines)


def json_line(obj: dict) -> str:
    """One JSONL line, the same bytes whichever process or machine serialises it."""
    return json.dumps(obj, ensure_ascii=False)


class ExclusiveLock:
    """An advisory lock on ``path`` (created if missing), released when the process dies.

    ``flock`` locks belong to the open file, so a run killed with SIGKILL never
    leaves a stale lock behind for its resumption to trip over. The holder may
    ``discard`` the file; a process that locked the file just as it was
    removed sees that its path now names another file (or none) and locks again.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)

    def __enter__(self) -> "ExclusiveLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock, as before
            self._file = open(self.path, "a")
            return self
        while True:
            self._file = open(self.path, "a")
            try:
                fcntl.flock(self._file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self._file.close()
                raise Locked(f"another process is writing beside {self.path}") from None
            if self._still_named():
                return self
            self._file.close()  # locked a file its holder had just discarded: lock the new one

    def _still_named(self) -> bool:
        try:
            return os.stat(self.path).st_ino == os.fstat(self._file.fileno()).st_ino
        except FileNotFoundError:
            return False

    def discard(self) -> None:
        """Remove the lock file while it is held (a run that wrote nothing leaves nothing)."""
        self.path.unlink(missing_ok=True)

    def __exit__(self, *exc) -> None:
        self._file.close()


def missing_folders(folder: Path) -> list[Path]:
    """``folder`` and those of its parents that do not exist yet, innermost first."""
    missing = []
    folder = Path(folder).absolute()
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing


def remove_empty_folders(folders: list[Path]) -> None:
    """Remove ``folders`` (innermost first) that are still empty; a folder with anything in it stays."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return


SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(doc_id: str, suffix: str = ".txt") -> str:
    """A file name made from a doc_id that can never leave its folder.

    ``../../etc/x`` becomes ``etc_x-<hash>.txt``: the readable part keeps only
    safe characters and the hash of the full id keeps distinct ids distinct.
    """
    readable = SAFE_NAME.sub("_", doc_id).strip("._")[:80] or "doc"
    digest = hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:12]
    return f"{readable}-{digest}{suffix}"


def read_jsonl(path: str | Path, what: str) -> Iterator[tuple[int, dict]]:
    """(line number, object) of a whole JSONL file (gold, a run, tasks): the first bad line is
    one DataError naming the file and the line. Run inputs use ``read_jsonl_records`` instead,
    where each bad line is an error record and the run goes on."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as err:
        raise DataError(f"cannot read {what} file {path}: {err.strerror or err}") from None
    except UnicodeDecodeError as err:
        raise DataError(f"{what} file {path} is not valid UTF-8 (byte {err.start})") from None
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            raise DataError(f"{what} file {path} line {lineno}: malformed JSON: {err.msg}") from None
        if not isinstance(obj, dict):
            raise DataError(f"{what} file {path} line {lineno}: expected a JSON object")
        yield lineno, obj
