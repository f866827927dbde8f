"""Stage: score each body sentence as metric, target and policy (spec §2).

Claims are multi-label and the training set is small, so the model is a
linear one per label over views of a sentence: its words (n-grams, with
numbers folded to one token so that `41.06` and `3.2` look alike), a few
hand-made cues the spec itself names (a stated quantity, a forward-looking
marker, an instrument word, a rank), and who acts in it (``stages.actors``:
the subject of each forward-looking marker, and where the numbers stand
against it). A dense view is the sentence's vector from a static encoder,
with its predecessor's and its article's (``formats.embeddings``), for words
and contexts the training articles never had, and the vector of each marker's
subject, for actors they never had. A second stage
(``stages.passage``) then decides the three labels together, from the first
stage's scores of the sentence and of its article. The cues are also the
keyword baseline that runs when no trained model is configured.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterable, Sequence

from spacy.attrs import IS_SPACE, ORTH
from spacy.language import Language
from spacy.lexeme import Lexeme
from spacy.tokens import Doc
from spacy.util import minibatch

from pipeline.errors import ConfigError
from pipeline.extensions import document_text, record_error, sentence_bounds
from pipeline.patterns import quick_search
from pipeline.records import CLAIM_LABELS, Entity, Quantity, within_each
from pipeline.stages.actors import Actors, actors_of
from pipeline.stages.decisions import YEAR, decided_labels, with_list_items
from pipeline.stages.formats.cards import Card
from pipeline.stages.formats.linear import LinearModel
from pipeline.stages.passage import PASSAGE, passage_features

FEATURES_VERSION = "claims.features.v7"
THRESHOLDS = "thresholds.json"  # the per-label cuts, beside the model

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")

CUES: dict[str, re.Pattern[str]] = {
    # target: explicit forward-looking markers (spec §8)
    "future_will": re.compile(r"\b(?:will|would|shall)\b(?!\s+(?:be\s+)?(?:likely|able)\b)", re.I),
    # an actor's intent: the verb and its ``to`` (``plans to``), not the noun ``plans``
    "future_intent": re.compile(
        r"\b(?:aims?|aiming|aimed|plans?|planning|planned|seeks?|seeking|intends?|intending|"
        r"strives?|striving|pledged?|pledging|vows?|vowed|vowing|commits?|committed|ready|willing|"
        r"set|going|determined|expects?|expecting|hopes?|hoping|targets?|targeting)\s+to\b|"
        r"\b(?:aimed at|with the (?:goal|aim|target) of|commitment to|is to|are to)\b", re.I),
    "goal_word": re.compile(r"\b(?:targets?|targeted|targeting|goals?|objectives?|milestones?)\b", re.I),
    "by_year": re.compile(r"\b(?:by|before|until|through)\s+(?:the\s+end\s+of\s+)?(?:19|20)\d\d\b", re.I),
    "forecast": re.compile(r"\b(?:expected|projected|forecast|estimated|predicted|likely)\b", re.I),
    "should": re.compile(r"\b(?:should|must|called for|calls? for|urged?|need(?:s|ed)? to)\b", re.I),
    "ongoing": re.compile(r"\b(?:is|are)\s+(?:\w+ing|working|beefing)\b", re.I),
    # policy: governance instruments and actions
    "instrument": re.compile(
        r"\b(?:guidelines?|guidance|regulations?|regulatory|rules?|laws?|legislation|acts?|"
        r"policy|policies|measures?|plans?(?!\s+(?:to|period)\b)|initiatives?|programmes?|programs?|pilots?|"
        r"demonstration|zones?|frameworks?|agreements?|mous?|memorand\w+|standards?|"
        r"strateg(?:y|ies)|action plan|five-year plan(?!\s+period)|opinions?|circulars?|directives?|"
        r"subsid(?:y|ies)|incentives?|funds?|property rights|basic data systems|systems?)\b", re.I),
    "governance_action": re.compile(
        r"\b(?:issued|unveiled|released|rolled out|launched|adopted|approved|enacted|"
        r"promulgated|implemented|introduced|signed|designated|reform\w*|regulat\w+|"
        r"governance|supervis\w+|oversight|compliance|deepen\w*)\b", re.I),
    # enforcement of rules: fines, lawsuits, rulings, bans, licences (spec §2 (b): regulation at work)
    "enforcement": re.compile(
        r"(?<![\w-])(?:fine[sd]|fining|(?:a|the)\s+fine|penalt(?:y|ies)|sanction(?:s|ed)?|sue[sd]?|suing|lawsuits?|litigation|courts?|"
        r"judges?|rulings?|ruled|antitrust|anti-monopoly|monopol\w*|violat\w+|infring\w+|breach\w*|enforc\w+|"
        r"investigat\w+|probes?|prosecut\w+|ban|bans|banned|banning|prohibit\w*|restrict\w*|export controls?|"
        r"licen[cs]\w*|permits?|obligations?|obliged|mandat\w+)(?![\w-])", re.I),
    "public_actor": re.compile(
        r"\b(?:government|state council|ministry|ministries|administration|commission|"
        r"council|authorit(?:y|ies)|regulators?|departments?|bureau|congress|parliament|"
        r"committee|province|municipal|central|national|country|china|eu|european)\b", re.I),
    # metric: values and ranks
    "percent": re.compile(r"%|\bper\s*cent\b|\bpercent\b|\bpercentage points?\b", re.I),
    "money": re.compile(r"\b(?:yuan|dollars?|euros?|rmb|usd|cny)\b|[$€£¥]", re.I),
    "scale_word": re.compile(r"\b(?:thousand|million|billion|trillion|mln|bln|bn)\b", re.I),
    "growth": re.compile(r"\b(?:grew|growth|increase[ds]?|rose|risen|surged?|jumped|declined?|"
                         r"fell|reached|stood at|accounted for|exceeded|totall?ed|up\s+\d)", re.I),
    "rank_ordinal": re.compile(
        r"\brank(?:s|ed|ing)?\s+(?:no\.\s*)?(?:first|second|third|fourth|fifth|top|\d+(?:st|nd|rd|th)?)\b|"
        r"\b(?:second|third|fourth|fifth)[- ](?:largest|biggest|strongest|highest)\b|"
        r"\b(?:world|country|nation|globe)(?:'s|’s)\s+(?:largest|biggest|leading|top)\b", re.I),
    "rank": re.compile(r"\b(?:rank\w*|largest|biggest|second[- ]largest|first|leads?|leading|"
                       r"top|highest|lowest)\b", re.I),
}


# The same cues matched on lower-cased text: case-insensitive matching costs the regex engine
# two to four times as much per sentence as lower-casing the sentence once (the cues are
# lower-case ASCII; tests/stages/test_classifier.py checks both agree).
LOWER_CUES = {name: re.compile(p.pattern, p.flags & ~re.I) for name, p in CUES.items()}
CUE_FOUND = {name: quick_search(p) for name, p in LOWER_CUES.items()}  # the same answers, sooner


@dataclass(frozen=True)
class SentenceView:
    """What the classifier sees of one body sentence."""

    text: str
    quantities: tuple[Quantity, ...] = ()
    entities: tuple[Entity, ...] = ()
    pattern: str = ""  # function words kept, content words as their shape: "Xx will x NUM x"
    actors: Actors = field(default_factory=Actors)  # who acts, and on what (``stages.actors``)

    @cached_property
    def lower(self) -> str:
        """The text lower-cased, once: the cues and the decisions over the labels search it with
        case-sensitive patterns, two to four times faster than case-insensitive ones."""
        return self.text.lower()

    @cached_property
    def cues(self) -> dict[str, float]:
        """``cue_features`` of the view, computed once: the model reads them, and so do the decisions
        over its labels (``decided_labels``)."""
        return cue_features(self)


# Function words carry tense, modality and purpose (``will``, ``to``, ``by``);
# the rest is reduced to its shape so that patterns generalise across topics.
# Both come from the words alone: no tagger is needed, which halves the run time.
FUNCTION_WORDS = frozenset("""
a an the this that these those to of in on at by for from with as into over under about after
before since until through between among per than and or but while although because if whether
will would shall should can could may might must is are was were be been being has have had do
does did it its they their them we our he his she her which who whom whose not also more most
such there here no only both each all some any other new
""".split())
KEPT_STEMS = ("aim", "plan", "seek", "sought", "target", "goal", "expect", "forecast", "project",
              "estimat", "call", "issu", "releas", "launch", "rank", "reach", "said", "say",
              "accord", "commit", "striv", "intend", "urg", "need", "objective")


WORD_CLASSES: dict[int, str] = {}  # by orth: a word's class depends on its text alone


def word_classes(doc: Doc) -> list[str | None]:
    """Each token's word class (None for whitespace), read from the Doc's arrays: a sentence's
    pattern is then a slice, and no Token object is made for it."""
    classes: list[str | None] = []
    for orth, is_space in doc.to_array([ORTH, IS_SPACE]).tolist():
        if is_space:
            classes.append(None)
            continue
        known = WORD_CLASSES.get(orth)
        if known is None:
            known = class_of_word(doc.vocab[orth])
            if len(WORD_CLASSES) < 500_000:
                WORD_CLASSES[orth] = known
        classes.append(known)
    return classes


def class_of_word(word: Lexeme) -> str:
    """A kept word as itself (lower case), anything else as its shape."""
    low = word.lower_
    if word.like_num:
        return "NUM"
    if low in FUNCTION_WORDS or low.startswith(KEPT_STEMS):
        return low
    if word.is_punct:
        return word.text
    if word.is_upper and len(word.text) > 1:
        return "XX"
    return "Xx" if word.text[:1].isupper() else "x"


def views_of(doc: Doc, bounds: Sequence[tuple[int, int]]) -> list[SentenceView]:
    """The classifier's view of each ``doc.text[start:end]`` with the stages' findings inside it.

    The pattern is the sentence as kept words and shapes, for n-grams that carry over between topics.
    """
    text, quantities, entities = document_text(doc), doc._.quantities or [], doc._.claim_entities or []
    classes = word_classes(doc)
    spans = [doc.char_span(start, end, alignment_mode="expand") for start, end in bounds]
    ranges = [(0, 0) if span is None else (span.start, span.end) for span in spans]
    inner_quantities = within_each(quantities, bounds)
    actors = actors_of(doc, ranges, [[q.start for q in inside] for inside in inner_quantities])
    return [SentenceView(text=text[start:end], quantities=tuple(inside), entities=tuple(inner_entities),
                         pattern=" ".join(c for c in classes[a:b] if c is not None), actors=who)
            for (start, end), (a, b), inside, inner_entities, who
            in zip(bounds, ranges, inner_quantities, within_each(entities, bounds), actors)]


def normalised_text(text: str) -> str:
    """Lower-case words with years and numbers folded, for the n-gram view."""
    text = YEAR.sub(" _year_ ", text)
    return NUMBER.sub(" _num_ ", text).lower()


def cue_features(view: SentenceView) -> dict[str, float]:
    """Spec-named cues as numeric features (part of ``FEATURES_VERSION``)."""
    text = view.lower
    feats = {f"cue:{name}": float(found(text)) for name, found in CUE_FOUND.items()}
    units = {q.unit for q in view.quantities}
    feats.update({
        "q:any": float(bool(view.quantities)),
        "q:count": math.log1p(len(view.quantities)),
        "q:percent": float("%" in units),
        "q:money": float(any(u and len(u) == 3 and u.isupper() for u in units)),
        "q:fold": float("fold" in units),
        "ent:org": float(any(e.label == "ORG" for e in view.entities)),
        "ent:person": float(any(e.label == "PERSON" for e in view.entities)),
        "len": math.log1p(len(view.text.split())),
    })
    feats.update(view.actors.cues)
    return feats


def rule_scores(view: SentenceView) -> dict[str, float]:
    """Keyword baseline: the cues combined by hand, no training."""
    f = view.cues
    c = {k.split(":", 1)[1]: v for k, v in f.items() if k.startswith("cue:")}
    forward = max(c["future_will"], c["future_intent"], c["goal_word"])
    metric = 0.15 + 0.6 * f["q:any"] + 0.4 * c["rank_ordinal"] * (1 - f["q:any"]) - 0.35 * forward * (1 - c["forecast"]) * f["q:any"]
    target = 0.1 + 0.6 * forward + 0.1 * c["by_year"] - 0.3 * c["forecast"] * (1 - c["future_intent"])
    policy = 0.1 + 0.45 * c["instrument"] + 0.25 * c["governance_action"] + 0.1 * c["public_actor"]
    return {k: min(1.0, max(0.0, v)) for k, v in (("metric", metric), ("target", target), ("policy", policy))}


class RuleClassifier:
    """The keyword baseline behind the same interface as the trained model."""

    name = "rules"
    thresholds = {label: 0.5 for label in CLAIM_LABELS}

    def predict_scores(self, views: Sequence[SentenceView], groups=None) -> list[dict[str, float]]:
        return [rule_scores(v) for v in views]


class TrainedClassifier:
    """A logistic regression per label, fitted by ``claims train`` and kept as plain data
    (``formats.linear``): a run needs numpy, not scikit-learn. With a second stage
    (``stages.passage``), its scores are read again together with the passage's."""

    def __init__(self, model: LinearModel, thresholds: dict[str, float], name: str, encoder=None,
                 second: LinearModel | None = None, marker_weights: dict[str, float] | None = None):
        self.model = model
        self.thresholds = thresholds
        self.name = name
        self.encoder = encoder
        self.second = second
        self.marker_weights = marker_weights or {}

    @classmethod
    def load(cls, path: str | Path, embeddings: str | Path | None = None) -> "TrainedClassifier":
        path = Path(path)
        card = Card.of(path)  # every file below is checked against it before it is parsed
        meta = card.json(THRESHOLDS)
        encoder = encoder_for(meta.get("embeddings"), embeddings, path)
        second = LinearModel.load(card, under=PASSAGE) if meta.get("second_stage") else None
        return cls(LinearModel.load(card), meta["thresholds"], meta.get("name", path.name), encoder, second,
                   meta.get("marker_vectors"))

    def predict_scores(self, views: Sequence[SentenceView], groups: Sequence[int] | None = None
                       ) -> list[dict[str, float]]:
        """Scores per view; ``groups`` gives each view's document (views in document order)."""
        if not views:
            return []
        groups = [0] * len(views) if groups is None else groups
        columns = model_columns(views)
        probs = in_label_order(self.model, self.model.probabilities(
            columns, sentence_vectors(self.encoder, views, groups, self.marker_weights)))
        if self.second is not None:  # cues a second stage was not trained on are left out by its vocabulary
            probs = in_label_order(self.second, self.second.probabilities(
                {PASSAGE: passage_features(probs, groups, columns["cues"])}))
        return [dict(zip(CLAIM_LABELS, map(float, row))) for row in probs]


