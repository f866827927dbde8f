"""Adjudicate the first annotation of figures into the gold's figures.

Annotator A (corpus, corpus2-china) and annotator B (the other two corpus 2 files) settled some
questions that spec §9 leaves open in different ways. REVIEW.md ("Figures (§9): decisions and
agreement") takes one decision for each. This script applies those decisions to the first
annotation (``figures-first/``) and writes the gold's figures (``figures/``). It prints every
record it changes. A decision that a rule can apply is code. The others are a list of edits: each
names the decision (F1, F2, ... in REVIEW.md) and the words a changed span holds, found inside the
quantity's sentence.

    python data/annotation/adjudicate_figures.py
    python -m pipeline.evaluation.figures_gold merge
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from pipeline.evaluation.figures_gold import GOLD_DIR, read_figures, write_figures  # noqa: E402
from pipeline.evaluation.scoring import load_gold  # noqa: E402

FIRST_DIR, OUT_DIR = HERE / "figures-first", HERE / "figures"

# (doc id prefix, quantity start, decision, {field: new value}); a span is given as its words,
# or as (words, n) for the n-th occurrence (0-based) in the sentence; None is null.
EDITS = [
    # F2 a demonym that says whose the figure is, is its subject, outside the measure
    ("a004", 1822, "F2", {"measure": "citizens", "subject": "Chinese"}),
    ("032", 1570, "F2", {"subject": "Chinese"}),  # "five major Chinese banks": inside the phrase, stays in it
    ("a036", 1698, "F2", {"subject": "Chinese"}),  # "Chinese carriers are forecast to invest"
    # F3 several owners of one figure: one span over the coordination
    ("a001", 870, "F3", {"subject": "Germany, Britain, and the United States"}),
    ("a020", 368, "F3", {"subject": "Hengtong Alpha and LONGi"}),
    # F4 a place name that modifies the measured noun is the subject, outside the measure
    ("a036", 1772, "F4", {"measure": "markets"}),
    # F5 the world is an owner
    ("c039", 112, "F5", {"subject": "world"}),
    ("c039", 154, "F5", {"subject": "world"}),  # "or 2.9 billion people": restates the 37 percent
    ("c039", 1151, "F5", {"subject": "world"}),
    # F6 a possessor that refers back (the region's) takes the name it refers to in the sentence
    ("c015", 1590, "F6", {"subject": "ASEAN"}),
    ("c015", 1609, "F6", {"subject": "ASEAN"}),
    # F9 an additional or another amount is a change; the cue word is not part of the measure
    ("a006", 402, "F9", {"kind": "change"}),
    ("a006", 420, "F9", {"kind": "change"}),
    ("a024", 637, "F9", {"kind": "change"}),
    ("a024", 983, "F9", {"kind": "change"}),
    ("c005", 106, "F9", {"kind": "change", "measure": "subsidies"}),
    ("c013", 1082, "F9", {"kind": "change"}),
    ("c039", 1840, "F9", {"measure": "people"}),
    # F12 a threshold or constant inside another figure's definition has the sentence's owner and year
    ("b024", 76, "F12", {"subject": "European Union"}),
    ("b024", 729, "F12", {"subject": "Denmark"}),
    ("b024", 1057, "F12", {"subject": "Czech Republic"}),
    ("b024", 1316, "F12", {"subject": "Denmark", "period": 2021}),
    # F13 a post-modifier that restricts what is counted stays in the measure
    ("022", 649, "F13", {"measure": "standard racks in use"}),
    ("a025", 1597, "F13", {"measure": "scientific projects in the digital economy"}),
    ("a041", 1766, "F13", {"measure": "5G virtual private networks for industry"}),
    ("b017", 1780, "F13", {"measure": "AI tools in use"}),
    ("c002", 821, "F13", {"measure": "investment proposals in the semiconductor sector"}),
    # F15 of an apposition, the measure is the name the statistic goes by
    ("c026", 1298, "F15", {"measure": "gross domestic product"}),
]

USED: set[tuple[str, int]] = set()
NUMBER_OF = re.compile(r"(?:the\s+)?(?:total\s+)?number\s+of\s+", re.IGNORECASE)


def find_words(text: str, sentence: tuple[int, int], spec: str | tuple[str, int]) -> list[int]:
    """The document offsets of ``spec``'s words inside the sentence, at word boundaries."""
    words, nth = (spec, 0) if isinstance(spec, str) else spec
    pattern = (r"\b" if words[0].isalnum() else "") + re.escape(words) + (r"\b" if words[-1].isalnum() else "")
    found = list(re.finditer(pattern, text[sentence[0]:sentence[1]]))
    if len(found) <= nth:
        raise SystemExit(f"{words!r} is not in the sentence {text[sentence[0]:sentence[1]]!r}")
    return [sentence[0] + found[nth].start(), sentence[0] + found[nth].end()]


def drop_number_of(text: str, figure: dict) -> dict:
    """F14: "the number of X" measures X."""
    span = figure["measure"]
    if span is None:
        return figure
    lead = NUMBER_OF.match(text, span[0])
    if lead is None or lead.end() >= span[1]:
        return figure
    return {**figure, "measure": [lead.end(), span[1]]}


def adjudicate(name: str) -> dict:
    gold = load_gold(GOLD_DIR / name)
    figures = read_figures(FIRST_DIR / name)
    edits = {}
    for prefix, start, decision, change in EDITS:
        keys = [k for k in figures if k[0].startswith(prefix + "_") and k[1] == start]
        if len(keys) > 1:
            raise SystemExit(f"{prefix} {start}: {len(keys)} quantities match")
        if keys:
            edits[keys[0]] = (decision, change)
            USED.add((prefix, start))
    out = {}
    for key, figure in figures.items():
        doc = gold[key[0]]
        sentence = next((s.start, s.end) for s in doc.sentences if s.start <= key[1] and key[2] <= s.end)
        new = drop_number_of(doc.text, figure)
        decision, change = edits.pop(key, ("F14", {}))
        for field, value in change.items():
            if field in ("measure", "subject") and value is not None:
                value = find_words(doc.text, sentence, value)
            new = {**new, field: value}
        if new != figure:
            show(doc.text, key, figure, new, decision)
        out[key] = new
    return out


def show(text: str, key: tuple, old: dict, new: dict, decision: str) -> None:
    span = lambda v: None if v is None else text[v[0]:v[1]]  # noqa: E731
    parts = []
    for field in ("measure", "subject", "period", "kind"):
        before, after = old[field], new[field]
        if before != after:
            if field in ("measure", "subject"):
                before, after = span(before), span(after)
            parts.append(f"{field} {before!r} -> {after!r}")
    print(f"{decision:<3} {key[0][:40]:<40} {text[key[1]:key[2]]!r}: " + "; ".join(parts))


def main() -> None:
    changed = 0
    for path in sorted(FIRST_DIR.glob("*.jsonl")):
        figures = adjudicate(path.name)
        first = read_figures(path)
        changed += sum(figures[k] != first[k] for k in figures)
        write_figures(OUT_DIR / path.name, figures)
    unused = [(p, s) for p, s, _, _ in EDITS if (p, s) not in USED]
    if unused:
        raise SystemExit(f"edits that match no quantity: {unused}")
    print(f"{changed} figures changed")


if __name__ == "__main__":
    main()
