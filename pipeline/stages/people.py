"""Whether a capitalised phrase reads as a person's name: a given name, then words that are names.

The small NER takes many people for organisations where the context says little (``Clare Barclay,
Microsoft UK``, ``(AP Photo/Ben Curtis)``, a line-up's ``Gianluca Guidi``). A name that opens with
a given name and runs on in words no dictionary has as common nouns is a person's, whatever the NER
guessed; ``Morgan Stanley`` is the rare company it would take, ``Meta Platforms`` and ``Sydney Cricket
Ground`` it leaves alone (``platform`` and ``ground`` are common nouns).

Given names: Jörg Michael's list of about 37,000 first names from some fifty countries, as the
``gender-guesser`` package carries it (``data/nam_dict.txt``, GNU Free Documentation License; only
the file is read, none of the package's code is imported). Common nouns: the lemmatizer's word index
in the pinned ``en_core_web_sm`` (WordNet's nouns, verbs, adjectives and adverbs).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

NAMES_PACKAGE = "gender_guesser"
NAMES_FILE = "data/nam_dict.txt"
# an entry: a gender code in two columns, a space, the name, then its frequency by country (``#`` opens
# a comment line, ``=`` an equivalence between two spellings); names of two words or joined by ``+``
# give their first word, a name too
LIST_ENTRY = re.compile(r"(?m)^[^#=\n]. ([^\W\d_]+) ")
# a name's word: capitalised letters, an inner hyphen or apostrophe (``Saker-Clark``, ``O'Neill``)
NAME_WORD = re.compile(r"[A-Z][^\W\d_A-Z]+(?:[-'’][A-Z]?[^\W\d_]+)?")


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Every one-word given name of the list, as it is capitalised."""
    spec = find_spec(NAMES_PACKAGE)  # found, not imported: the file is data, the package's code is not used
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the list of given names comes with the {NAMES_PACKAGE!r} package: "
                                  "pip install gender-guesser==0.4.0 (a dependency of claims)")
    folder = Path(next(iter(spec.submodule_search_locations)))
    text = (folder / NAMES_FILE).read_text(encoding="utf-8")
    names = {name for name in LIST_ENTRY.findall(text) if name[0].isupper() and not name.isupper()}
    return frozenset(names)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The lower-case words the pinned package's lemmatizer knows as nouns, verbs, adjectives, adverbs."""
    from spacy.lookups import Lookups

    from pipeline.stages.ner import BASE_MODEL, package_folder

    lookups = Lookups().from_disk(package_folder(BASE_MODEL) / "lemmatizer" / "lookups")
    index = lookups.get_table("lemma_index")
    return frozenset(word for words in index.values() for word in words)


def is_common_word(word: str) -> bool:
    """``Platforms``, ``Research``: the word, or its singular, is a common one."""
    lower = word.lower()
    words = common_words()
    return lower in words or (lower.endswith("s") and lower[:-1] in words) or (
        lower.endswith("es") and lower[:-2] in words)


# Romance articles open places and outlets (``Le Havre``, ``El Mundo``) and are given names in the list
ARTICLES = frozenset({"le", "la", "les", "el", "los", "las", "il", "lo"})


def reads_as_personal_name(name: str, not_names: frozenset[str] | set[str] = frozenset()) -> bool:
    """Two or three name words, the first a given name and no article, none after it a common word
    that is no given name, none of them a function word (``The``, ``Will`` are given names too) or
    one of ``not_names`` (lower case: an organisation's head words)."""
    words = name.split()
    if not 2 <= len(words) <= 3 or not all(NAME_WORD.fullmatch(w) for w in words):
        return False
    if words[0].lower() in ARTICLES or any(w.lower() in not_names or w.lower() in STOP_WORDS for w in words):
        return False
    given = given_names()
    return re.split(r"[-'’]", words[0])[0] in given and not any(is_common_word(w) and w not in given for w in words[1:])
