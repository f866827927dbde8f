"""Typed records that cross module boundaries (spec §3, §4, §6).

Plain dataclasses, free of spaCy: an output row (``SentenceRecord``) checks
its own offset invariant (``text[start:end]`` is the span) in ``check``, the
one place every row passes through (``extensions.doc_to_records``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from typing import Any, Sequence, TypeVar

from pipeline.errors import OffsetError

CLAIM_LABELS: tuple[str, ...] = ("metric", "target", "policy")
ENTITY_LABELS: tuple[str, ...] = ("PERSON", "ORG")
FIGURE_KINDS: tuple[str, ...] = ("level", "change", "share")  # spec §9


@dataclass(frozen=True)
class FigureSpan:
    """A figure's measure or subject: document offsets and the words they cover."""

    start: int
    end: int
    text: str

    def shifted(self, offset: int) -> "FigureSpan":
        return replace(self, start=self.start + offset, end=self.end + offset)


@dataclass(frozen=True)
class Figure:
    """What a metric or target number measures, whose it is, when, and what kind (spec §9)."""

    measure: FigureSpan | None
    subject: FigureSpan | None
    period: int | None
    kind: str  # one of FIGURE_KINDS

    def shifted(self, offset: int) -> "Figure":
        move = lambda s: None if s is None else s.shifted(offset)  # noqa: E731
        return replace(self, measure=move(self.measure), subject=move(self.subject))

    def to_json(self) -> dict[str, Any]:
        return {"measure": None if self.measure is None else plain(self.measure),
                "subject": None if self.subject is None else plain(self.subject),
                "period": self.period, "kind": self.kind}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> "Figure":
        span = lambda s: None if s is None else FigureSpan(**s)  # noqa: E731
        return cls(span(raw["measure"]), span(raw["subject"]), raw["period"], raw["kind"])


@dataclass(frozen=True)
class Quantity:
    """A measured quantity; offsets are document offsets once it leaves its stage.

    ``approx`` keeps the approximator outside the span (``more than``, ``about``)
    and ``min``/``max`` keep what it means for the value, so that ranges and
    bounds survive normalisation.
    """

    start: int
    end: int
    text: str
    value: float | None
    unit: str | None
    approx: str | None = None
    min: float | None = None
    max: float | None = None
    figure: Figure | None = None  # in a metric or target sentence (spec §9), once the figure stage ran

    def shifted(self, offset: int) -> "Quantity":
        return replace(self, start=self.start + offset, end=self.end + offset,
                       figure=None if self.figure is None else self.figure.shifted(offset))

    def to_json(self) -> dict[str, Any]:
        out = plain(self)
        out["figure"] = None if self.figure is None else self.figure.to_json()
        return out


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    text: str
    label: str
    # the name this mention stands for in its article: an acronym's long form, a surname's full
    # name, else its own text; the span above stays the spec's (spec §6 welcomes more fields)
    key: str | None = None

    def shifted(self, offset: int) -> "Entity":
        return replace(self, start=self.start + offset, end=self.end + offset)


@dataclass(frozen=True)
class Candidate:
    """A PERSON/ORG mention proposed by the NER, a rule or the gazetteer, before the verifier's check."""

    start: int
    end: int
    label: str
    source: str  # model | rule | gazetteer | alias


# The speaker of a claim is a PERSON or ORG mention: the same four fields.
Speaker = Entity


@dataclass
class SentenceRecord:
    """One output line (spec §6) plus the enrichment fields the spec allows."""

    doc_id: str
    sent_id: int
    start: int
    end: int
    text: str
    labels: list[str]
    scores: dict[str, float]
    boilerplate: bool
    entities: list[Entity] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    speaker: Speaker | None = None
    deadline: int | None = None

    def check(self, document: str) -> None:
        """Raise OffsetError unless every span reproduces its text in ``document``."""
        spans = [("sentence", self.start, self.end, self.text)]
        spans += [("entity", e.start, e.end, e.text) for e in self.entities]
        spans += [("quantity", q.start, q.end, q.text) for q in self.quantities]
        spans += [(f"figure {part}", s.start, s.end, s.text) for q in self.quantities if q.figure is not None
                  for part, s in (("measure", q.figure.measure), ("subject", q.figure.subject)) if s is not None]
        if self.speaker is not None:
            spans.append(("speaker", self.speaker.start, self.speaker.end, self.speaker.text))
        for kind, start, end, text in spans:
            if not (0 <= start < end <= len(document)) or document[start:end] != text:
                raise OffsetError(
                    f"{self.doc_id} sentence {self.sent_id}: {kind} [{start}:{end}] "
                    f"{text!r} != document text {document[start:end]!r}")

    def to_json(self) -> dict[str, Any]:
        """The row as plain data, keys in field order (what ``dataclasses.asdict`` gives, faster)."""
        return {"doc_id": self.doc_id, "sent_id": self.sent_id, "start": self.start, "end": self.end,
                "text": self.text, "labels": list(self.labels), "scores": dict(self.scores),
                "boilerplate": self.boilerplate, "entities": [plain(e) for e in self.entities],
                "quantities": [q.to_json() for q in self.quantities],
                "speaker": None if self.speaker is None else plain(self.speaker), "deadline": self.deadline}

    def shifted(self, offset: int, sent_id: int) -> "SentenceRecord":
        """This row of a section, as a row of the whole document: offsets moved, renumbered."""
        return replace(self, sent_id=sent_id, start=self.start + offset, end=self.end + offset,
                       entities=[e.shifted(offset) for e in self.entities],
                       quantities=[q.shifted(offset) for q in self.quantities],
                       speaker=None if self.speaker is None else self.speaker.shifted(offset))


ZERO_SCORES = {label: 0.0 for label in CLAIM_LABELS}

R = TypeVar("R", Quantity, Entity, Candidate)


def plain(record: Quantity | Entity | Candidate | FigureSpan) -> dict[str, Any]:
    """A flat record's fields as a dict, in field order.

    ``dataclasses.asdict`` walks and deep-copies every value; these records
    hold scalars only, and the output writes thousands of them per second.
    """
    return dict(record.__dict__)


def within_each(records: Sequence[R], bounds: Sequence[tuple[int, int]]) -> list[list[R]]:
    """For each ``(start, end)``, the records that lie inside it, in their own order.

    One sort and a binary search per bound instead of a scan of every record
    for every sentence: a long document has thousands of both.
    """
    order = sorted(range(len(records)), key=lambda i: records[i].start)
    starts = [records[i].start for i in order]
    out = []
    for start, end in bounds:
        first, stop = bisect_left(starts, start), bisect_right(starts, end)
        out.append([records[i] for i in sorted(i for i in order[first:stop] if records[i].end <= end)])
    return out
