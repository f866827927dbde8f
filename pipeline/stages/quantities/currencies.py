"""Money: currency names, symbols and ISO 4217 codes, and how an article settles an ambiguous one.

The currencies themselves come from CLDR (``currencies.json``, written by ``cldr.py``): every
ISO 4217 code with its English names, the symbols its countries' locales write (``Ksh``, ``RM``,
``Rp``, ``R``, ``₦``, ``GH₵``) and the territories where it is legal tender.  This module adds
only what CLDR does not say: the abbreviations English-language news writes (``Sh``, ``N``,
``P``, ``SR``, ``TL``, ``Tk``), the press spellings (``roubles``, ``reais``), and which currency
a form means when the article does not say (``Sh`` is KES).  A bare ``$`` is always USD, as
spec §4 has it, whatever country the article is about.

A form that several currencies share (``Rs``, ``Sh``, ``P``, ``shillings``, ``pesos``) is
read as an *ambiguous unit*, a marker that lists its candidates; ``settle_unit`` then picks the
candidate whose country the article names most (its name, a city, or the adjective of its
currency: ``Kenya``, ``Nairobi``, ``Kenyan``), else the form's default, else the currency's name
(``peso``) when no default is safe.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from pipeline.patterns import literal_alternation
from pipeline.places import TERRITORY_ALIASES, cldr_table
from pipeline.records import Quantity
from pipeline.stages.quantities.numbers import HS, Num

_TABLE = cldr_table()

# ---------------------------------------------------------------------------
# What news writes that CLDR does not
# ---------------------------------------------------------------------------

# Abbreviations of the press, with the code or the currency name (every current currency of that
# name) they stand for.  CLDR's own symbols (Ksh, USh, TSh, RM, Rp, R, ₦, GH₵, R$...) come on top.
_PRESS_SYMBOLS: dict[str, str] = {
    # East Africa: "Sh3.7 trillion" (Kenya, Tanzania), "Shs" (Uganda)
    "Sh": "shilling", "Shs": "shilling", "KSh": "KES", "KShs": "KES", "Kshs": "KES",
    "Ush": "UGX", "UShs": "UGX", "Ushs": "UGX", "Tsh": "TZS", "TShs": "TZS", "Tshs": "TZS",
    # South Asia
    "Rs": "rupee", "Rs.": "rupee", "Tk": "BDT", "Tk.": "BDT",
    # the naira sign typeset as N, the cedi sign as a cent sign
    "N": "NGN", "GH¢": "GHS", "Gh¢": "GHS", "GHc": "GHS", "GHC": "GHS", "Birr": "ETB",
    # the Philippine peso written as Botswana's pula is
    "P": "PHP",
    # the Gulf, Egypt, Jordan, Turkey
    "SR": "SAR", "QR": "QAR", "Dh": "dirham", "Dhs": "dirham", "KD": "KWD", "BD": "BHD",
    "RO": "OMR", "LE": "EGP", "E£": "EGP", "JD": "JOD", "TL": "TRY",
    # Israel's new shekel as its press writes it; francs and crowns as Reuters and the FT do
    "NIS": "ILS", "SFr": "CHF", "SFr.": "CHF", "Sfr": "CHF", "CFA": "XAF,XOF", "Rwf": "RWF",
    "Frw": "RWF", "SKr": "SEK", "NKr": "NOK", "DKr": "DKK",
    # dollars and pesos with a country prefix
    "AU$": "AUD", "SG$": "SGD", "J$": "JMD", "TT$": "TTD", "Mex$": "MXN", "AR$": "ARS",
    "Php": "PHP", "₿": "bitcoin",
}
# Which currency a shared form means when the article names none of its countries (or ties):
# the one of the largest English-language press that writes it.
_DEFAULTS: dict[str, str] = {
    "$": "USD", "dollar": "USD", "cent": "USD", "pound": "GBP", "£": "GBP",
    "Sh": "KES", "Shs": "KES", "shilling": "KES", "Rs": "INR", "Rs.": "INR", "rupee": "INR",
    "paisa": "INR", "P": "PHP", "SR": "SAR", "C$": "CAD", "riyal": "SAR", "won": "KRW",
    "ruble": "RUB", "krona": "SEK", "dirham": "AED", "Dh": "AED", "Dhs": "AED", "leu": "RON",
}
# Forms whose reading does not depend on the article (module docstring of the package: ¥ is JPY)
_FIXED: dict[str, str] = {"¥": "JPY", "￥": "CNY", "£": "GBP", "CN¥": "CNY", "JP¥": "JPY"}
# Names that are not CLDR's: (code or currency name, factor to the major unit)
_EXTRA_NAMES: dict[str, tuple[str, float]] = {
    "buck": ("dollar", 1.0), "cent": ("dollar", 0.01), "sterling": ("GBP", 1.0),
    "pound sterling": ("GBP", 1.0), "penny": ("GBP", 0.01), "pence": ("GBP", 0.01),
    "paisa": ("rupee", 0.01), "paise": ("rupee", 0.01), "kobo": ("NGN", 0.01),
    "renminbi": ("CNY", 1.0), "rmb": ("CNY", 1.0), "kuai": ("CNY", 1.0), "jiao": ("CNY", 0.1),
    "fen": ("CNY", 0.01), "rouble": ("ruble", 1.0), "crown": ("crown", 1.0),
    "deutsche mark": ("DEM", 1.0), "deutschmark": ("DEM", 1.0), "d-mark": ("DEM", 1.0),
    "bitcoin": ("bitcoin", 1.0),
}
_EXTRA_PLURALS = {"pennies": "penny", "pounds sterling": "pound sterling", "reais": "real",
                  "lire": "lira", "kronor": "krona", "kroner": "krone", "sheqalim": "shekel",
                  "colones": "colón", "deutsche marks": "deutsche mark", "d-marks": "d-mark"}
# "Czech crowns", "Swedish crowns": Reuters' English for koruna, krona, krone
_CROWNS = ("CZK", "DKK", "ISK", "NOK", "SEK")
# English words that name a currency only with its adjective: "Brazilian real", not "real" growth
_ADJECTIVE_ONLY = {"mark", "real", "sol", "gold", "crown", "guarani", "unit", "value", "austral"}
# ISO codes that news writes for money every day, read in any case ("usd 5").  Every other code
# counts only in capitals and, since most are also acronyms ("NPR", "COP28", "TOP 10", "SDG 9"),
# only in a money context, as one letter does (``context.weak_prefix_is_money``).
_ANY_CASE_CODES = ("USD EUR GBP JPY CNY RMB HKD CAD AUD NZD SGD CHF INR KRW RUB BRL MXN ZAR SEK "
                   "NOK DKK TWD THB MYR IDR VND SAR AED PLN HUF CZK ILS NGN KES EGP PKR BDT LKR "
                   "UAH KZT ARS CLP QAR KWD BTC").split()
_ISO_ALIAS = {"RMB": "CNY", "BTC": "bitcoin"}

# ---------------------------------------------------------------------------
# The table, read once
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Currency:
    code: str
    adjective: str   # "Kenyan", "South African", "" for the euro
    noun: str        # "shilling"
    plural: str      # "shillings"
    current: bool
    territories: tuple[str, ...]
    symbols: tuple[str, ...]


def _currency(row: dict) -> _Currency:
    words, plural = row["name"].split(), row["plural"].split()
    return _Currency(row["code"], " ".join(words[:-1]), words[-1].lower(), plural[-1].lower(),
                     row["current"], tuple(row["territories"]), tuple(row["symbols"]))


_CURRENCIES = [_currency(row) for row in _TABLE["currencies"]]
_CURRENT = {c.code for c in _CURRENCIES if c.current}
_CODES = {c.code for c in _CURRENCIES}
_TERRITORY_NAMES = {t: (info["name"], *TERRITORY_ALIASES.get(t, ())) for t, info in _TABLE["territories"].items()}


def _by_noun() -> dict[str, list[_Currency]]:
    found: dict[str, list[_Currency]] = {}
    for c in _CURRENCIES:
        found.setdefault(c.noun, []).append(c)
    return found


_BY_NOUN = _by_noun()


def _noun_codes(noun: str) -> tuple[str, ...]:
    """The current currencies of a name; a name no current currency has, its past ones."""
    group = _BY_NOUN.get(noun, [])
    current = sorted(c.code for c in group if c.current)
    return tuple(current) if current else tuple(sorted(c.code for c in group))


def _group(target: str, past_too: bool = False) -> tuple[str, ...]:
    """A code, or every (current) currency of a name."""
    if target == "crown":
        return _CROWNS
    if target.isupper() or target == "bitcoin":
        return tuple(target.split(","))
    return tuple(sorted(c.code for c in _BY_NOUN.get(target, []))) if past_too else _noun_codes(target)


def _symbol_codes() -> dict[str, set[str]]:
    """Symbol -> the codes it may stand for: CLDR's and the press's.  ``$`` is a dollar only:
    the pesos that CLDR also writes ``$`` are written ``pesos`` in English news."""
    found: dict[str, set[str]] = {}
    for c in _CURRENCIES:
        for symbol in c.symbols if c.current else ():
            if symbol != c.code and (symbol != "$" or c.noun == "dollar"):
                found.setdefault(symbol, set()).add(c.code)
    for symbol, target in _PRESS_SYMBOLS.items():
        found.setdefault(symbol, set()).update(_group(target))
    return found


def _adjective_codes() -> dict[str, set[str]]:
    """Adjective (lower case) -> codes: the currency's own adjective, its countries' names, and
    the last word of a longer adjective ("CFA francs", "Taiwan dollars")."""
    found: dict[str, set[str]] = {}
    for c in _CURRENCIES:
        names = {c.adjective, c.adjective.split()[-1] if c.adjective else ""}
        names |= {n for t in c.territories for n in _TERRITORY_NAMES.get(t, ())}
        for name in names - {""}:
            found.setdefault(name.lower(), set()).add(c.code)
    return found


def _name_forms() -> dict[str, str]:
    """Written form of a currency's name (lower case) -> its singular."""
    found: dict[str, str] = {}
    for c in _CURRENCIES:
        for form in (c.noun, c.plural, c.noun + "s"):
            found.setdefault(form, c.noun)
    for name in _EXTRA_NAMES:
        found[name] = name
        found.setdefault(name + "s", name)
    found.update(_EXTRA_PLURALS)
    found.pop("pences", None)
    return found


