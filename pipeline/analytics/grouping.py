"""Claims repeated across articles: the same figure or statement, grouped.

News about one report is copied and rewritten from outlet to outlet, so a
corpus states the same figure (``41.06 zettabytes``) several times. Counting
claims means counting groups, and a group whose articles give different
numbers for the same unit is where analysts should look first.

Two claim sentences are linked when they state a common figure (same unit,
same value) and their words overlap somewhat, or when their words overlap a
lot whatever the numbers say (a rewritten sentence with a changed figure).
Groups are the connected components of those links. The rules are pure
functions over typed records, tested without spaCy.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from itertools import combinations
from typing import Iterable, Sequence

WORD = re.compile(r"[a-z][a-z-]+")
STOPWORDS = frozenset("""
a an the and or of to in on at by for from with as is are was were be been being has have had
its it this that these those than then which who whom whose their there here into over under
about around nearly more less most least also such per not no up down out so very just
said according will would year percent
""".split())
# Words shared with a common figure: enough to say two sentences report one fact.
SHARED_FIGURE_OVERLAP = 0.2
# Words shared without a common figure: a rewrite of the same sentence.
REWRITE_OVERLAP = 0.6
# A figure or rare-first word shared by more claim sentences than this identifies
# no single claim; skipping it keeps a large run's grouping near-linear.
COMMON_KEY = 100


@dataclass(frozen=True)
class Figure:
    """A stated number with its unit; the value rounded so that 41.06 == 41.060."""

    value: float
    unit: str | None

    @classmethod
    def of(cls, value: float, unit: str | None) -> "Figure":
        return cls(_round_significant(value), unit)

    def __str__(self) -> str:
        number = format_value(self.value)
        return f"{number} {self.unit}" if self.unit else number


SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def format_value(value: float) -> str:
    """A value as people write it: ``4.9e13`` -> ``49 trillion``, ``16000`` -> ``16,000``."""
    for size, word in SCALES:
        if abs(value) >= size:
            return f"{value / size:,.6g} {word}"
    return f"{value:,.6g}"


@dataclass(frozen=True)
class ClaimText:
    """What grouping sees of one claim sentence."""

    doc_id: str
    sent_id: int
    text: str
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True)
class ClaimGroup:
    group_id: str
    members: tuple[ClaimText, ...]
    disagreements: tuple[str, ...]  # units whose values differ between articles

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(sorted({m.doc_id for m in self.members}))

    @property
    def figures(self) -> tuple[Figure, ...]:
        seen = {f: None for m in self.members for f in m.figures}
        return tuple(seen)


def _round_significant(value: float, digits: int = 6) -> float:
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, digits - 1 - int(math.floor(math.log10(abs(value)))))


def content_words(text: str) -> frozenset[str]:
    """Lower-case content words, plural ``s`` dropped, numbers and stopwords out."""
    words = (w.rstrip("s") if len(w) > 3 else w for w in WORD.findall(text.lower()))
    return frozenset(w for w in words if w not in STOPWORDS and len(w) > 2)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard overlap of two word sets (0 when both are empty)."""
    shared = len(a & b)
    union = len(a) + len(b) - shared
    return shared / union if union else 0.0


def same_claim(words_a: frozenset[str], words_b: frozenset[str], shared_figure: bool) -> bool:
    """Whether two claim sentences state one claim (see the module docstring)."""
    return overlap(words_a, words_b) >= (SHARED_FIGURE_OVERLAP if shared_figure else REWRITE_OVERLAP)


def disagreeing_units(members: Sequence[ClaimText]) -> tuple[str, ...]:
    """Units for which two articles in a group state no common value."""
    out = set()
    for a, b in combinations(members, 2):
        if a.doc_id == b.doc_id:
            continue
        for unit in {f.unit for f in a.figures} & {f.unit for f in b.figures}:
            values_a = {f.value for f in a.figures if f.unit == unit}
            values_b = {f.value for f in b.figures if f.unit == unit}
            if not values_a & values_b:
                out.add(unit or "count")
    return tuple(sorted(out))


def _prefix(words: frozenset[str], order: dict[str, int], threshold: float) -> list[str]:
    """The rarest words of a set that any set at ``threshold`` Jaccard overlap must share one of."""
    ranked = sorted(words, key=lambda w: (order[w], w))
    return ranked[: len(ranked) - math.ceil(threshold * len(ranked)) + 1]


def candidate_pairs(items: Sequence[ClaimText], words: Sequence[frozenset[str]]) -> set[tuple[int, int]]:
    """Pairs that may be one claim, without comparing all pairs.

    Rewrites: two sets with Jaccard overlap >= t share a word among the first
    ``n - ceil(t n) + 1`` of each, rarest first (prefix filtering), so only
    sentences sharing a rare word are compared. Shared figures: sentences
    stating the same figure are compared. A key held by more than
    ``COMMON_KEY`` sentences (``10 %`` in every other article) identifies no
    claim and is skipped, so on very large runs a pair can be missed.
    """
    frequency: dict[str, int] = {}
    for ws in words:
        for w in ws:
            frequency[w] = frequency.get(w, 0) + 1
    index: dict[object, list[int]] = {}
    for i, (item, ws) in enumerate(zip(items, words)):
        for w in _prefix(ws, frequency, REWRITE_OVERLAP):
            index.setdefault(w, []).append(i)
        for f in set(item.figures):
            index.setdefault(f, []).append(i)
    return {pair for members in index.values() if len(members) <= COMMON_KEY
            for pair in combinations(members, 2)}


def group_claims(claims: Iterable[ClaimText]) -> list[ClaimGroup]:
    """Every claim in exactly one group (singletons too), groups in document order."""
    items = sorted(claims, key=lambda c: (c.doc_id, c.sent_id))
    words = [content_words(c.text) for c in items]
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    figures = [frozenset(c.figures) for c in items]
    for i, j in candidate_pairs(items, words):  # components do not depend on the order
        a, b = root(i), root(j)
        if a != b and same_claim(words[i], words[j], not figures[i].isdisjoint(figures[j])):
            parent[max(a, b)] = min(a, b)
    components: dict[int, list[ClaimText]] = {}
    for i, item in enumerate(items):
        components.setdefault(root(i), []).append(item)
    return [ClaimGroup(group_id(members), tuple(members), disagreeing_units(members))
            for members in components.values()]


def group_id(members: Sequence[ClaimText]) -> str:
    """A hash of the group's first member (by document and sentence), not a running number: a
    group keeps its id from run to run while that sentence is in it, whatever else is added."""
    first = min(members, key=lambda m: (m.doc_id, m.sent_id))
    return "g" + hashlib.sha256(f"{first.doc_id}\0{first.sent_id}\0{first.text}".encode("utf-8")).hexdigest()[:12]
