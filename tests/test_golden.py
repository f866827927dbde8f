"""Golden file: the end-to-end output of one seed article, field by field.

A change in any stage shows up here as a readable diff. After an intended
change, regenerate with ``CLAIMS_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py``
and review the diff of ``tests/golden/`` before committing it.
"""

import json
import os

from conftest import REPO
from pipeline.extensions import doc_to_records

SEED = REPO / "seeds" / "000_ef4fed4dfbe7fc54.txt"
GOLDEN = REPO / "tests" / "golden" / "000_ef4fed4dfbe7fc54.jsonl"


def comparable(row: dict) -> dict:
    """Scores to two decimals: the labels carry the decision, the digits may drift."""
    return {**row, "scores": {k: round(v, 2) for k, v in row["scores"].items()}}


def test_seed_output_matches_golden_file(nlp):
    rows = [r.to_json() for r in doc_to_records(nlp(SEED.read_text(encoding="utf-8")), SEED.stem)]
    if os.environ.get("CLAIMS_UPDATE_GOLDEN"):
        GOLDEN.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    expected = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(expected)
    for got, want in zip(rows, expected):
        assert comparable(got) == comparable(want), f"sentence {want['sent_id']}: {want['text'][:60]}"