_SYMBOL_CODES = _symbol_codes()
_ADJECTIVE_CODES = _adjective_codes()
_NAME_FORMS = _name_forms()

# ---------------------------------------------------------------------------
# Ambiguous units: "¤name|default|CODE,CODE" until the article settles them
# ---------------------------------------------------------------------------

_MARK = "¤"
_NO_LETTER_BEFORE = r"(?<![^\W\d_])"


def _ambiguous(codes: tuple[str, ...] | set[str], key: str, name: str | None) -> str:
    codes = tuple(sorted(codes))
    if len(codes) == 1:
        return codes[0]
    default = _DEFAULTS.get(key, "")
    return f"{_MARK}{name or ''}|{default if default in codes else ''}|{','.join(codes)}"


def is_ambiguous(unit: str | None) -> bool:
    return bool(unit) and unit.startswith(_MARK)


def candidate_codes(unit: str | None) -> tuple[str, ...]:
    """The codes a unit may stand for: itself, or an ambiguous unit's candidates."""
    if not unit:
        return ()
    return tuple(unit.split("|")[2].split(",")) if is_ambiguous(unit) else (unit,)


def likely_code(unit: str | None) -> str | None:
    """The code an ambiguous unit has when nothing settles it (its default), else the unit."""
    if is_ambiguous(unit):
        return unit.split("|")[1] or None
    return unit


