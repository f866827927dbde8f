"""The entity gazetteer: one ``{"label": "ORG", "pattern": "National Data Administration"}`` a line.

``claims train`` writes it beside the verifier in ``models/entities``; a run
reads it only as its folder's card vouches for it (``cards``).
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonlines

from pipeline.errors import ModelFileError
from pipeline.stages.formats.cards import REBUILD, Card

LABELS = ("PERSON", "ORG")
GAZETTEER = "patterns.jsonl"  # its name in models/entities


def write_gazetteer(path: Path, rows: list[dict[str, str]]) -> None:
    """One ``{"label": ..., "pattern": ...}`` per line, compact and key-sorted: same rows, same bytes."""
    with jsonlines.open(path, "w", compact=True, sort_keys=True) as out:
        out.write_all(rows)


def load_gazetteer(path: str | Path | None) -> dict[str, str] | None:
    """The name -> label map of the gazetteer at ``path``, checked by its folder's card; empty when
    none is configured, None when its folder is not here (``spacy.load`` fills the stage from its
    own copy; a run refuses to start)."""
    if not path:
        return {}
    path = Path(path)
    if not path.parent.is_dir():
        return None
    data = Card.of(path.parent).read(path.name)
    names = {}
    for number, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise ModelFileError(f"model file {path} line {number} is not valid JSON: {err} ({REBUILD})") from None
        if isinstance(row, dict) and row.get("label") in LABELS and isinstance(row.get("pattern"), str):
            names[row["pattern"]] = row["label"]
    return names
