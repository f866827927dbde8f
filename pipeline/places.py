"""Places as English news names them, and CLDR's English name for each.

A figure's owner is often a place, written many ways (``the U.S.``, ``United States``,
``American``; ``China``, ``Chinese``). CLDR, the Unicode consortium's locale data, names every
territory; its table is already in the repository, written for the currencies
(``stages/quantities/currencies.json``, by ``stages/quantities/cldr.py``), with the English names
of each currency, whose adjective is a demonym (``Chinese`` yuan, ``German`` mark). The press's
own names for a few territories (``UK``, ``Britain``, ``UAE``) are ``TERRITORY_ALIASES``, which
the currency reader uses too.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

CLDR_TABLE = Path(__file__).parent / "stages" / "quantities" / "currencies.json"

# How English news names countries whose CLDR name it does not use, and demonyms CLDR's currency
# names do not carry
TERRITORY_NAMES: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "America"), "GB": ("UK", "U.K.", "Britain", "England"),
    "HK": ("Hong Kong",), "MO": ("Macau", "Macao"), "AE": ("UAE", "Emirates", "Dubai", "Abu Dhabi"),
    "CD": ("DR Congo", "DRC", "Democratic Republic of the Congo", "Democratic Republic of Congo"),
    "CG": ("Republic of the Congo",), "TR": ("Turkey",), "MM": ("Myanmar", "Burma"),
    "CI": ("Ivory Coast", "Côte d'Ivoire"), "KR": ("Korea",), "CZ": ("Czech Republic",), "SZ": ("Swaziland",),
    "TL": ("East Timor",), "BA": ("Bosnia",), "TT": ("Trinidad",), "PS": ("Palestine",),
}
TERRITORY_DEMONYMS: dict[str, tuple[str, ...]] = {
    "US": ("American", "Americans"), "GB": ("British",), "AE": ("Emirati",), "TR": ("Turkish",),
    "KR": ("Korean", "Koreans"), "PH": ("Filipino", "Filipinos"), "CZ": ("Czech",), "NL": ("Dutch",),
}
TERRITORY_ALIASES: dict[str, tuple[str, ...]] = {
    t: TERRITORY_NAMES.get(t, ()) + TERRITORY_DEMONYMS.get(t, ()) for t in {**TERRITORY_NAMES, **TERRITORY_DEMONYMS}}


# the press's initials for a territory (``UAE``, ``U.S.``): unlike a name in words (``Emirates``), never an
# organisation's too
PRESS_INITIALS = frozenset(name for names in TERRITORY_NAMES.values() for name in names
                           if re.fullmatch(r"(?:[A-Z]\.?){2,4}", name))


@lru_cache(maxsize=1)
def cldr_table() -> dict:
    """CLDR's territories and currencies (``stages/quantities/currencies.json``), read once for the place
    readers here and the currency reader alike."""
    return json.loads(CLDR_TABLE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def place_forms() -> dict[str, str]:
    """How English news names a territory (lower case) -> CLDR's English name for it: the name,
    the press's aliases (``U.S.``, ``Britain``), and the adjective of a currency that is, or was,
    its own (``Chinese`` yuan, ``German`` mark: ISO 4217 codes begin with the territory's code).
    A form that could name two territories is left out."""
    table = cldr_table()
    names = {t: info["name"] for t, info in table["territories"].items()}
    found: dict[str, set[str]] = {}
    for territory, name in names.items():
        for form in (name, *TERRITORY_ALIASES.get(territory, ())):
            found.setdefault(form.lower(), set()).add(name)
    for currency in table["currencies"]:
        adjective = " ".join(currency["name"].split()[:-1])
        if adjective and currency["code"][:2] in names:
            found.setdefault(adjective.lower(), set()).add(names[currency["code"][:2]])
    return {form: next(iter(places)) for form, places in found.items() if len(places) == 1}


def place_name(written: str) -> str | None:
    """CLDR's English name of the place ``written`` names (any case), or None."""
    return place_forms().get(written.lower())


SUBNATIONAL_TABLE = Path(__file__).with_name("places.json")  # written by ``places_table``
CAPITALISED = re.compile(r"[A-Z][\w&'’.-]*")
# the word next to a name: across spaces of any kind and a line break of hard-wrapped text, not a blank line
WORD_BEFORE = re.compile(r"(\S+)(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)$")
WORD_AFTER = re.compile(r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)(\S+)")
TRAILING = re.compile(r"(?:['’]s|['’.])+$")  # what follows a word that is not part of it: ``Johor's``, ``Assam.``
# a name that runs on through ``of`` (used with .search(text, pos, place_start)): ``Bank of America``
NAME_OF_BEFORE = re.compile(r"(?<![\w'’])[A-Z][\w&'’.-]*\s+of\s+(?:the\s+)?$")


def country_names() -> list[str]:
    """The names of the world's territories as English news writes them, CLDR's and the press's own
    (``UAE``), of three letters or more and without CLDR's asides (``Myanmar (Burma)``): the NER misses
    some (``UAE``, ``Bahrain``, ``Senegal``), and ``place_mentions`` finds them as it finds provinces."""
    table = cldr_table()
    names = [info["name"] for info in table["territories"].values()] + \
        [name for names in TERRITORY_NAMES.values() for name in names]
    return sorted({name for name in names if len(name) >= 3 and re.fullmatch(r"[A-Z][\w.' -]*", name)})


@lru_cache(maxsize=1)
def _places_pattern() -> tuple[frozenset[str], re.Pattern]:
    """The first words of the table's names and the countries', and a pattern of the names, longest first:
    the pattern is tried only where a first word stands, since an alternation of two thousand names is
    slow. A currency's prefix is no place (``US$``)."""
    names = json.loads(SUBNATIONAL_TABLE.read_text(encoding="utf-8"))["places"] + country_names()
    longest_first = sorted(set(names), key=len, reverse=True)
    pattern = re.compile(r"(?<![\w&-])(?:" + "|".join(map(re.escape, longest_first)) + r")(?![\w$-])")
    return frozenset(name.split()[0] for name in names), pattern


def place_mentions(text: str, sentence_starts: Iterable[int] = ()) -> list[tuple[int, int]]:
    """Where ``text`` names a state, a province or a big city (``places.json``), or a country, on its
    own: the places the NER misses (``Johor``, ``Assam``, ``Sharjah``, ``UAE``). Not inside a longer name, a word
    written with a capital right before it (unless that word opens its sentence) or after it, or a
    name's ``of``: ``Johor Bahru``, ``the G20 Hangzhou Summit``, ``Digital Guangdong``, ``Bank of America``."""
    starts = set(sentence_starts)
    first_words, pattern = _places_pattern()
    found = []
    matches = (pattern.match(text, word.start()) for word in CAPITALISED.finditer(text)
               if {word.group(), TRAILING.sub("", word.group())} & first_words)
    for match in (m for m in matches if m is not None):
        window = max(0, match.start() - 80)
        before = WORD_BEFORE.search(text, window, match.start())
        after = WORD_AFTER.match(text, match.end())
        opens_sentence = before is not None and before.start(1) in starts
        if (before is not None and CAPITALISED.fullmatch(before.group(1)) and not opens_sentence) or \
                (after is not None and CAPITALISED.match(after.group(1))) or \
                ((of_name := NAME_OF_BEFORE.search(text, window, match.start())) and of_name.start() not in starts):
            continue
        found.append(match.span())
    return found
