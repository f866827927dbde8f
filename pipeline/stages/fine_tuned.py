"""A fine-tuned encoder beside the linear classifier: the `accurate` configuration (issue 20).

The linear model reads words, patterns, cues and static vectors; on articles
from a region it never saw, it stalls near 0.82 micro F1 however its features
are arranged (docs/accuracy.md). all-MiniLM-L6-v2 fine-tuned on the previous
body sentence and the sentence reads the sentence as a whole and carries over
to new regions better, but alone it reads target worse than the linear model.
The two err differently, so the labels are decided by both: each model's
margin (its log-odds against its own threshold, 0.5 for the encoder) is
averaged, with ``weight`` on the encoder's, and a label is given where the
average is positive.

A run needs onnxruntime and the ``tokenizers`` package, not torch: ``claims
train --set fine_tune.enabled=true`` (training time,
``pipeline.learning.fine_tune``) exports the fine-tuned network to ONNX. The
encoder costs about three times the rest of the pipeline on two cores, so it
is a second configuration (``--set
components.claims_classifier.fine_tuned=models/fine_tuned``), not the default.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np

from pipeline.errors import ConfigError
from pipeline.records import CLAIM_LABELS
from pipeline.stages.formats.cards import Card
from pipeline.stages.passage import log_odds

MODEL = "model.onnx"
TOKENIZER = "tokenizer.json"
SETTINGS = "settings.json"
CLIP = 1e-6


def pair_tokenizer(tokenizer_json: str, max_length: int):
    """MiniLM's tokenizer, cutting the longer of (previous sentence, sentence) first, padding a batch to its longest."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_str(tokenizer_json)
    tokenizer.enable_truncation(max_length, strategy="longest_first")
    tokenizer.enable_padding(pad_id=tokenizer.token_to_id("[PAD]") or 0, pad_token="[PAD]")
    return tokenizer


def encode_pairs(tokenizer, previous: Sequence[str], texts: Sequence[str]) -> dict[str, np.ndarray]:
    """The network's three inputs for (previous sentence, sentence) pairs, as int64 arrays; the
    sentence is the second segment (token type 1), which the network's pooling reads."""
    encodings = tokenizer.encode_batch(list(zip(previous, texts)))
    return {"input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64)}


def previous_texts(texts: Sequence[str], groups: Sequence[int]) -> list[str]:
    """Each sentence's previous body sentence in the same document, or "" for a document's first."""
    return ["" if i == 0 or groups[i - 1] != groups[i] else texts[i - 1] for i in range(len(texts))]


def margins(probs: np.ndarray, thresholds: Sequence[float]) -> np.ndarray:
    """Log-odds of ``probs`` less the log-odds of each column's threshold: positive where the label is given."""
    return log_odds(probs, CLIP) - log_odds(np.asarray(thresholds, dtype=float), CLIP)


def combined_scores(linear: np.ndarray, linear_thresholds: Sequence[float], fine_tuned: np.ndarray,
                    weight: float) -> np.ndarray:
    """The two models' margins averaged (``weight`` on the fine-tuned one's), as probabilities
    whose threshold is 0.5 for every label."""
    mixed = (1 - weight) * margins(linear, linear_thresholds) + weight * margins(fine_tuned, [0.5] * linear.shape[1])
    return 1 / (1 + np.exp(-mixed))


class FineTunedEncoder:
    """The exported network of a ``models/fine_tuned`` folder, every file checked against its card."""

    def __init__(self, folder: str | Path, threads: int = 0):
        try:
            import onnxruntime
        except ImportError:
            raise ConfigError("components.claims_classifier.fine_tuned needs onnxruntime: "
                              "pip install -e \".[accurate]\"") from None
        folder = Path(folder)
        if not (folder / "card.json").is_file():
            raise ConfigError(f"fine-tuned encoder not found: {folder / 'card.json'} "
                              "(run `claims train --set fine_tune.enabled=true`)")
        card = Card.of(folder)
        self.folder = folder
        self.card = card.fields
        settings = card.json(SETTINGS)
        self.labels = list(settings["labels"])
        if self.labels != list(CLAIM_LABELS):
            raise ConfigError(f"{folder}: the fine-tuned encoder gives {self.labels}, not {list(CLAIM_LABELS)}")
        self.batch = int(settings.get("batch", 32))
        self.tokenizer = pair_tokenizer(card.read(TOKENIZER).decode("utf-8"), int(settings["max_length"]))
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        self.session = onnxruntime.InferenceSession(card.read(MODEL), options, providers=["CPUExecutionProvider"])

    def probabilities(self, texts: Sequence[str], groups: Sequence[int]) -> np.ndarray:
        """(sentences, labels) probabilities, each sentence read after its previous body sentence."""
        previous = previous_texts(texts, groups)
        # sorted by length, so a batch pads to little more than its own sentences
        order = sorted(range(len(texts)), key=lambda i: len(previous[i]) + len(texts[i]))
        out = np.zeros((len(texts), len(self.labels)), dtype=np.float32)
        for start in range(0, len(order), self.batch):
            rows = order[start:start + self.batch]
            inputs = encode_pairs(self.tokenizer, [previous[i] for i in rows], [texts[i] for i in rows])
            out[rows] = self.session.run(["probabilities"], inputs)[0]
        return out


class EnsembleClassifier:
    """The linear classifier and the fine-tuned encoder deciding each label together."""

    thresholds = {label: 0.5 for label in CLAIM_LABELS}

    def __init__(self, linear, encoder: FineTunedEncoder, weight: float):
        if not 0 <= weight <= 1:
            raise ConfigError(f"components.claims_classifier.fine_tuned_weight must be between 0 and 1, not {weight}")
        self.linear = linear
        self.encoder = encoder
        self.weight = weight
        self.name = f"{linear.name} + {encoder.folder.name}"

    def predict_scores(self, views, groups: Sequence[int] | None = None) -> list[dict[str, float]]:
        if not views:
            return []
        groups = [0] * len(views) if groups is None else list(groups)
        linear = np.array([[s[label] for label in CLAIM_LABELS] for s in self.linear.predict_scores(views, groups)])
        tuned = self.encoder.probabilities([v.text for v in views], groups)
        scores = combined_scores(linear, [self.linear.thresholds[label] for label in CLAIM_LABELS], tuned, self.weight)
        return [dict(zip(CLAIM_LABELS, map(float, row))) for row in scores]
