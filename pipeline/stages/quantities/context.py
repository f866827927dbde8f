"""What is not a quantity, decided by structure (spec §4): dates, years, durations, names,
designators and list markers.  See the package docstring for the rules and why.
"""

from __future__ import annotations

import re

from collections import Counter

from pipeline.stages.quantities.currencies import candidate_codes
from pipeline.stages.quantities.numbers import HS
from pipeline.stages.quantities.spans import Candidate, is_lower_plural

_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
           r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_MONTH_BEFORE_RE = re.compile(rf"(?<![^\W_])({_MONTHS})\.?{HS}*(?:the{HS}+)?$", re.I)
_MONTH_AFTER_RE = re.compile(rf"{HS}*(?:of{HS}+)?({_MONTHS})(?:\.|(?![^\W_]))", re.I)
_TIME_OF_DAY_RE = re.compile(rf"{HS}*(?:[ap]\.m\.|[ap]m\b|o['’]clock\b|GMT\b|UTC\b)", re.I)
_DESIGNATORS = {"top", "bottom", "number", "nos", "article", "articles", "section", "chapter",
                "clause", "paragraph", "item", "page", "pages", "phase", "level", "tier",
                "grade", "class", "version", "room", "line", "route", "step", "stage", "round",
                "batch", "vol", "volume", "issue", "episode", "season", "part", "rule", "figure",
                "fig", "table", "appendix", "annex", "exhibit", "gate", "terminal", "platform",
                "block", "building", "floor", "lane", "road", "street", "avenue", "flight",
                "model", "type", "series", "aged", "age", "ages", "category", "no", "unit"}
# words that end a noun phrase: a designator's number counts a plural noun only before them
_PHRASE_ENDS = {"of", "in", "for", "and", "or", "to", "on", "at", "by", "with", "from", "that", "which"}
_ONE_OF_RE = re.compile(r"\bone\s+of\b[^.;]*$", re.I)
_NO_RE = re.compile(rf"(?:(?<![^\W_])[Nn]os?{HS}*\.|(?<![^\W_])No|#){HS}*$")
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
    rf"{HS}+(?:of|the|a|an|its|their|his|her|our|my|your|these|those|all|them|that|this)\b",
    re.I)
_HALF_BLOCKERS = {"first", "second", "third", "fourth", "latter", "former", "other", "the",
                  "a", "an", "each", "every", "this", "that", "one", "back", "front", "top",
                  "bottom", "lower", "upper", "and", "by", "in"}
_TIME_AFTER_OF_RE = re.compile(
    rf"{HS}+(?:of{HS}+)?(?:an?|the){HS}+(?:year|month|week|day|hour|minute|second|decade|"
    r"century|millennium|time)s?\b", re.I)
_OF_NEXT_RE = re.compile(rf"{HS}+of\b", re.I)
_PREV_TOKEN_RE = re.compile(rf"(\S+){HS}+$")
_NAME_WORD_RE = re.compile(r"[^\W\d_][\w'’&.-]*")
_CAPITALISED_WORD_NEXT_RE = re.compile(rf"{HS}+[A-Z][a-z]")
_POSSESSIVE_RE = re.compile(r"[^\W\d_]['’]s?$")
_CAMEL_NAME_RE = re.compile(r"[a-z]{1,2}[A-Z][A-Za-z]+")  # ``iPhone``, ``eSIM``: lower case, then a capital
_LOWER_GLUE_RE = re.compile(r"(?<![^\W\d_])[^\W\d_A-Z]+$")
_LETTER_RE = re.compile(r"[^\W\d_]")
_AGE_OF_RE = re.compile(rf"(?<![^\W_])ages?{HS}+of{HS}+$", re.I)   # "under the age of 16": a time of life
_UNIT_AFTER_SLASH_RE = re.compile(r"/[0-9][0-9.,]*[^\W\d_]")  # ``/2110MHz`` after ``1980MHz``
_FREQUENCY_AFTER_RE = re.compile(rf"{HS}+(?:a|an|per|every|each|daily|weekly|monthly|yearly|annually|over)\b", re.I)
_LIST_MARK_AFTER_RE = re.compile(r"[.)](?:\s|$)")
_INLINE_LIST_BEFORE_RE = re.compile(r"[:;,]\s+$")
_INLINE_LIST_AFTER_RE = re.compile(r"[.)]\s+[A-Z]")
# A process node or a frequency band names a technology, as ``5G`` does: ``2nm fab``,
# ``2-nanometer chips``, ``the 700 MHz band``, ``the 700MHz and 800MHz bands``; ``80 MHz of
# spectrum`` and ``up to 40nm and`` are measured.
_NODE_UNITS = {"nm", "nanometer", "nanometre"}
_FREQUENCY_UNITS = {"hz", "khz", "mhz", "ghz", "hertz", "kilohertz", "megahertz", "gigahertz"}
_NODE_NAMED_RE = re.compile(rf"{HS}+(?!(?:and|or|of|to|in|on|at|by|for|with|from|than|is|are|was|were)\b)[^\W\d_]")
_BAND_NAMED_RE = re.compile(
    rf"(?:{HS}*(?:and|or|/|,){HS}*[0-9][0-9.,]*{HS}*[kMG]?hz)*{HS}+bands?\b", re.I)
