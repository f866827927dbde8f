"""Regular expressions over many literal names (a gazetteer, the world's country names).

Python's regex engine tries the branches of an alternation one after another
at every place in the text, so a pattern of 500 names costs 500 attempts per
character. Written as a trie, it branches one character at a time and rules
most names out by their first letter.
"""

from __future__ import annotations

import re
from typing import Iterable


def literal_alternation(names: Iterable[str]) -> str:
    """The names as one alternation that branches a character at a time (``Ali(?:baba(?: Group|)|pay)``);
    at a place where several fit, the longest that lets the rest of the pattern match wins, as
    with a plain alternation sorted longest first."""
    trie: dict[str, dict] = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}  # a name ends here
    return _trie_source(trie)


def _trie_source(node: dict[str, dict]) -> str:
    branches = [re.escape(ch) + _trie_source(child) for ch, child in sorted(node.items()) if ch]
    if "" in node:
        branches.append("")  # after every longer way on: the longest name is tried first
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
