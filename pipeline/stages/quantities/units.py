"""Units other than money: percentages, folds, measures, and the time units that make a duration.

``unit_after`` reads what directly follows a number, trying the kinds in a fixed order; money is
read by ``currencies``.
"""

from __future__ import annotations

import re

from pipeline.stages.quantities.currencies import currency_after
from pipeline.stages.quantities.numbers import HS, Num

_PERCENT_RE = re.compile(
    rf"(?:{HS}*|-)(?:(%|％)|(percent|per{HS}?cent|per-cent|pct)(?![^\W_])"
    rf"|(percentage{HS}+points?|basis{HS}+points?|bps)(?![^\W_]))", re.I)
_FOLD_RE = re.compile(rf"{HS}*-?{HS}*fold(?![^\W_])|{HS}+times(?![^\W_])|[xX](?![^\W_])", re.I)
_TIME_RE = re.compile(
    rf"(?:{HS}*|{HS}*-{HS}*)"
    # one lower-case qualifier may stand between: "three financial years", "5 working days"; not a
    # determiner or a word of relative time, which dates the number ("1.3 million a year earlier",
    # "13 last year"), nor a unit of power, which with its hours is energy ("20 terawatt hours")
    r"(?:(?!(?:a|an|the|last|next|this|that|each|every|per|previous|past|coming|current|prior|same|"
    rf"following|(?:kilo|mega|giga|tera)?watts?)\b)(?-i:[a-z]+)(?:{HS}+|-))?"
    r"(?:years?|yrs?|months?|weeks?|days?|nights?|hours?|hrs?|minutes?|mins?|seconds?|secs?"
    r"|decades?|centur(?:y|ies)|millenni(?:um|a)|milliseconds?|microseconds?|nanoseconds?"
    r"|fortnights?|time|quarters)(?![^\W_])(?![\s-]+on[\s-]+year)", re.I)
# a data rate written out (``2.68 megabits per second``) is the unit its symbol is (``Mbps``)
_BIT_RATE = r"(?:kilo|mega|giga|tera)?bits?\s+per\s+second"
_BIT_RATE_RE = re.compile(_BIT_RATE, re.I)
_SPELLED_UNITS = (
    rf"{_BIT_RATE}"
    r"|(?:kilo|mega|giga|tera|peta|exa|zetta|yotta)?(?:bytes?|bits?)"
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
    r"|mL|ml|[kMGT]?Hz|°C|℃|°F|mph|km/h|kph|TEUs?|SF").format(hs=HS)
_MEASURE_RE = re.compile(
    rf"(?:{HS}*|{HS}*-{HS}*)(?:(?i:(?P<spelled>{_SPELLED_UNITS}))|(?P<abbrev>{_ABBREV_UNITS}))"
    r"(?![^\W_])")
_INVARIANT_UNIT_WORDS = {"flops", "mu", "hertz", "celsius", "fahrenheit", "centigrade", "bps",
                         "kilocalories", "basis"}
_SPACES_RE = re.compile(r"\s+")
_LOWER_WORD_NEXT_RE = re.compile(rf"{HS}+[a-z]")


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


# Symbols of a prefix and a unit whose word the spec's "lower-case singular word" is: ``MHz`` is
# ``megahertz`` as ``40 megahertz`` is (the case of the symbol tells ``MW`` from a milliwatt).
_SYMBOL_WORDS = {**{f"{p}{u}": f"{w}{word}"
                    for p, w in (("", ""), ("k", "kilo"), ("m", "mega"), ("g", "giga"), ("t", "tera"))
                    for u, word in (("hz", "hertz"), ("w", "watt"), ("wh", "watt hour"))},
                 "sf": "square foot"}  # ``500K SF``, as US property news writes square feet


def _norm_measure(surface: str, spelled: bool) -> str:
    if _BIT_RATE_RE.fullmatch(surface.strip()):  # ``megabits per second`` -> ``mbps``, ``bits ...`` -> ``bps``
        prefix = surface.strip()[:1].lower()
        return f"{'' if prefix == 'b' else prefix}bps"
    words = _SPACES_RE.split(surface.strip().lower().replace("watt-hour", "watt hour"))
    if spelled:
        return " ".join(_singular(w) for w in words)
    return " ".join(_SYMBOL_WORDS.get(w, w) for w in words)



def unit_after(text: str, pos: int, num: Num, scaled: bool,
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
    money = currency_after(text, pos, num, scaled)
    if money is not None:
        return (*money, False)
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