# digits that only money is written with: thousands groups, or exactly two decimals
_MONEY_DIGITS_RE = re.compile(r"[0-9]{1,3}(?:[, \u00a0\u2009\u202f][0-9]{3})+(?:\.[0-9]{1,2})?|[0-9]+[.,][0-9]{2}")


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


def _is_name_number(text: str, c: Candidate) -> bool:
    """A bare number right after a capitalised word mid-sentence names something."""
    prev = _prev_token(text, c.start)
    if prev is None:
        return False
    tok, at = prev
    if _CAMEL_NAME_RE.fullmatch(tok):
        return True   # ``iPhone 16``, ``eKYC 2``: a product named in camel case, a model number after it
    if not _NAME_WORD_RE.fullmatch(tok) or not tok[0].isupper() or _POSSESSIVE_RE.search(tok):
        return False  # ``compared with China's 9,005``: what a possessor has is counted, not named
    # a capital that only opens the sentence says nothing when the word is a
    # function word ("Some 300", "With 30"); "Fortune 500" is still a name
    return not _at_sentence_start(text, at) or tok.lower() not in _OPENERS


def _names_a_technology(text: str, c: Candidate) -> bool:
    unit = (c.unit or "").lower()
    if unit in _NODE_UNITS:
        return _NODE_NAMED_RE.match(text, c.end) is not None
    return unit in _FREQUENCY_UNITS and _BAND_NAMED_RE.match(text, c.end) is not None


def _counts_after_designator(text: str, c: Candidate, word: str) -> bool:
    """A lower-case designator's number still counts when a plural noun follows it in the same phrase:
    ``the top 500 British town centres``, ``were building 10 data centers``; not ``the top 100 list
    of``, nor a capitalised designator, which names a class (``Phase 2 trials``, ``Level 3 cars``), nor
    a rank held (``one of the world's top three AI powers``)."""
    if not word.islower() or _ONE_OF_RE.search(text[max(0, c.start - 50):c.start]):
        return False
    for follower in text[c.end:c.end + 60].split()[:3]:
        follower = follower.rstrip(".,;:!?)’'\"")
        if follower.lower() in _PHRASE_ENDS:
            return False
        if is_lower_plural(follower):
            return True
    return False


def _scaled_by_letter(text: str, c: Candidate) -> bool:
    """``1B transactions``: a count scaled by a glued ``k`` or ``b`` (spans.tail)."""
    return c.unit is None and c.scaled and text[c.num.end:c.num.end + 1] in ("k", "K", "b", "B")


