"""Keys that join figures across articles: what a figure measures and whose it is, as one spelling.

Two articles write the same measure differently (``the added value of core digital economy
industries``, ``core digital economy industries' added value``) and the same owner differently
(``the U.S.``, ``American``, ``United States``). A time series lines figures up only when they
meet on equal keys, so each figure gets two:

- ``measure_key``: the measure's words in one canonical order and form, lower case: nouns in
  the singular (``5g base station``), ``A of B`` turned into ``B A`` (``core digital economy
  industry added value``), without determiners, numbers, possessors (``China's``, ``its``), the
  subject's own words, brackets and the quantifiers that only say how much of the measure is
  counted (``total``, ``overall``: the closed class ``AGGREGATES``);
- ``subject_key``: for an organisation or person, the entity key its article gives
  (``NDA`` -> ``National Data Administration``); for a place, CLDR's English name of it
  (``U.S.``, ``American`` -> ``United States``: ``pipeline.places``); else the name as
  written, without ``the`` and a possessive.

The words come from the figure stage's parse of the sentence (tags and lemmas), so the keys are
computed there, from the same tokens; these are pure functions over that parse.
"""

from __future__ import annotations

import re
from typing import Sequence

from spacy.tokens import Doc, Span, Token

from pipeline.places import place_name
from pipeline.records import Entity, Figure

# Quantifiers of a measure that say how much of it is counted, not what: ``total data output``
# is the data output. A closed class of English adjectives, not a list of measures.
AGGREGATES = frozenset("total overall whole entire combined aggregate".split())
DETERMINERS = frozenset("the a an this that these those its their his her our your my some any each every "
                        "all both such".split())
# Common nouns that stand for an owner named elsewhere (``the nation's``, ``the company's``), and
# the adjectives that say ``the country's`` (``national computing power``)
OWNER_NOUNS = frozenset("""country nation city province region state kingdom island territory municipality
continent bloc world company firm group government""".split())
OWNER_ADJECTIVES = frozenset("national nationwide countrywide".split())
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
JOINING = frozenset({"of", "'s", "’s"})
EDGE = frozenset({"and", "or", "of", "in", "for", "with", "on", "to", "by", "from", "at", "as", ",", "-", "–"})
SPACES = re.compile(r"\s+")
HYPHENS = re.compile(r"[-‐‑–]")


# ----------------------------------------------------------------- measure


def measure_key(sent: Doc, measure: tuple[int, int] | None, subject: tuple[int, int] | None = None) -> str | None:
    """The key of the measure whose offsets (relative to the parsed sentence ``sent``) are
    ``measure``; ``subject``, the figure's subject there, whose words leave the key. None when
    there is no measure or nothing of it is left."""
    if measure is None:
        return None
    span = sent.char_span(measure[0], measure[1], alignment_mode="expand")
    if span is None:
        return None
    subject_words = _subject_words(sent, subject)
    dropped = _dropped(span, subject_words)
    key = " ".join(part for part in _canonical_order(span, dropped) if part)
    return SPACES.sub(" ", key).strip() or None


def _subject_words(sent: Doc, subject: tuple[int, int] | None) -> frozenset[str]:
    """The subject's words, lower case, and its place's name where it is one (``Chinese`` for
    ``China``): a measure that repeats them (``data enterprises in China``) drops them."""
    if subject is None:
        return frozenset()
    text = sent.text[subject[0]:subject[1]]
    words = {w.lower() for w in re.findall(r"\w+", text)}
    place = place_key(text)
    return frozenset(words | ({place.lower()} if place else set()))


def _dropped(span: Span, subject_words: frozenset[str]) -> set[int]:
    """Indices of the tokens of ``span`` that are not part of the measure's key."""
    out: set[int] = set()
    for token in span:
        if token.i in out:
            continue
        if token.dep_ == "poss" and _is_owner(token):  # ``China's``, ``the nation's``, ``its``
            out.update(t.i for t in token.subtree if span.start <= t.i < span.end)
        elif token.lower_ in DETERMINERS or token.pos_ == "DET" or token.lower_ in POSSESSIVE or \
                token.lower_ in AGGREGATES | OWNER_ADJECTIVES or _names_subject(token, subject_words):
            out.add(token.i)
        elif _is_number(token):
            out.add(token.i)
    out.update(_bracketed(span))
    return out


def _is_owner(possessor: Token) -> bool:
    """A possessor that names an owner (``China's``, ``its``, ``the province's``), not a part of
    what is measured (``industries' added value`` is the added value of industries)."""
    return possessor.pos_ in ("PROPN", "PRON") or possessor.tag_ == "PRP$" or possessor.lower_ in OWNER_NOUNS


def _names_subject(token: Token, subject_words: frozenset[str]) -> bool:
    """A proper name or demonym of the measure that is the subject's (``China``, ``Chinese``)."""
    if token.pos_ not in ("PROPN", "ADJ") and not token.is_title:
        return False
    place = place_key(token.text)
    return token.lower_ in subject_words or (place is not None and place.lower() in subject_words)


def _is_number(token: Token) -> bool:
    """A number, but not one glued to a word it names (the ``5`` of ``5G``)."""
    doc = token.doc
    glued = not token.whitespace_ and token.i + 1 < len(doc) and doc[token.i + 1].is_alpha
    numeric = token.like_num or (token.pos_ == "NUM" and not any(c.isalpha() for c in token.text))
    return numeric and not glued  # ``2100MHz`` is a name of a band, not a number