def in_label_order(model: LinearModel, probs):
    """A model's columns of probabilities in ``CLAIM_LABELS`` order."""
    return probs[:, [model.outputs.index(label) for label in CLAIM_LABELS]]


def encoder_for(trained_with: str | None, folder: str | Path | None, model: Path):
    """The sentence encoder a classifier was trained with, or None if it used none."""
    if not trained_with:
        return None
    from pipeline.stages.formats.embeddings import SentenceEncoder

    if not folder:
        raise ConfigError(f"{model} was trained with sentence vectors: set components.claims_classifier.embeddings")
    encoder = SentenceEncoder(folder)  # an EmbeddingError is a ConfigError: reported at start-up
    if encoder.fingerprint != trained_with:
        raise ConfigError(f"{model} was trained with another sentence encoder than {folder}: "
                          f"run `claims train` again")
    return encoder


def sentence_vectors(encoder, views: Sequence[SentenceView], groups: Sequence[int] | None,
                     marker_weights: dict[str, float] | None = None):
    """Each view's vector with its context (``formats.embeddings``), or None without an encoder.

    ``marker_weights`` ({"subjects": w, "actions": w}) add the vectors of its forward-looking
    markers' subjects and of the verbs they govern (``stages.actors``), so the model learns a class
    of who acts (``ministry`` near ``agency`` and ``government``; ``funding`` near ``investment``) that
    carries over to heads no training sentence had before its ``will``; the subjects' own words
    cannot. A sentence without a marker has zeros there.
    """
    if encoder is None:
        return None
    import numpy as np

    from pipeline.stages.formats.embeddings import context_vectors

    groups = np.zeros(len(views), dtype=int) if groups is None else np.asarray(groups)
    blocks = [context_vectors(encoder.encode([v.text for v in views]), groups)]
    for field, weight in sorted((marker_weights or {}).items()):
        if weight:
            blocks.append(weight * encoder.encode([getattr(v.actors, field) for v in views]))
    return np.hstack(blocks)


