"""The second stage's view of a sentence: its scores, its article's, and the label-set constraints."""

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


def test_without_cues_no_constraint_joins():
    assert all(set(f) <= {f"{p}:{l}" for p in ("own", "article") for l in ("metric", "target", "policy")}
               for f in passage_features(SCORES, GROUPS))


def test_a_planned_value_weighs_the_metric_score():
    cues = [{"q:after_marker": 1.0}, {"q:before_marker": 1.0}, {}]
    planned, after, _ = passage_features(SCORES, GROUPS, cues)
    assert planned["metric*planned"] == planned["own:metric"] and planned["planned"] == 1.0
    assert after["metric*planned"] == 0.0


def test_the_marker_s_subject_weighs_the_target_score():
    cues = [{"who:ORG": 1.0, "who:noun": 0.0}, {}, {"who:refers_back": 1.0}]
    actor, none, pronoun = passage_features(SCORES, GROUPS, cues)
    assert actor["target*who:ORG"] == actor["own:target"] and "target*who:noun" not in actor
    assert pronoun["target*who:refers_back"] == 0.0 and not any(k.startswith("target*") for k in none)


def test_an_instrument_in_the_sentence_before_counts_within_its_article_only():
    cues = [{"cue:instrument": 1.0}, {}, {}]
    first, second, alone = passage_features(np.array([[0.5, 0.5, 0.5], [0.2, 0.8, 0.9], [0.5, 0.5, 0.9]]),
                                            [0, 0, 1], [*cues[:2], {}])
    assert first["instrument:here"] == 1.0 and first["instrument:before"] == 0.0
    assert second["instrument:before"] == 1.0 and second["policy*instrument:before"] == second["own:policy"] > 0
    assert alone["instrument:before"] == 0.0
