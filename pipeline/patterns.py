"""Regular expressions over many literal names (a gazetteer, the world's country names).

Python's regex engine tries the branches of an alternation one after another
at every place in the text, so a pattern of 500 names costs 500 attempts per
character. Grouped by their first character, the names are ruled out a group
at a time, and the pattern compiles as fast as the plain list (a full trie
matches no faster and compiles slower, which a one-article run pays).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable


def literal_alternation(names: Iterable[str]) -> str:
    """The names as one alternation grouped by first character (``A(?:libaba Group|libaba|li)``);
    at a place where several fit, the longest that lets the rest of the pattern match wins, as
    with a plain alternation sorted longest first."""
    rests_by_first: dict[str, list[str]] = defaultdict(list)
    for name in set(names):
        rests_by_first[name[:1]].append(name[1:])
    groups = []
    for first, rests in sorted(rests_by_first.items()):
        rests.sort(key=lambda rest: (-len(rest), rest))  # the empty rest, a one-letter name, last
        inner = "|".join(map(re.escape, rests))
        groups.append(re.escape(first) + (f"(?:{inner})" if inner else ""))
    return "(?:" + "|".join(groups) + ")"
