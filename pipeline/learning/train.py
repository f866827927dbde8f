"""Train the claim classifier and the entity gazetteer from annotated gold.

Everything a model needs is rebuilt from the repository's data with a fixed
seed, so the same data and settings give the same files. Models are saved
as plain data (``pipeline.stages.formats``: JSON, JSON lines and safetensors)
beside a JSON card in each folder: the sha256 of every file a run reads there
(checked before each is read), and on the classifier's the data files and
their hashes, the settings and the cross-validated figures (no date: a
rebuild is byte-identical).
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from pipeline.errors import ConfigError
from pipeline.evaluation.scoring import GoldDocument, GoldPaths, gold_paths, load_gold, prf
from pipeline.hashing import file_sha256
from pipeline.learning.export import linear_model
from pipeline.records import CLAIM_LABELS
from pipeline.stages.classifier import (FEATURES_VERSION, THRESHOLDS, SentenceView, cue_features, model_inputs,
                                        sentence_vectors, vector_columns, views_of)
from pipeline.stages.actors import Actors
from pipeline.stages.formats import linear
from pipeline.stages.formats.cards import write_card
from pipeline.stages.passage import CONSTRAINTS, PASSAGE, passage_features

FINE_TUNED = "fine_tuned"  # the fine-tuned encoder's folder in a models folder (``[fine_tune]``)


@dataclass
class TrainingSet:
    views: list[SentenceView]
    labels: np.ndarray  # (n_sentences, 3) of 0/1 in CLAIM_LABELS order
    groups: np.ndarray  # document index per sentence, for grouped folds
    sources: np.ndarray  # the gold file (a region's slice) of each sentence's document


def data_hash(path: str | Path) -> str:
    return file_sha256(path)


def training_set(nlp, docs: Sequence[GoldDocument], sources: Mapping[str, str] | None = None) -> TrainingSet:
    """Gold body sentences with the pipeline's own quantities and entities inside them;
    ``sources`` names each document's gold file (default: one file for all)."""
    views, labels, groups = [], [], []
    disabled = [n for n in ("claims_classifier", "claims_attribution") if n in nlp.pipe_names]
    with nlp.select_pipes(disable=disabled):
        processed = list(nlp.pipe(d.text for d in docs))
    for i, (gold, doc) in enumerate(zip(docs, processed)):
        body = [s for s in gold.sentences if not s.boilerplate]
        views.extend(views_of(doc, [(s.start, s.end) for s in body]))
        labels.extend([int(label in s.labels) for label in CLAIM_LABELS] for s in body)
        groups.extend([i] * len(body))
    files = [(sources or {}).get(d.doc_id, "") for d in docs]
    return TrainingSet(views, np.array(labels, dtype=int).reshape(-1, len(CLAIM_LABELS)), np.array(groups),
                       np.array([files[g] for g in groups], dtype=object))


def without_actors(ts: TrainingSet) -> TrainingSet:
    """The training set without the cues of ``stages.actors``: a model fitted on it has none of
    them in its vocabulary, so a run reads none (``actors = false``, the design before them)."""
    from dataclasses import replace

    return replace(ts, views=[replace(v, actors=Actors()) for v in ts.views])


def ner_spans(nlp, docs: Sequence[GoldDocument]) -> list[list[tuple[int, int, str]]]:
    """The NER's spans per document, as the entity stage receives them."""
    from pipeline.stages.entities import model_spans

    with nlp.select_pipes(enable=[n for n in ("ner", "claims_sentences") if n in nlp.pipe_names]):
        return [model_spans(doc) for doc in nlp.pipe(d.text for d in docs)]


def verifier_candidates(docs: Sequence[GoldDocument], spans, reference: Sequence[str], seed: int, folds: int):
    """Every proposed mention with its features and whether the gold has it, each article's
    proposed with a gazetteer made without that article (as a new article meets it)."""
    from pipeline.stages.entities import find_candidates
    from pipeline.stages.verifier import candidate_features

    features, correct, labels, groups = [], [], [], []
    index = {d.doc_id: i for i, d in enumerate(docs)}
    for held in document_folds([d.doc_id for d in docs], folds, seed):
        others = [d for d in docs if d.doc_id not in held]
        names = {row["pattern"]: row["label"] for row in gazetteer_rows(others, reference)}
        for doc_id in held:
            i = index[doc_id]
            gold = set(docs[i].entities)
            for c in find_candidates(docs[i].text, spans[i], names):
                features.append(candidate_features(docs[i].text, c, names))
                correct.append(int((c.start, c.end, c.label) in gold))
                labels.append(c.label)
                groups.append(i)
    return features, np.array(correct), np.array(labels), np.array(groups)


