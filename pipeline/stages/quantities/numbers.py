"""Numbers as news writes them: digits, number words, fractions, and the scale words after them.

A number core (``1,234.5``, ``forty-two``, ``two thirds``, ``half``) is what a quantity grows
from (``spans``); a scale (``million``, ``bn``, ``lakh``, ``亿``, the ``m`` of ``$5m``) multiplies
the core it follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HS = r"[^\S\r\n]"  # horizontal space: a quantity never crosses a line break
_MAX_DIGITS = 24     # longer digit strings are identifiers, not measurements

# ---------------------------------------------------------------------------
# Number words
# ---------------------------------------------------------------------------

ONES = {w: i for i, w in enumerate(
    "one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen".split(), start=1)}
TENS = {w: (i + 2) * 10 for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())}
BIG = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
       "quadrillion": 1e15, "quintillion": 1e18, "lakh": 1e5, "crore": 1e7}
_NUMBER_WORDS = sorted([*ONES, *TENS, *BIG, "hundred", "dozen"], key=len, reverse=True)
_W = "|".join(_NUMBER_WORDS)
_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6,
                 "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_NUMERATORS = {"a": 1, "an": 1, **{w: v for w, v in ONES.items() if v <= 10}}
# A multiple written as a word (spec §8: multiples are quantities in ``fold``): ``twice the rate``,
# ``triple the size``; ``double`` and ``triple`` only before what they multiply (``double the
# amount``), since as verbs and adjectives (``to double by 2030``, ``double-digit``) they state no number.
MULTIPLES = {"twice": 2, "thrice": 3, "double": 2, "triple": 3, "treble": 3, "quadruple": 4}

# ---------------------------------------------------------------------------
# Scales
# ---------------------------------------------------------------------------

SCALE_WORDS = {**BIG, "lakhs": 1e5, "crores": 1e7, "lac": 1e5, "lacs": 1e5, "cr": 1e7, "crs": 1e7,
               "mln": 1e6, "mn": 1e6, "mil": 1e6, "bln": 1e9, "bn": 1e9, "bil": 1e9, "tn": 1e12,
               "trn": 1e12, "tril": 1e12,
               "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
SCALE_RE = re.compile(
    rf"(?:{HS}*|-)(thousand|million|billion|trillion|quadrillion|quintillion|lakhs?|lacs?|crores?|crs?"
    rf"|mln|bln|mil|bil|tril|mn|bn|trn|tn)(?![^\W_])|{HS}*([万萬亿億])", re.I)
# A single letter glued to digits: "$5m", "300m", "$10k", "$2b".  k and b are
# scales only on money (otherwise "4K", "5B" are names).
SCALE_LETTER_RE = re.compile(r"([mMkKbB])(?![^\W_])")
SCALE_LETTER = {"m": 1e6, "k": 1e3, "b": 1e9}
HALF_SCALE_RE = re.compile(
    rf"{HS}+(?:a{HS}+)?(thousand|million|billion|trillion|dozen)(?![^\W_])", re.I)

# ---------------------------------------------------------------------------
# Number cores
# ---------------------------------------------------------------------------

CORE_RE = re.compile(
    # cheap reject first: a digit, or the first letter of a word a number can start with
    rf"(?=[0-9]|\b[{''.join(sorted({w[0] for w in (*_NUMBER_WORDS, *_NUMERATORS, 'half', *MULTIPLES)}))}])"
    rf"(?:(?P<times>\b(?:twice|thrice)\b|\b(?:double|triple|treble|quadruple)(?={HS}+(?:the|that|those|its|their)\b))"
    rf"|(?P<frac>\b(?:{'|'.join(_NUMERATORS)})(?:{HS}+|-)"
    rf"(?:halves|half|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b)"
    r"|(?P<half>\bhalf\b)"
    r"|(?P<digits>(?<![0-9])[0-9]+(?:[.,][0-9]+)*)"
    rf"|(?P<words>\b(?:an?{HS}+)?(?:{_W})(?:(?:{HS}+|-)(?:and{HS}+)?(?:a{HS}+half|{_W}))*\b))",
    re.I)
_DIGITS_OK_RE = re.compile(
    r"(?:[1-9][0-9]{0,2}(?:,[0-9]{3})+|[1-9][0-9]{0,1}(?:,[0-9]{2})+,[0-9]{3}|0|[1-9][0-9]*)"
    r"(?:\.[0-9]+)?")
# South African and European papers write a decimal comma ("R3,7-billion"): one to three digits,
# a comma, one or two digits (a thousands group has three)
_COMMA_DECIMAL_RE = re.compile(r"[0-9]{1,3},[0-9]{1,2}")
# "R350 000": thousands grouped by spaces, read only after a currency
SPACED_THOUSANDS_RE = re.compile(r"(?:[ \u00a0\u2009\u202f][0-9]{3})+(?![0-9])")
_LETTERS_RE = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Num:
    """A number core: its span and value, before units and context are added."""

    start: int
    end: int
    value: float
    kind: str            # digits | words | half | frac | times
    is_year_like: bool = False
    is_integer: bool = True
    comma_decimal: bool = False   # "3,7" read as 3.7: a number only before a scale or after a currency



def parse_words(text: str, start: int, end: int) -> tuple[float, int, int] | None:
    """Parse a run of number words; returns (value, start, end) of the valid prefix.

    Only the longest well-formed prefix is taken, so "one dollar and one and one"
    or "one and one" stop where English number grammar stops.
    """
    toks = [(m.group().lower(), start + m.start(), start + m.end())
            for m in _LETTERS_RE.finditer(text[start:end])]
    if toks and toks[0][0] in ("a", "an"):
        if len(toks) < 2 or toks[1][0] not in ("hundred", "dozen", *BIG):
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
            if last in ("hundred", "big") and nxt and (nxt[0] in ONES or nxt[0] in TENS):
                last = "and"
            else:
                break
        elif word in ONES:
            if last in (None, "hundred", "big", "and"):
                current += ONES[word]
                last = "one"
            elif last == "ten" and ONES[word] < 10 and current % 10 == 0:
                current += ONES[word]
                last = "one"
            else:
                break
        elif word in TENS:
            if last in (None, "hundred", "big", "and"):
                current += TENS[word]
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
        elif word in BIG:
            if last in ("one", "ten", "a", "hundred", "dozen") and BIG[word] < big_seen:
                total += current * BIG[word]
                current, last, big_seen = 0.0, "big", BIG[word]
            else:
                break
        else:
            break
        if last not in ("a", "and"):
            best = (total + current, first, w_end)
        i += 1
    return best


def core_at(text: str, m: re.Match[str]) -> Num | None:
    """Turn a core match into a number."""
    kind = m.lastgroup or ""
    if kind == "digits":
        s = m.group()
        if _COMMA_DECIMAL_RE.fullmatch(s):   # "R3,7-billion", "R21,50": a decimal comma
            return Num(m.start(), m.end(), float(s.replace(",", ".")), "digits", False, False, True)
        if not _DIGITS_OK_RE.fullmatch(s) or sum(c.isdigit() for c in s) > _MAX_DIGITS:
            return None
        value = float(s.replace(",", ""))
        year_like = s.isdigit() and len(s) == 4 and 1500 <= value <= 2199
        return Num(m.start(), m.end(), value, "digits", year_like, "." not in s)
    if kind == "words":
        parsed = parse_words(text, m.start(), m.end())
        if parsed is None:
            return None
        value, start, end = parsed
        return Num(start, end, value, "words", False, value == int(value))
    if kind == "half":
        return Num(m.start(), m.end(), 0.5, "half", False, False)
    if kind == "times":
        return Num(m.start(), m.end(), float(MULTIPLES[m.group().lower()]), "times")
    words = _LETTERS_RE.findall(m.group().lower())
    den = _DENOMINATORS.get(words[-1]) or _DENOMINATORS.get(words[-1].rstrip("s"), 0)
    num = _NUMERATORS.get(words[0])  # None for letters re.I folds in ("ſix")
    if not den or num is None:
        return None
    return Num(m.start(), m.end(), num / den, "frac", False, False)