def excluded(text: str, c: Candidate, approx: str | None) -> bool:
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
        # a slash between two numbers with their units lists them (``1980MHz/2110MHz``), unlike ``24/7``
        glue = glue or (not bare and pb == "/" and pb2.isalpha())
        if pb and not c.prefix and not glue and (
                pb.isalpha() or pb in "+/:#@_\\.'’"
                or (pb in "-−" and (pb2.isalnum() or pb2 in "-/"))):
            return True
        na = text[c.end] if c.end < len(text) else ""
        na2 = text[c.end + 1] if c.end + 1 < len(text) else ""
        last = text[c.end - 1]
        if bare and na == "-" and na2.isalpha():
            return True   # "a 5-star hotel", "a 20-point plan": a modifier, as "two-door"
        listed = not bare and last.isalpha() and _UNIT_AFTER_SLASH_RE.match(text, c.end) is not None
        if na and ((na.isalpha() and last.isalnum()) or na.isdigit()
                   or (na in "+/:@_\\" and na2.isalnum() and not listed) or (na == "-" and na2.isdigit())):
            return True   # "17%stake" is a lost space; "5G", "3rd", "1990s" are names
    elif num.kind in ("words", "half", "frac"):
        word = text[s:e]
        if word[0].isupper() and not _at_sentence_start(text, s):
            return True    # "Two Sessions", "Group of Seven"
        if word[0].isupper() and c.kind == "measure" and text[e:c.end].strip()[:1].isupper() and \
                _CAPITALISED_WORD_NEXT_RE.match(text, c.end):
            return True    # "Three Mile Island" opening a sentence: running text writes its units in lower case
        if c.end < len(text) and text[c.end] == "-" and c.unit is None:
            return True    # "two-door", "one-time", "half-year": a modifier
    if num.kind == "times" and _FREQUENCY_AFTER_RE.match(text, c.end):
        return True        # "twice a year": how often, not how much
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
    if _names_a_technology(text, c):
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
    if _scaled_by_letter(text, c) and not approx:
        prev = _prev_token(text, c.start)
        if prev and (prev[0].lower() in _DESIGNATORS or _is_name_number(text, c)):
            return True   # ``Phase 1B``, ``Tier 1B cities``: a name, as bare numbers there are
    if bare and not approx:
        if _NO_RE.search(before) or _AGE_OF_RE.search(before):
            return True
        prev = _prev_token(text, c.start)
        if prev and prev[0].lower().rstrip(".") in _DESIGNATORS and not _counts_after_designator(text, c, prev[0]):
            return True
        if _is_name_number(text, c):
            return True
        # list markers: "1." / "2)" opening a line or after a colon or comma, "(3)" in running text
        line_before = text[max(0, text.rfind("\n", 0, c.start) + 1):c.start]
        if num.kind == "digits" and num.is_integer and num.value <= 100:
            if not line_before.strip(" \t(") and _LIST_MARK_AFTER_RE.match(text[c.end:c.end + 2]):
                return True
            if _INLINE_LIST_BEFORE_RE.search(before) and _INLINE_LIST_AFTER_RE.match(text, c.end):
                return True   # "The principles are: 1. Solidarity, 2. Inclusion"
            if before.endswith("(") and after.startswith(")") and num.value <= 20:
                return True
    return False


def weak_prefix_is_money(text: str, c: Candidate, mentions: Counter[str]) -> bool:
    """A capital letter or a word-like code before a number is a currency only in a money context.

    ``R3.7 billion``, ``N2,500``, ``P13.50``: a scale, thousands or cents say money.  Otherwise
    the article must name a country of the currency, the amount must be a hundred or more, and
    nothing may make it a name (``the R21``, ``Huawei P50``): ``N95`` masks, ``R2`` robots,
    ``P5`` pupils and ``PHP 8`` stay what they are.
    """
    if c.scaled or _MONEY_DIGITS_RE.fullmatch(text[c.num.start:c.num.end]):
        return True
    if c.num.value < 100 or not any(mentions[code] for code in candidate_codes(c.unit)):
        return False
    prev = _prev_token(text, c.start)
    return not prev or not (prev[0].lower() in ("the", *_DESIGNATORS) or _NAME_WORD_RE.fullmatch(prev[0])
                            and prev[0][0].isupper() and not _at_sentence_start(text, prev[1]))
