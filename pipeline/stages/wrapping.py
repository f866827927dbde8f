"""Which line breaks of a text are wraps (spec v1.2 §1, hard-wrapped text).

Wire copy, e-mail and text taken from PDF or a terminal are wrapped at a
fixed width: most lines of a paragraph end in the middle of a sentence, and
there a line break reads as a space. Whether a text is wrapped is read from
the text alone: many of its line breaks fall mid-clause (the next line goes
on in lower case, or the line ends on a comma or a word such as ``the``), and
those lines share a width. Ordinary articles (a paragraph to a line) have few
such breaks and lines of every length, so they are never read as wrapped and
every line break still ends a sentence.

In a wrapped text, a line break is a wrap unless the line falls short: a
heading, byline, caption or a paragraph's last line ends before the width
(when the text was filled to a width, as ``textwrap``, ``fmt`` and mail
clients do, exactly where the next word would have fit). Nor is it a wrap
before a list item, after a line longer than any wrapped one, before an
indented line, or where a heading meets a sentence (a capitalised ``The``,
``In``... after a word). A break after terminal punctuation is only a
candidate: the sentence splitter, reading it as a space, decides as it
would at a space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029\x0b\x0c\x85]")

# Closed-class words that open sentences: capitalised where a sentence would go on in lower case
# (glued to a word, ``driverThe``, or starting a line after one), one starts a sentence.
SENTENCE_OPENERS = (
    "The", "This", "These", "That", "Those", "It", "Its", "In", "On", "At", "As",
    "By", "For", "From", "With", "According", "Meanwhile", "However", "Moreover",
    "A", "An", "He", "She", "They", "We", "Our", "There", "Since", "Under",
    "After", "While", "Although", "Over", "Last", "Currently",
)
# Closed-class words no sentence ends with: a line that ends on one goes on.
CLOSED_CLASS = frozenset("""
a an the of to in on at by for from with as into onto upon about over under between among against
through during than and or but nor that which who whose whom is are was were be been being has
have had will would shall should can could may might must do does did its their his her our your
my this these those not no very more most such also both either neither each every per via
""".split())
# Words after which a capitalised ``The`` goes on as a name (``told The Economist``).
NAMING_WORDS = frozenset("said says told called named titled dubbed".split())
CONTINUATION_MARKS = ",;([{-–—/&+=“‘«"
OPENING_PUNCTUATION = "\"“‘'([«"
TERMINAL_END = re.compile(r"(?:\.{3}|…|[.?!])[\"”’')\]]*$")
LIST_ITEM = re.compile(r"\s*(?:[•·▪◦●■□‣*\-–—]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+\S")
OPENS_SENTENCE = re.compile(rf"[\"“‘'(]?(?:{'|'.join(SENTENCE_OPENERS)})\s")

# A text is wrapped when at least this many of its line breaks, and this share of those between
# two non-blank lines, fall mid-clause, and those lines share a width: the shorter of them
# (their lower quartile) at least this share of the longer (their 90th percentile).
MIN_MID_CLAUSE = 3
MIN_MID_CLAUSE_SHARE = 0.25
MIN_WIDTH_AGREEMENT = 0.5
# Filled to a width when nearly every mid-clause line is full (its next word would not have fit
# within the width, taken as their 90th percentile); else ragged, as edited wire copy, where a
# line is short below the lower quartile of the mid-clause lines.
MIN_FULL_SHARE = 0.8
WIDTH_QUANTILE = 0.9
RAGGED_QUANTILE = 0.25
# A line longer than every mid-clause line by more than a tenth was not wrapped.
LONGER_SHARE = 1.1


@dataclass(frozen=True)
class Wrap:
    """A line break read as a space: its offsets, and whether terminal punctuation precedes it
    (then the sentence splitter, reading it as a space, still decides whether a sentence ends)."""

    start: int
    end: int
    after_terminal: bool


@dataclass(frozen=True)
class _Pair:
    """Two consecutive non-blank lines and the line break between them."""

    line: str  # the first line, without trailing whitespace
    following: str  # the next line, as it is
    break_start: int
    break_end: int


def _pairs(text: str) -> list[_Pair]:
    pairs: list[_Pair] = []
    line_start = 0
    previous: tuple[str, int, int] | None = None  # the line before, without trailing space, and its break
    for brk in [*LINE_BREAK.finditer(text), None]:
        line_end = brk.start() if brk else len(text)
        line = text[line_start:line_end]
        if previous is not None and line.strip():
            pairs.append(_Pair(previous[0], line, previous[1], previous[2]))
        previous = (line.rstrip(), brk.start(), brk.end()) if brk and line.strip() else None
        line_start = brk.end() if brk else len(text)
    return pairs


def _first_word(line: str) -> str:
    words = line.split(None, 1)
    return words[0] if words else ""


def _goes_on(pair: _Pair) -> bool:
    """The sentence plainly runs on across this break: the next line goes on in lower case,
    or the line ends on a comma, a dash or a word no sentence ends with."""
    first = pair.following.lstrip().lstrip(OPENING_PUNCTUATION)
    if first[:1].islower():
        return True
    if pair.line[-1:] in CONTINUATION_MARKS:
        return True
    words = pair.line.rsplit(None, 1)
    return bool(words) and words[-1].lower() in CLOSED_CLASS


def _mid_clause(pair: _Pair) -> bool:
    """A break that goes on, and not into a list (``* item;`` lines are a list, not a wrap)."""
    return _goes_on(pair) and not LIST_ITEM.match(pair.following)


def _heading_meets_sentence(pair: _Pair) -> bool:
    """A line without terminal punctuation before a capitalised sentence opener (``The``, ``In``):
    mid-sentence, those are lower case, unless a name or a quote follows a word that names or a
    colon (``told The Economist``, ``said: "The ...``)."""
    last = pair.line.rsplit(None, 1)[-1]
    return (not last.endswith(":") and last.lower() not in NAMING_WORDS
            and OPENS_SENTENCE.match(pair.following.lstrip()) is not None)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _quantile(values: list[int], q: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def wraps(text: str) -> list[Wrap]:
    """The line breaks of ``text`` that are wraps; none when the text is not wrapped.

    ``text`` is read with its spaces already plain (``invisible.spaces_read_as_spaces``).
    """
    pairs = _pairs(text)
    mid_clause = [p for p in pairs if _mid_clause(p)]
    if len(mid_clause) < max(MIN_MID_CLAUSE, MIN_MID_CLAUSE_SHARE * len(pairs)):
        return []
    lengths = [len(p.line) for p in mid_clause]
    width, short = _quantile(lengths, WIDTH_QUANTILE), _quantile(lengths, RAGGED_QUANTILE)
    if short < MIN_WIDTH_AGREEMENT * width:
        return []
    filled = sum(_reaches(p, width) for p in mid_clause) >= MIN_FULL_SHARE * len(mid_clause)
    longest = max(lengths) * LONGER_SHARE
    out: list[Wrap] = []
    for p in pairs:
        after_terminal = _is_wrap(p, width if filled else short, filled, longest)
        if after_terminal is not None:
            out.append(Wrap(p.break_start, p.break_end, after_terminal))
    return out


def _reaches(pair: _Pair, width: int) -> bool:
    """The line is full: its next word would not have fit within ``width``."""
    return len(pair.line) + 1 + len(_first_word(pair.following)) > width


def _is_wrap(p: _Pair, width: int, filled: bool, longest: float) -> bool | None:
    """None when the break is no wrap; else whether terminal punctuation precedes it."""
    full = _reaches(p, width)
    if filled and not full:
        return None  # a filling wrapper breaks a line only where the next word does not fit
    if LIST_ITEM.match(p.following) and (p.line.endswith(":") or LIST_ITEM.match(p.line)):
        return None
    if TERMINAL_END.search(p.line):
        return True
    if _goes_on(p):
        return False
    if (not full or len(p.line) > longest or _indent(p.following) > _indent(p.line)
            or _heading_meets_sentence(p)):
        return None
    return False