def fit_verifier(docs: Sequence[GoldDocument], spans, reference: Sequence[str], seed: int, folds: int,
                 out: Path, verify: Sequence[str] = ("PERSON", "ORG")) -> dict:
    """Fit and save the entity verifier; thresholds per label from out-of-fold scores.

    A label left out of ``verify`` keeps every mention (threshold 0): people's
    names on general news are one-word surnames in lists and scores, which a
    check learnt on this domain's headlines and bylines would drop.
    """
    from sklearn.base import clone
    from sklearn.model_selection import GroupKFold

    from pipeline.stages.verifier import META, make_model, write_entity_card

    features, y, labels, groups = verifier_candidates(docs, spans, reference, seed, folds)
    if len(set(y)) < 2:  # every proposed mention right (a NER fitted on these articles can get there):
        write_entity_card(out)  # nothing to learn, so no verifier: every mention is kept
        kept = {label: prf(int(((labels == label) & (y == 1)).sum()), int((labels == label).sum()),
                           sum(1 for d in docs for e in d.entities if e[2] == label))["f1"] or 0.0
                for label in ("PERSON", "ORG")}
        return {label: {"before": round(f1, 4), "after": round(f1, 4), "threshold": 0.0} for label, f1 in kept.items()}
    template = make_model(seed)
    oof = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=min(folds, len(set(groups)))).split(features, groups=groups):
        oof[te] = (clone(template).fit([features[i] for i in tr], y[tr]).predict_proba(
            [features[i] for i in te])[:, 1] if len(set(y[tr])) > 1 else float(y[tr].mean()))
    thresholds, figures = {}, {}
    for label in ("PERSON", "ORG"):
        mine = labels == label
        n_gold = sum(1 for d in docs for e in d.entities if e[2] == label)
        grid = np.round(np.arange(0.0, 0.81, 0.025), 3)
        f1 = [prf(int((mine & (oof >= t) & (y == 1)).sum()), int((mine & (oof >= t)).sum()), n_gold)["f1"] or 0.0
              for t in grid]
        thresholds[label] = smoothed_best(grid, f1) if label in verify else 0.0
        best = f1[list(grid).index(thresholds[label])]
        figures[label] = {"before": round(f1[0], 4), "after": round(best, 4), "threshold": thresholds[label]}
    linear_model({"correct": clone(template).fit(features, y)}).save(out / "verifier")
    (out / META).write_text(json.dumps({"thresholds": thresholds, "out_of_fold_f1": figures}, indent=2) + "\n")
    write_entity_card(out)  # each file checked by it before a run reads it
    return figures


