"""Regular expressions that run at every place of every text, written for speed.

Python's regex engine tries the branches of an alternation one after another
at every place in the text, so a pattern of 500 names costs 500 attempts per
character. Grouped by their first character, the names are ruled out a group
at a time, and the pattern compiles as fast as the plain list (a full trie
matches no faster and compiles slower, which a one-article run pays).

A pattern that opens with ``\b`` gets no fast scan for its first letters either;
where every match starts with one of a few words (``\b(?:will|would|shall)\b``),
looking for those words with ``in`` first (``quick_search``) spares most texts
the search.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Callable, Iterable

try:  # the regex parser, to read a pattern's leading words (Python 3.11 on)
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # Python 3.10
    import sre_constants as sre
    import sre_parse

MAX_QUICK_LITERALS = 12  # more ``in`` tests than this cost about what the search does


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


def leading_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings of which one starts every match of ``pattern``, past the assertions before it
    (``\b``): ``{"will", "would", "shall"}`` for ``\b(?:will|would|shall)\b``. None when a match
    can start otherwise (a character class, a repeat, case-insensitive letters), or a match may be
    empty; of two strings where one holds the other, only the shorter is kept."""
    if pattern.flags & re.IGNORECASE:
        return None
    found = _leading(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    if not found:
        return None
    return frozenset(s for s in found if not any(o != s and o in s for o in found))


def _leading(items: list) -> set[str] | None:
    i = 0
    while i < len(items) and items[i][0] is sre.AT:
        i += 1
    if i == len(items):
        return None
    op, av = items[i]
    if op is sre.LITERAL:
        run = ""
        while i < len(items) and items[i][0] is sre.LITERAL:
            run += chr(items[i][1])
            i += 1
        return {run}
    if op is sre.SUBPATTERN:
        _, add_flags, _, inner = av
        return None if add_flags & re.IGNORECASE else _leading(list(inner))
    if op is sre.BRANCH:
        found: set[str] = set()
        for branch in av[1]:
            got = _leading(list(branch))
            if not got:
                return None
            found |= got
        return found
    return None


def quick_search(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """Whether ``pattern`` matches somewhere in a text, its leading words looked for first when
    it has a few (``leading_literals``): the same answer as ``pattern.search``, sooner."""
    literals = leading_literals(pattern)
    if literals is None or len(literals) > MAX_QUICK_LITERALS:
        return lambda text: pattern.search(text) is not None
    words = tuple(sorted(literals))
    return lambda text: any(word in text for word in words) and pattern.search(text) is not None
