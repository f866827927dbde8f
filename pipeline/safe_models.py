"""Loading a fitted model must never run code from the file.

skops already refuses pickle's arbitrary objects, but it lets the caller
trust further types; trusting a whole package (``builtins``) admits
``exec`` and ``open``. The shipped models need no extra trust at all, so
none is given, and each file must also match the sha256 its card recorded
when ``claims train`` wrote it: a changed file is refused before it is read.
"""

from __future__ import annotations

from pathlib import Path

from .config import ConfigError


def load_checked(file: Path, expected_sha256: str | None):
    """The skops object in ``file``, or one ConfigError that names the file."""
    import skops.io as sio

    from .io import file_sha256

    if not file.is_file():
        raise ConfigError(f"model file missing: {file} (run `claims train`)")
    if expected_sha256 is None:
        raise ConfigError(f"no sha256 recorded for {file}: run `claims train` to rebuild the models")
    if file_sha256(file) != expected_sha256:
        raise ConfigError(f"model file {file} does not match the sha256 its card recorded: refusing to load it")
    untrusted = sio.get_untrusted_types(file=file)
    if untrusted:
        raise ConfigError(f"model file {file} holds types that are not allowed: {', '.join(untrusted)}")
    return sio.load(file, trusted=[])
