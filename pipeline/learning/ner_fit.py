"""Fit the pinned NER on the annotated articles, and save it for the ``ner`` stage.

The pinned ``en_core_web_sm`` NER has never read these articles: every
organisation it misses and every boundary it gets wrong, the rules after it
can only patch. Updating it on the gold's PERSON and ORG spans teaches it the
spec's names; its other labels (GPE, DATE, MONEY...) the gold does not
annotate, so its own predictions on the same texts are kept as silver
labels (rehearsal), lest it forget them. Same architecture, same speed.

A rebuild is reproducible: fixed seeds, a seeded shuffle, and thinc's CPU
operations, which are deterministic on one machine (``tests/learning/test_ner_fit.py``).
"""

from __future__ import annotations

import json
import random
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterator, Sequence

from pipeline.evaluation.scoring import GoldDocument
from pipeline.records import ENTITY_LABELS
from pipeline.stages.formats.cards import write_card
from pipeline.stages.ner import SETTINGS, WEIGHTS, package_settings


@dataclass(frozen=True)
class NerSettings:
    """How the NER is fitted (``[ner]`` in ``configs/train.cfg``)."""

    epochs: int = 10
    dropout: float = 0.1
    batch_docs: int = 4
    # only the layers above the NER's own tok2vec learn; the token vectors stay the package's
    freeze_tok2vec: bool = False
    learn_rate: float = 0.001
    # copies of each article in which every gold name of ``swap_labels`` is swapped for another of its label
    mention_swaps: int = 0
    swap_labels: tuple[str, ...] = ENTITY_LABELS
    # fits, each with its own seed, whose weights are averaged
    seeds: int = 1


