"""Growing a number core into a candidate span: a currency before it, a scale and unit after it,
cents after whole money.

Nothing is decided here about whether the span is a quantity at all (``context``) or about its
bounds (``bounds``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.stages.quantities.currencies import candidate_codes, prefix_before, takes_cents
from pipeline.stages.quantities.numbers import (BIG, HALF_SCALE_RE, HS, ONES, SCALE_LETTER, SCALE_LETTER_RE,
                                                SCALE_RE, SCALE_WORDS, SPACED_THOUSANDS_RE, TENS, Num,
                                                parse_words)
from pipeline.stages.quantities.units import unit_after

_MINOR_RE = re.compile(
    rf"(?:{HS}*,)?{HS}+(?:and{HS}+)?(?P<num>[0-9]{{1,2}}|(?:{'|'.join(TENS)})"
    rf"(?:(?:{HS}+|-)(?:{'|'.join(w for w, v in ONES.items() if v < 10)}))?"
    rf"|(?:{'|'.join(ONES)}))(?![^\W_])(?P<unit>{HS}+(?:cents?|pence|penny)(?![^\W_]))?", re.I)
_MINOR_STOP_RE = re.compile(rf"{HS}*(?:$|[.,;:!?)\]]|and\b|or\b)", re.I)
_BETWEEN_BEFORE_RE = re.compile(r"\bbetween\s+$", re.I)
_NOT_DIGIT_RE = re.compile(r"[^0-9]")


@dataclass
class Candidate:
    """A quantity under construction; becomes a Quantity once checked."""

    start: int
    end: int
    value: float
    unit: str | None
    kind: str            # bare | money | percent | fold | measure
    num: Num
    scaled: bool = False
    prefix: bool = False
    time: bool = False
    lo: float | None = None
    hi: float | None = None
    scale: float = 1.0
    factor: float = 1.0
    weak: bool = False   # its currency is one capital letter or a word-like code (currencies._weak)
    # a range the gold reads as two quantities (``5-10%``): where the first number ends, the second starts
    ends: tuple[int, int] | None = None


_PLURAL_RE = re.compile(r"[^\W\d_]{2,}(?<![su])s")
_WORD_AFTER_RE = re.compile(rf"{HS}+([^\W\d_]+)")


def is_lower_plural(word: str) -> bool:
    """``centres``, ``transactions``: a lower-case word that reads as a plural (not ``bus``, ``status``)."""
    return word.islower() and _PLURAL_RE.fullmatch(word) is not None


def _counts_a_noun(text: str, end: int, num: Num) -> bool:
    """k and b scale money (``$10k``) or, before a lower-case plural, a count (``1B transactions``);
    before a singular they size a name (``a 70B model``), and a small whole number before k names a
    resolution (``4K videos``, ``8k screens``)."""
    small = num.is_integer and num.value < 10
    m = _WORD_AFTER_RE.match(text, end)
    return m is not None and is_lower_plural(m.group(1)) and not (small and text[end - 1] in "kK")


def tail(text: str, pos: int, num: Num, prefix_unit: str | None,
         ) -> tuple[float, float, str | None, str, int, bool, bool]:
    """Read scale and unit after a number core.

    Returns (scale, factor, unit, kind, end, scaled, is_time).  A prefix currency
    ("$", "US$") fixes the unit, so only a scale may follow it.
    """
    mult, scaled, end = 1.0, False, pos
    glued = pos < len(text) and not text[pos].isspace()
    if num.kind in ("digits", "words"):
        m = SCALE_RE.match(text, pos)
        if m:
            word = (m.group(1) or m.group(2)).lower()
            mult, scaled, end = SCALE_WORDS[word], True, m.end()
            m = SCALE_RE.match(text, end)
            if m and SCALE_WORDS[(m.group(1) or m.group(2)).lower()] > mult:
                # "Rs 2.5 lakh crore", "Tk 50 thousand crore": a scale of a larger scale
                mult, end = mult * SCALE_WORDS[(m.group(1) or m.group(2)).lower()], m.end()
    if prefix_unit is not None:
        if not scaled and num.kind == "digits" and glued:
            m = SCALE_LETTER_RE.match(text, end)
            if m:
                mult, scaled, end = SCALE_LETTER[m.group(1).lower()], True, m.end()
        return mult, 1.0, prefix_unit, "money", end, scaled, False
    unit_end, unit, kind, factor, is_time = unit_after(text, end, num, scaled)
    if unit is None and not is_time and not scaled and num.kind == "digits" and glued:
        m = SCALE_LETTER_RE.match(text, end)
        if m:
            after = unit_after(text, m.end(), num, True)
            if m.group(1) in "mM" or after[1] is not None or _counts_a_noun(text, m.end(), num):
                mult, scaled, end = SCALE_LETTER[m.group(1).lower()], True, m.end()
                unit_end, unit, kind, factor, is_time = after
    return mult, factor, unit, kind, max(end, unit_end), scaled, is_time


def build(text: str, num: Num, floor: int, weak_ok: bool = True) -> Candidate:
    """Grow a number core into a candidate span with unit and scale.

    Nothing is taken from before ``floor``, the end of the previous quantity; a weak currency
    prefix (``P``, ``N``, ``R``) only while ``weak_ok``.
    """
    if num.kind == "times":
        return Candidate(num.start, num.end, num.value, "fold", "fold", num)
    start = num.start
    prefix = prefix_before(text, num.start, floor) if num.kind in ("digits", "words") else None
    if prefix and prefix.weak and not weak_ok:
        prefix = None
    if prefix:
        start = prefix.start
        num = _spaced_thousands(text, num, prefix.unit)
    elif num.kind == "digits" and num.start > floor and text[num.start - 1] in "-−" and (
            num.start == 1 or text[num.start - 2] in " \t(\n\r"):
        start = num.start - 1   # a sign: "-0.5%"
    sign = -1.0 if start < num.start and text[start] in "-−" else 1.0
    value = num.value
    if num.kind == "half":
        m = HALF_SCALE_RE.match(text, num.end)
        if m:
            word = m.group(1).lower()
            value *= 12 if word == "dozen" else BIG[word]
            num = replace(num, end=m.end(), value=value, is_integer=value == int(value))
    tail_at = num.end
    if num.kind == "digits" and text[num.end:num.end + 1] == "+" and SCALE_RE.match(
            text, num.end + 1):
        tail_at = num.end + 1   # "$100+ billion": the plus is a bound, the scale still applies
    mult, factor, unit, kind, end, scaled, is_time = tail(text, tail_at, num,
                                                          prefix.unit if prefix else None)
    if num.kind == "half" and num.end > num.start + 4:
        scaled = True
    cand = Candidate(start, end, sign * value * mult * factor, unit, kind if unit else "bare",
                     num, scaled, bool(prefix), is_time, scale=mult, factor=factor,
                     weak=bool(prefix and prefix.weak))
    if takes_cents(unit) and not scaled and num.is_integer and kind == "money":
        cand = merge_minor(text, cand)
    return cand


def _spaced_thousands(text: str, num: Num, unit: str) -> Num:
    """'R350 000', '€5 000': after a currency other than the dollar, spaces may group thousands."""
    if num.kind != "digits" or not text[num.start:num.end].isdigit() or num.end - num.start > 3 \
            or "USD" in candidate_codes(unit):
        return num
    m = SPACED_THOUSANDS_RE.match(text, num.end)
    if not m:
        return num
    value = float(_NOT_DIGIT_RE.sub("", text[num.start:m.end()]))
    return replace(num, end=m.end(), value=value, is_year_like=False)


def merge_minor(text: str, c: Candidate) -> Candidate:
    """'3 dollars 50 cents', 'thirteen dollars forty five', 'c $ 100 and fifty'."""
    if _BETWEEN_BEFORE_RE.search(text[max(0, c.start - 12):c.start]):
        return c
    m = _MINOR_RE.match(text, c.end)
    if not m:
        return c
    raw = m.group("num").lower()
    if raw.isdigit():
        minor = float(raw)
        if not m.group("unit"):
            return c
    else:
        parsed = parse_words(raw, 0, len(raw))
        if parsed is None or parsed[2] != len(raw):
            return c
        minor = parsed[0]
        if not m.group("unit") and not _MINOR_STOP_RE.match(text, m.end()):
            return c
    if not 1 <= minor <= 99:
        return c
    return replace(c, end=m.end(), value=c.value + minor / 100)
