"""The second stage's view of a sentence: its scores, its neighbours' and its article's."""

import math

import numpy as np

from pipeline.stages.passage import log_odds, passage_features

SCORES = np.array([[0.9, 0.1, 0.5],  # document 0
                   [0.2, 0.8, 0.6],
                   [0.5, 0.5, 0.5],  # document 1, alone
                   ])
GROUPS = [0, 0, 1]


def test_each_sentence_reads_its_own_scores_as_log_odds():
    own = passage_features(SCORES, GROUPS)[0]
    assert own["own:metric"] == math.log(0.9 / 0.1)
    assert own["own:policy"] == 0.0


def test_a_sentence_reads_its_own_scores_and_its_article_s_alone():
    first, second, alone = passage_features(SCORES, GROUPS)
    assert set(first) == {f"{part}:{label}" for part in ("own", "article") for label in ("metric", "target", "policy")}
    assert first["article:target"] == second["article:target"] != alone["article:target"]


def test_the_article_s_mean_is_its_own_sentences_alone():
    first, second, alone = passage_features(SCORES, GROUPS)
    assert first["article:metric"] == second["article:metric"] == 0.55
    assert alone["article:target"] == 0.5


def test_certain_scores_stay_finite():
    odds = log_odds(np.array([0.0, 1.0]))
    assert np.isfinite(odds).all() and math.isclose(odds[0], -odds[1])
