"""Loading a model must never run code from the file, and never a changed file.

Models are plain data (JSON and safetensors: ``pipeline.learning.linear``), so reading
one cannot execute anything; and each file must match the sha256 its card
recorded when ``claims train`` wrote it, so a changed file is refused before
it is parsed.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import ConfigError


def checked_bytes(file: Path, expected_sha256: str | None) -> bytes:
    """The bytes of ``file`` if they match ``expected_sha256``; otherwise one ConfigError that names it."""
    import hashlib

    if not file.is_file():
        raise ConfigError(f"model file missing: {file} (run `claims train`)")
    if expected_sha256 is None:
        raise ConfigError(f"no sha256 recorded for {file}: run `claims train` to rebuild the models")
    data = file.read_bytes()
    if hashlib.sha256(data).hexdigest() != expected_sha256:
        raise ConfigError(f"model file {file} does not match the sha256 its card recorded: refusing to load it")
    return data
