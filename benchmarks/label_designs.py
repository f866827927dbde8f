"""Compare claim-label designs by leaving one region out (issue 20).

Each gold file of `configs/train.cfg` (the three regional slices of
../shared/corpus2, and ../shared/corpus) is held out in turn and predicted by
a classifier fitted on the other three, through the code `claims train`
runs (`pipeline.learning.train`): the same features, held-out splits,
thresholds and second stage. Scored per gold body sentence (the gold's own
sentence bounds, so only the classifier differs; `claims cross-validate --by
file` scores the whole pipeline, whose sentences and boilerplate flags cost
a few points more). The pipeline's quantities and entities come from the
shipped entity models, fitted on all four files.

    python benchmarks/label_designs.py          # every design: 10 to 45 minutes on 2 cores, as busy as they are
    python benchmarks/label_designs.py --designs today,shipped --json figures.json

Designs (each adds to the one before, unless it says otherwise), with the
`[classifier]` settings that give the same model to `claims train` and
`claims cross-validate --by file`:

- `today`: n-grams, word-class patterns, spec cues, static vectors in context;
  thresholds from 5 folds of documents (the design before issue 20:
  `actors=false subject_weight=0 held_out=document second_stage=false`);
- `file_thresholds`: thresholds from scores on held-out gold files (`held_out=file`);
- `actors`: + who acts (`stages.actors`: entity types, markers, the class of
  each marker's subject, where numbers stand against the marker; `actors=true`);
- `subjects`: + the subjects' own words (`subject_weight=0.5`);
- `together`: + a second stage over the sentence's three scores
  (`stages.passage`; `second_stage=true`; benchmark only: the shipped stage
  also reads the article);
- `shipped`: + the article's mean scores (its topic): `configs/train.cfg` as it is;
- `neighbours`: + the scores of the body sentences before and after it
  (benchmark only, not shipped);
- `today_with_shipped_second_stage`: today's first stage under the shipped
  second stage (`actors=false subject_weight=0`);
- `constraints`: the shipped design + the label-set constraints in the second
  stage (`passage.constraints`: metric score x a planned value, target score x
  the marker's subject class, policy score x an instrument word here or in the
  sentence before, metric x target, and those cues themselves;
  `constraints=["planned", "instrument", "subject", "together", "cues"]`); `constraints_C1` the
  same at `second_stage_C=1`;
- `planned`, `planned_instrument`, `subject_classes`: the shipped design + one
  or two of those constraints alone (`constraints=["planned"]`,
  `["planned", "instrument"]`, `["subject"]`).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.config import build_pipeline, load_config, load_train_config  # noqa: E402
from pipeline.evaluation.scoring import load_gold, prf  # noqa: E402
from pipeline.learning.train import (TrainingSet, best_threshold, fit_second_stage, make_estimator,  # noqa: E402
                                     out_of_fold_scores, training_set, without_actors)
from pipeline.records import CLAIM_LABELS  # noqa: E402
from pipeline.stages.classifier import cue_features, model_inputs, sentence_vectors  # noqa: E402
from pipeline.stages.formats.embeddings import SentenceEncoder  # noqa: E402
from pipeline.stages.passage import CONSTRAINTS, PASSAGE, log_odds, passage_features  # noqa: E402

BEFORE = {"actors": False, "subject_weight": 0.0, "held_out": "document", "second_stage": False}
SHIPPED = ("own:", "article:")
ALL = ["planned", "instrument", "subject", "together", "cues"]  # passage.CONSTRAINTS
DESIGNS: dict[str, tuple[dict, tuple[str, ...]]] = {
    # name: (settings over configs/train.cfg's, second-stage features by prefix)
    "today": (BEFORE, ()),
    "file_thresholds": ({**BEFORE, "held_out": "file"}, ()),
    "actors": ({**BEFORE, "held_out": "file", "actors": True}, ()),
    "subjects": ({"second_stage": False}, ()),
    "together": ({}, ("own:",)),
    "shipped": ({}, SHIPPED),
    "neighbours": ({}, (*SHIPPED, "previous:", "next:")),
    "today_with_shipped_second_stage": ({"actors": False, "subject_weight": 0.0}, SHIPPED),
    "constraints": ({"constraints": ALL}, SHIPPED),
    "constraints_C1": ({"constraints": ALL, "second_stage_C": 1.0}, SHIPPED),
    "planned": ({"constraints": ["planned"]}, SHIPPED),
    "planned_instrument": ({"constraints": ["planned", "instrument"]}, SHIPPED),
    "subject_classes": ({"constraints": ["subject"]}, SHIPPED),
}


def sentence_data(files: list[Path]) -> tuple[TrainingSet, np.ndarray]:
    """Every gold body sentence as the classifier sees it, with its region's index."""
    nlp = build_pipeline(load_config(overrides={"components.claims_classifier.model": None}))
    docs, regions = [], {}
    for path in files:
        held = load_gold(path)
        docs += list(held.values())
        regions.update({d: path.name for d in held})
    ts = training_set(nlp, docs, regions)
    return ts, np.array([[p.name for p in files].index(s) for s in ts.sources])


