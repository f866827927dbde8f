"""scikit-learn's fitted pipelines as plain linear models: the numpy scores are scikit-learn's."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.learning.export import linear_model
from pipeline.learning.train import make_estimator
from pipeline.records import CLAIM_LABELS
from pipeline.stages.classifier import SentenceView, model_columns, model_inputs

SETTINGS = {"max_ngram": 2, "min_df": 1, "C": 4.0, "cue_weight": 0.5, "pattern_ngram": 3, "pattern_weight": 0.5,
            "vector_weight": 0.7}
SENTENCES = ["China will build 30 data hubs by 2027.", "The digital economy grew 10.5 percent in 2024.",
             "The State Council issued a guideline on public data.", "The EU adopted the AI Act on Tuesday.",
             "Exports of chips fell 3 percent, officials said.", "The ministry plans to cut fees for SMEs."]


def views(texts):
    return [SentenceView(t, pattern=" ".join(w if w.islower() else "Xx" for w in t.split())) for t in texts]


@pytest.fixture(scope="module")
def fitted():
    train = views(SENTENCES * 2)
    vectors = np.random.default_rng(0).normal(size=(len(train), 6))
    rows = model_inputs(train, vectors)
    labels = np.array([[1, 0, 0], [1, 0, 0], [0, 0, 1], [0, 0, 1], [1, 0, 1], [0, 1, 1]] * 2)
    estimators = {label: make_estimator(SETTINGS, seed=1, vector_dims=6).fit(rows, labels[:, j])
                  for j, label in enumerate(CLAIM_LABELS)}
    return estimators, linear_model(estimators)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("China will 2027 grew % data EU AI Act the . ,-"), max_size=80),
                min_size=1, max_size=6))
def test_scores_equal_scikit_learns(fitted, texts):
    estimators, model = fitted
    some = views(texts)
    vectors = np.random.default_rng(len(texts)).normal(size=(len(some), 6))
    expected = np.vstack([estimators[label].predict_proba(model_inputs(some, vectors))[:, 1]
                          for label in CLAIM_LABELS]).T
    assert np.abs(model.probabilities(model_columns(some), vectors) - expected).max() < 1e-9


def test_a_lone_dict_vectorizer_pipeline_is_exported_too():
    from pipeline.stages.verifier import make_model

    rows = [{"a": 1.0, "b": 2.0}, {"b": 1.0}, {"c": 0.5, "a": 1.0}, {"c": 3.0}]
    sk = make_model(seed=0).fit(rows, [1, 0, 1, 0])
    model = linear_model({"correct": sk})
    queries = [{"a": 1.0}, {"b": 2.0, "unseen": 4.0}, {}]
    assert model.probabilities({"features": queries})[:, 0] == pytest.approx(sk.predict_proba(queries)[:, 1],
                                                                               abs=1e-12)


def test_labels_whose_feature_steps_differ_cannot_share_one(fitted):
    estimators, _ = fitted
    other = make_estimator(SETTINGS, seed=1, vector_dims=6).fit(
        model_inputs(views(SENTENCES), np.zeros((6, 6))), [0, 1, 0, 1, 0, 1])
    with pytest.raises(ValueError, match="cannot share one"):
        linear_model({**estimators, "policy": other})


def test_an_analyzer_it_cannot_reproduce_is_refused():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    sk = make_pipeline(TfidfVectorizer(analyzer="char"), LogisticRegression()).fit(["ab", "cd"], [0, 1])
    with pytest.raises(ValueError, match="analyzer='char'"):
        linear_model({"x": sk})
