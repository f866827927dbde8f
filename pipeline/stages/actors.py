"""Who acts in a sentence, and on what: cues a bag of words does not see (issue 20).

A target needs an actor with an intention (spec §2, §8): ``the ministry will
build`` is one, ``the forum will discuss`` and ``this will help`` are not. A
planned value is not a metric (§8): in ``will spend $4 billion`` the number
follows the intention. Both turn on where words stand, not on which occur.

The cues come from the tokens and the NER's entity types alone. A parse would
say more, but parsing every sentence costs about three quarters of the NER
(docs/accuracy.md), more than the speed floor leaves. For each
forward-looking marker (a modal, or a verb of intention before ``to``: closed
classes of English), the subject is the word before it once auxiliaries and
adverbs are stepped over. What it is (an entity's type, a pronoun, a name, a
common noun) becomes a cue, and the word itself goes to the model, which
learns which heads act (``ministry``, ``government``) and which do not
(``forum``, ``investment``) from the data rather than from a list; its static
vector carries that to heads the data never had before a marker (``agency``
near ``ministry``, ``airwaves`` near ``spectrum``). So does the verb the
marker governs: an intended action (``will build``) or an effect (``will help``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Sequence

from spacy.attrs import IDX, IS_ALPHA, IS_SPACE, IS_TITLE, IS_UPPER, LIKE_NUM, LOWER
from spacy.tokens import Doc

# closed classes of English: modals, and the verbs and adjectives of intention that take ``to``
MODALS = frozenset({"will", "shall", "'ll", "’ll"})
INTENT = frozenset("""aim aims aimed aiming plan plans planned planning seek seeks seeking sought
intend intends intended intending strive strives striving pledge pledges pledged pledging vow vows vowed
vowing commit commits committed committing resolve resolves resolved decide decides decided agree agrees
agreed promise promises promised propose proposes proposed prepare prepares prepared want wants wanted
hope hopes hoped hoping target targets targeted targeting ready willing determined going poised set
slated scheduled due designed meant expected expects expecting projected endeavour endeavours endeavor
endeavors looks looking""".split())
# markers that state an expectation (a forecast unless a plan sets it, spec §8) or a purpose
EXPECT = frozenset({"expected", "expects", "expecting", "projected", "poised", "set", "slated", "due"})
PURPOSE = frozenset({"aimed", "designed", "intended", "meant"})
# after a modal: an obligation or an ability, not an intention (``will have to apply``)
OBLIGATIONS = (("have", "to"), ("be", "able"), ("need", "to"), ("be", "required"), ("be", "allowed"))
# before ``plan``, ``aim`` or ``target``, a determiner makes it a noun (``a plan to``): no marker
DETERMINERS = frozenset("a an the its their his her our my your whose new first".split())
# stepped over between a subject and its marker: auxiliaries, negation, adverbs of time and degree
AUXILIARIES = frozenset("""is are was were be been being am has have had also further still now soon then
already jointly not n't never thus therefore initially eventually officially reportedly""".split())
# pronouns that refer back (to an earlier sentence's actor, instrument or event) or to people
REFERRING = frozenset({"it", "this", "that", "these", "those", "which"})
PERSONAL = frozenset({"we", "they", "he", "she", "i", "you", "who"})
CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")", "—", "–", "-", '"', "“", "”", "and", "but", "or"})

COLUMNS = [LOWER, IS_SPACE, IS_ALPHA, LIKE_NUM, IS_TITLE, IS_UPPER, IDX]


@dataclass(frozen=True)
class Actors:
    """What the structure of one sentence says: numeric cues, and each marker's subject word."""

    cues: dict[str, float] = field(default_factory=dict)
    subjects: str = ""  # the head word of each marker's subject, lower case, space-separated
    actions: str = ""  # the verb each marker governs (``build`` in ``will build``), lower case, space-separated


@dataclass
class Tokens:
    """A document's tokens as the cues read them: parallel lists, whitespace left out (so a
    sentence is a slice), made from the Doc's arrays without a Token object."""

    lower: list[str]
    start: list[int]  # character offset in the document
    alpha: list[bool]
    number: list[bool]
    capitalised: list[bool]
    entity: list[str | None]  # the NER's type, or the entity stage's ORG/PERSON over it
    index: list[int]  # the token's index in the Doc

    def between(self, first_token: int, end_token: int) -> tuple[int, int]:
        """The slice of these lists that holds the Doc's tokens ``first_token`` to ``end_token``."""
        return bisect_left(self.index, first_token), bisect_left(self.index, end_token)


