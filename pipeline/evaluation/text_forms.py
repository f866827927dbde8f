"""The forms the same article comes in from real files, each with its gold carried over.

Users feed the pipeline wire copy and e-mail wrapped at a fixed width, pages
whose spaces are ``&nbsp;``, and files saved on Windows. The same article in
each form should give the same annotations, so each form here keeps the
gold's meaning: wrapping turns a space into a line break and a no-break space
replaces a space (offsets unchanged), Windows line endings insert a ``\\r``
before every ``\\n`` (offsets moved by ``shift_offsets``).
"""

from __future__ import annotations

import bisect
from typing import Callable

NO_BREAK_SPACE = "\u00a0"


def hard_wrapped(text: str, width: int) -> str:
    """``text`` with each line longer than ``width`` wrapped greedily at ``width`` columns.

    A space becomes a line break, so every offset still points at the same
    character; a word longer than the width stays whole on its own line. Short
    lines, blank lines and runs of spaces are left as they are.
    """
    chars = list(text)
    line_start = 0
    for line in text.split("\n"):
        column_start = line_start
        last_space = -1
        for i, ch in enumerate(line):
            at = line_start + i
            if ch == " ":
                last_space = at
            if at - column_start >= width and ch != " " and last_space > column_start:
                chars[last_space] = "\n"
                column_start = last_space + 1
                last_space = -1
        line_start += len(line) + 1
    return "".join(chars)


def no_break_spaces(text: str) -> str:
    """Every space a no-break space (U+00A0), as a page of ``&nbsp;`` gives it."""
    return text.replace(" ", NO_BREAK_SPACE)


def windows_line_endings(text: str) -> str:
    """Every ``\\n`` as ``\\r\\n``."""
    return text.replace("\n", "\r\n")


def crlf_offset_map(text: str) -> Callable[[int], int]:
    """Where offset ``i`` of ``text`` lands in ``windows_line_endings(text)``."""
    breaks = [i for i, ch in enumerate(text) if ch == "\n"]
    return lambda i: i + bisect.bisect_left(breaks, i)


FORMS: dict[str, Callable[[str], str]] = {
    "as published": lambda text: text,
    "hard-wrapped at 72 columns": lambda text: hard_wrapped(text, 72),
    "every space a no-break space (U+00A0)": no_break_spaces,
    "Windows line endings": windows_line_endings,
}


def shift_offsets(record: dict, where: Callable[[int], int]) -> dict:
    """A gold record (spec §5) with every start and end moved by ``where``."""
    def moved(item):
        if isinstance(item, dict):
            return {k: (where(v) if k in ("start", "end") and isinstance(v, int) else moved(v))
                    for k, v in item.items()}
        if isinstance(item, list):
            return [moved(v) for v in item]
        return item

    return {k: (v if k in ("doc_id", "text") else moved(v)) for k, v in record.items()}


def gold_in_form(record: dict, text: str, form: str) -> dict:
    """``record`` (its text already resolved to ``text``) as gold for ``FORMS[form](text)``, text inline."""
    out = {k: v for k, v in record.items() if k not in ("path", "sha256")}
    if form == "Windows line endings":
        out = shift_offsets(out, crlf_offset_map(text))
    out["text"] = FORMS[form](text)
    return out


def annotations(doc, where: Callable[[int], int] = lambda i: i) -> dict[str, set]:
    """What the pipeline found in one document, as comparable sets, offsets mapped by ``where``:
    two forms of one article agree where these sets are equal."""
    from pipeline.extensions import doc_to_records

    out: dict[str, set] = {"sentences": set(), "labels": set(), "entities": set(), "quantities": set()}
    for row in doc_to_records(doc, "d"):
        out["sentences"].add((where(row.start), where(row.end), row.boilerplate))
        out["labels"].add((where(row.start), tuple(row.labels)))
        out["entities"].update((where(e.start), where(e.end), e.label) for e in row.entities)
        out["quantities"].update((where(q.start), where(q.end), q.value, q.unit) for q in row.quantities)
    return out
