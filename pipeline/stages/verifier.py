"""A learned check of every PERSON/ORG mention the entity rules propose.

The small NER and the rules around it over-predict: a technology defined in
brackets, a product class, an event, a headline fragment, ``The`` at the
start of a line. Word lists of such mistakes grow with every article and never
generalise; this model learns what a wrong mention looks like from the
annotated articles instead (its words, shape, head, neighbours, the line it
stands in, the source that proposed it) and drops the mentions it does not
believe. It is trained out of fold: each article's candidates come from a
gazetteer that never saw that article, as a new article's would.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

import numpy as np

from pipeline.records import Candidate
from pipeline.stages.formats import linear
from pipeline.stages.formats.cards import Card, write_card
from pipeline.stages.formats.gazetteer import GAZETTEER
from pipeline.stages.formats.linear import LinearModel

META = "verifier.json"  # the thresholds; the model itself is in verifier/
# what models/entities holds (paths inside it), each on the folder's card
ENTITY_FILES = (GAZETTEER, META, *(f"verifier/{name}" for name in linear.FILES))

WORD = re.compile(r"[\w'’&.-]+")


def shape(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "XX"
    if word[:1].isupper():
        return "Xx"
    if any(ch.isdigit() for ch in word):
        return "d"
    return "x"


def line_of(text: str, start: int, end: int) -> str:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return text[a:b if b >= 0 else len(text)]


def candidate_features(text: str, c: Candidate, gazetteer: dict[str, str]) -> dict[str, float]:
    """What a reader sees of a proposed mention, as sparse features."""
    name = text[c.start:c.end]
    words = name.split()
    before = WORD.findall(text[max(0, c.start - 40):c.start])
    after = WORD.findall(text[c.end:c.end + 40])
    line = line_of(text, c.start, c.end)
    line_words = WORD.findall(line)
    capitalised = sum(w[:1].isupper() for w in line_words) / max(1, len(line_words))
    lab = c.label
    f = {
        f"{lab}|source={c.source}": 1.0,
        f"{lab}|name={name.lower()}": 1.0,
        f"{lab}|head={words[-1].lower()}": 1.0,
        f"{lab}|first={words[0].lower()}": 1.0,
        f"{lab}|shape={' '.join(shape(w) for w in words[:4])}": 1.0,
        f"{lab}|words={min(len(words), 5)}": 1.0,
        f"{lab}|prev={before[-1].lower() if before else '<s>'}": 1.0,
        f"{lab}|next={after[0].lower() if after else '</s>'}": 1.0,
        f"{lab}|in_brackets": float(text[c.start - 1:c.start] == "(" and text[c.end:c.end + 1] == ")"),
        f"{lab}|line_start": float(line.lstrip().startswith(name)),
        f"{lab}|title_line": float(len(line_words) > 3 and capitalised > 0.7),
        f"{lab}|short_line": float(len(line_words) <= 6),
        f"{lab}|known": float(name in gazetteer),
        f"{lab}|lower": float(name.islower()),
        f"{lab}|digit": float(any(ch.isdigit() for ch in name)),
        f"{lab}|len": float(np.log1p(len(name))),
    }
    for w in words:
        f[f"{lab}|word={w.lower()}"] = 1.0
    return f


class EntityVerifier:
    """A logistic regression over the candidates' features and a threshold per label;
    keeps the mentions it believes."""

    def __init__(self, model: LinearModel, thresholds: dict[str, float]):
        self.model = model
        self.thresholds = thresholds

    def scores(self, text: str, found: Sequence[Candidate], gazetteer: dict[str, str]) -> np.ndarray:
        """P(the mention is right) per candidate."""
        rows = [candidate_features(text, c, gazetteer) for c in found]
        return self.model.probabilities({"features": rows})[:, 0]

    def keep(self, text: str, found: list[Candidate], gazetteer: dict[str, str]) -> list[Candidate]:
        p = self.scores(text, found, gazetteer)
        return [c for c, s in zip(found, p) if s >= self.thresholds[c.label]]


def make_model(seed: int, C: float = 1.0):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline([("features", DictVectorizer()),
                     ("model", LogisticRegression(C=C, max_iter=2000, random_state=seed))])


def load_verifier(folder: str | Path | None) -> EntityVerifier | None:
    """The verifier ``claims train`` saved in ``folder``, every file checked by the folder's card;
    None when no folder is configured, when the folder is not here (``spacy.load`` fills the stage
    from its own copy), or when the card records no verifier and there is none."""
    if not folder or not Path(folder).is_dir():
        return None
    card = Card.of(folder)
    if not card.lists(META) and not (Path(folder) / META).exists():
        return None
    meta = card.json(META)  # a verifier.json the card does not list is refused here
    return EntityVerifier(LinearModel.load(card, "verifier"), meta["thresholds"])


def write_entity_card(folder: str | Path) -> dict:
    """The card of an entity models folder: the sha256 of each of its files that is there."""
    folder = Path(folder)
    return write_card(folder, {"model": "claims_entities",
                               "about": "the entity stage's gazetteer and learned verifier (figures: "
                                        "the classifier's card)"},
                      [name for name in ENTITY_FILES if (folder / name).is_file()])