def model_columns(views: Sequence[SentenceView]) -> dict[str, list]:
    """The views of each sentence as the columns the model reads: n-gram text, pattern, cues and
    the subjects of its forward-looking markers and the verbs they govern."""
    return {"text": [normalised_text(v.text) for v in views],
            "pattern": [v.pattern for v in views],
            "cues": [v.cues for v in views],
            "subject": [v.actors.subjects for v in views],
            "action": [v.actors.actions for v in views]}


def model_inputs(views: Iterable[SentenceView], vectors=None):
    """The columns as the DataFrame scikit-learn fits on (``v0``... for vectors)."""
    import pandas as pd

    frame = pd.DataFrame(model_columns(list(views)))
    if vectors is None:
        return frame
    return pd.concat([frame, pd.DataFrame(vectors, columns=vector_columns(vectors.shape[1]))], axis=1)


def vector_columns(dims: int) -> list[str]:
    return [f"v{i}" for i in range(dims)]


# labels that claim a value: a sentence that states a quantity makes one of them
VALUE_LABELS = ("metric", "target")


def labels_from_scores(scores: dict[str, float], thresholds: dict[str, float],
                       states_a_quantity: bool = False) -> list[str]:
    """The labels over their cuts. A body sentence that states a quantity claims a value, a
    measurement or a goal (of the training gold's 475 such sentences, 460 are metric or target): where
    neither passes its cut there, the one nearer its cut is taken, the labels' structure outweighing a
    score the words alone gave."""
    labels = {label for label in CLAIM_LABELS if scores[label] >= thresholds[label]}
    if states_a_quantity and labels.isdisjoint(VALUE_LABELS):
        labels.add(max(VALUE_LABELS, key=lambda label: scores[label] / max(thresholds[label], 1e-6)))
    return sorted(labels)


