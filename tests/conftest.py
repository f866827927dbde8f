"""Shared fixtures: the pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_file(*parts: str) -> Path:
    """A file of ../shared, or a skip that says why (CI always has shared/)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present (it sits beside the repository in CI)")
    return path


@pytest.fixture(scope="session")
def nlp():
    from pipeline.config import load

    return load()


@pytest.fixture(scope="session")
def rules_nlp():
    """The pipeline with the keyword baseline instead of the trained classifier."""
    from pipeline.config import load

    return load(overrides={"components.claims_classifier.model": None})
