"""Figures lined up across articles: time series per measure and subject, and targets against them.

Each figure of a run (spec §9, with the keys of ``stages.figure_keys``) is one row of the
``figures`` table. Figures that share a measure key, a subject key, a kind and a unit form a
*series* (figures without a subject, only within their article): the digital economy of China, in yuan, year after year, from whichever articles state
it. A series row is one point of it, a period and what the articles give for it (metric and
target figures apart: a plan's value for 2025 is no measurement of 2025). Where two articles give
different values for the same period, the point is flagged: that is where an analyst looks.

A target (``10 percent of GDP by 2025``) is held against the latest metric of its series before
its deadline: ``target_progress``. Pure functions over plain rows, tested without spaCy.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations
from typing import Iterable, Sequence

from pipeline.analytics.grouping import Figure as Stated
from pipeline.analytics.grouping import format_value

SERIES_KEY = ("measure_key", "subject_key", "kind", "unit")


@dataclass(frozen=True)
class FigureRow:
    """What series see of one figure of the ``figures`` table."""

    doc_id: str
    sent_id: int
    start: int
    label: str  # metric or target
    measure_key: str | None
    subject_key: str | None
    kind: str
    unit: str | None
    period: int | None
    value: float | None

    @property
    def key(self) -> tuple:
        """What a series joins on. An owner the sentence does not name (``the country``) is the
        same owner only within its article: such a figure joins its own article's series."""
        scope = self.doc_id if self.subject_key is None else None
        return (*(getattr(self, name) for name in SERIES_KEY), scope)

    @cached_property
    def rounded(self) -> float | None:
        """The value rounded as claim groups round it (41.06 == 41.060)."""
        return None if self.value is None else Stated.of(self.value, self.unit).value


def figure_label(labels: Sequence[str], period: int | None, deadline: int | None) -> str | None:
    """``metric`` or ``target`` for a figure of a sentence with these labels: a sentence that is
    both gives its deadline's figures to the target and the others to the metric (spec §8:
    planned values are not metric); None for a sentence that is neither."""
    if "target" in labels and ("metric" not in labels or (deadline is not None and period == deadline)):
        return "target"
    return "metric" if "metric" in labels else None


def series_id(key: tuple) -> str:
    """A hash of the series' keys: the same series has the same id in every run."""
    text = "\0".join("" if part is None else str(part) for part in key)
    return "s" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def in_series(figure: FigureRow) -> bool:
    """Only a figure that says what it measures, and has a value, can join a series."""
    return figure.measure_key is not None and figure.value is not None


@dataclass(frozen=True)
class Point:
    """One period of a series (or one figure without a period), as its articles give it."""

    series: str
    key: tuple
    label: str
    period: int | None
    figures: tuple[FigureRow, ...]

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(sorted({f.doc_id for f in self.figures}))

    @property
    def value(self) -> float:
        """The value most of its articles give (each article counted once per value); the
        first in document order on a tie."""
        said = {(f.doc_id, f.rounded) for f in self.figures}
        votes = Counter(value for _, value in said)
        order: dict[float, int] = {}
        for f in sorted(self.figures, key=lambda f: (f.doc_id, f.sent_id, f.start)):
            order.setdefault(f.rounded, len(order))
        return max(votes, key=lambda v: (votes[v], -order[v]))

    @property
    def values(self) -> tuple[float, ...]:
        return tuple(sorted({f.rounded for f in self.figures}))

    @property
    def disagree(self) -> bool:
        """Two articles give this period values that share none (an undated point never does)."""
        if self.period is None:
            return False
        by_doc: dict[str, set[float]] = {}
        for f in self.figures:
            by_doc.setdefault(f.doc_id, set()).add(f.rounded)
        return any(not a & b for a, b in combinations(by_doc.values(), 2))


def series_points(figures: Iterable[FigureRow]) -> list[Point]:
    """Every point of every series, series in key order, points in period order (undated last)."""
    groups: dict[tuple, list[FigureRow]] = {}
    for f in figures:
        if in_series(f):
            dated = (f.label, f.period) if f.period is not None else (f.label, None, f.doc_id, f.sent_id, f.start)
            groups.setdefault((f.key, dated), []).append(f)
    points = [Point(series_id(key), key, dated[0], dated[1], tuple(rows)) for (key, dated), rows in groups.items()]
    return sorted(points, key=lambda p: (tuple("" if k is None else str(k) for k in p.key),
                                         p.period is None, p.period or 0, p.label, p.documents))


def count_points(points: Sequence[Point]) -> dict[str, int]:
    """Series id -> its figures, an article that repeats one of its own counted once."""
    seen: dict[str, set] = {}
    for p in points:
        for f in p.figures:
            seen.setdefault(p.series, set()).add((f.doc_id, p.label, f.period, f.rounded) if f.period is not None
                                                 else (f.doc_id, f.sent_id, f.start))
    return {series: len(found) for series, found in seen.items()}


def series_rows(figures: Iterable[FigureRow]) -> list[dict]:
    """The rows of the ``series`` table (``tables.TABLES``)."""
    points = series_points(figures)
    counts = count_points(points)
    articles: dict[str, set[str]] = {}
    periods: dict[str, set[int]] = {}
    for p in points:
        articles.setdefault(p.series, set()).update(p.documents)
        if p.period is not None:
            periods.setdefault(p.series, set()).add(p.period)
    return [{
        "series": p.series, **dict(zip(SERIES_KEY, p.key)), "label": p.label, "period": p.period,
        "value": p.value, "values": "; ".join(format_value(v) for v in p.values),
        "disagree": p.disagree, "figures": len(p.figures), "documents": len(p.documents),
        "doc_ids": ",".join(p.documents), "points": counts[p.series], "periods": len(periods.get(p.series, ())),
        "articles": len(articles[p.series]),
    } for p in points]


def progress_rows(figures: Iterable[FigureRow]) -> list[dict]:
    """The rows of ``target_progress``: each target figure with a period, against the latest metric
    point of its series before that period (null when its series has none)."""
    figures = list(figures)
    metric_points: dict[tuple, list[Point]] = {}
    for p in series_points(figures):
        if p.label == "metric" and p.period is not None:
            metric_points.setdefault(p.key, []).append(p)
    out = []
    for t in sorted((f for f in figures if f.label == "target" and f.period is not None and in_series(f)),
                    key=lambda f: (f.doc_id, f.sent_id, f.start)):
        earlier = [p for p in metric_points.get(t.key, ()) if p.period < t.period]
        latest = max(earlier, key=lambda p: p.period, default=None)
        latest_value = None if latest is None else latest.value
        out.append({
            "doc_id": t.doc_id, "sent_id": t.sent_id, "start": t.start, "series": series_id(t.key),
            **dict(zip(SERIES_KEY, t.key)), "target_year": t.period, "target_value": t.value,
            "latest_year": None if latest is None else latest.period, "latest_value": latest_value,
            "latest_doc_ids": None if latest is None else ",".join(latest.documents),
            "distance": None if latest is None else t.value - latest_value,
            "progress": None if latest is None or not t.value else latest_value / t.value,
        })
    return out
