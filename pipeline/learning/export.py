"""scikit-learn's fitted pipelines as the run's plain linear models.

Training fits with scikit-learn; a run scores with numpy
(``pipeline.stages.formats.linear``). This is the one place that knows
scikit-learn's fitted layout: it reads the vocabularies, idf weights and
coefficients out of the pipelines, and refuses a setting the numpy scorer
would not reproduce, rather than score differently (its tests check the
scores equal scikit-learn's to 1e-9).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from pipeline.stages.formats.linear import DictBlock, LinearModel, TextBlock


def linear_model(estimators: dict[str, Any]) -> LinearModel:
    """One model from per-output ``Pipeline([ColumnTransformer, LogisticRegression])`` that share
    their fitted feature step (the same columns, vocabularies and idf)."""
    outputs = list(estimators)
    features = estimators[outputs[0]][:-1][0]
    for other in outputs[1:]:
        if not same_fitted_features(features, estimators[other][:-1][0]):
            raise ValueError(f"{other}'s feature step differs from {outputs[0]}'s: they cannot share one")
    weights = getattr(features, "transformer_weights", None) or {}
    # a lone vectorizer (no ColumnTransformer) reads the column "features"
    blocks = getattr(features, "transformers_", [("features", features, "features")])
    text, dicts, offsets, dense_weight, start = [], [], {}, 0.0, 0
    for name, transformer, column in blocks:
        if transformer == "drop":
            continue
        weight = float(weights.get(name, 1.0))
        if is_passthrough(transformer):
            offsets["dense"], dense_weight = start, weight
            start += len(column)
            continue
        key = column if isinstance(column, str) else name
        offsets[key] = start
        if hasattr(transformer, "idf_"):
            check_analyzer(transformer)
            text.append(TextBlock(key, weight, {t: int(i) for t, i in transformer.vocabulary_.items()},
                                  np.asarray(transformer.idf_, dtype=np.float64), transformer.token_pattern,
                                  bool(transformer.lowercase), tuple(transformer.ngram_range),
                                  bool(transformer.sublinear_tf)))
        else:
            dicts.append(DictBlock(key, weight, {t: int(i) for t, i in transformer.vocabulary_.items()}))
        start += len(transformer.get_feature_names_out())
    coef = np.vstack([estimators[o][-1].coef_[0] for o in outputs]).astype(np.float64)
    intercept = np.asarray([estimators[o][-1].intercept_[0] for o in outputs], dtype=np.float64)
    return LinearModel(outputs, text, dicts, dense_weight, coef, intercept, offsets)


def same_fitted_features(a, b) -> bool:
    """The feature step is unsupervised: fitted on the same rows, every label's is the same."""
    if repr(a.get_params(deep=True)) != repr(b.get_params(deep=True)):
        return False
    if not np.array_equal(a.get_feature_names_out(), b.get_feature_names_out()):
        return False
    idf = [[t.idf_ for _, t, _ in getattr(step, "transformers_", [("", step, "")]) if hasattr(t, "idf_")]
           for step in (a, b)]
    return len(idf[0]) == len(idf[1]) and all(np.array_equal(x, y) for x, y in zip(*idf))


def is_passthrough(transformer) -> bool:
    """``"passthrough"``, which a fitted ColumnTransformer keeps as an identity FunctionTransformer."""
    if isinstance(transformer, str):
        return transformer == "passthrough"
    return type(transformer).__name__ == "FunctionTransformer" and transformer.func is None


def check_analyzer(vectorizer) -> None:
    """Refuse settings ``TextBlock`` does not reproduce, rather than score differently."""
    unsupported = {"analyzer": "word", "norm": "l2", "use_idf": True, "strip_accents": None, "stop_words": None,
                   "preprocessor": None, "tokenizer": None, "binary": False}
    for name, expected in unsupported.items():
        if getattr(vectorizer, name) != expected:
            raise ValueError(f"TfidfVectorizer({name}={getattr(vectorizer, name)!r}) cannot be exported")