def marker_positions(words: Sequence[str]) -> list[tuple[int, str]]:
    """(index, kind) of each forward-looking marker among a sentence's lower-cased words."""
    found = []
    for i, word in enumerate(words):
        after = words[i + 1] if i + 1 < len(words) else ""
        if word in MODALS or word == "would":
            if tuple(words[i + 1:i + 3]) in OBLIGATIONS:
                found.append((i, "obligation"))
            elif word == "would":
                found.append((i, "would"))
            else:
                found.append((i, "modal_be" if after in ("be", "likely") else "modal"))
        elif word in INTENT and after == "to" and (i == 0 or words[i - 1] not in DETERMINERS):
            found.append((i, "expect" if word in EXPECT else "purpose" if word in PURPOSE else "intent"))
        elif word in ("is", "are") and after == "to" and i + 2 < len(words) and words[i + 2].isalpha():
            found.append((i, "intent"))  # ``the ministry is to build``
    return found


def subject_index(words: Sequence[str], marker: int) -> int | None:
    """Where a marker's subject ends: the nearest word before it that is no auxiliary or
    adverb (None at the sentence's start or a clause break)."""
    i = marker - 1
    while i >= 0 and (words[i] in AUXILIARIES or (words[i].endswith("ly") and len(words[i]) > 4)):
        i -= 1
    if i < 0 or words[i] in CLAUSE_BREAKS:
        return None
    return i


def action_index(words: Sequence[str], marker: int, kind: str) -> int | None:
    """Where the verb a marker governs stands: after ``to`` for a verb of intention, after the
    modal otherwise, once auxiliaries and adverbs are stepped over (``will also be introduced``)."""
    i = marker + (2 if kind in ("intent", "expect", "purpose") else 1)
    while i < len(words) and (words[i] in AUXILIARIES or (words[i].endswith("ly") and len(words[i]) > 4)):
        i += 1
    return i if i < len(words) and words[i].isalpha() else None


def subject_class(tokens: Tokens, i: int | None) -> str:
    """An entity's type, a kind of pronoun, a number, a name or a common noun."""
    if i is None:
        return "none"
    if tokens.entity[i]:
        return tokens.entity[i]
    if tokens.lower[i] in REFERRING:
        return "refers_back"
    if tokens.lower[i] in PERSONAL:
        return "person_pronoun"
    if tokens.number[i]:
        return "number"
    return "name" if tokens.capitalised[i] else "noun"


def sentence_actors(tokens: Tokens, first: int, end: int, quantity_starts: Sequence[int]) -> Actors:
    """The cues of the sentence ``tokens[first:end]``; ``quantity_starts`` are its quantities'
    character starts."""
    lower = tokens.lower[first:end]
    cues = {f"ner:{label}": 1.0 for label in set(tokens.entity[first:end]) if label}
    subjects, actions = [], []
    markers = marker_positions(lower)
    for i, kind in markers:
        cues[f"marker:{kind}"] = 1.0
        head = subject_index(lower, i)
        head = None if head is None else first + head
        cues[f"who:{subject_class(tokens, head)}"] = 1.0
        if head is not None and tokens.alpha[head]:
            subjects.append(tokens.lower[head])
        verb = action_index(lower, i, kind)
        if verb is not None:
            actions.append(lower[verb])
    if markers:
        marker_start = tokens.start[first + markers[0][0]]
        after = sum(1 for q in quantity_starts if q > marker_start)
        cues["q:after_marker"] = float(after > 0)
        cues["q:before_marker"] = float(after < len(quantity_starts))
    elif quantity_starts:
        cues["q:no_marker"] = 1.0
    return Actors(cues, " ".join(subjects), " ".join(actions))


def document_tokens(doc: Doc) -> Tokens:
    """The Doc's non-space tokens with their entity types, read from its arrays."""
    rows = doc.to_array(COLUMNS).tolist()
    all_starts = [row[-1] for row in rows]
    types: dict[int, str] = {}
    for ent in doc.ents:
        types.update((t, ent.label_) for t in range(ent.start, ent.end))
    for entity in doc._.claim_entities or []:  # the spec's ORG and PERSON, after the entity stage's rules
        first, last = bisect_right(all_starts, entity.start) - 1, bisect_left(all_starts, entity.end)
        types.update((t, entity.label) for t in range(max(first, 0), last))
    strings = doc.vocab.strings
    kept = [i for i, row in enumerate(rows) if not row[1]]
    return Tokens(lower=[strings[rows[i][0]] for i in kept], start=[rows[i][6] for i in kept],
                  alpha=[bool(rows[i][2]) for i in kept], number=[bool(rows[i][3]) for i in kept],
                  capitalised=[bool(rows[i][4] or rows[i][5]) for i in kept],
                  entity=[types.get(i) for i in kept], index=kept)


def actors_of(doc: Doc, token_ranges: Sequence[tuple[int, int]], quantity_starts: Sequence[Sequence[int]]
              ) -> list[Actors]:
    """``sentence_actors`` of each sentence, given by its Doc token range and its quantities' starts."""
    tokens = document_tokens(doc)
    return [sentence_actors(tokens, *tokens.between(a, b), starts)
            for (a, b), starts in zip(token_ranges, quantity_starts)]
