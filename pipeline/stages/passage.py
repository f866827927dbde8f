"""The classifier's second stage: the three labels decided together, over the passage (issue 20).

The first stage scores each label of a sentence alone, so nothing stops
``metric`` where ``target`` fires on a planned value (spec §8), and nothing
tells it what the article is about. The second stage is a small linear model
per label over the first stage's three scores of the sentence, as log-odds,
and the article's mean of each: its topic (an article about a new rule, an
earnings report). It is fitted on first-stage scores from models that never
saw the sentence's region (``learning.train``), so it learns how the first
stage errs on articles from elsewhere, and its thresholds are set on its own
scores. The scores of the sentences before and after it were measured too and
left out: they lowered target on unseen regions (docs/accuracy.md).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from pipeline.records import CLAIM_LABELS

PASSAGE = "passage"  # the sub-folder of the classifier's model, and the column its model reads
CLIP = 1e-4  # log-odds are read between logit(1e-4) and logit(1 - 1e-4)


def log_odds(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, CLIP, 1 - CLIP)
    return np.log(p / (1 - p))


def passage_features(scores: np.ndarray, groups: Sequence[int]) -> list[dict[str, float]]:
    """Each sentence's second-stage features from first-stage ``scores`` (rows in document order,
    columns in ``CLAIM_LABELS`` order); ``groups`` gives each row's document."""
    groups = np.asarray(groups)
    odds = log_odds(scores)
    means = np.zeros_like(scores)
    for g in np.unique(groups):
        rows = groups == g
        means[rows] = scores[rows].mean(axis=0)
    return [{**{f"own:{label}": float(odds[i, j]) for j, label in enumerate(CLAIM_LABELS)},
             **{f"article:{label}": float(means[i, j]) for j, label in enumerate(CLAIM_LABELS)}}
            for i in range(len(scores))]
