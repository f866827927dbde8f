"""The accurate configuration: the fine-tuned encoder deciding the labels with the linear model."""

import json

import numpy as np
import pytest
from hypothesis import assume, given, strategies as st

from commands import claims
from conftest import REPO, shared_file
from pipeline.errors import ConfigError, ModelFileError
from pipeline.evaluation.scoring import evaluate_files
from pipeline.stages.classifier import labels_from_scores, load_classifier
from pipeline.stages.fine_tuned import (EnsembleClassifier, FineTunedEncoder, combined_scores, encode_pairs,
                                        pair_tokenizer, previous_texts)

FINE_TUNED = REPO / "models" / "fine_tuned"
ACCURATE = "components.claims_classifier.fine_tuned=models/fine_tuned"


@pytest.fixture(scope="module")
def encoder():
    return FineTunedEncoder(FINE_TUNED)


probability = st.floats(0.001, 0.999)


@given(st.lists(st.tuples(probability, probability, probability), min_size=1, max_size=5),
       st.tuples(st.floats(0.2, 0.8), st.floats(0.2, 0.8), st.floats(0.2, 0.8)))
def test_weight_zero_keeps_the_linear_decisions_and_one_the_encoders(rows, thresholds):
    linear = np.array(rows)
    tuned = linear[::-1].copy() if len(rows) > 1 else 1 - linear
    assume(np.abs(linear - np.array(thresholds)).min() > 1e-9 and np.abs(tuned - 0.5).min() > 1e-9)  # no ties
    alone = combined_scores(linear, thresholds, tuned, 0.0) >= 0.5
    assert (alone == (linear >= np.array(thresholds))).all()
    assert ((combined_scores(linear, thresholds, tuned, 1.0) >= 0.5) == (tuned >= 0.5)).all()


def test_the_models_outvote_each_other_by_their_margins():
    # the linear model just under its threshold of 0.6; the encoder sure of the label
    linear, tuned = np.array([[0.55, 0.2, 0.2]]), np.array([[0.95, 0.5, 0.01]])
    scores = combined_scores(linear, [0.6, 0.5, 0.5], tuned, 0.5)[0]
    assert scores[0] > 0.5  # the encoder's certainty outweighs a near miss
    assert scores[1] < 0.5  # an undecided encoder leaves the linear model's "no"
    assert scores[2] < scores[1]  # both say no: further from the cut


def test_each_sentence_reads_the_one_before_it_in_its_own_document():
    assert previous_texts(["a", "b", "c", "d"], [0, 0, 1, 1]) == ["", "a", "", "c"]


def test_the_sentence_is_the_second_segment_and_long_pairs_are_cut(encoder):
    tokenizer = pair_tokenizer((FINE_TUNED / "tokenizer.json").read_text(encoding="utf-8"), 24)
    inputs = encode_pairs(tokenizer, ["", "word " * 40], ["The ministry will build hubs.", "Short one."])
    assert inputs["input_ids"].shape == (2, 24)  # padded to the longest, which is cut to 24
    first_types = inputs["token_type_ids"][0][inputs["attention_mask"][0] == 1]
    assert first_types[:2].tolist() == [0, 0] and set(first_types[2:].tolist()) == {1}  # [CLS] [SEP] | sentence
    assert inputs["token_type_ids"][1].sum() >= 4  # the long previous sentence gave way, not the sentence


def test_probabilities_do_not_depend_on_the_batch(encoder):
    texts = ["China will build 50 data centres by 2027.", "Revenue rose 12 percent in 2023.",
             "The ministry issued new rules on data exports.", "He said so."]
    together = encoder.probabilities(texts, [0, 0, 1, 1])
    alone = np.vstack([encoder.probabilities(texts[i:i + 1], [0]) for i in (0, 2)])
    assert together.shape == (4, 3) and ((0 <= together) & (together <= 1)).all()
    assert np.allclose(together[[0, 2]], alone, atol=1e-5)  # a document's first sentence reads no previous one
    assert together[0, 1] > 0.5 and together[1, 0] > 0.5  # a target and a metric, as the encoder learnt them


def test_a_changed_model_file_is_refused(tmp_path):
    import shutil

    copy = tmp_path / "fine_tuned"
    shutil.copytree(FINE_TUNED, copy)
    (copy / "settings.json").write_text(json.dumps({"labels": ["metric", "target", "policy"], "max_length": 8}))
    with pytest.raises(ModelFileError, match="sha256"):
        FineTunedEncoder(copy)


def test_an_encoder_without_a_linear_model_is_a_config_error():
    with pytest.raises(ConfigError, match="without a model"):
        load_classifier(None, None, str(FINE_TUNED))


def test_the_ensemble_decides_at_one_half(encoder):
    classifier = load_classifier(str(REPO / "models" / "classifier"), str(REPO / "models" / "static"),
                                 str(FINE_TUNED), 0.5)
    assert isinstance(classifier, EnsembleClassifier)
    assert classifier.thresholds == {"metric": 0.5, "target": 0.5, "policy": 0.5}


def test_the_accurate_configuration_on_the_seeds(tmp_path):
    out = tmp_path / "claims.jsonl"
    claims("run", REPO / "seeds", "--out", out, "--no-db", "--set", ACCURATE)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    body = [r for r in rows if not r["boilerplate"]]
    assert all(r["labels"] == labels_from_scores(r["scores"], dict.fromkeys(r["scores"], 0.5), bool(r["quantities"]))
               for r in body)
    res = evaluate_files(shared_file("gold", "seeds.jsonl"), out)
    assert res["labels.micro.f1"] >= 0.80, res["labels.micro.f1"]
