"""The sha256 of a file, for every layer that pins bytes.

Model cards pin the files a run reads, the run manifest pins the models and
inputs, and the store names a run by its file. One definition here, below
all of them, so that none imports another layer to hash a file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def file_sha256(path: str | Path) -> str:
    """The file's sha256 (hex), read in blocks: model files and runs can be large."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
