"""Fine-tune all-MiniLM-L6-v2 on the gold's body sentences, and export it for onnxruntime.

Training time only (the ``train-encoder`` extra: torch and transformers, about
a gigabyte); ``claims train --set fine_tune.enabled=true`` runs it after the
linear classifier, on the same body sentences, and a run reads the exported
network without torch (``pipeline.stages.fine_tuned``). The network reads the
previous body sentence and the sentence as a pair and pools the sentence's
own tokens, so it sees the passage but labels the sentence; one sigmoid per
label, trained with binary cross-entropy.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable

import numpy as np

from pipeline.extras import require
from pipeline.records import CLAIM_LABELS
from pipeline.stages.fine_tuned import MODEL, SETTINGS, TOKENIZER, encode_pairs, pair_tokenizer, previous_texts
from pipeline.stages.formats.cards import write_card

# what fine-tuning imports, from the ``train-encoder`` extra; onnxruntime comes with it, for the run after
MODULES = ("torch", "transformers", "all_minilm_l6_v2", "onnxscript", "onnxruntime")
DEFAULTS = {"epochs": 4, "learn_rate": 5e-5, "batch": 16, "max_length": 128, "warmup": 0.1, "weight_decay": 0.01}


def network(folder: Path):
    """MiniLM with a linear head over the mean of the sentence's (second segment's) token states."""
    import torch
    from transformers import AutoModel

    class Tagger(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(folder), attn_implementation="eager")
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, len(CLAIM_LABELS))

        def forward(self, input_ids, attention_mask, token_type_ids):
            states = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                                  token_type_ids=token_type_ids).last_hidden_state
            weights = (attention_mask * token_type_ids).unsqueeze(-1).to(states.dtype)
            pooled = (states * weights).sum(1) / weights.sum(1).clamp(min=1.0)
            return self.head(pooled)

    return Tagger()


def as_tensors(batch: dict[str, np.ndarray]):
    import torch

    return {k: torch.from_numpy(v) for k, v in batch.items()}


def fine_tune(texts: list[str], groups: list[int], labels: np.ndarray, out_dir: str | Path, settings: dict[str, Any],
              seed: int, source: dict | None = None, log: Callable[[str], None] = print) -> dict:
    """Fit on ``texts`` (body sentences in document order; ``groups`` their documents) and
    write ``out_dir``: the ONNX network, its tokenizer, its settings and a card."""
    require("train-encoder", *MODULES)
    import torch

    from pipeline.learning.distill import MINILM_NAME, MINILM_SHA256, minilm_folder

    settings = {**DEFAULTS, **{k: v for k, v in settings.items() if k in DEFAULTS}}
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True, warn_only=True)
    out_dir = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="claims-minilm-") as tmp:
        folder = minilm_folder(Path(tmp))
        tokenizer_json = (folder / TOKENIZER).read_text(encoding="utf-8")
        tokenizer = pair_tokenizer(tokenizer_json, int(settings["max_length"]))
        previous = previous_texts(texts, groups)
        net = train_network(network(folder), tokenizer, texts, previous, labels, settings, seed, log)
        out_dir.mkdir(parents=True, exist_ok=True)
        export(net, tokenizer, out_dir / MODEL)
        (out_dir / TOKENIZER).write_text(tokenizer_json, encoding="utf-8")
    (out_dir / SETTINGS).write_text(json.dumps({"labels": list(CLAIM_LABELS), "max_length": int(settings["max_length"]),
                                                "batch": 32}, indent=2) + "\n")
    card = {"model": "claims fine-tuned encoder",
            "method": "all-MiniLM-L6-v2 fine-tuned on (previous body sentence, sentence) pairs, "
                      "mean of the sentence's token states -> one sigmoid per label (binary cross-entropy)",
            "source": {"name": MINILM_NAME, "model.safetensors sha256": MINILM_SHA256},
            "training": {**settings, "seed": seed, "torch": torch.__version__},
            "data": {"sentences": len(texts), "positives": {label: int(labels[:, j].sum())
                                                            for j, label in enumerate(CLAIM_LABELS)}, **(source or {})}}
    return write_card(out_dir, card, [MODEL, TOKENIZER, SETTINGS])


def train_network(net, tokenizer, texts, previous, labels, settings, seed, log):
    """AdamW with a linear warm-up and decay, shuffled batches, ``epochs`` passes."""
    import torch

    batch, epochs = int(settings["batch"]), int(settings["epochs"])
    steps = epochs * -(-len(texts) // batch)
    warmup = max(1, int(float(settings["warmup"]) * steps))
    optimiser = torch.optim.AdamW(net.parameters(), lr=float(settings["learn_rate"]),
                                  weight_decay=float(settings["weight_decay"]))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: s / warmup if s < warmup else max(0.0, (steps - s) / max(1, steps - warmup)))
    y = torch.tensor(labels, dtype=torch.float32)
    rng = np.random.default_rng(seed)
    net.train()
    for epoch in range(epochs):
        order, total = rng.permutation(len(texts)), 0.0
        for start in range(0, len(texts), batch):
            rows = order[start:start + batch]
            inputs = as_tensors(encode_pairs(tokenizer, [previous[i] for i in rows], [texts[i] for i in rows]))
            loss = torch.nn.functional.binary_cross_entropy_with_logits(net(**inputs), y[rows])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item() * len(rows)
        log(f"fine-tune epoch {epoch + 1}/{epochs}: loss {total / len(texts):.4f}")
    return net.eval()


def export(net, tokenizer, path: Path) -> None:
    """The network with its sigmoid, as ONNX with the batch and the length dynamic."""
    import torch

    class WithSigmoid(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return torch.sigmoid(self.inner(input_ids, attention_mask, token_type_ids))

    names = ["input_ids", "attention_mask", "token_type_ids"]
    # two pairs of different lengths, so the example is padded as a real batch is
    example = as_tensors(encode_pairs(tokenizer, ["A first sentence.", ""],
                                      ["And a second one, a little longer.", "A third."]))
    with tempfile.TemporaryDirectory() as tmp, torch.no_grad():
        wrapped = WithSigmoid(net).eval()
        staged = Path(tmp) / MODEL
        # torch.export's exporter: the older tracing one reads transformers' masking branches as constants
        # and gives other numbers than torch (docs/accuracy.md)
        shape = {0: torch.export.Dim("batch"), 1: torch.export.Dim("tokens")}
        torch.onnx.export(wrapped, tuple(example[n] for n in names), str(staged), input_names=names,
                          output_names=["probabilities"], dynamo=True, dynamic_shapes=(shape,) * len(names),
                          external_data=False, verbose=False)
        shutil.copyfile(staged, path)