def make_estimator(settings: dict[str, Any], seed: int, vector_dims: int = 0):
    """n-grams of the normalised text, word-class patterns, the spec cues, the subjects of
    forward-looking markers and (with an encoder) the sentence vectors in context, into a
    logistic regression."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    blocks = [
        ("ngrams", TfidfVectorizer(ngram_range=(1, int(settings["max_ngram"])), min_df=int(settings["min_df"]),
                                   sublinear_tf=True, token_pattern=r"(?u)\b\w[\w-]*\b"), "text"),
        ("pattern", TfidfVectorizer(ngram_range=(2, int(settings["pattern_ngram"])), lowercase=False,
                                    sublinear_tf=True, token_pattern=r"\S+"), "pattern"),
        ("cues", DictVectorizer(), "cues"),
    ]
    weights = {"ngrams": 1.0, "pattern": float(settings["pattern_weight"]), "cues": float(settings["cue_weight"])}
    # the subjects of forward-looking markers and the verbs they govern (stages.actors), each as its own words
    for column in ("subject", "action"):
        if float(settings.get(f"{column}_weight", 0)):
            blocks.append((column, TfidfVectorizer(sublinear_tf=True, token_pattern=r"\S+"), column))
            weights[column] = float(settings[f"{column}_weight"])
    if vector_dims:
        blocks.append(("vectors", "passthrough", vector_columns(vector_dims)))
        weights["vectors"] = float(settings.get("vector_weight", 1.0))
    features = ColumnTransformer(blocks, transformer_weights=weights)
    model = LogisticRegression(C=float(settings["C"]), class_weight="balanced", max_iter=2000,
                               random_state=seed)
    return Pipeline([("features", features), ("model", model)])


def held_out_splits(ts: TrainingSet, settings: dict[str, Any], folds: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train, test) row indices for out-of-fold scores. With ``held_out = "file"`` and three
    gold files or more, each file (a region's slice) is held out in turn: thresholds and the
    second stage then learn from scores on regions the model never saw, as a new article from
    elsewhere meets it. Otherwise ``folds`` groups of documents."""
    from sklearn.model_selection import GroupKFold

    if held_out_by(ts, settings) == "file":
        return [(np.where(ts.sources != f)[0], np.where(ts.sources == f)[0]) for f in sorted(set(ts.sources))]
    n_folds = min(folds, len(set(ts.groups)))
    return list(GroupKFold(n_splits=n_folds).split(ts.labels, groups=ts.groups))


def held_out_by(ts: TrainingSet, settings: dict[str, Any]) -> str:
    """"file" when the settings ask for it and there are three gold files or more, else "document"."""
    return "file" if settings.get("held_out") == "file" and len(set(ts.sources)) >= 3 else "document"


def out_of_fold_scores(ts: TrainingSet, rows, settings: dict[str, Any], seed: int, folds: int,
                       vector_dims: int = 0) -> np.ndarray:
    """Probabilities for every sentence from models that never saw its document (``held_out_splits``).

    The feature step is unsupervised: fitted once per fold, shared by the labels.
    """
    from sklearn.base import clone

    template = make_estimator(settings, seed, vector_dims)
    scores = np.zeros(ts.labels.shape, dtype=float)
    for train_idx, test_idx in held_out_splits(ts, settings, folds):
        features = clone(template[:-1])
        x_train = features.fit_transform(rows.iloc[train_idx])  # what Pipeline.fit does
        x_test = features.transform(rows.iloc[test_idx])
        for j, label in enumerate(CLAIM_LABELS):
            y = ts.labels[train_idx, j]
            if len(set(y)) < 2:
                scores[test_idx, j] = float(y.mean()) if len(y) else 0.0
                continue
            scores[test_idx, j] = clone(template[-1]).fit(x_train, y).predict_proba(x_test)[:, 1]
    return scores


