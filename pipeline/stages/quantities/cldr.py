"""Writes ``currencies.json``, the currency table that ``currencies`` reads, from CLDR (through Babel).

CLDR is the Unicode consortium's maintained locale data: every ISO 4217 currency with its English
names (singular and plural), the symbols each country's locales write it with (``Ksh``, ``RM``,
``Rp``, ``R``, ``₦``, ``GH₵``), and the territories where it is legal tender.  A run does not need
Babel: the table is generated once and committed, and regenerating it with the same Babel
version gives the same bytes (``tests/stages/quantities/test_cldr.py`` checks this)::

    python -m pipeline.stages.quantities.cldr
"""

from __future__ import annotations

import datetime
import json
import unicodedata
from pathlib import Path

TABLE = Path(__file__).with_name("currencies.json")
# "legal tender today" is asked at a fixed date, so that the table does not change with the clock
AS_OF = datetime.date(2025, 1, 1)


def _written_in_english_news(symbol: str) -> bool:
    """Latin letters, digits, dots, slashes and currency signs: what an English text can contain."""
    return all(ch in "./" or ch.isdigit() or unicodedata.category(ch) == "Sc"
               or (ch.isalpha() and "LATIN" in unicodedata.name(ch, "")) for ch in symbol)


def build_table() -> dict:
    import babel
    from babel import Locale, localedata
    from babel.core import get_global
    from babel.numbers import get_territory_currencies

    en = Locale("en")
    plural = en._data["currency_names_plural"]
    territories: dict[str, set[str]] = {}
    for territory in en.territories:
        if len(territory) == 2 and territory.isalpha():
            for code in get_territory_currencies(territory, start_date=AS_OF, end_date=AS_OF, tender=True):
                territories.setdefault(code, set()).add(territory)
    symbols: dict[str, set[str]] = {code: set() for code in territories}
    for identifier in sorted(localedata.locale_identifiers()):
        locale = Locale.parse(identifier)
        for code in territories if locale.territory else ():
            if locale.territory in territories[code] and locale.currency_symbols.get(code):
                symbols[code].add(locale.currency_symbols[code])
    for code in territories:
        if en.currency_symbols.get(code):
            symbols[code].add(en.currency_symbols[code])
    currencies = []
    for code, name in sorted(en.currencies.items()):
        if "(" in name or code.startswith("X") and code not in territories:
            continue   # dated issues ("Ghanaian Cedi (1979–2007)"), funds, metals and test codes
        forms = plural.get(code) or {}
        currencies.append({
            "code": code,
            "name": forms.get("one") or name,
            "plural": forms.get("other") or name,
            "current": code in territories,
            "territories": sorted(territories.get(code, ())),
            "symbols": sorted(s for s in symbols.get(code, ()) if _written_in_english_news(s)),
        })
    used = {t for c in currencies for t in c["territories"]}
    zone_names = en._data["time_zones"]
    cities: dict[str, set[str]] = {}
    for zone, territory in get_global("zone_territories").items():
        city = (zone_names.get(zone) or {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
        if territory in used and "/" in zone and not zone.startswith(("Etc/", "Antarctica/")):
            cities.setdefault(territory, set()).add(city)
    return {
        "source": f"CLDR through Babel {babel.__version__}; legal tender as of {AS_OF.isoformat()}",
        "currencies": currencies,
        "territories": {t: {"name": en.territories[t], "cities": sorted(cities.get(t, ()))}
                        for t in sorted(used)},
    }


def render(table: dict) -> str:
    return json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main() -> None:
    TABLE.write_text(render(build_table()), encoding="utf-8")
    print(f"wrote {TABLE}")


if __name__ == "__main__":
    main()
