"""Commands that tests run: a wrong exit fails the test with the command line and its stderr.

A bare ``CalledProcessError`` says only that something failed; pip's "invalid
command 'bdist_wheel'" was lost that way. Commands run with the interpreter
that runs the tests, so nothing depends on a venv being activated.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version

import pytest
from packaging.requirements import Requirement


def run(command, *, expect: int | None = 0, timeout: float = 600, **options) -> subprocess.CompletedProcess:
    """``command`` run to its end with text output captured; an exit other than ``expect`` fails the test
    (``expect=None`` takes any exit)."""
    command = [str(part) for part in command]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout, **options)
    if expect is not None and proc.returncode != expect:
        pytest.fail(f"exit {proc.returncode}, expected {expect}: {shlex.join(command)}\n"
                    f"--- stderr (last 5000 characters) ---\n{proc.stderr[-5000:]}", pytrace=False)
    return proc


def claims(*args, **options) -> subprocess.CompletedProcess:
    """The command line, as ``python -m pipeline`` of this interpreter: no ``claims`` on PATH needed."""
    return run([sys.executable, "-m", "pipeline", *args], **options)


def build_isolation(requirements: list[str]) -> list[str]:
    """pip's ``--no-build-isolation`` when this interpreter already has every build requirement, so
    nothing is fetched; otherwise none, and pip builds in an isolated environment it fills itself
    (a fresh ``python3 -m venv`` has an old setuptools and no ``wheel``: building there fails)."""
    for text in requirements:
        wanted = Requirement(text)
        try:
            if not wanted.specifier.contains(version(wanted.name), prereleases=True):
                return []
        except PackageNotFoundError:
            return []
    return ["--no-build-isolation"]