def make_second_stage(settings: dict[str, Any], seed: int):
    """The passage's features (``stages.passage``) into a logistic regression per label."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline([("features", ColumnTransformer([(PASSAGE, DictVectorizer(), PASSAGE)])),
                     ("model", LogisticRegression(C=float(settings["second_stage_C"]), class_weight="balanced",
                                                  max_iter=2000, random_state=seed))])


def second_stage_features(ts: TrainingSet, scores: np.ndarray, settings: dict[str, Any]) -> list[dict[str, float]]:
    """``passage_features`` of first-stage ``scores``, with the label-set constraints that
    ``[classifier] constraints`` names (``passage.CONSTRAINTS``; none by default)."""
    kept = list(settings.get("constraints") or [])
    unknown = sorted(set(kept) - set(CONSTRAINTS))
    if unknown:
        raise ConfigError(f"[classifier] constraints: unknown {', '.join(unknown)}; known: {', '.join(CONSTRAINTS)}")
    return passage_features(scores, ts.groups, [cue_features(v) for v in ts.views] if kept else None, kept)


def fit_second_stage(ts: TrainingSet, features: list[dict[str, float]], settings: dict[str, Any], seed: int,
                     folds: int) -> tuple[dict, np.ndarray]:
    """The second stage fitted on ``features`` (``passage_features`` of the first stage's
    out-of-fold scores), and its own out-of-fold scores (the same held-out splits) for its
    thresholds."""
    import pandas as pd
    from sklearn.base import clone

    rows = pd.DataFrame({PASSAGE: features})
    template = make_second_stage(settings, seed)
    scores = np.zeros(ts.labels.shape, dtype=float)
    for train_idx, test_idx in held_out_splits(ts, settings, folds):
        for j in range(len(CLAIM_LABELS)):
            model = clone(template).fit(rows.iloc[train_idx], ts.labels[train_idx, j])
            scores[test_idx, j] = model.predict_proba(rows.iloc[test_idx])[:, 1]
    estimators = {label: clone(template).fit(rows, ts.labels[:, j]) for j, label in enumerate(CLAIM_LABELS)}
    return estimators, scores


def best_threshold(y: np.ndarray, p: np.ndarray, window: int = 2) -> float:
    """The cut on out-of-fold probabilities with the best F1 neighbourhood (``smoothed_best``)."""
    grid = np.round(np.arange(0.2, 0.81, 0.025), 3)
    f1s = []
    for t in grid:
        pred = p >= t
        f1s.append(prf(int((pred & (y == 1)).sum()), int(pred.sum()), int((y == 1).sum()))["f1"] or 0.0)
    return smoothed_best(grid, f1s, window)


def smoothed_best(grid: np.ndarray, f1s: Sequence[float], window: int = 2) -> float:
    """The cut where F1, averaged over its ``window`` neighbours on either side, is highest
    (ties: the middle one).

    F1 over a grid of cuts is flat near its top and jagged: its single best point moves by
    0.1 and more when a few training sentences change, and the model's precision with it.
    The best neighbourhood moves far less.
    """
    smooth = [float(np.mean(f1s[max(0, i - window):i + window + 1])) for i in range(len(f1s))]
    ties = [t for t, f in zip(grid, smooth) if f >= max(smooth) - 1e-9]
    return float(ties[len(ties) // 2])


def f1_table(y: np.ndarray, scores: np.ndarray, thresholds: dict[str, float]) -> dict[str, float]:
    out, tp_all, pred_all, gold_all = {}, 0, 0, 0
    for j, label in enumerate(CLAIM_LABELS):
        pred = scores[:, j] >= thresholds[label]
        tp = int((pred & (y[:, j] == 1)).sum())
        n_pred, n_gold = int(pred.sum()), int(y[:, j].sum())
        out[label] = prf(tp, n_pred, n_gold)["f1"] or 0.0
        tp_all, pred_all, gold_all = tp_all + tp, pred_all + n_pred, gold_all + n_gold
    out["micro"] = prf(tp_all, pred_all, gold_all)["f1"] or 0.0
    return out


def marker_vector_weights(settings: dict[str, Any]) -> dict[str, float]:
    """The weights of the markers' subject and verb vectors (``stages.classifier.sentence_vectors``)
    the settings turn on; {} for none."""
    weights = {"subjects": float(settings.get("subject_vector_weight", 0)),
               "actions": float(settings.get("action_vector_weight", 0))}
    return {field: weight for field, weight in weights.items() if weight}


def save_classifier(estimators: dict, thresholds: dict[str, float], out_dir: Path, card: dict,
                    embeddings: str | None = None, second: dict | None = None,
                    marker_weights: dict[str, float] | None = None) -> dict:
    """The model (and its second stage), its thresholds and its card, which a run checks each
    file against before reading it."""
    linear_model(estimators).save(out_dir)
    files = [*linear.FILES, THRESHOLDS]
    if second:
        linear_model(second).save(out_dir / PASSAGE)
        files += [f"{PASSAGE}/{name}" for name in linear.FILES]
    meta = {"name": out_dir.name, "features": FEATURES_VERSION, "thresholds": thresholds}
    if embeddings:
        meta["embeddings"] = embeddings  # sha256 of the encoder's card: the vectors it was trained on
    if second:
        meta["second_stage"] = PASSAGE
    if marker_weights:
        meta["marker_vectors"] = marker_weights  # the weights of the markers' subject and verb vectors
    (out_dir / THRESHOLDS).write_text(json.dumps(meta, indent=2) + "\n")
    return write_card(out_dir, card, files)


def read_names(path: str | Path | None) -> list[str]:
    """One name a line; blank lines and ``#`` comments skipped."""
    if not path:
        return []
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def gazetteer_rows(docs: Sequence[GoldDocument], reference: Sequence[str] = (),
                   min_length: int = 2) -> list[dict[str, str]]:
    """Organisation names from the gold and a reference list, as entity patterns.

    Only ORG: organisations recur across articles of a domain (agencies,
    outlets, companies), people mostly do not, and surnames are resolved per
    article by the entity stage. The reference list brings the organisations
    the news of the domain keeps naming that a small gold has not met yet; a
    name the gold annotates otherwise is left out.
    """
    names: dict[str, str] = {name: "ORG" for name in reference}
    conflicts: set[str] = set()
    for d in docs:
        for start, end, label in d.entities:
            name = d.text[start:end]
            if len(name) < min_length or name.islower() or "\n" in name:
                continue
            if names.get(name, label) != label:
                conflicts.add(name)
            names[name] = label
    return [{"label": "ORG", "pattern": n} for n, lab in sorted(names.items())
            if lab == "ORG" and n not in conflicts]