def sentence_views(doc: Doc) -> list[tuple[int, SentenceView]]:
    """(start offset, view) for each body sentence of an annotated Doc."""
    bounds = [(start, end) for _, start, end in sentence_bounds(doc, body_only=True)]
    return [(start, view) for (start, _), view in zip(bounds, views_of(doc, bounds))]


# the folders a saved pipeline keeps the stage's models in: the linear classifier, the static
# encoder its vectors come from, and the fine-tuned encoder beside it (``stages.fine_tuned``)
FOLDERS = ("classifier", "static", "fine_tuned")


class ClaimStage:
    def __init__(self, classifier, sources: tuple[str | None, ...] = (None, None, None),
                 fine_tuned_weight: float = 0.5):
        self.classifier = classifier
        self.sources = sources  # the FOLDERS to_disk copies
        self.fine_tuned_weight = fine_tuned_weight

    @property
    def missing(self) -> str | None:
        """Why there is no classifier yet (spacy.load fills it in from_disk), or None."""
        return None if self.classifier is not None else (
            f"claim classifier model not found at {self.sources[0]}: run `claims train` "
            "or set components.claims_classifier.model=null for the keyword rules")

    def __call__(self, doc: Doc) -> Doc:
        self._check_loaded()
        return self._score(doc)

    def _check_loaded(self) -> None:
        if self.missing:
            raise ConfigError(self.missing)

    def to_disk(self, path: str | Path, *, exclude=()) -> None:
        """The classifier's and the encoder's files, so that ``spacy.load`` needs no repository."""
        import shutil

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name, folder in zip(FOLDERS, self.sources):
            if folder and not isinstance(self.classifier, RuleClassifier):
                shutil.copytree(folder, path / name, dirs_exist_ok=True)

    def from_disk(self, path: str | Path, *, exclude=()) -> "ClaimStage":
        path = Path(path)
        if (path / "classifier").is_dir():
            static, tuned = (str(path / name) if (path / name).is_dir() else None for name in FOLDERS[1:])
            self.classifier = load_classifier(str(path / "classifier"), static, tuned, self.fine_tuned_weight)
            self.sources = (str(path / "classifier"), static, tuned)
        return self

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64):
        """Score a batch of documents with one model call (much faster than per doc)."""
        self._check_loaded()
        for batch in minibatch(docs, size=batch_size):
            yield from self._score_batch(list(batch))

    def _score_batch(self, docs: list[Doc]) -> list[Doc]:
        try:
            per_doc = [sentence_views(d) for d in docs]
            flat = [v for views in per_doc for _, v in views]
            groups = [i for i, views in enumerate(per_doc) for _ in views]
            scores = iter(self.classifier.predict_scores(flat, groups))
            for doc, views in zip(docs, per_doc):
                self._store(doc, {start: next(scores) for start, _ in views}, views)
            return docs
        except Exception:  # fall back to one document at a time to isolate the bad one
            return [self(d) for d in docs]

    def _score(self, doc: Doc) -> Doc:
        try:
            views = sentence_views(doc)
            scores = self.classifier.predict_scores([v for _, v in views])
            self._store(doc, dict(zip([s for s, _ in views], scores)), views)
        except Exception as err:
            self._store(doc, {}, [])
            record_error(doc, "claims_classifier", err)
        return doc

    def _store(self, doc: Doc, scores: dict[int, dict[str, float]], views: list[tuple[int, SentenceView]]) -> None:
        stated = {start for start, view in views if view.quantities}
        plans = [bool(view.cues["cue:instrument"]) for _, view in views]
        doc._.claim_scores = scores
        doc._.claim_labels = with_list_items(views, {
            start: decided_labels(labels_from_scores(scores[start], self.classifier.thresholds, start in stated), view,
                                  plan_nearby=any(plans[max(0, i - 2):i + 1]))
            for i, (start, view) in enumerate(views) if start in scores})


