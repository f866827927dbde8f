"""A fitted linear model as plain data, scored with numpy.

A logistic regression over tf-idf n-grams, a dict of cues and dense columns
is, once fitted, a vocabulary, idf weights, coefficients and an intercept.
Kept as JSON and safetensors, loading it cannot run code (nothing is
unpickled or imported by name), a run never imports scikit-learn, and one
file holds the feature step all three labels share. Training makes one from
scikit-learn's fitted pipelines (``pipeline.learning.export``, whose tests
check that the scores equal scikit-learn's to 1e-9); this module knows
nothing of scikit-learn.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from pipeline.errors import ModelFileError
from pipeline.stages.formats.cards import Card

FORMAT = "claims.linear.v1"
WEIGHTS = "weights.safetensors"
SPEC = "linear.json"
FILES = (SPEC, WEIGHTS)  # what ``save`` writes, for the card


@dataclass
class TextBlock:
    """A fitted ``TfidfVectorizer`` (word analyzer, l2 norm) over one text column."""

    column: str
    weight: float
    vocabulary: dict[str, int]
    idf: np.ndarray
    token_pattern: str
    lowercase: bool
    ngram_range: tuple[int, int]
    sublinear_tf: bool
    _tokens: re.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self):
        self._tokens = re.compile(self.token_pattern)

    def terms(self, text: str) -> list[str]:
        """The analyzer's n-grams of ``text``, as scikit-learn's word analyzer makes them."""
        words = self._tokens.findall(text.lower() if self.lowercase else text)
        low, high = self.ngram_range
        grams: list[str] = []
        for n in range(low, high + 1):
            grams.extend(words if n == 1 else map(" ".join, zip(*(words[k:] for k in range(n)))))
        return grams

    def entries(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, column, value) of every non-zero feature: tf-idf, l2-normed per row, weighted."""
        known, column = self.vocabulary.__contains__, self.vocabulary.__getitem__
        rows, cols, tf = [], [], []
        for row, text in enumerate(texts):
            counts = Counter(filter(known, self.terms(text)))
            rows.extend(repeat(row, len(counts)))
            cols.extend(map(column, counts))
            tf.extend(counts.values())
        rows, cols = np.asarray(rows, dtype=np.intp), np.asarray(cols, dtype=np.intp)
        tf = np.asarray(tf, dtype=np.float64)
        values = (1.0 + np.log(tf) if self.sublinear_tf else tf) * self.idf[cols]
        norms = np.sqrt(np.bincount(rows, values ** 2, minlength=len(texts)))
        return rows, cols, values * (self.weight / norms[rows])


@dataclass
class DictBlock:
    """A fitted ``DictVectorizer`` over a column of feature dicts."""

    column: str
    weight: float
    vocabulary: dict[str, int]

    def entries(self, dicts: Sequence[dict[str, float]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        vocabulary = self.vocabulary
        rows, cols, values = [], [], []
        for row, features in enumerate(dicts):
            for key, value in features.items():
                col = vocabulary.get(key)
                if col is not None:
                    rows.append(row)
                    cols.append(col)
                    values.append(value)
        return (np.asarray(rows, dtype=np.intp), np.asarray(cols, dtype=np.intp),
                np.asarray(values, dtype=np.float64) * self.weight)


@dataclass
class LinearModel:
    """Logistic regressions (one per output) over the same fitted features."""

    outputs: list[str]
    text_blocks: list[TextBlock]
    dict_blocks: list[DictBlock]
    dense_weight: float  # the passthrough columns' transformer weight (no dense block: 0)
    coef: np.ndarray  # outputs x features, in scikit-learn's column order
    intercept: np.ndarray
    offsets: dict[str, int]  # first feature column of each block

    def probabilities(self, columns: dict[str, Sequence[Any]], dense: np.ndarray | None = None) -> np.ndarray:
        """P(positive) per row and output; ``columns`` maps each block's column to its values."""
        n = len(next(iter(columns.values()))) if columns else (0 if dense is None else len(dense))
        z = np.tile(self.intercept, (n, 1))
        for block in [*self.text_blocks, *self.dict_blocks]:
            rows, cols, values = block.entries(columns[block.column])
            contributions = self.coef[:, cols + self.offsets[block.column]] * values
            for k in range(len(self.outputs)):
                z[:, k] += np.bincount(rows, contributions[k], minlength=n)
        if dense is not None and self.dense_weight:
            start = self.offsets["dense"]
            if dense.shape[1] != self.coef.shape[1] - start:  # the vectors block is the last
                raise ModelFileError(f"the model reads {self.coef.shape[1] - start} vector columns, the run gave "
                                     f"{dense.shape[1]}: the model and the code disagree (run `claims train` again)")
            z += (dense * self.dense_weight) @ self.coef[:, start:].T
        return 1.0 / (1.0 + np.exp(-z))

    # ----------------------------------------------------------------- files --

    def save(self, folder: Path) -> None:
        """Write ``linear.json`` and ``weights.safetensors``; the same model gives the same bytes."""
        from safetensors.numpy import save_file

        folder.mkdir(parents=True, exist_ok=True)
        spec = {
            "format": FORMAT, "outputs": self.outputs, "offsets": self.offsets, "dense_weight": self.dense_weight,
            "text_blocks": [{"column": b.column, "weight": b.weight, "token_pattern": b.token_pattern,
                             "lowercase": b.lowercase, "ngram_range": list(b.ngram_range),
                             "sublinear_tf": b.sublinear_tf, "vocabulary": ordered(b.vocabulary)}
                            for b in self.text_blocks],
            "dict_blocks": [{"column": b.column, "weight": b.weight, "vocabulary": ordered(b.vocabulary)}
                            for b in self.dict_blocks],
        }
        (folder / SPEC).write_text(json.dumps(spec, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        arrays = {"coef": self.coef, "intercept": self.intercept,
                  **{f"idf:{b.column}": b.idf for b in self.text_blocks}}
        save_file({k: np.ascontiguousarray(v, dtype=np.float64) for k, v in arrays.items()}, str(folder / WEIGHTS))

    @classmethod
    def load(cls, card: Card, under: str = "") -> "LinearModel":
        """The model in the card's folder (or its sub-folder ``under``), each file checked by the card."""
        from safetensors.numpy import load

        spec = card.json(f"{under}/{SPEC}" if under else SPEC)
        if not isinstance(spec, dict) or spec.get("format") != FORMAT:
            raise ModelFileError(f"{card.folder / under / SPEC}: not a {FORMAT} model")
        arrays = load(card.read(f"{under}/{WEIGHTS}" if under else WEIGHTS))
        text = [TextBlock(b["column"], b["weight"], indexed(b["vocabulary"]), arrays[f"idf:{b['column']}"],
                          b["token_pattern"], b["lowercase"], tuple(b["ngram_range"]), b["sublinear_tf"])
                for b in spec["text_blocks"]]
        dicts = [DictBlock(b["column"], b["weight"], indexed(b["vocabulary"])) for b in spec["dict_blocks"]]
        return cls(spec["outputs"], text, dicts, spec["dense_weight"], arrays["coef"], arrays["intercept"],
                   spec["offsets"])


def ordered(vocabulary: dict[str, int]) -> list[str]:
    return [t for t, _ in sorted(vocabulary.items(), key=lambda kv: kv[1])]


def indexed(terms: list[str]) -> dict[str, int]:
    return {t: i for i, t in enumerate(terms)}
