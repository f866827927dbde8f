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
left out: they lowered target on unseen regions (docs/accuracy.md). So were
the spec's dependencies between the labels as features (``constraints``, the
``[classifier] constraints`` setting): they raise metric precision but not the
labels held out by region, so the shipped stage goes without them.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from pipeline.records import CLAIM_LABELS

PASSAGE = "passage"  # the sub-folder of the classifier's model, and the column its model reads
CLIP = 1e-4  # log-odds are read between logit(1e-4) and logit(1 - 1e-4)


def log_odds(p: np.ndarray, clip: float = CLIP) -> np.ndarray:
    p = np.clip(p, clip, 1 - clip)
    return np.log(p / (1 - p))


# the label-set constraints by name (``[classifier] constraints``), as the prefixes of their features
CONSTRAINTS = {"planned": ("metric*planned",), "instrument": ("policy*instrument:",), "subject": ("target*who:",),
               "together": ("metric*target",), "cues": ("planned", "instrument:", "who:")}


def passage_features(scores: np.ndarray, groups: Sequence[int], cues: Sequence[dict[str, float]] | None = None,
                     kept: Sequence[str] = tuple(CONSTRAINTS)) -> list[dict[str, float]]:
    """Each sentence's second-stage features from first-stage ``scores`` (rows in document order,
    columns in ``CLAIM_LABELS`` order); ``groups`` gives each row's document. With the sentences'
    ``cues`` (the classifier's ``cue_features``), the label-set ``constraints`` named in ``kept``
    join them too (at run time all of them: the model's vocabulary reads those it was trained on)."""
    groups = np.asarray(groups)
    odds = log_odds(scores)
    means = np.zeros_like(scores)
    for g in np.unique(groups):
        rows = groups == g
        means[rows] = scores[rows].mean(axis=0)
    out = [{**{f"own:{label}": float(odds[i, j]) for j, label in enumerate(CLAIM_LABELS)},
            **{f"article:{label}": float(means[i, j]) for j, label in enumerate(CLAIM_LABELS)}}
           for i in range(len(scores))]
    prefixes = tuple(p for name in kept for p in CONSTRAINTS[name])
    if cues is not None and prefixes:
        for i, features in enumerate(out):
            before = cues[i - 1] if i > 0 and groups[i - 1] == groups[i] else {}
            features.update({k: v for k, v in constraints(features, cues[i], before).items() if k.startswith(prefixes)})
    return out


def constraints(own: dict[str, float], cues: dict[str, float], before: dict[str, float]) -> dict[str, float]:
    """The spec's dependencies between the labels as features the data weighs, not overrides:
    a planned value is no metric (§8: the metric score against a number after a
    forward-looking marker), a target needs an actor (§2: the target score against the class
    of the marker's subject), a policy names an instrument (§2: the policy score against an
    instrument word here or in the sentence before, which a subject like ``it`` refers back to),
    and metric where target fires."""
    metric, target, policy = own["own:metric"], own["own:target"], own["own:policy"]
    planned = cues.get("q:after_marker", 0.0)
    here, earlier = cues.get("cue:instrument", 0.0), before.get("cue:instrument", 0.0)
    features = {"planned": planned, "instrument:here": here, "instrument:before": earlier,
                "metric*planned": metric * planned, "metric*target": metric * max(target, 0.0),
                "policy*instrument:here": policy * here, "policy*instrument:before": policy * earlier * (1 - here)}
    for name, value in cues.items():
        if name.startswith("who:") and value:
            features[name] = 1.0
            features[f"target*{name}"] = target
    return features
