"""Compare claim-classifier designs on leave-one-region-out cross-validation.

Each gold file of `configs/train.cfg` is held out in turn (the three regional
slices of ../shared/corpus2 and ../shared/corpus) and predicted by a model
fitted on the others; thresholds come from out-of-fold scores inside the
training files, as `claims train` sets them. Scored per gold body sentence
(the gold's own sentence bounds, so only the classifier differs).

    python benchmarks/claim_designs.py --minilm /path/to/all-MiniLM-L6-v2 [--designs a,b]

Designs: `today` (word n-grams + word-class patterns + spec cues),
`static` (today's + model2vec vectors distilled from MiniLM), `static_only`,
`minilm` (today's + MiniLM sentence vectors; needs torch), `minilm_only`;
`_ctx` after a vector design adds the predecessor's and the article's vectors
(`static_ctx` is the shipped classifier). Needs `pip install -e ".[distill]"`.
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
from pipeline.learning.train import best_threshold, make_estimator, model_inputs, training_set  # noqa: E402
from pipeline.records import CLAIM_LABELS  # noqa: E402
from pipeline.stages.formats.embeddings import context_vectors  # noqa: E402


def sentence_data(files):
    nlp = build_pipeline(load_config(overrides={"components.claims_classifier.model": None}))
    views, labels, groups, regions = [], [], [], []
    for r, path in enumerate(files):
        docs = list(load_gold(path).values())
        ts = training_set(nlp, docs)
        views += ts.views
        labels.append(ts.labels)
        groups += [f"{r}:{g}" for g in ts.groups]
        regions += [r] * len(ts.views)
    return views, np.vstack(labels), np.array(groups), np.array(regions)


def fit_predict(design, rows, emb, y, train, test, settings, seed, weight):
    """Probabilities for ``test`` from a model fitted on ``train`` (one column per label)."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.base import clone

    template = make_estimator(settings, seed)
    parts_train, parts_test = [], []
    if not design.endswith("_only"):
        features = clone(template[:-1])
        parts_train.append(features.fit_transform(rows.iloc[train]))
        parts_test.append(features.transform(rows.iloc[test]))
    if emb is not None:
        parts_train.append(csr_matrix(emb[train] * weight))
        parts_test.append(csr_matrix(emb[test] * weight))
    x_train, x_test = hstack(parts_train).tocsr(), hstack(parts_test).tocsr()
    out = np.zeros((len(test), len(CLAIM_LABELS)))
    for j in range(len(CLAIM_LABELS)):
        out[:, j] = clone(template[-1]).fit(x_train, y[train, j]).predict_proba(x_test)[:, 1]
    return out


def oof_thresholds(design, rows, emb, y, groups, idx, settings, seed, weight, folds=5):
    from sklearn.model_selection import GroupKFold

    scores = np.zeros((len(idx), len(CLAIM_LABELS)))
    for tr, te in GroupKFold(n_splits=folds).split(idx, groups=groups[idx]):
        scores[te] = fit_predict(design, rows, emb, y, idx[tr], idx[te], settings, seed, weight)
    return {label: best_threshold(y[idx, j], scores[:, j]) for j, label in enumerate(CLAIM_LABELS)}


def f1s(y, p, thresholds):
    out, tp_all, n_pred_all, n_gold_all = {}, 0, 0, 0
    for j, label in enumerate(CLAIM_LABELS):
        pred = p[:, j] >= thresholds[label]
        tp, n_pred, n_gold = int((pred & (y[:, j] == 1)).sum()), int(pred.sum()), int(y[:, j].sum())
        out[label] = prf(tp, n_pred, n_gold)["f1"]
        tp_all, n_pred_all, n_gold_all = tp_all + tp, n_pred_all + n_pred, n_gold_all + n_gold
    out["micro"] = prf(tp_all, n_pred_all, n_gold_all)["f1"]
    return out


def embeddings(design, texts, minilm, static_dir):
    if design == "today":
        return None, 0.0
    if design.startswith("static"):
        from model2vec import StaticModel

        model = StaticModel.from_pretrained(static_dir)
        start = time.perf_counter()
        vecs = model.encode(texts)
    else:
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(minilm, device="cpu")
        start = time.perf_counter()
        vecs = model.encode(texts, batch_size=64)
    speed = len(texts) / (time.perf_counter() - start)
    vecs = np.asarray(vecs, dtype=np.float64)
    vecs = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
    return vecs, speed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--designs", default="today,static,static_ctx,static_only,minilm,minilm_ctx,minilm_only")
    ap.add_argument("--minilm", help="folder of the all-MiniLM-L6-v2 sentence-transformers model")
    ap.add_argument("--static", help="folder of a model2vec model (default: distil --minilm into a temp folder)")
    ap.add_argument("--weight", type=float, default=1.0, help="weight of the embedding block")
    ap.add_argument("--set", action="append", default=[], help="classifier setting override: key=value")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()

    cfg = load_train_config()
    files = [REPO / f for f in cfg["paths"]["gold"]]
    settings = dict(cfg["classifier"])
    for pair in args.set:
        key, value = pair.split("=", 1)
        settings[key] = float(value)
    seed = int(cfg["training"]["seed"])
    views, y, groups, regions = sentence_data(files)
    rows = model_inputs(views)
    texts = [v.text for v in views]
    static_dir = args.static
    designs = args.designs.split(",")
    if any(d.startswith("static") for d in designs) and not static_dir:
        from model2vec.distill import distill

        static_dir = "/tmp/claims-static"
        distill(model_name=args.minilm, pca_dims=256).save_pretrained(static_dir)
    results = {}
    for design in designs:
        emb, speed = embeddings(design.replace("_ctx", ""), texts, args.minilm, static_dir)
        if design.endswith("_ctx"):
            emb = context_vectors(emb, groups)
        per_region = {}
        for r, path in enumerate(files):
            train, test = np.where(regions != r)[0], np.where(regions == r)[0]
            thresholds = oof_thresholds(design, rows, emb, y, groups, train, settings, seed, args.weight)
            p = fit_predict(design, rows, emb, y, train, test, settings, seed, args.weight)
            per_region[path.stem] = f1s(y[test], p, thresholds)
        results[design] = {"regions": per_region, "sentences_per_s": round(speed, 1)}
        row = "  ".join(f"{k.replace('corpus2-', '')[:14]}: " + " ".join(f"{v[l]:.3f}" for l in ("micro", *CLAIM_LABELS))
                        for k, v in per_region.items())
        print(f"{design:12} {row}  ({speed:,.0f} sent/s)" if speed else f"{design:12} {row}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