def _bracketed(span: Span) -> set[int]:
    """Tokens inside brackets: an aside (``broadband lines (fixed and wireless)``)."""
    out, depth = set(), 0
    for token in span:
        if token.text in "([（":
            depth += 1
        if depth:
            out.add(token.i)
        if token.text in ")]）" and depth:
            depth -= 1
    return out


def _canonical_order(span: Span, dropped: set[int]) -> list[str]:
    """The kept words, ``A of B`` read as ``B A`` (and ``A of B of C`` as ``C B A``)."""
    parts, current = [], []
    for token in span:
        if token.lower_ == "of" and token.dep_ == "prep":
            parts.append(current)
            current = []
        elif token.i not in dropped:
            current.append(token)
    parts.append(current)
    return [_words(part) for part in reversed(parts)]


def _words(tokens: Sequence[Token]) -> str:
    """Tokens as the key writes them, trimmed of joining words left at either edge, a bare
    participle after its noun put before it (``value added`` -> ``added value``), a hyphen read
    as a space (``national-level`` and ``national level`` are one spelling)."""
    tokens = list(tokens)
    while tokens and tokens[0].lower_ in EDGE:
        tokens = tokens[1:]
    while tokens and (tokens[-1].lower_ in EDGE or tokens[-1].is_punct):
        tokens = tokens[:-1]
    tokens = _participles_first(tokens)
    out = []
    for i, token in enumerate(tokens):
        joined = i + 1 < len(tokens) and not token.whitespace_ and tokens[i + 1].i == token.i + 1
        out.append(word_form(token) + ("" if joined else " "))
    return SPACES.sub(" ", HYPHENS.sub(" ", "".join(out))).strip()


def _participles_first(tokens: list[Token]) -> list[Token]:
    out = list(tokens)
    for k in range(1, len(out)):
        token, before = out[k], out[k - 1]
        if token.dep_ == "acl" and token.tag_ in ("VBN", "VBG") and token.head.i == before.i and \
                all(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):  # ``value added of X``
            out[k - 1], out[k] = token, before
    return out


def word_form(token: Token) -> str:
    """A noun in the singular, every word in lower case and in American spelling. The
    lemmatizer's singular is taken only when it is the word less an ending (``industries`` ->
    ``industry``), not a Latin singular (``data`` stays ``data``, as it is written everywhere)."""
    text = token.lower_
    lemma = token.lemma_.lower()
    if token.tag_ in ("NNS", "NNPS") and lemma and len(lemma) < len(text) and text.startswith(lemma[:-1]):
        text = lemma
    return american(text)


# British spellings as American, by the regular endings only (``popularisation``, ``centre``,
# ``labour``, ``programme``): two articles that differ only there state one measure.
SPELLINGS = ((re.compile(r"isation(s?)$"), r"ization\1"), (re.compile(r"(?<=\w{2})tre(s?)$"), r"ter\1"),
             (re.compile(r"(?<=\w{3})our(s?)$"), r"or\1"), (re.compile(r"amme(s?)$"), r"am\1"))


def american(word: str) -> str:
    for pattern, replacement in SPELLINGS:
        word = pattern.sub(replacement, word)
    return word


# ----------------------------------------------------------------- subject


def clean_name(text: str) -> str:
    """A name without ``the``, a possessive and extra spaces."""
    name = SPACES.sub(" ", text).strip()
    if name.lower().startswith("the "):
        name = name[4:]
    for suffix in ("'s", "’s", "'", "’"):
        if name.endswith(suffix):
            name = name[:-len(suffix)]
            break
    return name.strip()


def place_key(name: str) -> str | None:
    """CLDR's English name of a place or its demonym (``U.S.`` -> ``United States``), or None."""
    return place_name(clean_name(name))


def subject_key(text: str | None, entity_key: str | None = None) -> str | None:
    """The key of a subject: its entity key (an organisation or person), else its place's name,
    else the name as written; a place's name wins either way (an ORG ``EU`` is the place too)."""
    if text is None:
        return None
    name = clean_name(entity_key or text)
    return (place_key(name) or name) or None


def entity_at(entities: Sequence[Entity], start: int, end: int) -> Entity | None:
    """The PERSON or ORG mention that the span ``[start, end)`` lies in or covers, or None."""
    for entity in entities:
        if entity.start < end and start < entity.end:
            return entity
    return None


def with_keys(figure: Figure, sent: Doc, offset: int, entities: Sequence[Entity]) -> Figure:
    """``figure`` (document offsets) with its keys, from the parse ``sent`` of its sentence, which
    starts at ``offset`` in the document, and the document's PERSON and ORG mentions."""
    relative = lambda s: None if s is None else (s.start - offset, s.end - offset)  # noqa: E731
    subject = figure.subject
    entity = None if subject is None else entity_at(entities, subject.start, subject.end)
    return Figure(figure.measure, subject, figure.period, figure.kind,
                  measure_key=measure_key(sent, relative(figure.measure), relative(subject)),
                  subject_key=None if subject is None else subject_key(subject.text, entity and entity.key))
