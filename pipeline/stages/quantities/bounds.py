"""Bounds of a quantity (spec §4 ``min``/``max``): the approximator before it, and ranges.

``between 5 and 10 percent`` is one quantity, the midpoint, with both ends as bounds; ``5-10%`` and
``$2 billion to $3 billion`` are two, one per number, as the gold reads spec §4; ``nearly`` sets
``max``, ``more than`` sets ``min``.
"""

from __future__ import annotations

import re

from pipeline.stages.quantities.currencies import prefix_before
from pipeline.stages.quantities.numbers import CORE_RE, HS, core_at
from pipeline.stages.quantities.spans import Candidate, build

_APPROX_LOWER = ("more than", "over", "above", "at least", "no less than", "not less than",
                 "no fewer than", "upwards of", "upward of", "in excess of", "well over",
                 "just over", "slightly more than", "a little over", "greater than",
                 "more than about", "exceeding", "+")
_APPROX_UPPER = ("less than", "fewer than", "under", "below", "up to", "at most", "no more than",
                 "not more than", "as many as", "as much as", "as high as", "nearly", "almost",
                 "just under", "short of", "slightly less than", "a little under", "barely")
_APPROX_NONE = ("about", "around", "approximately", "roughly", "some", "an estimated",
                "estimated", "close to", "circa", "approx.", "or so", "averaging", "an average of")
_APPROX_RE = re.compile(
    r"(?<![^\W_])(" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(
        (*_APPROX_LOWER, *_APPROX_UPPER, *_APPROX_NONE), key=len, reverse=True))
    + rf"){HS}+$", re.I)
_RANGE_SEP_RE = re.compile(rf"{HS}*(?:-|–|—|~|〜){HS}*|{HS}+(to|and){HS}+", re.I)
_BETWEEN_BEFORE_RE = re.compile(r"\bbetween\s+$", re.I)
_BETWEEN_PREFIXED_RE = re.compile(r"\bbetween\s+(?:[^\W\d_]{1,4}\s?)?[$€£¥]?\s?$", re.I)
_FROM_BEFORE_RE = re.compile(r"\bfrom\s+$", re.I)
_CHAINED_DIGIT_RE = re.compile(r"-[0-9]")
_SPACES_RE = re.compile(r"\s+")


def approximator(text: str, cand: Candidate) -> str | None:
    """The word before ``cand`` that bounds it (``more than``), ``+`` for a trailing plus, or
    ``between`` for a range written with it; the span itself never includes it."""
    approx = _approx_before(text, cand.start)
    plus_after = (text[cand.end:cand.end + 1] == "+"
                  and not text[cand.end + 1:cand.end + 2].isalnum())
    if approx is None and ("+" in text[cand.start:cand.end] or plus_after):
        approx = "+"   # "45 million+ users", "$100+ billion": at least
    if cand.lo is not None and _BETWEEN_BEFORE_RE.search(text[max(0, cand.start - 9):cand.start]):
        approx = "between"
    return approx


def bounds(cand: Candidate, approx: str | None) -> tuple[float | None, float | None]:
    """(min, max): a range's two ends, else the value on the side its approximator names."""
    lo, hi = cand.lo, cand.hi
    if lo is None and approx:
        if approx in _APPROX_LOWER:
            lo = cand.value
        elif approx in _APPROX_UPPER:
            hi = cand.value
    return lo, hi


def _approx_before(text: str, start: int) -> str | None:
    m = _APPROX_RE.search(text[max(0, start - 40):start])
    return _SPACES_RE.sub(" ", m.group(1).lower()) if m else None


def range_with(text: str, left: Candidate) -> tuple[Candidate | None, int] | None:
    """Join ``left`` with a following number into one range, if they form one.

    Returns None when nothing follows, (None, end) when the pair must be
    dropped (a year range "2016-20", a score "3-1", a code "11-22-33"), or the
    merged candidate.
    """
    sep = _RANGE_SEP_RE.match(text, left.end)
    if not sep:
        return None
    word = (sep.group(1) or "").lower()
    cm = CORE_RE.match(text, sep.end())
    if not cm:
        for skip in (1, 2, 3, 4):   # "$5 to $10", "5% to US$ 10": a prefix before the core
            cm = CORE_RE.match(text, sep.end() + skip)
            if cm and prefix_before(text, cm.start(), left.end):
                break
            cm = None
    if not cm:
        return None
    rnum = core_at(text, cm)
    if rnum is None or rnum.kind in ("frac",):
        return None
    hyphen = not word
    between = bool(_BETWEEN_PREFIXED_RE.search(text[max(0, left.start - 14):left.start]))
    if word == "and" and not between:
        return None
    if hyphen and (left.num.kind != "digits" or rnum.kind != "digits"):
        return None
    if left.num.is_year_like and left.unit is None and (rnum.is_year_like or (
            hyphen and len(text[rnum.start:rnum.end]) == 2)):
        return None, rnum.end  # years (``2019-2020``, ``2021-25``); ``1920MHz-1980MHz`` has its unit
    right = build(text, rnum, left.end)
    if hyphen and _CHAINED_DIGIT_RE.match(text[right.end:right.end + 2]):
        return None, right.end   # "1111-2222-3333": a code, not a range
    if word == "to" and not between:
        if left.unit is not None:
            return None
        if _FROM_BEFORE_RE.search(text[max(0, left.start - 8):left.start]):
            # "rose from 5 to 10 percent": a change, two quantities; the left
            # one still takes the unit and scale written once after the right
            if right.unit is None and not right.scaled:
                return None
            scale = left.scale if left.scaled else right.scale
            value = left.value / left.scale * scale * right.factor
            return Candidate(left.start, left.end, value, right.unit, right.kind, left.num,
                             left.scaled or right.scaled, left.prefix, left.time,
                             scale=scale, factor=right.factor), left.end
    if left.unit is not None and right.unit is not None and left.unit != right.unit:
        return None
    if left.unit is not None and right.unit is None and not hyphen:
        return None
    sign = -1.0 if left.value < 0 else 1.0
    lo = (sign * left.num.value * (left.scale if left.scaled else right.scale)
          * (left.factor if left.unit else right.factor))
    hi = right.value
    if not lo < hi:
        return (None, right.end) if hyphen else None
    unit = right.unit or left.unit
    kind = right.kind if right.unit else left.kind
    # ``5-10%``, ``100-200 million``, ``1920MHz-1980MHz``: each number is a quantity (spec §4 as the gold
    # reads it), the unit and scale written once after the second shared; ``between ... and ...`` is one
    two = not between and (left.unit is None or left.unit == right.unit)
    merged = Candidate(left.start, right.end, (lo + hi) / 2, unit, kind, left.num,
                       left.scaled or right.scaled, left.prefix, left.time or right.time, lo, hi,
                       right.scale, right.factor, ends=(left.end, right.start) if two else None)
    return merged, right.end
