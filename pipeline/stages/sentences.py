"""Stage: spec §1 sentence segmentation, and the reading view every stage reads.

The spec defines sentences by rule (terminal punctuation, line breaks, glued
headings, abbreviations), so segmentation is a pure function of the text
rather than the parser's guess; the parser can then be left out of the
pipeline entirely, which is also the fastest option. The tokenizer wrapper
guarantees every boundary falls between tokens, so the boundaries can be set
on the ``Doc`` without rewriting a character.

The tokenizer reads the document through its *reading view*
(``reading_view``): the same text, character for character, with no-break
and other Unicode spaces, tabs and the ``\r`` of ``\r\n`` as plain spaces
(``invisible.spaces_read_as_spaces``) and, in hard-wrapped text, each wrap as
a space (``wrapping``, spec v1.2). So the NER and every later stage see the
words they would see in the article as published, at the document's own
offsets; ``doc.text`` is that view and the document itself is kept beside it
(``extensions.original_text``), where every output text is sliced from.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

import numpy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from pipeline.extensions import ORIGINAL_KEY, TEXT_KEY, document_text
from pipeline.stages.invisible import invisible_runs, spaces_read_as_spaces
from pipeline.stages.wrapping import LINE_BREAK, SENTENCE_OPENERS, wraps

STARTS_KEY = ("claims", "sentence_starts")

# A capitalised sentence opener glued to the previous word (``growth driverThe digital``)
# marks a lost heading break. The openers are searched and the lower-case letter before them
# checked after (``glued_headings``): a pattern that starts with the openers' capitals is found by
# a fast scan, where a look-behind first is tried at every position of every line.
_OPENER_RE = "|".join(SENTENCE_OPENERS)
OPENER_WORD = re.compile(rf"(?:{_OPENER_RE})\b")
# A short unpunctuated heading whose line break was lost to a space:
# ``Fostering cooperation As China progresses ...``. Only at a line's start,
# after a lower-case content word, so ``told The Economist`` is left alone.
SPACED_HEADING = re.compile(
    rf"[^\s.?!,;:]+(?:[ \t]+[^\s.?!,;:]+){{0,5}}?[ \t]+(?=(?:{_OPENER_RE})\b[ \t]+\w)")
HEADING_LAST_WORD = re.compile(r"[a-z][a-z-]*$")
# A page's date stamp written as a machine date at a line's start (``date 2025-08-17``,
# ``Published: 2024-06-26 10:15``) is page furniture glued to what follows: its own sentence.
DATE_STAMP = re.compile(
    r"(?:(?:date|updated|published|posted)\b:?[ \t]*)?\d{4}-\d{1,2}(?:-\d{1,2})?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?", re.I)
# ``1.`` opening a line or following a colon or comma (``are: 1. Solidarity, 2. Inclusion``) numbers
# a list item; its period ends nothing. Used with .search on the line up to the period.
LIST_NUMBER = re.compile(r"(?:^\s*|[:;,]\s+)\d{1,2}$")
TEXT_AFTER = re.compile(r"[ \t]+[^\s(\[]")  # a bracketed note stays with its stamp
FUNCTION_WORDS = {
    "a", "an", "the", "of", "to", "by", "from", "and", "or", "with", "in", "on", "at",
    "for", "as", "than", "that", "said", "says", "told", "called", "named", "titled",
    "is", "was", "are", "were", "be", "been", "via", "into", "onto", "about",
}
OPENER_AHEAD = re.compile(rf"\s+[\"“‘'(\[]?(?:{_OPENER_RE})\b")

# Terminal punctuation, then closing quotes/brackets.
TERMINAL = re.compile(r"[.?!…]+[\"”’')\]]*")
CLOSERS = "\"”’')]"
OPENERS_PUNCT = "\"“‘'([«"

# Abbreviations whose period does not end a sentence. The company suffixes can
# end one, so they do when a sentence opener follows.
TITLES_AND_MONTHS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "no", "nos", "vs", "approx",
    "dept", "gov", "govt", "gen", "lt", "col", "capt", "sgt", "rep", "sen", "rev",
    "fig", "figs", "est", "al", "ave", "mt", "ft", "pp", "vol", "art", "sec",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}
SENTENCE_FINAL_ABBREVIATIONS = {"co", "corp", "inc", "ltd", "plc", "llc", "etc", "bros"}
INITIALS = re.compile(r"^(?:[A-Za-z]\.)+$")


def _word_before(text: str, end: int) -> str:
    """The run of non-space characters that ends at ``end`` (the period's word)."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _is_abbreviation_period(text: str, period_end: int, line_end: int) -> bool:
    """True when the period just before ``period_end`` belongs to an abbreviation."""
    word = _word_before(text, period_end)
    bare = word.lstrip(OPENERS_PUNCT).rstrip(".").lower()
    opener_follows = OPENER_AHEAD.match(text, period_end, line_end) is not None
    if bare in TITLES_AND_MONTHS:
        return True
    if bare in SENTENCE_FINAL_ABBREVIATIONS:
        return not opener_follows
    core = word.lstrip(OPENERS_PUNCT)
    if INITIALS.match(core):
        # ``J. Smith`` never ends; ``the U.S. The ...`` does.
        return len(core) <= 2 or not opener_follows
    return False


def _starts_sentence(text: str, pos: int, line_end: int) -> bool:
    """Whether the text after a terminal mark (skipping spaces) can open a sentence."""
    while pos < line_end and text[pos].isspace():
        pos += 1
    if pos >= line_end:
        return True
    ch = text[pos]
    return ch.isupper() or ch.isdigit() or ch in OPENERS_PUNCT or ch in "$€£¥•*-–—"


def _line_boundaries(text: str, start: int, end: int) -> list[int]:
    """Split points inside one line (positions where a new sentence starts)."""
    cuts: set[int] = set()
    for m in TERMINAL.finditer(text, start, end):
        mark_end = m.end()
        if mark_end >= end:
            continue
        glued = not text[mark_end].isspace()
        if glued:
            # ``economy.The`` splits; ``41.06``, ``e.g.x`` and ``U.S.-China`` do not.
            prev = text[m.start() - 1] if m.start() > start else ""
            if not (text[mark_end].isupper() and (prev.islower() or prev.isdigit() or prev in CLOSERS)):
                continue
        elif not _starts_sentence(text, mark_end, end):
            continue
        if m.group().rstrip(CLOSERS) == "." and (_is_abbreviation_period(text, m.start() + 1, end)
                                                  or LIST_NUMBER.search(text[start:m.start()])):
            continue
        cuts.add(mark_end)
    cuts.update(glued_headings(text, start, end))
    stamp = DATE_STAMP.match(text, _skip_space(text, start, end), end)
    if stamp and TEXT_AFTER.match(text, stamp.end(), end):
        cuts.add(stamp.end())
    heading = SPACED_HEADING.match(text, _skip_space(text, start, end), end)
    if heading:
        last = heading.group().split()[-1]
        if HEADING_LAST_WORD.search(last) and last.lower() not in FUNCTION_WORDS:
            cuts.add(heading.end())
    return sorted(cuts)


def glued_headings(text: str, start: int, end: int) -> list[int]:
    """Where a sentence opener starts right after a lower-case letter in ``text[start:end]``, with a
    space after it as a sentence's first word has (``driverThe digital``; not ``NetzA)``), and not as
    the short last part of a capitalised name (``LinkedIn said``)."""
    return [m.start() for m in OPENER_WORD.finditer(text, start, end)
            if m.start() > 0 and "a" <= text[m.start() - 1] <= "z" and m.end() < end and text[m.end()] in " \t"
            and not (m.end() - m.start() < 3 and "A" <= glued_word(text, start, m.start())[:1] <= "Z")]


def glued_word(text: str, start: int, at: int) -> str:
    """The word ``text[at:]`` is glued to, from its first letter: ``Linked`` in ``(LinkedIn``."""
    i = at
    while i > start and not text[i - 1].isspace():
        i -= 1
    return text[i:at].lstrip("\"“‘'([")


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def reading_view(text: str) -> str:
    """``text`` as every stage reads it: same length, its spaces plain, its wraps spaces.

    A wrap after terminal punctuation stays a line break where a sentence
    starts after it, as one would at a space: the lines the later stages see
    (a byline's end, a footer's start) are then the published article's.
    """
    view = spaces_read_as_spaces(text)
    found = wraps(view)
    if not found:
        return view
    joined = _spaced(view, found)
    starts = {a for a, _ in _view_spans(joined)}
    kept = [w for w in found if not (w.after_terminal and _skip_space(joined, w.end, len(joined)) in starts)]
    return joined if len(kept) == len(found) else _spaced(view, kept)


def _spaced(text: str, breaks) -> str:
    """``text`` with each of ``breaks`` (line breaks, in order) as spaces."""
    pieces, last = [], 0
    for brk in breaks:
        pieces += [text[last:brk.start], " " * (brk.end - brk.start)]
        last = brk.end
    pieces.append(text[last:])
    return "".join(pieces)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spec §1 sentences of ``text`` as (start, end) offsets, stripped, in order."""
    return _view_spans(reading_view(text))


def _view_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of a reading view: its line breaks all end sentences."""
    spans: list[tuple[int, int]] = []
    line_start = 0
    for brk in [*LINE_BREAK.finditer(text), None]:
        line_end = brk.start() if brk else len(text)
        points = [line_start, *_line_boundaries(text, line_start, line_end), line_end]
        for a, b in zip(points, points[1:]):
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                spans.append((a, b))
        line_start = brk.end() if brk else len(text)
    return spans


def section_bounds(text: str, size: int) -> list[tuple[int, int]]:
    """Consecutive (start, end) pieces of ``text``, none longer than ``size``, covering it all.

    A long document is processed a section at a time so that memory stays
    bounded and spaCy's ``max_length`` never refuses it. A sentence never
    crosses a blank line, and a line break after terminal punctuation ends
    one even in hard-wrapped text (spec §1), so a cut after either never splits
    a sentence; failing both, a cut after any line break (which ends a
    sentence unless the text is wrapped), then at a space, then anywhere.
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        floor, ceiling = start + size // 2, start + size
        cut = -1
        for separator in (PARAGRAPH_BREAK, SENTENCE_END_BREAK, LINE_BREAK, ANY_SPACE):
            found = _last_match(separator, text, floor, ceiling)
            if found >= 0:
                cut = found
                break
        cut = cut if cut > start else ceiling
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")
SENTENCE_END_BREAK = re.compile(r"(?:[.?!…])[\"”’')\]]*[ \t\r]*\n")
ANY_SPACE = re.compile(" ")


def _last_match(pattern: re.Pattern, text: str, floor: int, ceiling: int) -> int:
    """The end of the last match of ``pattern`` that starts in [floor, ceiling) and ends by ceiling, or -1."""
    last = -1
    for m in pattern.finditer(text, floor, ceiling):
        last = m.end()
    return last


# --------------------------------------------------------------- tokenizer --

def _read_line_breaks_alike(doc: Doc) -> None:
    """Spaces before a line break are invisible, so the models read ``" \n\n"`` as ``"\n\n"``.

    A Windows file's ``\r\n\r\n`` reaches the tokenizer as ``"  \n\n"`` (same length), a
    whitespace token the NER hashes differently from the ``"\n\n"`` of the same text with Unix
    line endings, and on which it can decide a neighbouring name differently. Giving such a
    lexeme the features (NORM, PREFIX, SUFFIX, SHAPE: what the models embed) of its form without
    the leading spaces makes both files read alike; a line's trailing spaces go the same way.
    It is set on the shared vocabulary, once per such lexeme, the same for every document.
    """
    vocab = doc.vocab
    for token in doc:
        if token.is_space and token.text[0] == " ":
            bare = token.text.lstrip(" ")
            if bare[:1] in ("\n", "\r"):
                lexeme, plain = vocab[token.text], vocab[bare]
                if lexeme.norm != plain.norm:
                    lexeme.norm_, lexeme.prefix_, lexeme.suffix_, lexeme.shape_ = (
                        plain.norm_, plain.prefix_, plain.suffix_, plain.shape_)


class SentenceAlignedTokenizer:
    """spaCy's tokenizer over the reading view, plus a split wherever a sentence starts
    or ends mid-token, and around invisible characters (``pipeline.stages.invisible``).

    Glued text (``driverThe``) is one token to spaCy; splitting it here, before
    any statistical component runs, lets the NER see two words and lets the
    sentence stage mark the boundary without touching the text.
    """

    def __init__(self, base: Callable[[str], Doc]):
        self.base = base

    def __getattr__(self, name):  # serialisation and settings go to spaCy's tokenizer
        return getattr(self.base, name)

    def __call__(self, text: str) -> Doc:
        view = reading_view(text)
        doc = self.base(view)
        spans = _view_spans(view)
        cuts = {p for span in spans for p in span}
        cuts.update(p for m in invisible_runs(view) for p in m.span())  # keeps names clean of them
        if _cut_inside_a_token(doc, cuts):
            doc = _split_tokens(doc, cuts, view)
        if " \n" in view or " \r" in view:
            _read_line_breaks_alike(doc)
        doc.user_data[TEXT_KEY] = view
        if view != text:
            doc.user_data[ORIGINAL_KEY] = text
        doc.user_data[STARTS_KEY] = [a for a, _ in spans]  # the sentence stage's, computed once
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000):
        for text in texts:
            yield self(text)


def _cut_inside_a_token(doc: Doc, cuts: set[int]) -> bool:
    """Whether any cut falls strictly inside a token: a few binary searches over the token
    offsets, instead of a Python loop over every token of every document."""
    if not cuts or not len(doc):
        return False
    starts = doc.to_array(IDX).astype("int64")
    ends = starts + doc.to_array(LENGTH).astype("int64")
    points = numpy.fromiter(cuts, dtype="int64")
    owner = numpy.searchsorted(starts, points, side="right") - 1
    inside = (owner >= 0) & (points > starts[owner.clip(0)]) & (points < ends[owner.clip(0)])
    return bool(inside.any())


def _cuts_near(cuts: set[int], token) -> Iterable[int]:
    # Tokens are short: probing each inner offset is cheaper than sorting cuts.
    if len(token.text) < 2:
        return ()
    return (p for p in range(token.idx + 1, token.idx + len(token.text)) if p in cuts)


def _split_tokens(doc: Doc, cuts: set[int], text: str) -> Doc:
    words: list[str] = []
    spaces: list[bool] = []
    for token in doc:
        pieces = [token.idx, *sorted(p for p in _cuts_near(cuts, token)), token.idx + len(token.text)]
        for i, (a, b) in enumerate(zip(pieces, pieces[1:])):
            words.append(text[a:b])
            spaces.append(bool(token.whitespace_) and i == len(pieces) - 2)
    return Doc(doc.vocab, words=words, spaces=spaces)


@registry.tokenizers("claims.sentence_aligned_tokenizer.v1")
def create_sentence_aligned_tokenizer():
    def make(nlp: Language) -> SentenceAlignedTokenizer:
        base = registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        return SentenceAlignedTokenizer(base)

    return make


# --------------------------------------------------------------- component --

def set_sentence_starts(doc: Doc) -> Doc:
    """Mark spec §1 sentence starts on the Doc; whitespace joins the sentence before.

    Written as one array: setting ``Token.is_sent_start`` one token at a time
    rescans the whole Doc on each call, which is quadratic in its length.
    """
    starts = doc.user_data.pop(STARTS_KEY, None)  # left by the tokenizer, which split on the same bounds
    if not len(doc):
        return doc
    if starts is None:
        starts = [a for a, _ in sentence_spans(document_text(doc))]
    flags = numpy.where(numpy.isin(doc.to_array(IDX), starts), 1, -1).astype("int64")
    flags[0] = 1
    doc.from_array([SENT_START], flags.astype("uint64"))
    return doc


@Language.factory("claims_sentences", assigns=["token.is_sent_start"])
def make_sentence_stage(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    return set_sentence_starts