def repo_relative(path: str | Path) -> str:
    """The path as the card should show it: relative to the repository when inside it,
    so that the same data give the same card on every machine."""
    from pipeline.config import REPO_ROOT

    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return resolved.as_posix()


def train(nlp_factory: Callable[[], Any], gold: GoldPaths, models_dir: str | Path,
          settings: dict[str, Any], seed: int, folds: int, log: Callable[[str], None] = print,
          reference: Sequence[str] = (), encoder=None) -> dict:
    """Fit the gazetteer and the classifier on all of ``gold`` (one file or several); write ``models_dir``."""
    docs = list(load_gold(gold).values())
    source = {"files": [{"path": repo_relative(p), "sha256": data_hash(p)} for p in gold_paths(gold)]}
    return fit_models(docs, nlp_factory, models_dir, settings, seed, folds, log, reference, source, encoder,
                      document_regions(gold))


def document_regions(gold: GoldPaths) -> dict[str, str]:
    """Each document's gold file (a region's slice), by name."""
    return {doc_id: path.name for path in gold_paths(gold) for doc_id in load_gold(path)}


def fit_models(docs: Sequence[GoldDocument], nlp_factory: Callable[..., Any], models_dir: str | Path,
               settings: dict[str, Any], seed: int, folds: int,
               log: Callable[[str], None] = print, reference: Sequence[str] = (),
               source: dict | None = None, encoder=None, regions: Mapping[str, str] | None = None) -> dict:
    """Fit and save the NER, the gazetteer and verifier, and the classifier; ``source`` (files,
    hashes) goes on the cards; with an ``encoder`` the sentence vectors join the features;
    ``regions`` names each document's gold file, for ``held_out = "file"``.
    ``nlp_factory(pinned_ner=True)`` builds the pipeline with the package's own NER, which the NER
    is fitted from; ``nlp_factory()`` with the one in ``models_dir``."""
    from pipeline.learning.ner_fit import write_ner_folder
    from pipeline.stages.formats.gazetteer import GAZETTEER, write_gazetteer
    from pipeline.stages.verifier import META, write_entity_card

    random.seed(seed)
    np.random.seed(seed)
    models_dir = Path(models_dir)
    entity_dir = models_dir / "entities"
    entity_dir.mkdir(parents=True, exist_ok=True)
    patterns = gazetteer_rows(docs, reference)
    write_gazetteer(entity_dir / GAZETTEER, patterns)
    log(f"gazetteer: {len(patterns)} organisation names ({len(reference)} from the reference list)")

    (entity_dir / META).unlink(missing_ok=True)  # an old verifier must not shape the new one's data
    write_entity_card(entity_dir)  # the gazetteer alone, until the verifier is fitted
    write_ner_folder(docs, nlp_factory(pinned_ner=True), models_dir / "ner", settings.get("ner") or {}, seed,
                     source, log)
    spans = ner_spans(nlp_factory(), docs)  # the new NER's, as the verifier will meet them
    verifier_figures = fit_verifier(docs, spans, reference, seed, folds, entity_dir,
                                    settings.get("verify", ("PERSON", "ORG")))
    log("entity verifier, out of fold: " + ", ".join(
        f"{label} {v['before']:.3f} -> {v['after']:.3f}" for label, v in verifier_figures.items()))

    nlp = nlp_factory()  # now with the new verifier
    ts = training_set(nlp, docs, regions)
    if not settings.get("actors", True):
        ts = without_actors(ts)
    log(f"training set: {len(ts.views)} body sentences from {len(docs)} documents")
    marker_weights = marker_vector_weights(settings) if encoder else {}
    vectors = sentence_vectors(encoder, ts.views, ts.groups, marker_weights)
    rows = model_inputs(ts.views, vectors)
    dims = 0 if vectors is None else vectors.shape[1]
    oof = out_of_fold_scores(ts, rows, settings, seed, folds, dims)
    second, scores = None, oof
    if settings.get("second_stage"):
        second, scores = fit_second_stage(ts, second_stage_features(ts, oof, settings), settings, seed, folds)
    thresholds = {label: best_threshold(ts.labels[:, j], scores[:, j]) for j, label in enumerate(CLAIM_LABELS)}
    cv = f1_table(ts.labels, scores, thresholds)
    log(f"held out by {held_out_by(ts, settings)}, sentence-level F1: "
        + ", ".join(f"{k} {v:.3f}" for k, v in cv.items()))

    estimators = {label: make_estimator(settings, seed, dims).fit(rows, ts.labels[:, j])
                  for j, label in enumerate(CLAIM_LABELS)}
    card = {
        "model": "claims_classifier",
        "features": FEATURES_VERSION,
        "estimator": "tf-idf n-grams + word-class patterns + spec cues"
                     + (" + subjects of forward-looking markers" if float(settings.get("subject_weight", 0)) else "")
                     + (" + static sentence vectors in context" if encoder else "")
                     + "".join(f" + static vectors of the markers' {field}" for field in marker_weights)
                     + " -> LogisticRegression per label"
                     + (" -> second stage over the passage's scores (pipeline.stages.passage)" if second else "")
                     + " (plain arrays: pipeline.stages.formats.linear)",
        **({"embeddings": {"card_sha256": encoder.fingerprint, "dims": dims}} if encoder else {}),
        "data": {"documents": len(docs), "doc_ids": [d.doc_id for d in docs], "sentences": len(ts.views),
                 "positives": {label: int(ts.labels[:, j].sum()) for j, label in enumerate(CLAIM_LABELS)},
                 **(source or {})},
        "entity_verifier": {"out_of_fold_f1": verifier_figures},
        "gazetteer": {"organisations": len(patterns), "reference_names": len(reference),
                      "reference_sha256": hashlib.sha256("\n".join(reference).encode("utf-8")).hexdigest()},
        "settings": {**{k: v for k, v in settings.items() if k not in ("ner", "fine_tune")}, "seed": seed,
                     "folds": folds},
        "thresholds": thresholds,
        "cross_validation": {"folds": folds, "grouped_by": held_out_by(ts, settings),
                             "f1": {k: round(v, 4) for k, v in cv.items()}},
    }
    card = save_classifier(estimators, thresholds, models_dir / "classifier", card,
                           encoder.fingerprint if encoder else None, second, marker_weights)
    log(f"saved {models_dir / 'classifier'}")
    tune = settings.get("fine_tune") or {}
    if tune.get("enabled"):
        from pipeline.learning.fine_tune import fine_tune

        fine_tune([v.text for v in ts.views], [int(g) for g in ts.groups], ts.labels, models_dir / FINE_TUNED, tune,
                  seed, source, log)
        log(f"saved {models_dir / FINE_TUNED}")
    return card