def is_money_unit(unit: str | None) -> bool:
    """A unit that find_quantities gives money: an ISO code, a currency's name, or bitcoin."""
    return bool(unit) and (unit in _CODES or unit in _BY_NOUN or unit == "bitcoin" or is_ambiguous(unit))


def takes_cents(unit: str | None) -> bool:
    """'3 dollars 50 cents': currencies whose minor unit news writes after the major one."""
    return likely_code(unit) in ("USD", "CAD", "AUD", "NZD", "HKD", "SGD", "EUR", "GBP", "TWD")


def settle_unit(unit: str | None, mentions: Counter[str]) -> str | None:
    """An ambiguous unit becomes the candidate whose country the article names most; on a tie
    or silence, the form's default; with no default, the currency's name (``peso``)."""
    if not is_ambiguous(unit):
        return unit
    name, default, codes = unit[1:].split("|")
    counts = {code: mentions[code] for code in codes.split(",")}
    most = max(counts.values())
    top = [code for code, n in counts.items() if n == most]
    if most and len(top) == 1:
        return top[0]
    return default or name or None


# ---------------------------------------------------------------------------
# Countries an article names
# ---------------------------------------------------------------------------

def _mention_codes() -> dict[str, set[str]]:
    """How an article names a currency's country -> the currencies: the country's name, its
    cities (CLDR's time-zone cities), and the adjective of its currency ("Kenyan")."""
    found: dict[str, set[str]] = {}
    for territory, info in _TABLE["territories"].items():
        codes = {c.code for c in _CURRENCIES if c.current and territory in c.territories}
        for name in (*_TERRITORY_NAMES[territory], *info["cities"]):
            found.setdefault(name, set()).update(codes)
    for c in _CURRENCIES:
        if c.current and c.adjective[:1].isupper():
            found.setdefault(c.adjective, set()).add(c.code)
    return found


