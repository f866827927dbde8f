"""Standoff gold: annotations that point into article files the repository does not hold.

News text belongs to its publishers, so a gold record for an article under
``../shared`` keeps only ``doc_id``, the article's ``path`` relative to that
folder, the ``sha256`` of its text and the annotations. The text is read
back when the gold is loaded, and a changed file is refused: offsets into a
different text would silently score the wrong spans. Records that carry
their ``text`` inline (the seeds' gold, exported tasks) still load as they are.

The shared folder is ``$CLAIMS_SHARED`` when set. Otherwise it sits beside the
repository: the checkout the package runs from (an editable install), or,
since a regular install puts the package in site-packages, the repository the
command is run in.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Callable, TypeVar

from pipeline.errors import DataError, StandoffError

R = TypeVar("R")

SHARED_ENV = "CLAIMS_SHARED"


def shared_candidates() -> list[Path]:
    """Where the shared folder may be, in order: beside the checkout the package runs from, then
    beside the repository the command runs in (the nearest folder at or above the working
    directory with a ``pyproject.toml`` or ``.git``)."""
    from pipeline.config import REPO_ROOT

    found = [REPO_ROOT.parent / "shared"]
    cwd = Path.cwd().resolve()
    repo = next((d for d in (cwd, *cwd.parents) if (d / "pyproject.toml").is_file() or (d / ".git").exists()), None)
    if repo is not None and repo.parent / "shared" not in found:
        found.append(repo.parent / "shared")
    return found


def shared_root() -> Path:
    """Where standoff paths point: ``$CLAIMS_SHARED``, else the first shared folder that exists."""
    env = os.environ.get(SHARED_ENV)
    if env:
        return Path(env)
    candidates = shared_candidates()
    for folder in candidates:
        if folder.is_dir():
            return folder
    raise StandoffError(f"the shared folder that standoff gold points into was not found (looked for "
                        f"{' and '.join(map(str, candidates))}): set {SHARED_ENV} to it, "
                        f"e.g. {SHARED_ENV}=/path/to/shared")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_article(rel_path: str, sha256: str, root: Path | None = None) -> str:
    """The article's text exactly as annotated (UTF-8, nothing normalised), or one clear error."""
    root = root or shared_root()
    if Path(rel_path).is_absolute() or ".." in Path(rel_path).parts:
        raise StandoffError(f"path {rel_path!r} must be relative to the shared folder, without '..'")
    file = root / rel_path
    try:
        text = file.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise StandoffError(f"article {file} not found (standoff paths are relative to {root}; "
                            f"set {SHARED_ENV} to the folder that holds {rel_path})") from None
    except OSError as err:
        raise StandoffError(f"cannot read article {file}: {err.strerror or err}") from None
    except UnicodeDecodeError as err:
        raise StandoffError(f"article {file} is not valid UTF-8 (byte {err.start})") from None
    found = text_sha256(text)
    if found != sha256:
        raise StandoffError(f"article {file} has sha256 {found[:12]}…, the gold was made on {sha256[:12]}…: "
                            f"the text changed, so its offsets no longer hold")
    return text


def resolve_text(record: dict, root: Path | None = None) -> str:
    """The record's document text: inline, or read from its standoff article."""
    if isinstance(record.get("text"), str):
        return record["text"]
    path, sha = record.get("path"), record.get("sha256")
    if not isinstance(path, str) or not isinstance(sha, str):
        raise StandoffError("a gold record needs its text, or a standoff 'path' and 'sha256'")
    return read_article(path, sha, root)


def to_standoff(record: dict, rel_path: str) -> dict:
    """The record without its text: doc_id, path, sha256, then the annotations."""
    text = record["text"]
    out = {"doc_id": record["doc_id"], "path": rel_path, "sha256": text_sha256(text)}
    out.update((k, v) for k, v in record.items() if k not in ("doc_id", "text", "path", "sha256"))
    return out


def merge_side_folder(side_dir: Path, gold_dir: Path, what: str, merge_one: Callable[[Path, Path], R]) -> list[R]:
    """Merge each ``*.jsonl`` of annotations kept beside the gold (figures, speakers) into the gold
    file of the same name: one step per file, so each gold file's report says what changed."""
    files = sorted(side_dir.glob("*.jsonl"))
    if not files:
        raise DataError(f"no {what} files (*.jsonl) in {side_dir}")
    reports = []
    for path in files:
        gold_path = gold_dir / path.name
        if not gold_path.is_file():
            raise DataError(f"{path} has no gold file {gold_path} to go into")
        reports.append(merge_one(gold_path, path))
    return reports


def write_if_changed(path: Path, before: str, after: str) -> None:
    """Leave an unchanged gold file's bytes and time alone: a merge run twice writes nothing."""
    if after != before:
        path.write_text(after, encoding="utf-8")
