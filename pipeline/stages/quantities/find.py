"""Finding the quantities of a text: cores grown into spans, joined into ranges, checked in
context, given their bounds.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Iterator

from pipeline.records import Quantity
from pipeline.stages.invisible import original_span, visible
from pipeline.stages.quantities.bounds import approximator, bounds, range_with
from pipeline.stages.quantities.context import excluded, weak_prefix_is_money
from pipeline.stages.quantities.currencies import country_mentions, settle_unit
from pipeline.stages.quantities.numbers import CORE_RE, core_at
from pipeline.stages.quantities.spans import Candidate, build


# ``2×60MHz``, ``2 x 10 MHz``: a count of blocks times a block's size (used with .match(text, count_end))
TIMES = re.compile(r"[^\S\r\n]?[×xX][^\S\r\n]?(?=\d)")


def _product_with(text: str, count: Candidate) -> Candidate | None:
    """``2×60MHz`` (paired spectrum: two blocks of 60 MHz) is one quantity, 120 MHz: a bare count,
    ``×`` and a measured number after it."""
    if count.unit is not None or count.scaled or count.num.kind != "digits":
        return None
    times = TIMES.match(text, count.end)
    core = CORE_RE.match(text, times.end()) if times else None
    size = core_at(text, core) if core else None
    if size is None:
        return None
    block = build(text, size, count.end)
    if block.unit is None:
        return None
    return replace(block, start=count.start, value=count.value * block.value, num=count.num)


def _candidates(text: str, strict: bool, mentions: Counter[str]) -> Iterator[Quantity]:
    pos = floor = 0
    while True:
        m = CORE_RE.search(text, pos)
        if not m:
            return
        num = core_at(text, m)
        if num is None:
            pos = m.end()
            continue
        cand = build(text, num, floor)
        if cand.weak and not weak_prefix_is_money(text, cand, mentions):
            cand = build(text, num, floor, weak_ok=False)
        if num.comma_decimal and not (cand.scaled or cand.prefix):
            pos = m.end()   # "3,50" with neither: a list or a European decimal we do not read
            continue
        cand = _product_with(text, cand) or cand
        ranged = range_with(text, cand)
        if ranged is not None:
            merged, r_end = ranged
            if merged is None:   # a year range, score or code: skip the pair
                pos = max(r_end, num.end, m.start() + 1)
                continue
            cand = merged
        pos = max(cand.end, num.end, m.start() + 1)
        if cand.end <= cand.start:
            continue
        approx = approximator(text, cand)
        if strict and excluded(text, cand, approx):
            continue
        floor = cand.end
        unit = settle_unit(cand.unit, mentions)
        if cand.ends is not None:  # a range read as two quantities, each number one
            first_end, second = cand.ends
            yield Quantity(cand.start, first_end, text[cand.start:first_end], cand.lo, unit, approx)
            yield Quantity(second, cand.end, text[second:cand.end], cand.hi, unit)
            continue
        lo, hi = bounds(cand, approx)
        yield Quantity(cand.start, cand.end, text[cand.start:cand.end], cand.value, unit, approx, lo, hi)


def find_quantities(text: str, article: str | None = None) -> list[Quantity]:
    """Every measured quantity stated with a number in ``text`` (spec §4).

    Offsets are relative to ``text``; spans are sorted and never overlap, and
    the approximator before a span is kept in ``approx`` (outside the span).
    Invisible characters are read through (``pipeline.stages.invisible``).
    A currency several countries write alike (``$``, ``Sh``, ``pesos``) is the one of the
    country that ``article`` (by default ``text`` itself) names most (``currencies``).
    """
    mentions = country_mentions(text if article is None else article)
    seen, positions = visible(text)
    if positions is None:
        return list(_candidates(text, True, mentions))
    found = []
    for q in _candidates(seen, True, mentions):
        start, end = original_span(positions, q.start, q.end)
        found.append(replace(q, start=start, end=end, text=text[start:end]))
    return found


def parse_quantity(span_text: str) -> tuple[float | None, str | None]:
    """Value (scale applied) and unit of one quantity span, e.g. "49 trillion yuan".

    Context rules are off: the caller already decided this is a quantity, so
    "2027 yuan" or "half" alone still get a value.  (None, None) when no number.
    """
    for q in _candidates(span_text, False, country_mentions(span_text)):
        return q.value, q.unit
    return None, None
