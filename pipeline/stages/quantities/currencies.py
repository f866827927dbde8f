"""Money: currency names, symbols and ISO 4217 codes, and how an article settles an ambiguous name.

A currency is read after a number (``5 million yuan``, ``100元``, ``30 USD``) by ``currency_after``
or before it (``$``, ``US$``, ``Rs``) by ``prefix_before``; ``resolve_currency_names`` gives a name
that several countries use (``shilling``) the code of the one country the article names.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.records import Quantity
from pipeline.stages.quantities.numbers import HS, Num

# lower-case singular name -> (unit, factor to the major unit)
_CURRENCY_NAMES: dict[str, tuple[str, float]] = {
    "dollar": ("USD", 1.0), "buck": ("USD", 1.0), "cent": ("USD", 0.01),
    "yuan": ("CNY", 1.0), "renminbi": ("CNY", 1.0), "rmb": ("CNY", 1.0), "kuai": ("CNY", 1.0),
    "jiao": ("CNY", 0.1), "fen": ("CNY", 0.01),
    "yen": ("JPY", 1.0), "euro": ("EUR", 1.0),
    "pound": ("GBP", 1.0), "sterling": ("GBP", 1.0), "pound sterling": ("GBP", 1.0),
    "penny": ("GBP", 0.01), "pence": ("GBP", 0.01),
    "rupee": ("INR", 1.0), "paisa": ("INR", 0.01), "paise": ("INR", 0.01),
    "won": ("KRW", 1.0), "ruble": ("RUB", 1.0), "rouble": ("RUB", 1.0),
    "reais": ("BRL", 1.0), "rand": ("ZAR", 1.0), "baht": ("THB", 1.0),
    "ringgit": ("MYR", 1.0), "rupiah": ("IDR", 1.0), "dong": ("VND", 1.0),
    "naira": ("NGN", 1.0), "shekel": ("ILS", 1.0), "hryvnia": ("UAH", 1.0),
    "lari": ("GEL", 1.0), "tenge": ("KZT", 1.0), "zloty": ("PLN", 1.0),
    "forint": ("HUF", 1.0), "koruna": ("CZK", 1.0), "krona": ("SEK", 1.0),
    "kronor": ("SEK", 1.0), "markka": ("FIM", 1.0), "guilder": ("NLG", 1.0),
    "peseta": ("ESP", 1.0), "escudo": ("PTE", 1.0), "drachma": ("GRD", 1.0),
    "deutsche mark": ("DEM", 1.0), "deutschmark": ("DEM", 1.0), "d-mark": ("DEM", 1.0),
    "colón": ("CRC", 1.0), "kip": ("LAK", 1.0),
    # names that do not determine one ISO code: keep the name (module docstring)
    "franc": ("franc", 1.0), "peso": ("peso", 1.0), "lira": ("lira", 1.0),
    "lire": ("lira", 1.0), "dinar": ("dinar", 1.0), "dirham": ("dirham", 1.0),
    "riyal": ("riyal", 1.0), "rial": ("rial", 1.0), "krone": ("krone", 1.0),
    "kroner": ("krone", 1.0), "shilling": ("shilling", 1.0),
    "bitcoin": ("bitcoin", 1.0),
}
_CURRENCY_PLURALS = {"pennies": "penny", "pounds sterling": "pound sterling",
                     "deutsche marks": "deutsche mark", "deutschmarks": "deutschmark",
                     "d-marks": "d-mark", "colones": "colón", "rupees": "rupee",
                     "shekels": "shekel", "sheqalim": "shekel", "liras": "lira"}
# (adjective, singular name) -> ISO code
_CURRENCY_ADJ: dict[str, dict[str, str]] = {
    "dollar": {"us": "USD", "u.s.": "USD", "u.s": "USD", "american": "USD",
               "united states": "USD", "hong kong": "HKD", "hk": "HKD", "canadian": "CAD",
               "australian": "AUD", "new zealand": "NZD", "singapore": "SGD",
               "taiwan": "TWD", "new taiwan": "TWD", "nt": "TWD", "jamaican": "JMD",
               "zimbabwe": "ZWL", "namibian": "NAD", "fijian": "FJD", "brunei": "BND"},
    "cent": {"us": "USD", "u.s.": "USD", "euro": "EUR", "canadian": "CAD", "australian": "AUD"},
    "yuan": {"chinese": "CNY"}, "yen": {"japanese": "JPY"}, "won": {"korean": "KRW",
                                                                   "south korean": "KRW"},
    "franc": {"swiss": "CHF", "french": "FRF", "belgian": "BEF", "cfa": "XOF",
              "congolese": "CDF", "rwandan": "RWF"},
    "markka": {"finnish": "FIM"}, "guilder": {"dutch": "NLG"},
    "lira": {"turkish": "TRY", "italian": "ITL"},
    "peso": {"mexican": "MXN", "philippine": "PHP", "argentine": "ARS", "argentinian": "ARS",
             "chilean": "CLP", "colombian": "COP", "cuban": "CUP", "dominican": "DOP",
             "uruguayan": "UYU"},
    "rupee": {"indian": "INR", "pakistani": "PKR", "sri lankan": "LKR", "nepalese": "NPR",
              "nepali": "NPR", "mauritian": "MUR"},
    "ruble": {"russian": "RUB", "belarusian": "BYN"}, "rouble": {"russian": "RUB"},
    "real": {"brazilian": "BRL"}, "rand": {"south african": "ZAR"},
    "pound": {"british": "GBP", "egyptian": "EGP", "lebanese": "LBP", "syrian": "SYP",
              "sudanese": "SDG"},
    "riyal": {"saudi": "SAR", "qatari": "QAR"}, "rial": {"iranian": "IRR", "omani": "OMR",
                                                        "yemeni": "YER"},
    "dirham": {"uae": "AED", "emirati": "AED", "moroccan": "MAD"},
    "dinar": {"kuwaiti": "KWD", "bahraini": "BHD", "jordanian": "JOD", "iraqi": "IQD",
              "serbian": "RSD", "algerian": "DZD", "tunisian": "TND", "libyan": "LYD"},
    "krona": {"swedish": "SEK", "icelandic": "ISK"}, "krone": {"norwegian": "NOK",
                                                               "danish": "DKK"},
    "kroner": {"norwegian": "NOK", "danish": "DKK"},
    "shilling": {"kenyan": "KES", "ugandan": "UGX", "tanzanian": "TZS"},
    "taka": {"bangladeshi": "BDT"}, "kyat": {"myanmar": "MMK"}, "riel": {"cambodian": "KHR"},
    "kip": {"lao": "LAK", "laotian": "LAK"}, "lari": {"georgian": "GEL"},
    "tenge": {"kazakh": "KZT"}, "colón": {"costa rican": "CRC"},
    "shekel": {"israeli": "ILS", "new israeli": "ILS"},
}
# Where each code of an ambiguous name is the currency (ISO 4217's country list): an article
# that names exactly one of them settles ``shillings`` (Kenya: KES) or ``pesos`` (Mexico: MXN).
_CODE_COUNTRIES: dict[str, tuple[str, ...]] = {
    "KES": ("Kenya",), "UGX": ("Uganda",), "TZS": ("Tanzania",),
    "MXN": ("Mexico",), "PHP": ("Philippines",), "ARS": ("Argentina",), "CLP": ("Chile",),
    "COP": ("Colombia",), "CUP": ("Cuba",), "DOP": ("Dominican Republic",), "UYU": ("Uruguay",),
    "CHF": ("Switzerland",), "RWF": ("Rwanda",), "CDF": ("Democratic Republic of the Congo", "DR Congo"),
    "TRY": ("Turkey", "Türkiye"), "SAR": ("Saudi Arabia",), "QAR": ("Qatar",), "IRR": ("Iran",),
    "OMR": ("Oman",), "YER": ("Yemen",), "AED": ("United Arab Emirates", "UAE"), "MAD": ("Morocco",),
    "KWD": ("Kuwait",), "BHD": ("Bahrain",), "JOD": ("Jordan",), "IQD": ("Iraq",), "RSD": ("Serbia",),
    "DZD": ("Algeria",), "TND": ("Tunisia",), "LYD": ("Libya",), "NOK": ("Norway",), "DKK": ("Denmark",),
    "SEK": ("Sweden",), "ISK": ("Iceland",),
}
_CURRENCY_NAME_FORMS = sorted(
    {*_CURRENCY_NAMES, *_CURRENCY_PLURALS, *(n + "s" for n in _CURRENCY_NAMES
                                              if not n.endswith(("s", "n", "i", "e", "h")))}
    | {"real", "rubles", "roubles", "taka", "kyat", "riel", "bitcoins"},
    key=len, reverse=True)
_ADJ_FORMS = sorted({a for d in _CURRENCY_ADJ.values() for a in d}, key=len, reverse=True)
_CURRENCY_WORD_RE = re.compile(
    rf"(?:{HS}*|{HS}*-{HS}*)(?:(?P<adj>{'|'.join(re.escape(a) for a in _ADJ_FORMS)}){HS}+)?"
    rf"(?P<cur>{'|'.join(re.escape(c).replace(' ', HS + '+') for c in _CURRENCY_NAME_FORMS)})"
    r"(?![^\W_])", re.I)

# ISO codes written as words.  Codes that are English words (TRY, ALL, CUP...)
# count only in upper case, so "try 5 times" and "All 70 of us" stay prose.
_ISO_CODES = ("USD EUR GBP JPY CNY RMB HKD CAD AUD NZD SGD CHF INR KRW RUB BRL MXN ZAR SEK NOK "
              "DKK TWD THB MYR IDR VND SAR AED PLN HUF CZK ILS NGN KES EGP PKR BDT LKR UAH KZT "
              "ARS CLP COP PHP QAR KWD BTC TRY GEL LAK").split()
_ISO_WORDLIKE = {"TRY", "GEL", "LAK", "PHP"}
_ISO_RE_SRC = (rf"(?:(?i:{'|'.join(c for c in _ISO_CODES if c not in _ISO_WORDLIKE)})"
               rf"|(?-i:{'|'.join(sorted(_ISO_WORDLIKE))}))")
_ISO_ALIAS = {"RMB": "CNY", "BTC": "bitcoin"}

# Symbols written before the number.  Letter prefixes before "$" may be spaced
# only when they cannot be an English word ("c $ 16.4 million" is in the
# tokenised suite; "a $5 bill" must stay USD).
_SYMBOLS = {"€": "EUR", "£": "GBP", "¥": "JPY", "￥": "CNY", "₹": "INR", "₩": "KRW", "₽": "RUB",
            "₺": "TRY", "₦": "NGN", "₱": "PHP", "₫": "VND", "₪": "ILS", "฿": "THB", "₡": "CRC",
            "₾": "GEL", "₭": "LAK", "₴": "UAH", "₸": "KZT", "₿": "bitcoin"}
_PREFIX_SYMBOLS: list[tuple[str, str]] = [
    (r"(?<![^\W\d_])(?:US|U\.S\.?|USD){hs}?\$|\$US", "USD"),
    (r"(?<![^\W\d_])HK{hs}?\$", "HKD"),
    (r"(?<![^\W\d_])(?:C|CA|CAN|CDN){hs}?\$", "CAD"),
    (r"(?<![^\W\d_])(?:A|AU|AUD)\$", "AUD"),
    (r"(?<![^\W\d_])NZ{hs}?\$", "NZD"),
    (r"(?<![^\W\d_])(?:S|SG|SGD)\$", "SGD"),
    (r"(?<![^\W\d_])NT{hs}?\$", "TWD"),
    (r"(?<![^\W\d_])R\$", "BRL"),
    (r"(?<![^\W\d_])(?:MEX|MX){hs}?\$", "MXN"),
    (r"(?<![^\W\d_])(?:CN|RMB){hs}?[¥￥]", "CNY"),
    (r"(?<![^\W\d_])JP{hs}?[¥￥]", "JPY"),
    (r"(?<![^\W\d_])Rs\.?", "INR"),
    (r"\$", "USD"), *((re.escape(sym), code) for sym, code in _SYMBOLS.items()),
    (rf"(?<![^\W\d_]){_ISO_RE_SRC}", "ISO"),
]
_PREFIX_RE = re.compile(
    "(?:" + "|".join(f"(?P<p{i}>{pat.format(hs=HS)})"
                     for i, (pat, _) in enumerate(_PREFIX_SYMBOLS))
    + rf")(?={HS}?$)", re.I)
_PREFIX_UNITS = [unit for _, unit in _PREFIX_SYMBOLS]
# Symbols written after the number ("100元", "100 ₡", "5 €").  "$" only glued.
_POSTFIX_SYMBOLS = {"元": ("CNY", 1.0), "円": ("JPY", 1.0), "ரூ": ("LKR", 1.0), "¢": ("USD", 0.01),
                    **{sym: (code, 1.0) for sym, code in _SYMBOLS.items()}}
_POSTFIX_RE = re.compile(
    rf"{HS}*({'|'.join(map(re.escape, _POSTFIX_SYMBOLS))})|(\$)(?![0-9])"
    rf"|{HS}*-?(?<![^\W\d_])({_ISO_RE_SRC})(?![^\W_])")
_SPACES_RE = re.compile(r"\s+")
_WORD_NEXT_RE = re.compile(rf"{HS}+[^\W\d_]")
_OF_NEXT_RE = re.compile(rf"{HS}+of\b", re.I)


def _currency_unit(adj: str | None, cur: str) -> tuple[str, float]:
    name = _SPACES_RE.sub(" ", cur.lower())
    name = _CURRENCY_PLURALS.get(name, name)
    if name not in _CURRENCY_NAMES and name not in _CURRENCY_ADJ:
        name = name[:-1] if name.endswith("s") else name
    base = _CURRENCY_NAMES.get(name, (name, 1.0))
    if adj:
        code = _CURRENCY_ADJ.get(name, {}).get(_SPACES_RE.sub(" ", adj.lower()))
        if code:
            return code, base[1]
    if name == "real" and not adj:
        return "", 1.0   # "real" alone is an adjective, not a currency
    return base


def currency_after(text: str, pos: int, num: Num, scaled: bool) -> tuple[int, str, str, float] | None:
    """(end, unit, kind, factor) of a currency name, symbol or code right at ``pos``, if any."""
    m = _CURRENCY_WORD_RE.match(text, pos)
    if m:
        unit, factor = _currency_unit(m.group("adj"), m.group("cur"))
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
            unit, factor = _POSTFIX_SYMBOLS[m.group(1)]
        elif m.group(2):
            unit, factor = "USD", 1.0
        else:
            code = m.group(3).upper()
            unit, factor = _ISO_ALIAS.get(code, code), 1.0
        return m.end(), unit, "money", factor
    return None


def prefix_before(text: str, start: int, floor: int = 0) -> tuple[int, str] | None:
    window_start = max(0, floor, start - 12)
    m = _PREFIX_RE.search(text, window_start, start)
    if not m or m.end() > start or text[m.end():start].strip(" \t\u00a0"):
        return None
    i = int((m.lastgroup or "p0")[1:])
    unit = _PREFIX_UNITS[i]
    if unit == "ISO":
        code = m.group().strip().upper()
        unit = _ISO_ALIAS.get(code, code)
    return m.start(), unit


def resolve_currency_names(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """A currency name several countries use (``shilling``) becomes the code of the one country
    the article names (``Kenya`` or ``Kenyan``); naming none or several, it stays the name."""
    settled: dict[str, str | None] = {}
    out = []
    for q in quantities:
        if q.unit in _CURRENCY_ADJ and q.unit not in settled:
            codes = {code for adjective, code in _CURRENCY_ADJ[q.unit].items() if _names(text, adjective)}
            codes |= {code for code in set(_CURRENCY_ADJ[q.unit].values())
                      if any(_names(text, country) for country in _CODE_COUNTRIES.get(code, ()))}
            settled[q.unit] = codes.pop() if len(codes) == 1 else None
        code = settled.get(q.unit) if q.unit in _CURRENCY_ADJ else None
        out.append(replace(q, unit=code) if code else q)
    return out


def _names(text: str, name: str) -> bool:
    return re.search(rf"(?<![^\W_]){re.escape(name)}(?![^\W_])", text, re.I) is not None