_MENTION_CODES = _mention_codes()
_MENTION_RE = re.compile(r"(?<![^\W_])" + literal_alternation(_MENTION_CODES) + r"(?![^\W_])")


@lru_cache(maxsize=16)
def country_mentions(article: str) -> Counter[str]:
    """How often the article names the country of each currency (code -> count)."""
    counts: Counter[str] = Counter()
    for m in _MENTION_RE.finditer(article):
        counts.update(_MENTION_CODES[m.group()])
    return counts


# ---------------------------------------------------------------------------
# Names after a number: "5 billion rand", "300 Swiss francs", "50 cents"
# ---------------------------------------------------------------------------

_ADJ_FORMS = sorted(_ADJECTIVE_CODES, key=len, reverse=True)
_CURRENCY_WORD_RE = re.compile(
    rf"(?:{HS}*|{HS}*-{HS}*)(?:(?P<adj>{'|'.join(re.escape(a) for a in _ADJ_FORMS)}){HS}+)?"
    rf"(?P<cur>{'|'.join(re.escape(c).replace(' ', HS + '+') for c in sorted(_NAME_FORMS, key=len, reverse=True))})"
    r"(?![^\W_])", re.I)
_SPACES_RE = re.compile(r"\s+")
_WORD_NEXT_RE = re.compile(rf"{HS}+[^\W\d_]")
_OF_NEXT_RE = re.compile(rf"{HS}+of\b", re.I)


def _name_unit(adj: str | None, cur: str) -> tuple[str, float]:
    """(unit, factor to the major unit) of a currency name; unit "" when it is no currency."""
    written = _SPACES_RE.sub(" ", cur.lower())
    name = _NAME_FORMS.get(written, "")
    target, factor = _EXTRA_NAMES.get(name, (name, 1.0))
    codes = _group(target)
    if adj:
        adjective = _SPACES_RE.sub(" ", adj.lower())
        narrowed = ({"EUR"} if adjective == "euro"
                    else set(_group(target, past_too=True)) & _ADJECTIVE_CODES.get(adjective, set()))
        if narrowed:
            return _ambiguous(narrowed, target, target), factor
    if (name in _ADJECTIVE_ONLY and written not in _EXTRA_PLURALS) or not codes:  # ``reais`` is no English word
        return "", 1.0
    return _ambiguous(codes, target, target), factor


# ---------------------------------------------------------------------------
# Symbols and codes: "$5", "KSh 300", "R3,7-billion", "100元", "30 USD"
# ---------------------------------------------------------------------------

_CODES_UPPER = sorted(_CURRENT - set(_ANY_CASE_CODES) - {"XXX"})
_ISO_RE_SRC = (rf"(?:(?i:{'|'.join(_ANY_CASE_CODES)})"
               rf"|(?-i:{'|'.join(_CODES_UPPER)}))")
# Symbols written before the number, in the order tried.  Letter prefixes before "$" may be
# spaced only when they cannot be an English word ("c $ 16.4 million" is in the tokenised suite;
# "a $5 bill" must stay USD).  These read in any case; the CLDR and press forms after them only
# as written (``R``, ``N``, ``P`` must be capitals).
_PREFIX_SYMBOLS: list[tuple[str, str]] = [
    (r"(?:US|U\.S\.?|USD){hs}?\$|\$US", "USD"),
    (r"HK{hs}?\$", "HKD"),
    (r"(?:C|CA|CAN|CDN){hs}?\$", "CAD"),
    (r"(?:A|AU|AUD)\$", "AUD"),
    (r"NZ{hs}?\$", "NZD"),
    (r"(?:S|SG|SGD)\$", "SGD"),
    (r"NT{hs}?\$", "TWD"),
    (r"R\$", "BRL"),
    (r"(?:MEX|MX){hs}?\$", "MXN"),
    (r"(?:CN|RMB){hs}?[¥￥]", "CNY"),
    (r"JP{hs}?[¥￥]", "JPY"),
    (r"Rs\.?", "Rs"),
    (r"\$", "$"),
    *((re.escape(sym), sym) for sym in _FIXED),
]
_PREFIX_FORMS = [*(f"{_NO_LETTER_BEFORE}(?:{pat})" for pat, _ in _PREFIX_SYMBOLS),
                 *(f"(?-i:{_NO_LETTER_BEFORE if s[0].isalpha() else ''}{re.escape(s)})"
                   for s in sorted(_SYMBOL_CODES, key=len, reverse=True)),
                 f"{_NO_LETTER_BEFORE}{_ISO_RE_SRC}"]