def silver_and_gold(text: str, gold: Sequence[tuple[int, int, str]],
                    predicted: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The gold's PERSON and ORG, and the model's own other labels where they overlap no gold name."""
    names = [(s, e, label) for s, e, label in gold if label in ENTITY_LABELS]
    silver = [(s, e, label) for s, e, label in predicted if label not in ENTITY_LABELS
              and not any(s < ge and gs < e for gs, ge, _ in names)]
    return sorted(names + silver)


Names = list[tuple[int, int, str]]


def name_pool(docs: Sequence[tuple[str, Names]], labels: Sequence[str] = ENTITY_LABELS) -> dict[str, list[str]]:
    """Every distinct one-line name of each label, sorted, so that a seeded draw is reproducible."""
    pool: dict[str, set[str]] = {label: set() for label in labels}
    for text, names in docs:
        for s, e, label in names:
            if label in pool and "\n" not in text[s:e]:
                pool[label].add(text[s:e])
    return {label: sorted(found) for label, found in pool.items() if found}


def with_names_swapped(text: str, names: Names, pool: dict[str, list[str]],
                       rng: random.Random) -> tuple[str, Names]:
    """The article with each name of the pool's labels replaced by another of its label, the same
    name by the same one (the other names stay, at their new offsets).

    Articles repeat their names: a model fitted on 100 of them learns the names as much as the
    places names stand in. Swapped, a name's context is what is left to learn from."""
    chosen: dict[tuple[str, str], str] = {}
    parts: list[str] = []
    out: Names = []
    at = length = 0
    for s, e, label in sorted(names):
        if s < at:
            continue
        new = chosen.setdefault((text[s:e], label), rng.choice(pool[label])) if label in pool else text[s:e]
        parts += [text[at:s], new]
        length += s - at
        out.append((length, length + len(new), label))
        length += len(new)
        at = e
    parts.append(text[at:])
    return "".join(parts), out


def with_swapped_copies(docs: Sequence[tuple[str, Names]], copies: int, seed: int,
                        labels: Sequence[str] = ENTITY_LABELS) -> list[tuple[str, Names]]:
    """``docs`` and ``copies`` versions of each with the names of ``labels`` swapped (``with_names_swapped``)."""
    if not copies:
        return list(docs)
    rng = random.Random(seed)
    pool = name_pool(docs, labels)
    return list(docs) + [with_names_swapped(text, names, pool, rng) for _ in range(copies) for text, names in docs]


def training_examples(nlp, docs: Sequence[tuple[str, Names]]) -> list:
    """One Example per article (its text and gold names), tokenised as a run tokenises it; a gold
    span whose edges fall inside a token is left unknown to the model (spaCy's ``-``), not taught
    as outside."""
    from spacy.training import Example
    from spacy.util import filter_spans

    ner = nlp.get_pipe("ner")
    out = []
    for (text, names), predicted in zip(docs, ner.pipe(nlp.make_doc(text) for text, _ in docs)):
        ents = silver_and_gold(text, names, [(e.start_char, e.end_char, e.label_) for e in predicted.ents])
        doc = nlp.make_doc(text)
        aligned = [doc.char_span(s, e, label=label) for s, e, label in ents]
        kept = {(x.start_char, x.end_char, x.label_) for x in filter_spans([x for x in aligned if x is not None])}
        # misaligned spans go in as offsets: spaCy marks their tokens unknown
        spans = [(s, e, label) for (s, e, label), x in zip(ents, aligned)
                 if x is None and not any(s < ke and ks < e for ks, ke, _ in kept)]
        with warnings.catch_warnings():  # W030 says what the comment above means: those tokens are unknown
            warnings.filterwarnings("ignore", message=r"\[W030\]")
            out.append(Example.from_dict(doc, {"entities": sorted(kept) + spans}))
    return out


class FrozenLayers:
    """An optimizer that leaves some layers as they are: their gradients are dropped."""

    def __init__(self, optimizer, frozen_ids: set[int]):
        self.optimizer = optimizer
        self.frozen_ids = frozen_ids

    def __call__(self, key, weights, gradient, *, lr_scale: float = 1.0):
        if key[0] in self.frozen_ids:
            gradient *= 0
            return weights, gradient
        return self.optimizer(key, weights, gradient, lr_scale=lr_scale)

    def __getattr__(self, name):
        return getattr(self.optimizer, name)


def package_optimizer(base_model: str, learn_rate: float):
    """The optimizer the package was trained with (Adam, weight decay, parameter averages)."""
    import spacy

    from pipeline.stages.ner import package_folder

    config = spacy.util.load_config(package_folder(base_model) / "config.cfg", interpolate=True)
    block = {**config["training"]["optimizer"], "learn_rate": learn_rate}
    return spacy.registry.resolve({"optimizer": block})["optimizer"]


def fit_epochs(nlp, docs: Sequence[GoldDocument], settings: NerSettings, seed: int,
               base_model: str, log: Callable[[str], None] = print) -> Iterator[int]:
    """Update ``nlp``'s NER in place, epoch by epoch; yields after each epoch with the averaged
    weights in place (what would be saved), so that one run can be scored at several epochs."""
    from spacy.util import fix_random_seed

    fix_random_seed(seed)
    rng = random.Random(seed)
    articles = with_swapped_copies([(d.text, d.entities) for d in docs], settings.mention_swaps, seed,
                                   settings.swap_labels)
    examples = training_examples(nlp, articles)
    ner = nlp.get_pipe("ner")
    optimizer = package_optimizer(base_model, settings.learn_rate)
    if settings.freeze_tok2vec:
        optimizer = FrozenLayers(optimizer, {node.id for node in ner.model.get_ref("tok2vec").walk()})
    for epoch in range(1, settings.epochs + 1):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for i in range(0, len(examples), settings.batch_docs):
            ner.update(examples[i:i + settings.batch_docs], drop=settings.dropout, sgd=optimizer, losses=losses)
        log(f"NER epoch {epoch}/{settings.epochs}: loss {losses.get('ner', 0.0):.1f}")
        with ner.model.use_params(optimizer.averages):
            yield epoch


def fit_ner(nlp, docs: Sequence[GoldDocument], settings: NerSettings, seed: int, base_model: str,
            log: Callable[[str], None] = print) -> bytes:
    """The fitted NER's weights (``WEIGHTS``), after ``settings.epochs`` epochs; with ``settings.seeds``
    above 1, the mean of that many fits from the package's weights, each with its own seed (a retrain
    moves held-out ORG by a point or two either way: the mean keeps what the fits agree on)."""
    ner = nlp.get_pipe("ner")
    start = ner.to_bytes(exclude=["vocab"]) if settings.seeds > 1 else b""
    fits = []
    for k in range(settings.seeds):
        if k:
            ner.from_bytes(start, exclude=["vocab"])
        for epoch in fit_epochs(nlp, docs, settings, seed + k, base_model, log):
            if epoch == settings.epochs:
                fits.append(ner.to_bytes(exclude=["vocab"]))
    return fits[0] if len(fits) == 1 else mean_weights(ner, fits)


def mean_weights(ner, fits: Sequence[bytes]) -> bytes:
    """The weights whose every parameter is the mean of that parameter over ``fits`` (one architecture)."""
    nodes = list(ner.model.walk())
    total: dict[tuple[int, str], object] = {}
    for weights in fits:
        ner.from_bytes(weights, exclude=["vocab"])
        for i, node in enumerate(nodes):
            for name in node.param_names:
                if node.has_param(name):
                    value = node.get_param(name)
                    total[i, name] = value.copy() if (i, name) not in total else total[i, name] + value
    for (i, name), value in total.items():
        nodes[i].set_param(name, value / len(fits))
    return ner.to_bytes(exclude=["vocab"])


def save_ner(weights: bytes, folder: str | Path, base_model: str, card: dict) -> dict:
    """``folder``: the weights, the config block that builds them, and the card listing both."""
    import spacy
    import thinc

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / WEIGHTS).write_bytes(weights)
    (folder / SETTINGS).write_text(json.dumps(package_settings(base_model), indent=2, sort_keys=True) + "\n")
    fields = {"model": "claims_ner", "base_model": base_model,
              "versions": {"spacy": spacy.__version__, "thinc": thinc.__version__}, **card}
    return write_card(folder, fields, [SETTINGS, WEIGHTS])


