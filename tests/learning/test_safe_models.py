"""A changed model file is refused before it is read, and no model file can run code."""

import json
import shutil

import pytest

from conftest import REPO
from pipeline.config import load
from pipeline.errors import ConfigError


@pytest.fixture
def models(tmp_path):
    shutil.copytree(REPO / "models", tmp_path / "models")
    return tmp_path / "models"


@pytest.mark.parametrize("name", ["linear.json", "weights.safetensors"])
def test_a_changed_classifier_file_is_refused_by_its_hash(models, name):
    file = models / "classifier" / name
    file.write_bytes(file.read_bytes().replace(b"e", b"E", 1))
    with pytest.raises(ConfigError, match=f"{name} does not match the sha256 its card recorded"):
        load(overrides={"paths.models": str(models)})


def test_a_classifier_card_without_hashes_is_refused(models):
    card = models / "classifier" / "card.json"
    stripped = json.loads(card.read_text())
    del stripped["files"]
    card.write_text(json.dumps(stripped))
    with pytest.raises(ConfigError, match="no sha256 recorded for .*linear.json"):
        load(overrides={"paths.models": str(models)})


def test_a_tampered_verifier_is_refused(models):
    from pipeline.stages.verifier import load_verifier

    weights = models / "entities" / "verifier" / "weights.safetensors"
    weights.write_bytes(weights.read_bytes()[:-8] + bytes(8))
    with pytest.raises(ConfigError, match="weights.safetensors does not match the sha256"):
        load_verifier(models / "entities")


def test_a_run_imports_neither_scikit_learn_nor_a_deserialiser_of_objects():
    """Models are plain data: loading them needs no library that can rebuild arbitrary objects."""
    import sys

    from commands import run

    code = ("import json, sys; from pipeline.config import load; nlp = load(); nlp('China will build 30 hubs.'); "
            "print(json.dumps([m for m in ('sklearn', 'scipy', 'skops') if m in sys.modules]))")
    out = run([sys.executable, "-c", code], cwd=REPO)
    assert json.loads(out.stdout.splitlines()[-1]) == []