def load_classifier(model: str | None, embeddings: str | None = None, fine_tuned: str | None = None,
                    fine_tuned_weight: float = 0.5):
    """The trained classifier in ``model`` (with the fine-tuned encoder in ``fine_tuned`` beside
    it), the keyword rules without one, or None when the folder is not here
    (``ClaimStage.missing`` says so; ``spacy.load`` fills it from its own copy)."""
    if not model:
        if fine_tuned:
            raise ConfigError("components.claims_classifier.fine_tuned is set without a model: "
                              "the fine-tuned encoder decides together with the linear classifier")
        return RuleClassifier()
    path = Path(model)
    if not path.is_dir():
        return None
    linear = TrainedClassifier.load(path, embeddings)
    if not fine_tuned:
        return linear
    from pipeline.stages.fine_tuned import EnsembleClassifier, FineTunedEncoder

    return EnsembleClassifier(linear, FineTunedEncoder(fine_tuned), fine_tuned_weight)


@Language.factory("claims_classifier",
                  default_config={"model": None, "embeddings": None, "fine_tuned": None, "fine_tuned_weight": 0.5},
                  assigns=["doc._.claim_scores", "doc._.claim_labels"])
def make_claim_stage(nlp: Language, name: str, model: str | None, embeddings: str | None,
                     fine_tuned: str | None, fine_tuned_weight: float) -> ClaimStage:
    return ClaimStage(load_classifier(model, embeddings, fine_tuned, fine_tuned_weight),
                      (model, embeddings, fine_tuned), fine_tuned_weight)