def write_ner_folder(docs: Sequence[GoldDocument], nlp, folder: str | Path, settings: dict, seed: int,
                     source: dict | None = None, log: Callable[[str], None] = print) -> dict:
    """``models/ner``: the NER of ``nlp`` (the package's) fitted on ``docs`` when ``settings["fit"]``
    (``[ner]`` in ``configs/train.cfg``), else its weights unchanged, so that a run reads its NER
    from one checked folder either way."""
    base_model = nlp.config["components"]["ner"]["base_model"]
    fitted = NerSettings(**{k: v for k, v in settings.items() if k != "fit"})
    if settings.get("fit"):
        weights = fit_ner(nlp, docs, fitted, seed, base_model, log)
        card = {"fitted": True, "settings": {**asdict(fitted), "seed": seed},
                "training": {"gold_labels": list(ENTITY_LABELS),
                             "rehearsal": "the base model's own other labels on the same texts, outside gold names"},
                "data": {"documents": len(docs), **(source or {})},
                "figures": "docs/accuracy.md (leave one region out, CoNLL-2003: benchmarks/ner_adaptation.py)"}
    else:
        weights = nlp.get_pipe("ner").to_bytes(exclude=["vocab"])
        card = {"fitted": False, "about": "the base model's NER, unchanged ([ner] fit = false)"}
    card = save_ner(weights, folder, base_model, card)
    what = f"fitted on {len(docs)} documents" if settings.get("fit") else "the base model's, unchanged"
    log(f"NER: {what}; saved in {folder}")
    return card


def base_pipeline(config_path: str | Path | None = None):
    """The run's tokenizer and the package's own NER, nothing else: what the NER is fitted in."""
    from pipeline.config import build_pipeline, load_config

    config = load_config(config_path)
    config["nlp"]["pipeline"] = ["ner"]
    config["components"] = {"ner": {**config["components"]["ner"], "model": None}}
    return build_pipeline(config)
