"""A model file that would run code is refused before anything in it runs."""

import builtins
import hashlib
import json
import shutil

import pytest

from conftest import REPO
from pipeline.config import ConfigError, load


def crafted_skops(marker) -> bytes:
    """A vectorizer whose analyzer is ``exec``: used, it runs the text it is given as code."""
    import skops.io as sio
    from sklearn.feature_extraction.text import TfidfVectorizer

    payload = sio.dumps(TfidfVectorizer(analyzer=builtins.exec))
    dangerous = sio.loads(payload, trusted=sio.get_untrusted_types(data=payload))
    dangerous.build_analyzer()(f"open({str(marker)!r}, 'w').write('ran')")  # proves the payload is live
    assert marker.exists()
    marker.unlink()
    return payload


@pytest.fixture
def tampered(tmp_path):
    models = tmp_path / "models"
    shutil.copytree(REPO / "models", models)
    marker = tmp_path / "marker"
    (models / "classifier" / "policy.skops").write_bytes(crafted_skops(marker))
    return models, marker


def test_a_changed_model_file_is_refused_by_its_hash(tampered):
    models, marker = tampered
    with pytest.raises(ConfigError, match="policy.skops does not match the sha256"):
        load(overrides={"paths.models": str(models)})
    assert not marker.exists()


def test_a_file_whose_card_was_forged_too_is_refused_for_its_types(tampered):
    models, marker = tampered
    card = models / "classifier" / "card.json"
    forged = json.loads(card.read_text())
    forged["files"]["policy.skops"] = hashlib.sha256((models / "classifier" / "policy.skops").read_bytes()).hexdigest()
    card.write_text(json.dumps(forged))
    with pytest.raises(ConfigError, match="policy.skops holds types that are not allowed: builtins.exec"):
        load(overrides={"paths.models": str(models)})
    assert not marker.exists()


def test_a_tampered_verifier_is_refused(tmp_path):
    from pipeline.verifier import load_verifier

    folder = tmp_path / "entities"
    shutil.copytree(REPO / "models" / "entities", folder)
    (folder / "verifier.skops").write_bytes(crafted_skops(tmp_path / "marker"))
    with pytest.raises(ConfigError, match="verifier.skops does not match the sha256"):
        load_verifier(folder)
    assert not (tmp_path / "marker").exists()