def subset(ts: TrainingSet, rows: np.ndarray) -> TrainingSet:
    return TrainingSet([ts.views[i] for i in rows], ts.labels[rows], ts.groups[rows], ts.sources[rows])


def second_stage_features(scores: np.ndarray, groups: np.ndarray, prefixes: tuple[str, ...],
                          cues: list[dict], constraints: list[str]) -> list[dict]:
    """The shipped second stage's features, with the neighbours' log-odds, kept by prefix, and
    the label-set ``constraints`` named (``passage.CONSTRAINTS``)."""
    prefixes = (*prefixes, *(p for name in constraints for p in CONSTRAINTS[name]))
    odds = log_odds(scores)
    out = []
    for i, features in enumerate(passage_features(scores, groups, cues, constraints)):
        for name, j in (("previous", i - 1), ("next", i + 1)):
            inside = 0 <= j < len(odds) and groups[j] == groups[i]
            features.update({f"{name}:{label}": float(odds[j, k]) for k, label in enumerate(CLAIM_LABELS)}
                            if inside else {f"{name}:none": 1.0})
        out.append({k: v for k, v in features.items() if k.startswith(prefixes)})
    return out


def held_out_region(ts: TrainingSet, frame, dims: int, train: np.ndarray, test: np.ndarray, settings: dict,
                    second: tuple[str, ...], seed: int, folds: int) -> dict[str, float]:
    """Fit as `claims train` does on ``train``; figures on ``test``."""
    import pandas as pd

    fit_on = subset(ts, train)
    rows = frame.iloc[train].reset_index(drop=True)
    scores = out_of_fold_scores(fit_on, rows, settings, seed, folds, dims)
    estimators = {label: make_estimator(settings, seed, dims).fit(rows, fit_on.labels[:, j])
                  for j, label in enumerate(CLAIM_LABELS)}
    test_rows = frame.iloc[test].reset_index(drop=True)
    probs = np.column_stack([estimators[label].predict_proba(test_rows)[:, 1] for label in CLAIM_LABELS])
    if second:
        cues = [cue_features(v) for v in ts.views]
        kept = list(settings.get("constraints") or [])
        stage, scores = fit_second_stage(fit_on, second_stage_features(
            scores, fit_on.groups, second, [cues[i] for i in train], kept), settings, seed, folds)
        features = pd.DataFrame({PASSAGE: second_stage_features(probs, ts.groups[test], second,
                                                                [cues[i] for i in test], kept)})
        probs = np.column_stack([stage[label].predict_proba(features)[:, 1] for label in CLAIM_LABELS])
    thresholds = [best_threshold(fit_on.labels[:, j], scores[:, j]) for j in range(len(CLAIM_LABELS))]
    return figures(ts.labels[test], probs, thresholds)


def figures(y: np.ndarray, probs: np.ndarray, thresholds) -> dict[str, float]:
    out, total = {}, np.zeros(3, dtype=int)
    for j, label in enumerate(CLAIM_LABELS):
        pred = probs[:, j] >= thresholds[j]
        counts = np.array([(pred & (y[:, j] == 1)).sum(), pred.sum(), (y[:, j] == 1).sum()])
        r = prf(*map(int, counts))
        out[label], out[f"{label}_precision"] = r["f1"] or 0.0, r["p"] or 0.0
        total += counts
    out["micro"] = prf(*map(int, total))["f1"] or 0.0
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--designs", default=",".join(DESIGNS), help="comma-separated, from: " + ", ".join(DESIGNS))
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()

    cfg = load_train_config()
    files = [REPO / f for f in cfg["paths"]["gold"]]
    seed, folds = int(cfg["training"]["seed"]), int(cfg["training"]["folds"])
    ts, regions = sentence_data(files)
    vectors = sentence_vectors(SentenceEncoder(REPO / cfg["paths"]["embeddings"]), ts.views, ts.groups)
    print(f"{len(ts.views)} body sentences; micro F1 held out per file "
          f"({', '.join(p.stem for p in files)}), their mean, F1 per label (mean), metric precision (mean)",
          file=sys.stderr)
    results = {}
    for name in args.designs.split(","):
        overrides, second = DESIGNS[name]
        settings = {**cfg["classifier"], **overrides}
        data = ts if settings["actors"] else without_actors(ts)
        frame = model_inputs(data.views, vectors)
        start = time.perf_counter()
        per_file = {}
        for r, path in enumerate(files):
            train, test = np.where(regions != r)[0], np.where(regions == r)[0]
            per_file[path.stem] = held_out_region(data, frame, vectors.shape[1], train, test, settings, second,
                                                  seed, folds)
        results[name] = per_file
        mean = {k: float(np.mean([f[k] for f in per_file.values()])) for k in next(iter(per_file.values()))}
        print(f"| {name} | " + " / ".join(f"{f['micro']:.3f}" for f in per_file.values())
              + f" | {mean['micro']:.3f} | " + " / ".join(f"{mean[label]:.3f}" for label in CLAIM_LABELS)
              + f" | {mean['metric_precision']:.3f} |  ({time.perf_counter() - start:.0f} s)", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
