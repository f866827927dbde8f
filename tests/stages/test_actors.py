"""Who acts, and on what: markers, their subjects, and numbers against them."""

import pytest
import spacy
from spacy.tokens import Span

from pipeline.extensions import register_extensions
from pipeline.records import Entity
from pipeline.stages.actors import action_index, actors_of, marker_positions, subject_index

register_extensions()
NLP = spacy.blank("en")


def actors(text, ents=(), claim_entities=(), quantity_starts=()):
    """The actors of ``text`` as one sentence; ``ents`` are (word, NER label) pairs."""
    doc = NLP(text)
    spans = []
    for word, label in ents:
        start = text.index(word)
        spans.append(doc.char_span(start, start + len(word), label=label))
    doc.ents = spans
    doc._.claim_entities = [Entity(text.index(w), text.index(w) + len(w), w, label) for w, label in claim_entities]
    return actors_of(doc, [(0, len(doc))], [list(quantity_starts)])[0]


@pytest.mark.parametrize("text,expected", [
    ("the ministry will build hubs", [(2, "modal")]),
    ("the chips will be made here", [(2, "modal_be")]),
    ("asml will have to apply for a permit", [(1, "obligation")]),
    ("the cabinet has resolved to cut fees", [(3, "intent")]),
    ("the exchange is expected to serve more firms", [(3, "expect")]),
    ("a programme intended to train workers", [(2, "purpose")]),
    ("the government is drafting a plan to forge ties", []),
    ("the agency is to publish rules", [(2, "intent")]),
    ("it would help", [(1, "would")]),
])
def test_markers_are_modals_and_verbs_of_intention_before_to(text, expected):
    assert marker_positions(text.split()) == expected


def test_a_subject_is_found_past_auxiliaries_and_adverbs():
    words = "the ministry has also officially pledged to act".split()
    assert subject_index(words, words.index("pledged")) == 1
    assert subject_index("will act".split(), 0) is None
    assert subject_index("growth , which will".split(), 3) == 2


@pytest.mark.parametrize("text,expected", [
    ("the ministry will build five hubs", "build"),
    ("this will also help firms", "help"),
    ("the rules will be introduced soon", "introduced"),
    ("china aims to develop ai", "develop"),
    ("sales will", None),
])
def test_the_action_is_the_verb_the_marker_governs(text, expected):
    words = text.split()
    (marker, kind), = marker_positions(words)
    found = action_index(words, marker, kind)
    assert (None if found is None else words[found]) == expected


def test_an_actor_named_by_the_ner_is_told_from_an_event_and_a_reference():
    ministry = actors("The Ministry of Finance will spend more.", ents=[("Ministry of Finance", "ORG")])
    forum = actors("The forum will discuss data rules.")
    effect = actors("This will help unleash growth.")
    assert ministry.cues["who:ORG"] == 1.0 and "who:noun" not in ministry.cues
    assert forum.cues["who:noun"] == 1.0 and forum.subjects == "forum"
    assert effect.cues["who:refers_back"] == 1.0 and effect.subjects == "this"


def test_the_entity_stage_s_reading_overrides_the_ner_s():
    found = actors("Temu will open stores.", ents=[("Temu", "PERSON")], claim_entities=[("Temu", "ORG")])
    assert found.cues["who:ORG"] == 1.0 and "who:PERSON" not in found.cues
    assert found.cues["ner:ORG"] == 1.0


def test_a_number_after_the_marker_is_a_planned_value():
    text = "The ministry will spend $4 billion on chips, up from $2 billion."
    planned = actors(text, quantity_starts=[text.index("$4")])
    both = actors(text, quantity_starts=[text.index("$4"), text.index("$2")])
    reported = actors("Sales rose 25 percent.", quantity_starts=[11])
    assert planned.cues["q:after_marker"] == 1.0 and planned.cues["q:before_marker"] == 0.0
    assert both.cues["q:after_marker"] == 1.0
    text = "Sales of 40 units will follow."
    before = actors(text, quantity_starts=[text.index("40")])
    assert before.cues["q:after_marker"] == 0.0 and before.cues["q:before_marker"] == 1.0
    assert reported.cues == {"q:no_marker": 1.0}


def test_sentences_are_read_apart_and_whitespace_is_skipped():
    doc = NLP("Growth was strong.\n\nThe agency will act.")
    first, second = actors_of(doc, [(0, 4), (6, len(doc))], [[], []])
    assert first.cues == {} and second.subjects == "agency"
    assert all(isinstance(v, float) for v in second.cues.values())


def test_spans_in_the_doc_stay_untouched():
    doc = NLP("The agency will act.")
    doc.ents = [Span(doc, 1, 2, label="ORG")]
    doc._.claim_entities = []
    actors_of(doc, [(0, len(doc))], [[]])
    assert [(e.text, e.label_) for e in doc.ents] == [("agency", "ORG")]
