"""A linear model as plain data: saved and loaded to the same scores and the same bytes, checked by its card."""

import numpy as np
import pytest

from conftest import REPO
from pipeline.errors import ModelFileError
from pipeline.stages.formats import linear
from pipeline.stages.formats.cards import Card, write_card
from pipeline.stages.formats.linear import DictBlock, LinearModel, TextBlock


@pytest.fixture
def model():
    text = TextBlock("text", 1.0, {"china": 0, "will": 1, "grew": 2}, np.array([1.5, 1.2, 2.0]),
                     r"(?u)\b\w[\w-]*\b", True, (1, 1), True)
    cues = DictBlock("cues", 0.5, {"q:percent": 0, "cue:future_will": 1})
    coef = np.array([[0.4, -0.3, 1.1, 0.9, -0.2, 0.25, 0.5], [-0.6, 1.4, -0.5, 0.0, 1.3, -0.1, 0.2]])
    return LinearModel(["metric", "target"], [text], [cues], 0.7, coef, np.array([-0.2, 0.1]),
                       {"text": 0, "cues": 3, "dense": 5})


def columns():
    return {"text": ["China will build hubs", "Output grew 5 percent", ""],
            "cues": [{"cue:future_will": 1.0}, {"q:percent": 1.0}, {}]}


def test_saved_files_load_to_the_same_scores_and_same_bytes(model, tmp_path):
    model.save(tmp_path / "a")
    write_card(tmp_path / "a", {}, linear.FILES)
    again = LinearModel.load(Card.of(tmp_path / "a"))
    again.save(tmp_path / "b")
    for name in linear.FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    dense = np.ones((3, 2))
    assert np.array_equal(again.probabilities(columns(), dense), model.probabilities(columns(), dense))
    assert ((0 < again.probabilities(columns(), dense)) & (again.probabilities(columns(), dense) < 1)).all()


def test_vectors_of_another_width_than_the_model_read_are_refused(model):
    with pytest.raises(ModelFileError, match="reads 2 vector columns, the run gave 3"):
        model.probabilities(columns(), np.ones((3, 3)))


def test_a_model_of_another_format_is_refused(model, tmp_path):
    model.save(tmp_path)
    spec = tmp_path / linear.SPEC
    spec.write_text(spec.read_text().replace(linear.FORMAT, "claims.linear.v0"))
    write_card(tmp_path, {}, linear.FILES)
    with pytest.raises(ModelFileError, match="linear.json: not a claims.linear.v1 model"):
        LinearModel.load(Card.of(tmp_path))


def test_the_shipped_classifier_is_plain_data():
    folder = REPO / "models" / "classifier"
    assert sorted(p.name for p in folder.iterdir()) == ["card.json", "linear.json", "passage", "thresholds.json",
                                                        "weights.safetensors"]
    assert sorted(p.name for p in (folder / "passage").iterdir()) == ["linear.json", "weights.safetensors"]
