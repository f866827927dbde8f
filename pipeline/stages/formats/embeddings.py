"""Sentence vectors that carry over to words the training articles never used.

An n-gram model knows the words of its training articles; a sentence about
the EU's AI rules or a US export control uses others. Dense vectors from a
sentence encoder place such sentences near the ones it has seen. The encoder
here is a static distillation of all-MiniLM-L6-v2 (model2vec): one vector per
token, averaged, made once at training time, so a run needs neither torch nor
the 90 MB transformer, and encodes over 10,000 sentences a second.

``claims distill`` makes it (``pipeline.learning.distill``); every file a run
reads is checked against its card first (``pipeline.stages.formats.cards``),
so a changed file never runs.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from pipeline.errors import EmbeddingError
from pipeline.stages.formats.cards import CARD, Card

CONTEXT_WEIGHT = 0.5


class SentenceEncoder:
    """The static encoder of a models folder, checked file by file against its card.

    A static model is a tokenizer and one vector per token; a sentence's
    vector is the mean of its tokens' vectors. That is done here as model2vec
    does it (``tests/stages/formats/test_embeddings.py`` checks the vectors equal
    model2vec's), with the ``tokenizers`` and ``safetensors`` packages alone:
    a run imports neither model2vec nor huggingface_hub, and starts faster.
    """

    def __init__(self, folder: str | Path):
        from safetensors.numpy import load
        from tokenizers import Tokenizer

        folder = Path(folder)
        self.folder = folder
        if not (folder / CARD).is_file():
            raise EmbeddingError(f"sentence encoder not found: {folder / CARD} (run `claims distill`)")
        card = Card.of(folder)  # each file read once: checked, then parsed
        self.card = card.fields
        config = card.json("config.json")
        self.vectors = load(card.read("model.safetensors"))["embeddings"]
        self.tokenizer = Tokenizer.from_str(card.read("tokenizer.json").decode("utf-8"))
        self.normalize = bool(config.get("normalize", False))
        self.max_tokens = int(config.get("max_length", 512))
        vocabulary = sorted(self.tokenizer.get_vocab().items(), key=lambda pair: pair[1])
        # texts are cut to this many characters before tokenizing, as model2vec does
        self.max_chars = self.max_tokens * int(np.median([len(token) for token, _ in vocabulary]))
        self.tokenizer.enable_truncation(self.max_tokens)
        unknown = getattr(self.tokenizer.model, "unk_token", None)
        self.unknown_id = self.tokenizer.token_to_id(unknown) if unknown else None

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256((self.folder / CARD).read_bytes()).hexdigest()

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, int(self.card["dims"])))
        return unit_rows(np.asarray(self.token_means(texts), dtype=np.float64))

    def token_means(self, texts: list[str]) -> np.ndarray:
        """Each text's mean token vector (in the vectors' own dtype), normalised if the config says so."""
        encodings = self.tokenizer.encode_batch_fast([t[:self.max_chars] for t in texts], add_special_tokens=False)
        ids = [[i for i in e.ids if i != self.unknown_id] for e in encodings]
        out = np.zeros((len(ids), self.vectors.shape[1]), dtype=self.vectors.dtype)
        by_length: dict[int, list[int]] = {}
        for row, token_ids in enumerate(ids):
            if token_ids:
                by_length.setdefault(len(token_ids), []).append(row)
        for rows in by_length.values():  # equal lengths stack into one array, as model2vec batches them
            out[rows] = self.vectors[np.array([ids[r] for r in rows], dtype=np.int64)].mean(axis=1)
        if self.normalize:
            as32 = out.astype(np.float32)
            return (as32 / (np.linalg.norm(as32, axis=1, keepdims=True) + 1e-32)).astype(out.dtype)
        return out


def unit_rows(m: np.ndarray) -> np.ndarray:
    return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)


def context_vectors(vectors: np.ndarray, groups: np.ndarray, weight: float = CONTEXT_WEIGHT) -> np.ndarray:
    """Each body sentence's vector beside its predecessor's and its document's mean.

    Policy by reference (``It named an important ASML technology``, after an
    export control) is a matter of context: the sentence alone cannot show it.
    ``groups`` gives each row's document, rows in document order.
    """
    prev = np.zeros_like(vectors)
    mean = np.zeros_like(vectors)
    for g in np.unique(groups):
        idx = np.where(groups == g)[0]
        prev[idx[1:]] = vectors[idx[:-1]]
        mean[idx] = unit_rows(vectors[idx].mean(axis=0, keepdims=True))
    return np.hstack([vectors, prev * weight, mean * weight])
