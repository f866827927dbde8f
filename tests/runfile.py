"""A tiny hand-made run file (spec §6 records) for the analytics tests.

Two articles state the same data-output figure, one of them with a
different value for its growth; a target with a deadline and a speaker,
a boilerplate line with an entity, and a sentence with no claim.
"""

from __future__ import annotations

import json
from pathlib import Path

DOCS = {
    "a": ("Liu said data output reached 41.06 zettabytes, up 25 percent.\n"
          "By 2027, the NDA plans to build 10 data hubs.\n"
          "Photo: Xinhua"),
    "b": ("According to the NDA, total data output reached 41.06 zettabytes, up 26 percent.\n"
          "The weather was fine."),
}


def _span(doc: str, text: str, label: str | None = None, **extra) -> dict:
    start = DOCS[doc].index(text)
    out = {"start": start, "end": start + len(text), "text": text}
    if label:
        out["label"] = label
    return {**out, **extra}


def _sentence(doc: str, sent_id: int, text: str, labels: list[str], *, boilerplate: bool = False,
              entities=(), quantities=(), speaker=None, deadline=None) -> dict:
    scores = {label: (0.9 if label in labels else 0.1) for label in ("metric", "target", "policy")}
    return {"doc_id": doc, "sent_id": sent_id, **_span(doc, text), "labels": labels, "scores": scores,
            "boilerplate": boilerplate, "entities": list(entities), "quantities": list(quantities),
            "speaker": speaker, "deadline": deadline}


def q(doc: str, text: str, value: float, unit: str | None) -> dict:
    return _span(doc, text, value=value, unit=unit, approx=None, min=None, max=None)


RECORDS = [
    _sentence("a", 0, "Liu said data output reached 41.06 zettabytes, up 25 percent.", ["metric"],
              entities=[_span("a", "Liu", "PERSON")],
              quantities=[q("a", "41.06 zettabytes", 41.06, "zettabyte"), q("a", "25 percent", 25.0, "%")],
              speaker=_span("a", "Liu", "PERSON")),
    _sentence("a", 1, "By 2027, the NDA plans to build 10 data hubs.", ["policy", "target"],
              entities=[_span("a", "NDA", "ORG")], quantities=[q("a", "10", 10.0, None)],
              speaker=_span("a", "NDA", "ORG"), deadline=2027),
    _sentence("a", 2, "Photo: Xinhua", [], boilerplate=True, entities=[_span("a", "Xinhua", "ORG")]),
    _sentence("b", 0, "According to the NDA, total data output reached 41.06 zettabytes, up 26 percent.",
              ["metric"], entities=[_span("b", "NDA", "ORG")],
              quantities=[q("b", "41.06 zettabytes", 41.06, "zettabyte"), q("b", "26 percent", 26.0, "%")],
              speaker=_span("b", "NDA", "ORG")),
    _sentence("b", 1, "The weather was fine.", []),
]


def write_run(path: Path) -> Path:
    """The records above as a run file at ``path``."""
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    return path


# A run whose figures make one series across two articles: China's digital economy in yuan, 2022
# and 2023 (where the two articles disagree) and a target for 2025; and a growth rate without a year.
FIGURE_DOCS = {
    "x": ("China's digital economy reached 50.2 trillion yuan in 2022.\n"
          "China's digital economy reached 53.9 trillion yuan in 2023, Liu said.\n"
          "By 2025, China's digital economy will reach 60 trillion yuan."),
    "y": ("Chinese digital economy reached 54 trillion yuan in 2023.\n"
          "The digital economy grew 7 percent."),
}


def _figure_sentence(doc: str, sent_id: int, text: str, labels: list[str], quantity: str, value: float,
                     unit: str | None, subject: str | None, period: int | None, kind: str = "level",
                     deadline: int | None = None, speaker: str | None = None) -> dict:
    base = FIGURE_DOCS[doc].index(text)
    at = lambda words: {"start": base + text.index(words), "end": base + text.index(words) + len(words),  # noqa: E731
                        "text": words}
    figure = {"measure": at("digital economy"), "subject": None if subject is None else at(subject),
              "period": period, "kind": kind, "measure_key": "digital economy",
              "subject_key": None if subject is None else "China"}
    scores = {label: (0.9 if label in labels else 0.1) for label in ("metric", "target", "policy")}
    return {"doc_id": doc, "sent_id": sent_id, "start": base, "end": base + len(text), "text": text,
            "labels": labels, "scores": scores, "boilerplate": False, "entities": [],
            "quantities": [{**at(quantity), "value": value, "unit": unit, "approx": None, "min": None, "max": None,
                            "figure": figure}],
            "speaker": None if speaker is None else {**at(speaker), "label": "PERSON"}, "deadline": deadline}


FIGURE_RECORDS = [
    _figure_sentence("x", 0, "China's digital economy reached 50.2 trillion yuan in 2022.", ["metric"],
                     "50.2 trillion yuan", 5.02e13, "CNY", "China", 2022),
    _figure_sentence("x", 1, "China's digital economy reached 53.9 trillion yuan in 2023, Liu said.", ["metric"],
                     "53.9 trillion yuan", 5.39e13, "CNY", "China", 2023, speaker="Liu"),
    _figure_sentence("x", 2, "By 2025, China's digital economy will reach 60 trillion yuan.", ["target"],
                     "60 trillion yuan", 6e13, "CNY", "China", 2025, deadline=2025),
    _figure_sentence("y", 0, "Chinese digital economy reached 54 trillion yuan in 2023.", ["metric"],
                     "54 trillion yuan", 5.4e13, "CNY", "Chinese", 2023),
    _figure_sentence("y", 1, "The digital economy grew 7 percent.", ["metric"], "7 percent", 7.0, "%", None, None,
                     kind="change"),
]


def write_figure_run(path: Path) -> Path:
    """The figure records above as a run file at ``path``."""
    path.write_text("".join(json.dumps(r) + "\n" for r in FIGURE_RECORDS), encoding="utf-8")
    return path
