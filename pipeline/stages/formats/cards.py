"""A run reads no model file its card does not vouch for.

Each model folder (``classifier/``, ``entities/``, ``static/``) holds a
``card.json`` whose ``files`` map every file a run reads there, by its path
inside the folder, to the sha256 that ``claims train`` (or ``claims distill``)
wrote. ``Card.read`` is the one door to those files: a file that is missing,
changed or not on the card is refused before it is parsed, with one line that
names it, so a threshold edited by hand (``target`` 0.55 -> 0.05) never
changes a run's output unseen. The files are plain data (JSON, JSON lines,
safetensors), so one that passes cannot run code either.

The card itself is where the trust starts: changing it is changing the model.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pipeline.errors import ModelFileError
from pipeline.hashing import file_sha256

CARD = "card.json"
REBUILD = "rebuild the models: `claims train`, or `claims distill` for the sentence encoder"


@dataclass(frozen=True)
class Card:
    """A model folder's card: the sha256 of each file a run may read there, and its provenance."""

    folder: Path
    files: dict[str, str]
    fields: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, folder: str | Path) -> "Card":
        path = Path(folder) / CARD
        if not path.is_file():
            raise ModelFileError(f"model card missing: {path} ({REBUILD})")
        fields = parsed_json(path, path.read_bytes())
        files = fields.get("files") if isinstance(fields, dict) else None
        if not isinstance(files, dict):
            raise ModelFileError(f"model card {path} records no sha256 of its files ({REBUILD})")
        return cls(Path(folder), files, fields)

    def lists(self, name: str) -> bool:
        return name in self.files

    def read(self, name: str) -> bytes:
        """The bytes of ``name`` (a path inside the folder), if they are what the card recorded."""
        file = self.folder / name
        expected = self.files.get(name)
        if expected is None:
            raise ModelFileError(f"no sha256 recorded for {file} on {self.folder / CARD}: "
                                 f"refusing to load it ({REBUILD})")
        if not file.is_file():
            raise ModelFileError(f"model file missing: {file}, which its card lists (restore it, or {REBUILD})")
        data = file.read_bytes()
        if hashlib.sha256(data).hexdigest() != expected:
            raise ModelFileError(f"model file {file} does not match the sha256 its card recorded: "
                                 f"refusing to load it (restore it, or {REBUILD})")
        return data

    def json(self, name: str) -> Any:
        """``name`` read as above, then parsed as JSON."""
        return parsed_json(self.folder / name, self.read(name))


def parsed_json(file: Path, data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ModelFileError(f"model file {file} is not valid JSON: {err} ({REBUILD})") from None


def write_card(folder: str | Path, fields: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """Write ``folder/card.json``: ``fields`` and the sha256 of each of ``names`` (paths inside
    ``folder``) under ``files``, last. No date: the same files give the same card."""
    folder = Path(folder)
    card = {**fields, "files": {name: file_sha256(folder / name) for name in names}}
    (folder / CARD).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return card