def document_folds(doc_ids: Sequence[str], folds: int, seed: int) -> list[list[str]]:
    """Documents dealt into ``folds`` groups after a seeded shuffle."""
    ids = sorted(doc_ids)
    random.Random(seed).shuffle(ids)
    return [ids[i::folds] for i in range(folds)]


def cross_validate(gold: GoldPaths, make_nlp: Callable[[str], Any], settings: dict[str, Any],
                   seed: int, folds: int, out: str | Path, fraction: float = 1.0,
                   log: Callable[[str], None] = print, reference: Sequence[str] = (), encoder=None,
                   keep: str | Path | None = None) -> Path:
    """Predictions for every training document from models fitted without it.

    ``make_nlp(models_dir)`` builds the pipeline around a models folder;
    ``fraction`` keeps that share of each fold's training documents (for the
    learning curve). The predictions file is scored like any other. With
    ``keep``, each fold's models stay in ``keep/fold-K``.
    """
    docs, regions = load_gold(gold), document_regions(gold)
    parts = []
    for k, held_out in enumerate(document_folds(list(docs), folds, seed)):
        train_ids = [d for d in sorted(docs) if d not in held_out]
        parts.append(predict_held_out(docs, train_ids, held_out, make_nlp, settings, seed, folds,
                                      fraction, seed + k, reference, encoder, regions,
                                      keep=None if keep is None else Path(keep) / f"fold-{k + 1}"))
        log(f"fold {k + 1}/{folds}: trained on {len(train_ids)} documents, predicted {len(held_out)}")
    out = Path(out)
    out.write_text("".join(parts))
    return out


