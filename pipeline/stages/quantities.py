"""Quantity spans, values and units (spec §4 and §8), as pure functions.

The spaCy stage at the end only shifts the offsets returned here by the
sentence start; everything that decides *what* a quantity is lives in this file
and is tested without a model.

How it works, and why:

* Number cores (digits, number words, ``half``, fractions) are found with one
  regex; each core is then grown into a span by anchored regexes for what may
  follow it (scale word, unit, currency) and what may precede it (a currency
  prefix).  Growing from a core instead of one giant pattern keeps each rule
  small and lets the exclusion rules look at the context of the *whole* span.
* What is not a quantity is decided by structure, never by listing sentences:
  a month next to the number (date), a four-digit number in 1500-2199 with no
  unit (year), a time unit after it (duration), letters glued to it (``5G``,
  ``G20``, ``COVID-19``, ``3rd``), a capitalised word right before a bare number
  (``Forum 50``), a designator word (``top 100``, ``No. 1``, ``Article 5``), or a
  list marker.  Units, scales and currencies are closed lists, so a counted
  noun (``enterprises``) is never swallowed into the span.
* Approximators stay outside the span but are kept in ``approx``; their meaning
  goes to ``min``/``max`` so that bounds survive normalisation.

Decisions the spec leaves open (documented here so they are made once):

* Money is normalised to the major unit of an ISO 4217 code: ``50 cents`` ->
  (0.5, "USD"), ``470 pence`` -> (4.7, "GBP").  A bare ``$`` / ``dollar`` is USD,
  ``pound`` is GBP, ``rupee`` is INR (as the brief asks).  Currency names that do
  not determine one code (``franc``, ``peso``, ``lira``, ``dinar``, ``krone``...)
  keep the lower-case singular name, because guessing a code would be silently
  wrong as often as right.
* ``¥`` (U+00A5, the Unicode "YEN SIGN") is JPY: a span alone cannot tell a
  Chinese context, and a wrong CNY is as bad as a wrong JPY, so we follow the
  international convention.  The full-width ``￥`` (U+FFE5), ``CN¥``, ``RMB``,
  ``元`` and ``yuan`` are CNY.
* A range (``5 to 10 percent``, ``5-10%``, ``between 5 and 10 percent``) is ONE
  quantity whose value is the midpoint, with ``min``/``max`` the two ends; a
  ``from X to Y`` after a number is a change, not a range, and gives two.
* ``pounds`` right after a bare number and followed by ``of`` is weight
  (``5 pounds of rice`` -> unit "pound"); otherwise it is GBP.
* ``nearly``/``almost`` set ``max``; ``more than``/``over``/``at least`` set
  ``min``; ``up to``/``less than``/``under`` set ``max``; ``about``/``around`` set
  neither.  A trailing ``+`` (``45 million+``) is recorded as approx ``"+"``, a
  lower bound.
* In ``rose from 5 to 10 percent`` the left number takes the unit written once
  after the right one: two quantities, ``5`` (unit %) and ``10 percent``.
* Number-noun compounds are modifiers, not measurements: ``a 5-star hotel``,
  ``two-door``, ``one-time`` give nothing, while unit compounds (``300-fold``,
  ``12-cent``, ``5-kilometre``) are quantities.  Bare ``one`` (``one of the``) is
  a pronoun; ``half`` counts only as a share (``half of``, ``more than half``).
* Money with cents is one quantity: ``3 dollars 50 cents`` -> 3.5 USD.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extensions import document_text, record_error, sentence_bounds, set_span_group
from pipeline.records import Quantity
from pipeline.stages.invisible import original_span, visible

__all__ = ["find_quantities", "parse_quantity"]

_HS = r"[^\S\r\n]"  # horizontal space: a quantity never crosses a line break
_MAX_DIGITS = 24     # longer digit strings are identifiers, not measurements

# ---------------------------------------------------------------------------
# Number words
# ---------------------------------------------------------------------------

_ONES = {w: i for i, w in enumerate(
    "one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen".split(), start=1)}
_TENS = {w: (i + 2) * 10 for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())}
_BIG = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
        "quadrillion": 1e15, "quintillion": 1e18, "lakh": 1e5, "crore": 1e7}
_NUMBER_WORDS = sorted([*_ONES, *_TENS, *_BIG, "hundred", "dozen"], key=len, reverse=True)
_W = "|".join(_NUMBER_WORDS)
_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6,
                 "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_NUMERATORS = {"a": 1, "an": 1, **{w: v for w, v in _ONES.items() if v <= 10}}

# ---------------------------------------------------------------------------
# Scales
# ---------------------------------------------------------------------------

_SCALE_WORDS = {**_BIG, "lakhs": 1e5, "crores": 1e7, "mln": 1e6, "mn": 1e6, "bln": 1e9,
                "bn": 1e9, "tn": 1e12, "trn": 1e12,
                "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
_SCALE_RE = re.compile(
    rf"(?:{_HS}*|-)(thousand|million|billion|trillion|quadrillion|quintillion|lakhs?|crores?"
    rf"|mln|bln|mn|bn|trn|tn)(?![^\W_])|{_HS}*([万萬亿億])", re.I)
# A single letter glued to digits: "$5m", "300m", "$10k", "$2b".  k and b are
# scales only on money (otherwise "4K", "5B" are names).
_SCALE_LETTER_RE = re.compile(r"([mMkKbB])(?![^\W_])")
_SCALE_LETTER = {"m": 1e6, "k": 1e3, "b": 1e9}

# ---------------------------------------------------------------------------
# Currencies
# ---------------------------------------------------------------------------

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
    rf"(?:{_HS}*|{_HS}*-{_HS}*)(?:(?P<adj>{'|'.join(re.escape(a) for a in _ADJ_FORMS)}){_HS}+)?"
    rf"(?P<cur>{'|'.join(re.escape(c).replace(' ', _HS + '+') for c in _CURRENCY_NAME_FORMS)})"
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
    "(?:" + "|".join(f"(?P<p{i}>{pat.format(hs=_HS)})"
                     for i, (pat, _) in enumerate(_PREFIX_SYMBOLS))
    + rf")(?={_HS}?$)", re.I)
_PREFIX_UNITS = [unit for _, unit in _PREFIX_SYMBOLS]
# Symbols written after the number ("100元", "100 ₡", "5 €").  "$" only glued.
_POSTFIX_SYMBOLS = {"元": ("CNY", 1.0), "円": ("JPY", 1.0), "ரூ": ("LKR", 1.0), "¢": ("USD", 0.01),
                    **{sym: (code, 1.0) for sym, code in _SYMBOLS.items()}}
_POSTFIX_RE = re.compile(
    rf"{_HS}*({'|'.join(map(re.escape, _POSTFIX_SYMBOLS))})|(\$)(?![0-9])"
    rf"|{_HS}*-?(?<![^\W\d_])({_ISO_RE_SRC})(?![^\W_])")

# ---------------------------------------------------------------------------
# Other units
# ---------------------------------------------------------------------------

_PERCENT_RE = re.compile(
    rf"(?:{_HS}*|-)(?:(%|％)|(percent|per{_HS}?cent|per-cent|pct)(?![^\W_])"
    rf"|(percentage{_HS}+points?|basis{_HS}+points?|bps)(?![^\W_]))", re.I)
_FOLD_RE = re.compile(rf"{_HS}*-?{_HS}*fold(?![^\W_])|{_HS}+times(?![^\W_])|[xX](?![^\W_])", re.I)
_TIME_RE = re.compile(
    rf"(?:{_HS}*|{_HS}*-{_HS}*)"
    # one lower-case qualifier may stand between: "three financial years", "5 working days"
    rf"(?:(?-i:[a-z]+)(?:{_HS}+|-))?"
    r"(?:years?|yrs?|months?|weeks?|days?|nights?|hours?|hrs?|minutes?|mins?|seconds?|secs?"
    r"|decades?|centur(?:y|ies)|millenni(?:um|a)|milliseconds?|microseconds?|nanoseconds?"
    r"|fortnights?|time|quarters)(?![^\W_])(?![\s-]+on[\s-]+year)", re.I)
_SPELLED_UNITS = (
    r"(?:kilo|mega|giga|tera|peta|exa|zetta|yotta)?(?:bytes?|bits?)"
    r"|(?:kilo|mega|giga|tera|peta|exa|zetta)?flops"
    r"|(?:kilo|mega|giga|tera)?watt(?:[\s-]hours?)?s?"
    r"|(?:kilo|milli|micro)?grams?|tonnes?|(?:metric\s+)?tons?|ounces?|carats?"
    r"|square\s+(?:kilomet(?:er|re)s?|met(?:er|re)s?|miles?|feet|foot)|hectares?|acres?|mu"
    r"|(?:kilo|centi|milli|nano|micro)?met(?:er|re)s?|microns?|miles?|feet|foot|inch(?:es)?"
    r"|yards?|light[\s-]years?"
    r"|(?:milli)?lit(?:er|re)s?|cubic\s+met(?:er|re)s?|gallons?|barrels?"
    r"|(?:kilo|mega|giga|tera)?hertz"
    r"|degrees?(?:\s+(?:celsius|fahrenheit|centigrade))?"
    r"|qubits?|megapixels?|kilocalories|calories?|(?:kilo)?volts?|amperes?"
    r"|teus?|twenty-foot\s+equivalent\s+units?")
_ABBREV_UNITS = (
    r"[KMGTPEZY]i?B|kB|[kKMGT]bps|[KMGTPE]?FLOPS|[KMGTPE](?:Flops|flops)|TOPS"
    r"|[kMGT]Wh|[kMGT]W|kVA|kV|mAh"
    r"|kg|mg|lbs?|oz|km²|km2|m²|km|cm|mm|nm|µm|μm|sq{hs}?km|sq{hs}?m|sqm|sq{hs}?ft|ha"
    r"|mL|ml|[kMGT]?Hz|°C|℃|°F|mph|km/h|kph|TEUs?").format(hs=_HS)
_MEASURE_RE = re.compile(
    rf"(?:{_HS}*|{_HS}*-{_HS}*)(?:(?i:(?P<spelled>{_SPELLED_UNITS}))|(?P<abbrev>{_ABBREV_UNITS}))"
    r"(?![^\W_])")
_INVARIANT_UNIT_WORDS = {"flops", "mu", "hertz", "celsius", "fahrenheit", "centigrade", "bps",
                         "kilocalories", "basis"}

# ---------------------------------------------------------------------------
# Context
# ---------------------------------------------------------------------------

_CORE_RE = re.compile(
    # cheap reject first: a digit, or the first letter of a word a number can start with
    rf"(?=[0-9]|\b[{''.join(sorted({w[0] for w in (*_NUMBER_WORDS, *_NUMERATORS, 'half')}))}])"
    rf"(?:(?P<frac>\b(?:{'|'.join(_NUMERATORS)})(?:{_HS}+|-)"
    rf"(?:halves|half|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b)"
    r"|(?P<half>\bhalf\b)"
    r"|(?P<digits>(?<![0-9])[0-9]+(?:[.,][0-9]+)*)"
    rf"|(?P<words>\b(?:an?{_HS}+)?(?:{_W})(?:(?:{_HS}+|-)(?:and{_HS}+)?(?:a{_HS}+half|{_W}))*\b))",
    re.I)
_DIGITS_OK_RE = re.compile(
    r"(?:[1-9][0-9]{0,2}(?:,[0-9]{3})+|[1-9][0-9]{0,1}(?:,[0-9]{2})+,[0-9]{3}|0|[1-9][0-9]*)"
    r"(?:\.[0-9]+)?")
_APPROX_LOWER = ("more than", "over", "above", "at least", "no less than", "not less than",
                 "no fewer than", "upwards of", "upward of", "in excess of", "well over",
                 "just over", "slightly more than", "a little over", "greater than",
                 "more than about", "exceeding", "+")
_APPROX_UPPER = ("less than", "fewer than", "under", "below", "up to", "at most", "no more than",
                 "not more than", "as many as", "as much as", "as high as", "nearly", "almost",
                 "just under", "short of", "slightly less than", "a little under", "barely")
_APPROX_NONE = ("about", "around", "approximately", "roughly", "some", "an estimated",
                "estimated", "close to", "circa", "approx.", "or so", "averaging", "an average of")
_APPROX_RE = re.compile(
    r"(?<![^\W_])(" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(
        (*_APPROX_LOWER, *_APPROX_UPPER, *_APPROX_NONE), key=len, reverse=True))
    + rf"){_HS}+$", re.I)
_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
           r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_MONTH_BEFORE_RE = re.compile(rf"(?<![^\W_])({_MONTHS})\.?{_HS}*(?:the{_HS}+)?$", re.I)
_MONTH_AFTER_RE = re.compile(rf"{_HS}*(?:of{_HS}+)?({_MONTHS})(?:\.|(?![^\W_]))", re.I)
_TIME_OF_DAY_RE = re.compile(rf"{_HS}*(?:[ap]\.m\.|[ap]m\b|o['’]clock\b|GMT\b|UTC\b)", re.I)
_DESIGNATORS = {"top", "bottom", "number", "nos", "article", "articles", "section", "chapter",
                "clause", "paragraph", "item", "page", "pages", "phase", "level", "tier",
                "grade", "class", "version", "room", "line", "route", "step", "stage", "round",
                "batch", "vol", "volume", "issue", "episode", "season", "part", "rule", "figure",
                "fig", "table", "appendix", "annex", "exhibit", "gate", "terminal", "platform",
                "block", "building", "floor", "lane", "road", "street", "avenue", "flight",
                "model", "type", "series", "aged", "age", "ages", "category", "no", "unit"}
_NO_RE = re.compile(rf"(?:(?<![^\W_])[Nn]os?{_HS}*\.|(?<![^\W_])No|#){_HS}*$")
_OPENERS = set("""
    a about above across after against all almost along also altogether among an and another
    any approximately around as at before below between both but by during each either even
    every exactly fewer for from further he her here his in including its just last less like
    many more most my nearly neither no nor of on only or other our over overall per plus
    roughly several she since so some still such than that the their them then there these
    they this those through to total totaling totalling under until up upon via we when while
    with within yet you your""".split())
_SENTENCE_END_CHARS = set(".!?:;\"“”‘’'([{—–-•*|")
_HALF_NEXT_RE = re.compile(
    rf"{_HS}+(?:of|the|a|an|its|their|his|her|our|my|your|these|those|all|them|that|this)\b",
    re.I)
_HALF_SCALE_RE = re.compile(
    rf"{_HS}+(?:a{_HS}+)?(thousand|million|billion|trillion|dozen)(?![^\W_])", re.I)
_HALF_BLOCKERS = {"first", "second", "third", "fourth", "latter", "former", "other", "the",
                  "a", "an", "each", "every", "this", "that", "one", "back", "front", "top",
                  "bottom", "lower", "upper", "and", "by", "in"}
_TIME_AFTER_OF_RE = re.compile(
    rf"{_HS}+(?:of{_HS}+)?(?:an?|the){_HS}+(?:year|month|week|day|hour|minute|second|decade|"
    r"century|millennium|time)s?\b", re.I)
_RANGE_SEP_RE = re.compile(rf"{_HS}*(?:-|–|—|~|〜){_HS}*|{_HS}+(to|and){_HS}+", re.I)
_MINOR_RE = re.compile(
    rf"(?:{_HS}*,)?{_HS}+(?:and{_HS}+)?(?P<num>[0-9]{{1,2}}|(?:{'|'.join(_TENS)})"
    rf"(?:(?:{_HS}+|-)(?:{'|'.join(w for w, v in _ONES.items() if v < 10)}))?"
    rf"|(?:{'|'.join(_ONES)}))(?![^\W_])(?P<unit>{_HS}+(?:cents?|pence|penny)(?![^\W_]))?", re.I)
_MINOR_STOP_RE = re.compile(rf"{_HS}*(?:$|[.,;:!?)\]]|and\b|or\b)", re.I)


# small patterns used by the rules below, compiled once
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_SPACES_RE = re.compile(r"\s+")
_WORD_NEXT_RE = re.compile(rf"{_HS}+[^\W\d_]")
_OF_NEXT_RE = re.compile(rf"{_HS}+of\b", re.I)
_LOWER_WORD_NEXT_RE = re.compile(rf"{_HS}+[a-z]")
_PREV_TOKEN_RE = re.compile(rf"(\S+){_HS}+$")
_NAME_WORD_RE = re.compile(r"[^\W\d_][\w'’&.-]*")
_LOWER_GLUE_RE = re.compile(r"(?<![^\W\d_])[^\W\d_A-Z]+$")
_LETTER_RE = re.compile(r"[^\W\d_]")
_LIST_MARK_AFTER_RE = re.compile(r"[.)]\s")
_BETWEEN_BEFORE_RE = re.compile(r"\bbetween\s+$", re.I)
_BETWEEN_PREFIXED_RE = re.compile(r"\bbetween\s+(?:[^\W\d_]{1,4}\s?)?[$€£¥]?\s?$", re.I)
_FROM_BEFORE_RE = re.compile(r"\bfrom\s+$", re.I)
_CHAINED_DIGIT_RE = re.compile(r"-[0-9]")

@dataclass(frozen=True)
class _Num:
    """A number core: its span and value, before units and context are added."""

    start: int
    end: int
    value: float
    kind: str            # digits | words | half | frac
    is_year_like: bool = False
    is_integer: bool = True


@dataclass
class _Cand:
    """A quantity under construction; becomes a Quantity once checked."""

    start: int
    end: int
    value: float
    unit: str | None
    kind: str            # bare | money | percent | fold | measure
    num: _Num
    scaled: bool = False
    prefix: bool = False
    time: bool = False
    lo: float | None = None
    hi: float | None = None
    scale: float = 1.0
    factor: float = 1.0


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------

def _parse_words(text: str, start: int, end: int) -> tuple[float, int, int] | None:
    """Parse a run of number words; returns (value, start, end) of the valid prefix.

    Only the longest well-formed prefix is taken, so "one dollar and one and one"
    or "one and one" stop where English number grammar stops.
    """
    toks = [(m.group().lower(), start + m.start(), start + m.end())
            for m in _LETTERS_RE.finditer(text[start:end])]
    if toks and toks[0][0] in ("a", "an"):
        if len(toks) < 2 or toks[1][0] not in ("hundred", "dozen", *_BIG):
            toks = toks[1:]
    if not toks:
        return None
    total, current, last, big_seen = 0.0, 0.0, None, float("inf")
    best: tuple[float, int, int] | None = None
    first = toks[0][1]
    i = 0
    while i < len(toks):
        word, _, w_end = toks[i]
        if word in ("a", "an") and last is None:
            current, last = 1.0, "a"
        elif word == "and":
            nxt = [t[0] for t in toks[i + 1:i + 3]]
            if nxt == ["a", "half"] and last not in (None, "a", "and"):
                best = (total + current + 0.5, first, toks[i + 2][2])
                break
            if last in ("hundred", "big") and nxt and (nxt[0] in _ONES or nxt[0] in _TENS):
                last = "and"
            else:
                break
        elif word in _ONES:
            if last in (None, "hundred", "big", "and"):
                current += _ONES[word]
                last = "one"
            elif last == "ten" and _ONES[word] < 10 and current % 10 == 0:
                current += _ONES[word]
                last = "one"
            else:
                break
        elif word in _TENS:
            if last in (None, "hundred", "big", "and"):
                current += _TENS[word]
                last = "ten"
            else:
                break
        elif word == "hundred":
            if last in ("one", "ten", "a") and current < 100:
                current *= 100
                last = "hundred"
            else:
                break
        elif word == "dozen":
            if last in ("one", "ten", "a"):
                current *= 12
                last = "dozen"
            else:
                break
        elif word in _BIG:
            if last in ("one", "ten", "a", "hundred", "dozen") and _BIG[word] < big_seen:
                total += current * _BIG[word]
                current, last, big_seen = 0.0, "big", _BIG[word]
            else:
                break
        else:
            break
        if last not in ("a", "and"):
            best = (total + current, first, w_end)
        i += 1
    return best


def _core_at(text: str, m: re.Match[str]) -> _Num | None:
    """Turn a core match into a number."""
    kind = m.lastgroup or ""
    if kind == "digits":
        s = m.group()
        if not _DIGITS_OK_RE.fullmatch(s) or sum(c.isdigit() for c in s) > _MAX_DIGITS:
            return None
        value = float(s.replace(",", ""))
        year_like = s.isdigit() and len(s) == 4 and 1500 <= value <= 2199
        return _Num(m.start(), m.end(), value, "digits", year_like, "." not in s)
    if kind == "words":
        parsed = _parse_words(text, m.start(), m.end())
        if parsed is None:
            return None
        value, start, end = parsed
        return _Num(start, end, value, "words", False, value == int(value))
    if kind == "half":
        return _Num(m.start(), m.end(), 0.5, "half", False, False)
    words = _LETTERS_RE.findall(m.group().lower())
    den = _DENOMINATORS.get(words[-1]) or _DENOMINATORS.get(words[-1].rstrip("s"), 0)
    num = _NUMERATORS.get(words[0])  # None for letters re.I folds in ("ſix")
    if not den or num is None:
        return None
    return _Num(m.start(), m.end(), num / den, "frac", False, False)


# ---------------------------------------------------------------------------
# Units
# ---------------------------------------------------------------------------

def _singular(word: str) -> str:
    if word in _INVARIANT_UNIT_WORDS or word.endswith(("flops", "ss", "us", "bps")):
        return word
    if word in ("feet",):
        return "foot"
    if word.endswith("inches"):
        return word[:-2]
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and len(word) > 2:
        return word[:-1]
    return word


def _norm_measure(surface: str, spelled: bool) -> str:
    words = _SPACES_RE.split(surface.strip().lower())
    return " ".join(_singular(w) for w in words) if spelled else " ".join(words)


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


def _tail(text: str, pos: int, num: _Num, prefix_unit: str | None,
          ) -> tuple[float, float, str | None, str, int, bool, bool]:
    """Read scale and unit after a number core.

    Returns (scale, factor, unit, kind, end, scaled, is_time).  A prefix currency
    ("$", "US$") fixes the unit, so only a scale may follow it.
    """
    mult, scaled, end = 1.0, False, pos
    glued = pos < len(text) and not text[pos].isspace()
    if num.kind in ("digits", "words"):
        m = _SCALE_RE.match(text, pos)
        if m:
            word = (m.group(1) or m.group(2)).lower()
            mult, scaled, end = _SCALE_WORDS[word], True, m.end()
    if prefix_unit is not None:
        if not scaled and num.kind == "digits" and glued:
            m = _SCALE_LETTER_RE.match(text, end)
            if m:
                mult, scaled, end = _SCALE_LETTER[m.group(1).lower()], True, m.end()
        return mult, 1.0, prefix_unit, "money", end, scaled, False
    unit_end, unit, kind, factor, is_time = _unit_after(text, end, num, scaled)
    if unit is None and not is_time and not scaled and num.kind == "digits" and glued:
        m = _SCALE_LETTER_RE.match(text, end)
        if m:
            after = _unit_after(text, m.end(), num, True)
            if m.group(1) in "mM" or after[2] == "money":
                mult, scaled, end = _SCALE_LETTER[m.group(1).lower()], True, m.end()
                unit_end, unit, kind, factor, is_time = after
    return mult, factor, unit, kind, max(end, unit_end), scaled, is_time


def _unit_after(text: str, pos: int, num: _Num, scaled: bool,
                ) -> tuple[int, str | None, str, float, bool]:
    """Returns (end, unit, kind, factor, is_time) for what directly follows ``pos``."""
    m = _PERCENT_RE.match(text, pos)
    if m:
        unit = "%" if (m.group(1) or m.group(2)) else _norm_measure(
            "basis point" if m.group(3).lower() == "bps" else m.group(3), True)
        return m.end(), unit, "percent", 1.0, False
    m = _FOLD_RE.match(text, pos)
    if m and not (m.group().lower() == "x" and (num.kind != "digits" or pos != num.end)):
        return m.end(), "fold", "fold", 1.0, False
    m = _TIME_RE.match(text, pos)
    if m:
        return m.end(), None, "bare", 1.0, True
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
            return m.end(), "pound", "measure", 1.0, False
        else:
            return m.end(), unit, "money", factor, False
    m = _POSTFIX_RE.match(text, pos)
    if m:
        if m.group(1):
            unit, factor = _POSTFIX_SYMBOLS[m.group(1)]
        elif m.group(2):
            unit, factor = "USD", 1.0
        else:
            code = m.group(3).upper()
            unit, factor = _ISO_ALIAS.get(code, code), 1.0
        return m.end(), unit, "money", factor, False
    m = _MEASURE_RE.match(text, pos)
    if m:
        spelled = m.group("spelled")
        unit = _norm_measure(spelled or m.group("abbrev"), bool(spelled))
        last = (spelled or "").lower().split()[-1:] or [""]
        modifier = (spelled and not m.group().lstrip().startswith("-") and num.value != 1
                    and _singular(last[0]) == last[0] and last[0] not in _INVARIANT_UNIT_WORDS
                    and _LOWER_WORD_NEXT_RE.match(text[m.end():m.end() + 3]))
        if not modifier:   # "226 million gigabit broadband users": gigabit qualifies users
            return m.end(), unit, "measure", 1.0, False
    return pos, None, "bare", 1.0, False


# ---------------------------------------------------------------------------
# Context rules
# ---------------------------------------------------------------------------

def _at_sentence_start(text: str, i: int) -> bool:
    before = text[max(0, i - 200):i]
    stripped = before.rstrip()
    return (not stripped or "\n" in before[len(stripped):] or "\r" in before[len(stripped):]
            or stripped[-1] in _SENTENCE_END_CHARS)


def _prev_token(text: str, i: int) -> tuple[str, int] | None:
    m = _PREV_TOKEN_RE.search(text[max(0, i - 40):i])
    if not m:
        return None
    return m.group(1), max(0, i - 40) + m.start(1)


def _is_name_number(text: str, c: _Cand) -> bool:
    """A bare number right after a capitalised word mid-sentence names something."""
    prev = _prev_token(text, c.start)
    if prev is None:
        return False
    tok, at = prev
    if not _NAME_WORD_RE.fullmatch(tok) or not tok[0].isupper():
        return False
    # a capital that only opens the sentence says nothing when the word is a
    # function word ("Some 300", "With 30"); "Fortune 500" is still a name
    return not _at_sentence_start(text, at) or tok.lower() not in _OPENERS


def _excluded(text: str, c: _Cand, approx: str | None) -> bool:
    """Structural reasons why a candidate is not a measured quantity (spec §4)."""
    num = c.num
    s, e = num.start, num.end
    before, after = text[max(0, c.start - 30):c.start], text[c.end:c.end + 30]
    if c.time:
        return True
    bare = c.unit is None and not c.scaled
    # glued to letters or code punctuation: 5G, G20, COVID-19, 3rd, 1990s, 24/7, 10:30
    if num.kind == "digits":
        pb = text[s - 1] if s > 0 else ""
        pb2 = text[s - 2] if s > 1 else ""
        # lower-case letters glued before a scaled or unit-bearing number are a
        # lost space ("capital of344 billion yuan"), not a name like "G20"
        glue = pb.islower() and not bare and _LOWER_GLUE_RE.search(text[max(0, s - 20):s])
        if pb and not c.prefix and not glue and (
                pb.isalpha() or pb in "+/:#@_\\.'’"
                or (pb in "-−" and (pb2.isalnum() or pb2 in "-/"))):
            return True
        na = text[c.end] if c.end < len(text) else ""
        na2 = text[c.end + 1] if c.end + 1 < len(text) else ""
        last = text[c.end - 1]
        if bare and na == "-" and na2.isalpha():
            return True   # "a 5-star hotel", "a 20-point plan": a modifier, as "two-door"
        if na and ((na.isalpha() and last.isalnum()) or na.isdigit()
                   or (na in "+/:@_\\" and na2.isalnum()) or (na == "-" and na2.isdigit())):
            return True   # "17%stake" is a lost space; "5G", "3rd", "1990s" are names
    elif num.kind in ("words", "half", "frac"):
        word = text[s:e]
        if word[0].isupper() and not _at_sentence_start(text, s):
            return True    # "Two Sessions", "Group of Seven"
        if c.end < len(text) and text[c.end] == "-" and c.unit is None:
            return True    # "two-door", "one-time", "half-year": a modifier
    if num.kind == "words" and bare and num.value == 1 and text[s:e].lower() in ("one", "a", "an"):
        return True        # "one of the cities": a pronoun, not a count
    if num.kind == "half":
        prev = _prev_token(text, c.start)
        if prev and prev[0].lower() in _HALF_BLOCKERS:
            return True
        if not c.scaled and not approx and not _HALF_NEXT_RE.match(text, c.end):
            return True
        if _TIME_AFTER_OF_RE.match(text, c.end):
            return True
    if num.kind == "frac":
        hyphen = "-" in text[s:e]
        if not hyphen and not _OF_NEXT_RE.match(after):
            return True
        if _TIME_AFTER_OF_RE.match(text, c.end):
            return True
    if num.is_year_like and bare and not approx:
        return True
    if num.is_integer and bare and 1 <= num.value <= 31 and num.kind in ("digits", "words"):
        m = _MONTH_BEFORE_RE.search(before)
        if m and (m.group(1)[0].isupper() or m.group(1).lower() not in ("may", "mar", "march")):
            return True
        m = _MONTH_AFTER_RE.match(after)
        if m and (m.group(1)[0].isupper() or m.group(1).lower() not in ("may", "mar", "march")
                  or not _LETTER_RE.match(after[m.end():].lstrip())):
            return True
    if bare and _MONTH_BEFORE_RE.search(before) and num.is_year_like:
        return True
    if bare and num.kind == "digits" and _TIME_OF_DAY_RE.match(after):
        return True
    if bare and c.start < 200 and len(text) - c.end < 200 and not text[:c.start].strip() \
            and not text[c.end:].strip():
        return True       # a number alone on its line: a page, view count or label
    if bare and not approx:
        if _NO_RE.search(before):
            return True
        prev = _prev_token(text, c.start)
        if prev and prev[0].lower().rstrip(".") in _DESIGNATORS:
            return True
        if _is_name_number(text, c):
            return True
        # list markers: "1." / "2)" opening a line, "(3)" in running text
        line_before = text[max(0, text.rfind("\n", 0, c.start) + 1):c.start]
        if num.kind == "digits" and num.is_integer and num.value <= 100:
            if not line_before.strip(" \t(") and _LIST_MARK_AFTER_RE.match(text[c.end:c.end + 2]):
                return True
            if before.endswith("(") and after.startswith(")") and num.value <= 20:
                return True
    return False


def _approx_before(text: str, start: int) -> str | None:
    m = _APPROX_RE.search(text[max(0, start - 40):start])
    return _SPACES_RE.sub(" ", m.group(1).lower()) if m else None


# ---------------------------------------------------------------------------
# Candidates
# ---------------------------------------------------------------------------

def _prefix_before(text: str, start: int, floor: int = 0) -> tuple[int, str] | None:
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


def _build(text: str, num: _Num, floor: int) -> _Cand:
    """Grow a number core into a candidate span with unit and scale.

    Nothing is taken from before ``floor``, the end of the previous quantity.
    """
    start = num.start
    prefix = _prefix_before(text, num.start, floor) if num.kind in ("digits", "words") else None
    if prefix:
        start = prefix[0]
    elif num.kind == "digits" and num.start > floor and text[num.start - 1] in "-−" and (
            num.start == 1 or text[num.start - 2] in " \t(\n\r"):
        start = num.start - 1   # a sign: "-0.5%"
    sign = -1.0 if start < num.start and text[start] in "-−" else 1.0
    value = num.value
    if num.kind == "half":
        m = _HALF_SCALE_RE.match(text, num.end)
        if m:
            word = m.group(1).lower()
            value *= 12 if word == "dozen" else _BIG[word]
            num = replace(num, end=m.end(), value=value, is_integer=value == int(value))
    tail_at = num.end
    if num.kind == "digits" and text[num.end:num.end + 1] == "+" and _SCALE_RE.match(
            text, num.end + 1):
        tail_at = num.end + 1   # "$100+ billion": the plus is a bound, the scale still applies
    mult, factor, unit, kind, end, scaled, is_time = _tail(text, tail_at, num,
                                                           prefix[1] if prefix else None)
    if num.kind == "half" and num.end > num.start + 4:
        scaled = True
    cand = _Cand(start, end, sign * value * mult * factor, unit, kind if unit else "bare", num,
                 scaled, bool(prefix), is_time, scale=mult, factor=factor)
    if unit in ("USD", "CAD", "AUD", "NZD", "HKD", "SGD", "EUR", "GBP", "TWD") and not scaled \
            and num.is_integer and kind == "money":
        cand = _merge_minor(text, cand)
    return cand


def _merge_minor(text: str, c: _Cand) -> _Cand:
    """'3 dollars 50 cents', 'thirteen dollars forty five', 'c $ 100 and fifty'."""
    if _BETWEEN_BEFORE_RE.search(text[max(0, c.start - 12):c.start]):
        return c
    m = _MINOR_RE.match(text, c.end)
    if not m:
        return c
    raw = m.group("num").lower()
    if raw.isdigit():
        minor = float(raw)
        if not m.group("unit"):
            return c
    else:
        parsed = _parse_words(raw, 0, len(raw))
        if parsed is None or parsed[2] != len(raw):
            return c
        minor = parsed[0]
        if not m.group("unit") and not _MINOR_STOP_RE.match(text, m.end()):
            return c
    if not 1 <= minor <= 99:
        return c
    return replace(c, end=m.end(), value=c.value + minor / 100)


def _range_with(text: str, left: _Cand) -> tuple[_Cand | None, int] | None:
    """Join ``left`` with a following number into one range, if they form one.

    Returns None when nothing follows, (None, end) when the pair must be
    dropped (a year range "2016-20", a score "3-1", a code "11-22-33"), or the
    merged candidate.
    """
    sep = _RANGE_SEP_RE.match(text, left.end)
    if not sep:
        return None
    word = (sep.group(1) or "").lower()
    cm = _CORE_RE.match(text, sep.end())
    if not cm:
        for skip in (1, 2, 3, 4):   # "$5 to $10", "5% to US$ 10": a prefix before the core
            cm = _CORE_RE.match(text, sep.end() + skip)
            if cm and _prefix_before(text, cm.start(), left.end):
                break
            cm = None
    if not cm:
        return None
    rnum = _core_at(text, cm)
    if rnum is None or rnum.kind in ("frac",):
        return None
    hyphen = not word
    between = bool(_BETWEEN_PREFIXED_RE.search(text[max(0, left.start - 14):left.start]))
    if word == "and" and not between:
        return None
    if hyphen and (left.num.kind != "digits" or rnum.kind != "digits"):
        return None
    if left.num.is_year_like and (rnum.is_year_like or (
            hyphen and len(text[rnum.start:rnum.end]) == 2)):
        return None, rnum.end
    right = _build(text, rnum, left.end)
    if hyphen and _CHAINED_DIGIT_RE.match(text[right.end:right.end + 2]):
        return None, right.end   # "1111-2222-3333": a code, not a range
    if word == "to" and not between:
        if left.unit is not None:
            return None
        if _FROM_BEFORE_RE.search(text[max(0, left.start - 8):left.start]):
            # "rose from 5 to 10 percent": a change, two quantities; the left
            # one still takes the unit and scale written once after the right
            if right.unit is None and not right.scaled:
                return None
            scale = left.scale if left.scaled else right.scale
            value = left.value / left.scale * scale * right.factor
            return _Cand(left.start, left.end, value, right.unit, right.kind, left.num,
                         left.scaled or right.scaled, left.prefix, left.time,
                         scale=scale, factor=right.factor), left.end
    if left.unit is not None and right.unit is not None and left.unit != right.unit:
        return None
    if left.unit is not None and right.unit is None and not hyphen:
        return None
    sign = -1.0 if left.value < 0 else 1.0
    lo = (sign * left.num.value * (left.scale if left.scaled else right.scale)
          * (left.factor if left.unit else right.factor))
    hi = right.value
    if not lo < hi:
        return (None, right.end) if hyphen else None
    unit = right.unit or left.unit
    kind = right.kind if right.unit else left.kind
    merged = _Cand(left.start, right.end, (lo + hi) / 2, unit, kind, left.num,
                   left.scaled or right.scaled, left.prefix, left.time or right.time, lo, hi,
                   right.scale, right.factor)
    return merged, right.end


def _candidates(text: str, strict: bool) -> Iterator[Quantity]:
    pos = floor = 0
    while True:
        m = _CORE_RE.search(text, pos)
        if not m:
            return
        num = _core_at(text, m)
        if num is None:
            pos = m.end()
            continue
        cand = _build(text, num, floor)
        ranged = _range_with(text, cand)
        if ranged is not None:
            merged, r_end = ranged
            if merged is None:   # a year range, score or code: skip the pair
                pos = max(r_end, num.end, m.start() + 1)
                continue
            cand = merged
        pos = max(cand.end, num.end, m.start() + 1)
        if cand.end <= cand.start:
            continue
        approx = _approx_before(text, cand.start)
        plus_after = (text[cand.end:cand.end + 1] == "+"
                      and not text[cand.end + 1:cand.end + 2].isalnum())
        if approx is None and ("+" in text[cand.start:cand.end] or plus_after):
            approx = "+"   # "45 million+ users", "$100+ billion": at least
        if cand.lo is not None and _BETWEEN_BEFORE_RE.search(
                text[max(0, cand.start - 9):cand.start]):
            approx = "between"
        if strict and _excluded(text, cand, approx):
            continue
        lo, hi = cand.lo, cand.hi
        if lo is None and approx:
            if approx in _APPROX_LOWER:
                lo = cand.value
            elif approx in _APPROX_UPPER:
                hi = cand.value
        floor = cand.end
        yield Quantity(cand.start, cand.end, text[cand.start:cand.end], cand.value, cand.unit,
                       approx, lo, hi)


def find_quantities(text: str) -> list[Quantity]:
    """Every measured quantity stated with a number in ``text`` (spec §4).

    Offsets are relative to ``text``; spans are sorted and never overlap, and
    the approximator before a span is kept in ``approx`` (outside the span).
    Invisible characters are read through (``pipeline.stages.invisible``).
    """
    seen, positions = visible(text)
    if positions is None:
        return list(_candidates(text, strict=True))
    found = []
    for q in _candidates(seen, strict=True):
        start, end = original_span(positions, q.start, q.end)
        found.append(replace(q, start=start, end=end, text=text[start:end]))
    return found


def parse_quantity(span_text: str) -> tuple[float | None, str | None]:
    """Value (scale applied) and unit of one quantity span, e.g. "49 trillion yuan".

    Context rules are off: the caller already decided this is a quantity, so
    "2027 yuan" or "half" alone still get a value.  (None, None) when no number.
    """
    for q in _candidates(span_text, strict=False):
        return q.value, q.unit
    return None, None


# --------------------------------------------------------------- component --

NER_QUANTITY_LABELS = ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")


def quantities_from_ner(doc: Doc) -> list[Quantity]:
    """spaCy's own numeric entities, normalised: the baseline's quantities."""
    out = []
    for ent in doc.ents:
        if ent.label_ in NER_QUANTITY_LABELS:
            value, unit = parse_quantity(ent.text)
            out.append(Quantity(ent.start_char, ent.end_char, ent.text, value, unit))
    return out


def quantities_of_body(doc: Doc) -> list[Quantity]:
    """Spec §4: quantities of body sentences only, with document offsets."""
    found: list[Quantity] = []
    text = document_text(doc)
    for _, start, end in sentence_bounds(doc, body_only=True):
        found.extend(q.shifted(start) for q in find_quantities(text[start:end]))
    return resolve_currency_names(text, found)


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


class QuantityStage:
    def __init__(self, from_ner: bool = False):
        self.find = quantities_from_ner if from_ner else quantities_of_body

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.quantities = found = self.find(doc)
            set_span_group(doc, "quantities", found, label=lambda q: q.unit or "number")
        except Exception as err:  # keep the document; report the stage
            doc._.quantities = []
            record_error(doc, "claims_quantities", err)
        return doc


@Language.factory("claims_quantities", default_config={"from_ner": False},
                  requires=["token.is_sent_start"], assigns=["doc._.quantities"])
def make_quantity_stage(nlp: Language, name: str, from_ner: bool) -> QuantityStage:
    return QuantityStage(from_ner)