_PREFIX_KEYS = [*(key for _, key in _PREFIX_SYMBOLS),
                *sorted(_SYMBOL_CODES, key=len, reverse=True), "ISO"]
_PREFIX_RE = re.compile(
    "(?:" + "|".join(f"(?P<p{i}>{form.format(hs=HS)})" for i, form in enumerate(_PREFIX_FORMS))
    + rf")(?={HS}?$)", re.I)
# Signs written after the number ("100元", "100 ₡", "5 €").  "$" only glued.
_SIGNS = {s: codes for s, codes in _SYMBOL_CODES.items()
          if len(s) == 1 and not s.isalpha() and s not in "$£"}
# after the amount: one-character signs, and a dollar sign with its country's letters (``100 US$``, ``30 A$``)
_POSTFIX_SYMBOLS = {"元": "CNY", "円": "JPY", "ரூ": "LKR", "¢": "cent", "₿": "bitcoin",
                    **{s: s for s in (*_SIGNS, *_FIXED) if len(s) == 1},
                    **{s: s for s in _SYMBOL_CODES if len(s) > 1 and s.endswith("$") and s[:-1].isalpha()}}
# a sign of letters and ``$`` before a number is that number's prefix (``the 10 US$1 billion projects``)
_POSTFIX_SIGNS = "|".join(re.escape(s) + (rf"(?!{HS}*[0-9])" if s.endswith("$") else "")
                          for s in sorted(_POSTFIX_SYMBOLS, key=len, reverse=True))
_POSTFIX_RE = re.compile(
    rf"{HS}*({_POSTFIX_SIGNS})"
    rf"|(\$)(?![0-9])|{HS}*-?(?<![^\W\d_])({_ISO_RE_SRC})(?![^\W_])")


def _symbol_unit(key: str) -> str:
    if key in _FIXED:
        return _FIXED[key]
    if key == "Rs":
        return _ambiguous(_SYMBOL_CODES["Rs"], "Rs", "rupee")
    if key == "$":
        return "USD"   # spec §4: `$` -> USD, whatever the article's country (the gold follows it)
    if key in _SYMBOL_CODES:
        codes = _SYMBOL_CODES[key]
        nouns = {c.noun for c in _CURRENCIES if c.code in codes}
        return _ambiguous(codes, key, nouns.pop() if len(nouns) == 1 else None)
    return key   # a code


def _code_unit(code: str) -> str:
    code = code.upper()
    return _ISO_ALIAS.get(code, code)


# Letter abbreviations that news writes for money and for little else; other letters that CLDR
# gives a currency ("MK", "KM", "DA", "RF") are also model names, units and titles
_MONEY_LETTERS = {*(s for s in _PRESS_SYMBOLS if len(s) > 1), "Ksh", "USh", "TSh", "RM", "Rp"}


def _weak(key: str, written: str) -> bool:
    """One capital letter, a letter abbreviation news does not write for money, or a code news
    rarely writes is money only in a money context (``context.weak_prefix_is_money``): ``P5``,
    ``N95``, ``R2``, ``MK1``, ``PHP 8`` are not money."""
    letters = written.strip().rstrip(".")
    if key == "ISO":
        return letters.upper() not in _ANY_CASE_CODES
    return letters.isalpha() and key not in _MONEY_LETTERS and key not in ("Rs", "Rs.")


@dataclass(frozen=True)
class Prefix:
    """A currency written before a number."""

    start: int
    unit: str
    weak: bool       # money only in a money context
    spaced: bool     # a space stands between it and the number