def leave_one_file_out(gold: GoldPaths, make_nlp: Callable[[str], Any], settings: dict[str, Any],
                       seed: int, folds: int, out: str | Path, fraction: float = 1.0,
                       log: Callable[[str], None] = print, reference: Sequence[str] = (),
                       encoder=None, keep: str | Path | None = None) -> dict[Path, Path]:
    """Each gold file (a region's slice) predicted by models fitted on all the other files.

    This is the honest estimate for articles from a place the training data
    never covered; returns {held-out gold file: its predictions file}. With
    ``keep``, the models that predicted each file stay in ``keep/<its stem>``:
    a rule changed after them is then measured on the region without a refit,
    whose noise moves a region by about a point (docs/accuracy.md).
    """
    files = gold_paths(gold)
    per_file = {path: load_gold(path) for path in files}
    docs = {d: doc for held in per_file.values() for d, doc in held.items()}
    regions = {d: path.name for path, held in per_file.items() for d in held}
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    results = {}
    for k, (path, held) in enumerate(per_file.items()):
        train_ids = [d for d in sorted(docs) if d not in held]
        pred = out / f"held-out-{path.stem}-{fraction:.2f}.jsonl"
        pred.write_text(predict_held_out(docs, train_ids, sorted(held), make_nlp, settings, seed, folds,
                                         fraction, seed + k, reference, encoder, regions,
                                         keep=None if keep is None else Path(keep) / path.stem))
        log(f"held out {path.name}: trained on {len(train_ids)} documents, predicted {len(held)}")
        results[path] = pred
    return results


def predict_held_out(docs: dict[str, GoldDocument], train_ids: Sequence[str], held_out: Sequence[str],
                     make_nlp: Callable[..., Any], settings: dict[str, Any], seed: int, folds: int,
                     fraction: float, sample_seed: int, reference: Sequence[str], encoder=None,
                     regions: Mapping[str, str] | None = None, keep: Path | None = None) -> str:
    """Fit on (a ``fraction`` of) ``train_ids``, run on ``held_out``; the run's JSONL text. With
    ``keep``, the fitted models are copied there before the run."""
    import shutil
    import tempfile

    from pipeline.batch.runner import run as run_batch

    train_ids = sorted(random.Random(sample_seed).sample(list(train_ids), max(2, round(len(train_ids) * fraction))))
    with tempfile.TemporaryDirectory(prefix="claims-cv-") as tmp:
        fit_models([docs[d] for d in train_ids], lambda **kw: make_nlp_without_classifier(make_nlp, tmp, **kw),
                   tmp, settings, seed, folds, log=lambda m: None, reference=reference, encoder=encoder,
                   regions=regions)
        if keep is not None:
            shutil.copytree(tmp, keep, dirs_exist_ok=True)
        nlp = make_nlp(tmp)
        inputs = Path(tmp) / "held_out.jsonl"
        inputs.write_text("".join(json.dumps({"id": d, "text": docs[d].text}) + "\n" for d in held_out))
        part = Path(tmp) / "pred.jsonl"
        run_batch(nlp, [str(inputs)], part)
        return part.read_text()


def make_nlp_without_classifier(make_nlp: Callable[..., Any], models_dir: str, **kw):
    return make_nlp(models_dir, classifier=False, **kw)