def _letter_tail(written: str) -> str:
    """The letters that end a written form: ``KShs`` gives ``kshs``, ``$US`` gives ``us``."""
    return _TAIL_RE.search(written).group().casefold()


_TAIL_RE = re.compile(r"[^\W\d_]*$")
_ONE_SPACE_RE = re.compile(HS)
# Every run of letters a prefix can end with (the hand-written forms above end in a sign, or in
# ``Rs`` or ``US``).  A prefix that starts with a letter has no letter before it, so the letters
# just before a number ("in", "about", "reached") are one of these or no prefix ends there.
_PREFIX_LETTER_TAILS = frozenset(_letter_tail(form) for form in
                                 (*_SYMBOL_CODES, *_FIXED, *_CURRENT, *_ANY_CASE_CODES, "Rs", "US"))


def _may_end_a_prefix(text: str, end: int, window_start: int) -> bool:
    """Whether a prefix can end at ``end``: a cheap test that spares most numbers the search of
    every currency form at every place before them, which is most of this stage's cost."""
    if end <= window_start or text[end - 1].isspace():
        return False
    tail = _TAIL_RE.search(text, window_start, end).group()
    return not tail or tail.casefold() in _PREFIX_LETTER_TAILS


def prefix_before(text: str, start: int, floor: int = 0) -> Prefix | None:
    window_start = max(0, floor, start - 12)
    ends = (start, start - 1) if _ONE_SPACE_RE.fullmatch(text, start - 1, start) else (start,)
    if not any(_may_end_a_prefix(text, end, window_start) for end in ends):
        return None
    m = _PREFIX_RE.search(text, window_start, start)
    if not m or m.end() > start or text[m.end():start].strip(" \t\u00a0"):
        return None
    key = _PREFIX_KEYS[int((m.lastgroup or "p0")[1:])]
    written = m.group()
    unit = _code_unit(written.strip()) if key == "ISO" else _symbol_unit(key)
    weak = _weak(key, written) and not written.endswith(("$", "¥", "￥"))
    if weak and m.end() < start and len(written.strip()) == 1:
        return None   # "R 2": a one-letter currency is glued to its number
    return Prefix(m.start(), unit, weak, m.end() < start)


def currency_after(text: str, pos: int, num: Num, scaled: bool) -> tuple[int, str, str, float] | None:
    """(end, unit, kind, factor) of a currency name, sign or code right at ``pos``, if any."""
    m = _CURRENCY_WORD_RE.match(text, pos)
    if m:
        unit, factor = _name_unit(m.group("adj"), m.group("cur"))
        cur = m.group("cur").lower()
        after = text[m.end():m.end() + 40]
        if not unit:
            pass
        elif cur == "won" and not m.group("adj") and not scaled and _WORD_NEXT_RE.match(after):
            pass   # "5 won the award": the verb, not the currency
        elif (cur.startswith("pound") and not scaled and not m.group("adj")
              and _OF_NEXT_RE.match(after)):
            return m.end(), "pound", "measure", 1.0
        else:
            return m.end(), unit, "money", factor
    m = _POSTFIX_RE.match(text, pos)
    if m:
        if m.group(1):
            target = _POSTFIX_SYMBOLS[m.group(1)]
            if target == "cent":
                unit, factor = _ambiguous(_group("dollar"), "cent", "dollar"), 0.01
            else:
                unit, factor = _symbol_unit(target) if target in _SYMBOL_CODES or target in _FIXED \
                    else target, 1.0
        elif m.group(2):
            unit, factor = _symbol_unit("$"), 1.0
        else:
            code = m.group(3).upper()
            if code not in _ANY_CASE_CODES and not scaled:
                return None   # "10 TOP", "9 SDG": a code news rarely writes, after a bare number
            unit, factor = _code_unit(code), 1.0
        return m.end(), unit, "money", factor
    return None


def resolve_currency_names(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """A currency name several countries use (``shilling``) becomes the code of the country the
    article ``text`` names most (``Kenya``, ``Kenyan``, ``Nairobi``); naming none, or several as
    often, it takes its default if it has one (``KES``) and otherwise stays the name."""
    mentions = country_mentions(text)
    out = []
    for q in quantities:
        codes = _noun_codes(q.unit) if q.unit and q.unit.islower() else ()
        unit = settle_unit(_ambiguous(codes, q.unit or "", q.unit), mentions) if len(codes) > 1 else q.unit
        out.append(replace(q, unit=unit) if unit != q.unit else q)
    return out
