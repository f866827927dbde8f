"""Stage: PERSON and ORG mentions with spec §3 spans.

spaCy's statistical NER finds most names; this stage turns its output into
the spec's entities and adds what a news reader knows but the model misses:
an acronym defined in brackets names the same organisation everywhere in the
article, a person named once in full is meant by the bare surname later,
bylines and photo credits name people and agencies, and events, plans and
products are not organisations. A gazetteer learnt from the annotated
training data (`claims train`) adds the domain's organisations.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Iterable, Iterator

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extensions import document_text, record_error, set_span_group
from pipeline.patterns import literal_alternation
from pipeline.places import PRESS_INITIALS, place_name
from pipeline.records import Candidate, Entity
from pipeline.stages.formats.gazetteer import load_gazetteer, write_gazetteer
from pipeline.stages.invisible import trim_invisible
from pipeline.stages.people import NAME_WORD, is_common_word, reads_as_personal_name

LEADING_ARTICLE = re.compile(r"(?:the|The|THE)\s+")  # used with .match(text, pos)
# Punctuation no name starts or ends with, the full-width and CJK forms of East Asian text among
# it (``Manufacturing Co （TSMC）``: the bracket is not the company's).
EDGE_PUNCTUATION = r"\s,.;:!?\"”“'()\[\]|/（）［］【】「」『』〔〕《》〈〉，、。；：！？-"
TRAILING_NOISE = re.compile(rf"(?:\s*['’]s?|[{EDGE_PUNCTUATION}])+$")
LEADING_NOISE = re.compile(rf"[{EDGE_PUNCTUATION}]+")  # used with .match(text, pos)
NUMBER_WORD = re.compile(r"^[\d.,/-]+$")
# Titles and credit words the small NER takes into a person's span (``Ms Khan``, ``Copyright
# Olivier Matthys``); the spec keeps titles and roles outside it. Used with .match(text, pos).
PERSON_PREFIX = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Mx|Dr|Prof|Professor|Chair|Chairman|Chairwoman|Copyright|Photo|Credit)\.?\s+)+(?=[A-Z])")
# A "person" of one to three capitals is an acronym (``AI``, ``AP``, ``IC``): no name is written so.
ACRONYM = re.compile(r"[A-Z]{1,3}")
# Letters after a mixed-case name are post-nominals (``Boris Johnson MP``) or what the name is an adjective
# of (``Generative AI``); a regnal number (``Charles III``) is part of the name.
TRAILING_CAPITALS = re.compile(r"(?:\s+(?![IVX]+\b)[A-Z]{2,3})+$")
DIGIT = re.compile(r"\d")
# Columns of figures after a name in a results table (``Andrew Park 72``, ``Vaughan 9-1-55-1``).
TRAILING_NUMBERS = re.compile(r"(?:\s+[\d.,:/()-]*\d[\d.,:/()-]*)+$")

# Particles inside a personal name, a closed class across naming traditions: Dutch and German
# (``van``, ``von``, ``der``, ``den``, ``ter``, ``ten``, ``zu``), Romance (``de``, ``del``, ``della``, ``da``,
# ``das``, ``dos``, ``do``, ``di``, ``du``, ``la``, ``le``, ``y``), Arabic, Malay and Hebrew (``bin``, ``binti``,
# ``bint``, ``ibn``, ``ben``, ``al``, ``el``). Written in lower case inside a name: ``Ursula von der Leyen``.
NAME_PARTICLES = frozenset({
    "van", "von", "der", "den", "ter", "ten", "zu", "vom", "zum", "de", "del", "della", "dei", "degli", "da",
    "das", "dos", "do", "di", "du", "la", "le", "y", "bin", "binti", "binte", "bint", "ibn", "ben", "al", "el"})
# ``al-Falih``, ``Al-Sayed``, ``ash-Sharif``: the Arabic article joined to the name by a hyphen.
HYPHEN_PARTICLE = r"(?:[Aa][lnrdstz]|[Aa]sh|[Ee]l|[Uu][dl])-"
_SPACE = r"[^\S\r\n]"
NEXT_LINE_NAME = re.compile(rf"{_SPACE}*\r?\n{_SPACE}*[A-Z]")
# Particles, then the name they lead to: `` von der`` + `` Leyen``, `` bin`` + `` Ibrahim``, `` al-Falih``.
# Used with .match(text, pos) at the end of a name (or at its start, when the NER gave particles alone).
_PARTICLE = "(?:" + "|".join(sorted(NAME_PARTICLES, key=len, reverse=True)) + ")"
PARTICLE_TAIL = re.compile(
    rf"(?P<particles>(?:(?:{_SPACE}+|(?<!\S)){_PARTICLE}(?={_SPACE}))*)"
    rf"(?:{_SPACE}+|(?<!\S))(?P<hyphen>{HYPHEN_PARTICLE})?(?P<name>[^\W\d_]+(?:['’-](?!s\b)[^\W\d_]+)*)")

# Between two words of a name: a space, or particles (`` van der ``, `` al-``).
NAME_JOIN = rf"{_SPACE}+(?:{_PARTICLE}{_SPACE}+)*(?:{HYPHEN_PARTICLE})?"

# Heads that make a name an event, a plan or a document, never an organisation.
NOT_ORG_HEADS = {
    "summit", "conference", "expo", "exposition", "fair", "festival", "games", "olympics",
    "week", "day", "ceremony", "exhibition", "show", "awards", "cup", "championship",
    "challenge", "competition", "contest", "hackathon", "tournament",
    "plan", "initiative", "strategy", "report", "act", "law", "guideline", "guidelines",
    "programme", "program", "project", "policy", "framework", "agreement", "treaty",
    "regulation", "regulations", "rules", "index", "list", "zone", "era", "vision", "area", "region",
    "white", "paper", "outline", "opinions", "measures", "pilot",
    # documents an authority issues, by their heads
    "notice", "code", "codes", "consultation", "decision", "circular", "provisions", "directive", "guidance",
    "roadmap", "charter", "bill", "convention", "declaration", "order", "orders", "moratorium",
    # a range of radio frequencies (``C Band``); places by their heads, as ``zone`` and ``region`` above
    "band", "district", "districts", "province", "prefecture", "county", "municipality", "corridor",
}
# Common acronyms and words the small model mistakes for organisations.
NOT_ORG_WORDS = {
    "ai", "gdp", "it", "ict", "iot", "5g", "6g", "4g", "mou", "mous", "cpu", "gpu", "r&d", "api",
    "digital", "data", "internet", "covid-19", "ceo", "cfo", "cto", "vr", "ar", "esg", "pc",
    "app", "apps", "ml", "llm", "llms", "eflops", "pflops", "tflops", "ipo", "sme", "smes",
    "yoy", "y-o-y", "party", "government", "ministry", "state", "department", "press release", "world",
    # products and apps (spec §8: not organisations)
    "wechat", "weibo", "tiktok", "douyin", "instagram", "whatsapp", "youtube", "android", "ios",
    "harmonyos", "chatgpt", "windows", "iphone", "alipay", "e-cny", "taobao", "b2b", "b2c", "fdi", "cpi", "ppi", "pmi", "saas", "cbdc",
}
# ``School of Law at Peking University``: two organisations (used with .finditer(text, start, end))
AT_JOINT = re.compile(r"\s+at\s+(?:the\s+)?(?=[A-Z])")
COORDINATION = re.compile(r"\s*,\s+(?:and\s+)?|\s+(?:and|&)\s+")
INNER_POSSESSIVE = re.compile(r"['’]s\s+(?=[A-Z])")
INNER_PREPOSITION = re.compile(r"\s(?:of|for|on|in)\s")
# ``, Innovation and Technology``, `` and ICT`` after ``Department of Science``: portfolios, the last one after ``and``
_PORTFOLIO = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
PORTFOLIO = re.compile(_PORTFOLIO)
PORTFOLIO_JOINT = re.compile(r",?\s+and\s+|,\s+")
PORTFOLIOS = re.compile(rf"(?:,\s+{_PORTFOLIO})*(?:,?\s+and\s+{_PORTFOLIO})+")
NAME_JOINERS = {"of", "and", "for", "on", "in", "at", "to", "&", "the"}
DESCRIPTOR_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
# A name ending in an abbreviation that takes a period: a company's (``Co``, ``Inc``) or an initialism (``U.N``)
COMPANY_ABBREVIATION = re.compile(r"(?:(?<![\w.])(?:Co|Corp|Inc|Ltd|Bhd|Pty|Pte|Plc)|(?<![\w.])(?:[A-Z]\.)+[A-Z])$")
# A period that also ends its sentence: closing marks, then a capital, a digit or an opening mark, or the end.
SENTENCE_END = re.compile(r"\.[\"”’')\]]*(?:\s+[A-Z0-9\"“‘(\[]|\s*$)")
COMPANY_SUFFIX = re.compile(r"\s+(?:Co|Corp|Inc|Ltd|LLC|Plc|PLC|Group|Holdings|Limited|Corporation|Company)\b\.?")
# the words that close a company's name after its brand (``Amazon`` + `` Web Services``, ``Huawei`` +
# `` Technologies``), as the legal suffixes do; not inside a longer name (``the Digital Services Law``)
BUSINESS_SUFFIX = re.compile(r"\s+(?:Services|Technologies|Systems|Networks|Solutions|Communications|Electronics)\b"
                             r"(?![^\S\r\n]+[A-Z])")
SUFFIX_AFTER_BRAND = re.compile(r"(?:\s+[A-Z][a-z]+){0,2}(?:" + COMPANY_SUFFIX.pattern + "|" + BUSINESS_SUFFIX.pattern + ")")
CHAINED_NAME = re.compile(r"\s+(?:the\s+)?(?:\d+(?:st|nd|rd|th)\s+)?")
DANGLING_OF = re.compile(r"\s+of(?:\s+the)?(?:\s+\d+(?:st|nd|rd|th))?$")
OF_GAP = re.compile(r"\s+of\s+(?:the\s+)?(?:\d+(?:st|nd|rd|th)\s+)?")
ODD_ORG = re.compile(r"^[^(]*\)|\([^)]*$|\s[/|–—-]\s|[$€£¥]|\d\s*(?:trillion|billion|million|percent|%)"
                     r"|^[A-Z]{3}\s?[\d.,]+(?:[KMBkmb]n?)?$")  # the last: a currency code's amount, ``NGN 5M``
TICKER = re.compile(r"(?<=\()\s*[A-Z0-9]{1,6}\.[A-Z]{1,2}\s*(?=\))")  # a Reuters instrument code
INNER_ACRONYM = re.compile(r"\s*\(\s*[A-Z][A-Za-z&]{1,9}\s*\)\s*")
LABEL_MARKS = {":", "[", "(", "|", "-", "–", "—", "•"}
# ``(NDA)``, ``(CapEx)``; and an organisation's own lower-case acronym (``Digital Economy Promotion Agency (depa)``),
# which counts only where the words before it spell it
ACRONYM_DEFINITION = re.compile(r"\(\s*([A-Z][A-Za-z&]{1,9}s?|[a-z]{2,6})\s*\)")
ORG_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}")  # capitals only: ``MTE``, ``CCTV``, ``AT&T``
# A long form is read from the words before its bracket, back to the start of the clause.
LONG_FORM_WORD = re.compile(r"[\w'’&-]+")
CLAUSE_BREAK = re.compile(r"[,;:.!?()\[\]\"“”\n]")
# ``LIN SHANCHUAN/XINHUA``, ``Chen Xiaogen/For China Daily``, ``Photo: VCG``
CREDIT = re.compile(
    r"(?:(?<=\s)|^|(?<=\[)|(?<=\())(?:Photos?(?: by)?:?\s+)?"
    rf"(?P<person>[A-Z][A-Za-z'-]+(?:{NAME_JOIN}[A-Z][A-Za-z'-]+){{1,2}})\s?/\s?(?:For\s+|FOR\s+)?"
    r"(?P<org>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,3})(?=\s*[\])]|\s*$)", re.M)
# ``Photo by Eric Prouzet on Unsplash``: the photographer, then the library that holds the picture
PHOTO_BY_ON = re.compile(
    rf"\bPhotos?\s+by\s+(?P<person>[A-Z][\w'’-]+(?:{NAME_JOIN}[A-Z][\w'’-]+){{1,2}})\s+(?:on|via)\s+"
    r"(?P<org>[A-Z][\w&-]+(?:[^\S\r\n][A-Z][\w&-]+){0,2})")
PHOTO_AGENCY = re.compile(r"\bPhotos?\s*:\s*(?P<org>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2})\s*\.?\s*$", re.M)
# The names of a byline stand on its line: a name never runs across a line break.
BYLINE = re.compile(
    rf"^[-–—•\s]*By\s+(?P<names>[A-Z][\w'’.-]*(?:(?:{_SPACE}+and{_SPACE}+|{NAME_JOIN})[A-Z][\w'’.-]*){{1,7}})", re.M)
BYLINE_NAME = re.compile(rf"[A-Z][\w'’-]+(?:{NAME_JOIN}[A-Z][\w'’-]+){{1,2}}")

# A "person" whose last word is one of these is an organisation (``Yovole Network``).
ORG_HEADS = {
    "network", "networks", "group", "bank", "center", "centre", "institute", "university",
    "company", "corporation", "corp", "inc", "ltd", "co", "technologies", "technology",
    "academy", "association", "administration", "ministry", "commission", "council", "bureau",
    "agency", "committee", "exchange", "fund", "holdings", "media", "news", "daily", "times",
    "post", "press", "capital", "partners", "labs", "systems", "telecom", "mobile", "unicom",
    "authority", "office", "department", "board", "court", "federation", "chamber", "organization",
    "organisation", "foundation", "directorate",
}
# Words that make a name an institution's, whatever it deals with (``School of Law``).
INSTITUTION_HEADS = {
    "ministry", "department", "bureau", "agency", "authority", "administration", "commission", "committee",
    "council", "board", "office", "institute", "university", "school", "college", "academy", "association",
    "federation", "foundation", "organisation", "organization", "corporation", "company", "bank", "court",
    "directorate", "secretariat", "parliament", "assembly", "senate", "tribunal", "regulator", "force",
}
# Head words no person's name holds (``reads_as_a_person``)
ORGANISATION_WORDS = frozenset(ORG_HEADS | INSTITUTION_HEADS)
# Roles and titles, outside any name (spec §3): ``... Committee and Executive Vice Mayor``.
ROLE_WORDS = {"secretary", "minister", "mayor", "director", "chairman", "chairwoman", "chair", "president", "governor",
              "head", "chief", "officer", "member", "deputy", "vice", "spokesperson", "spokesman", "spokeswoman",
              "commissioner", "ambassador", "envoy", "ruler", "emir", "sultan", "premier", "chancellor"}
# A title's portfolio after it: ``Secretary of State for Science, ...``, ``Commissioner for Internal Market``
# (used with .search(text, pos, name_start); the name starts ``State for`` in the first case)
ROLE_BEFORE = re.compile(r"(?<![\w-])(?P<role>[A-Z][a-z]+)\s+(?:for|of)\s+$")
# Capitalised words ending in a head, then ``of (the)``, right before a name; used with .search(text, pos, name_start)
INSTITUTION_OF_BEFORE = re.compile(
    r"(?<![\w'’-])(?P<name>(?:[A-Z][\w'’-]*[^\S\r\n])*(?P<head>[A-Z][a-z]+))[^\S\r\n]+of[^\S\r\n]+"
    r"(?:the[^\S\r\n]+)?$")
# ``Central Bank`` + ``of Kenya``: an institution named for its place (the NER often stops before ``of``)
OF_PLACE = re.compile(r"\s+of\s+(?:the\s+)?")
# ``(Xinhua/Li Zhipeng)``, ``[Photo/Xinhua]``: agency first.
AGENCY_CREDIT = re.compile(
    r"[(\[]\s*(?:Photo\s*/\s*)?(?P<org>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2})"
    r"(?:\s*/\s*(?P<person>[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}))?\s*[)\]]")

# one capitalised word and a space, right before a name (used with .search(text, pos, name_start))
GIVEN_NAME_BEFORE = re.compile(r"(?<![\w'’-])[A-Z][^\W\d_]+[^\S\r\n]$")

# Nouns that say what kind of organisation the name right after them is (``consultancy McKinsey``,
# ``information provider Qichacha``, ``fashion house Dior``): the trade nouns of business news, none
# that also stands before a person (``analyst``, ``developer``) or a product (``platform``, ``app``).
ORGANISATION_KINDS = (
    r"(?:chipmaker|carmaker|automaker|maker|manufacturer|producer|supplier|vendor|distributor|retailer|"
    r"carrier|operator|lender|bank|insurer|brokerage|consultancy|firm|company|conglomerate|giant|titan|"
    r"start-?up|unicorn|subsidiary|provider|regulator|watchdog|authority|rival|publisher|broadcaster|outlet|newspaper|"
    r"agency|house)"
    r"(?:s|es)?")
# ``companies`` and ``subsidiaries`` as well; a name's words: capitals, inner capitals (``LONGi``,
# ``eBay``), inner periods (``JD.com``), on one line
_KIND_NAME_WORD = r"(?:[A-Z]|[a-z]+[A-Z])[\w&-]*(?:\.[\w&-]+)*"
NAME_AFTER_KIND = re.compile(
    rf"(?<![\w-])(?:{ORGANISATION_KINDS}|companies|subsidiaries)[^\S\r\n]+"
    rf"(?P<name>{_KIND_NAME_WORD}(?:[^\S\r\n]+{_KIND_NAME_WORD})*)")
LOWER_CASE_WORD = re.compile(r"[^\S\r\n]+(?P<word>[a-z]+)(?![\w&-])")  # used with .match(text, name_end)
C_SUITE = re.compile(r"C[A-Z]{1,2}O")  # ``CEO``, ``CFO``, ``CISO``: a person's role
# capitalised words after a kind noun that date a sentence or open the next one, no name
NOT_A_NAME_AFTER_KIND = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "the", "this", "that", "in", "on", "at", "and", "for", "to", "with", "as", "it", "its", "which"})

PRIORITY = {"gazetteer": 3, "rule": 2, "alias": 1, "model": 0}


def trim_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Spec span: no leading ``the``, no possessive ``'s``, no edge punctuation."""
    while True:
        lead = LEADING_NOISE.match(text, start, end) or LEADING_ARTICLE.match(text, start, end)
        if not lead or lead.end() == start:
            break
        start = lead.end()
    closing = UNOPENED_BRACKET.match(text, start, end)
    if closing:  # ``Jiji Press)--The``: a token glued across a closing bracket ends at it
        end = closing.end("name")
    span = text[start:end]
    tail = TRAILING_NOISE.search(span)
    if tail:
        end = start + tail.start()
    return (start, end) if start < end else None


# A name's text up to a closing bracket it never opened (used with .match(text, start, end))
UNOPENED_BRACKET = re.compile(r"(?P<name>[^()\[\]]*)[)\]]")


def person_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A person's span without a leading title or credit word, nor trailing post-nominal letters;
    None for an acronym, for a digit in a name (``Bill C-18``; a table's figures after a name are cut
    off) and for one word before capitals (``Generative AI``)."""
    title = PERSON_PREFIX.match(text, start, end)
    start = title.end() if title else start
    figures = TRAILING_NUMBERS.search(text, start, end)
    end = figures.start() if figures and figures.start() > start else end
    if ACRONYM.fullmatch(text, start, end) or DIGIT.search(text, start, end):
        return None
    letters = TRAILING_CAPITALS.search(text, start, end)
    if letters and any(ch.islower() for ch in text[start:end]):
        if len(text[start:letters.start()].split()) < 2:
            return None
        end = letters.start()
    return start, end


def is_particle(word: str) -> bool:
    """``von``, ``der``, ``al-``: a name particle (lower case; ``Van`` in ``Tran Van Anh`` is a name)."""
    return word in NAME_PARTICLES or re.fullmatch(HYPHEN_PARTICLE, word) is not None


def with_particles(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A person's span that runs on through its particles to the name they lead to: the NER stops at
    or before them (``Ursula von der`` + ``Leyen``, ``Maria`` + ``da Silva``). A name never ends in a
    particle: one with no capitalised name after it on its line is cut off, and particles alone are
    no one."""
    words = list(re.finditer(r"\S+", text[start:end]))
    if words and is_particle(words[-1].group()) and NEXT_LINE_NAME.match(text, end):
        return start, end  # the name goes on after a line break: left as the NER found it
    while words and is_particle(words[-1].group()):
        words.pop()
    pos = start + words[-1].end() if words else start
    while (m := PARTICLE_TAIL.match(text, pos)) and particle_led(m.group().lstrip()):
        pos = m.end()
    return (start, pos) if pos > start else None


# A hyphenated given name's first part, cut off by the tokenizer (``Mi-`` + ``Rae Choo``,
# ``Abdel-`` + ``Karim``); used with .search(text, pos, name_start)
HYPHENATED_FIRST_PART = re.compile(r"(?<![\w-])(?P<part>[A-Z][a-z]*)-$")
# and a hyphenated surname's last part (``Anna Kowal`` + ``-Brandt``); used with .match(text, end)
HYPHENATED_LAST_PART = re.compile(r"-[A-Z][a-z]+(?![\w-])")
# the lower-case second syllable of a given name (``Choi Sang`` + ``-mok``, ``Lee Jae`` + ``-myung``)
HYPHENATED_SYLLABLE = re.compile(r"-(?P<part>[a-z]{2,6})(?![\w-])")
# English word prefixes before a name, outside it (``Anti-Trump``, ``ex-Google``)
WORD_PREFIXES = frozenset("""anti pro ex post pre non neo mid pan trans inter co multi semi self all
sino euro afro indo anglo franco""".split())
# The last part of a three-part name the model stopped before, at a comma or before the verb or
# ``to`` that follows a name (``Ong Kah`` + `` Seng, the agency's chief``, ``Tan Wei`` + `` Ling to``)
# verbs of saying right after a person's name (``Tan Wei Ling said``)
SAID_AFTER_NAME = "said|says|told|added|noted"
LAST_NAME_PART = re.compile(rf" (?P<part>[A-Z][a-z]+)(?=,|\s+(?:{SAID_AFTER_NAME}|to|and|who)\b|"
                            rf"{_SPACE}+{_PARTICLE}{_SPACE}+[A-Z])")  # or before its particles (``Moreira dos Santos``)


def with_whole_name(text: str, start: int, end: int, others: dict[int, int]) -> tuple[int, int]:
    """A full name the model cut at either end: a hyphenated name's part before or after it (after two
    words, a lower-case syllable too, but no word of the language: not ``Donald Trump-backed``), and a
    third part after two (not a date, a place, a title, an organisation's word or another name)."""
    first = HYPHENATED_FIRST_PART.search(text, max(0, start - 20), start)
    if first and first.group("part").lower() not in WORD_PREFIXES:
        start = first.start()
    hyphenated = HYPHENATED_LAST_PART.match(text, end)
    syllable = HYPHENATED_SYLLABLE.match(text, end) if len(text[start:end].split()) >= 2 else None
    if hyphenated:
        end = hyphenated.end()
    elif syllable and not is_common_word(syllable.group("part")):
        end = syllable.end()
    last = LAST_NAME_PART.match(text, end)
    if last and len(text[start:end].split()) >= 2:
        part = last.group("part")
        if not (CALENDAR_WORD.fullmatch(part) or place_name(part) is not None or last.start("part") in others
                or part.lower() in ORGANISATION_WORDS | ROLE_WORDS):
            end = last.end()
    return start, end


def capitalised(words: str) -> str:
    """``Von der Leyen`` for ``von der Leyen``: a particle opening a sentence takes a capital."""
    return words[:1].upper() + words[1:]


def refer_back_forms(name: str) -> set[str]:
    """The shorter names a full name is referred back by (spec §3, ``Liu said``): its first word
    (``Liu`` of ``Liu Liehong``, ``Bill`` of ``Bill Shorten``), its last word, and a surname that opens
    with particles (``von der Leyen``; ``Von der Leyen`` at a sentence's start; ``Al-Falih``). An
    acronym in a mixed-case name is no name of a person."""
    words = name.split()
    if len(words) < 2:
        return set()
    forms = {words[-1], capitalised(words[-1])} if particle_led(words[-1]) else {words[-1]}
    if not is_particle(words[0]):
        forms.add(words[0])
    for i in range(1, len(words) - 1):
        if is_particle(words[i]) and not is_particle(words[i - 1]):
            forms |= {" ".join(words[i:]), capitalised(" ".join(words[i:]))}
            break
    return {f for f in forms if len(f) > 1 and (f[:1].isupper() or particle_led(f))
            and not (ACRONYM.fullmatch(f) and not name.isupper())}


def particle_led(words: str) -> bool:
    """``von der Leyen``, ``al-Falih``: particles, then a capitalised name."""
    m = PARTICLE_TAIL.match(words)
    return bool(m and (m.group("particles") or m.group("hyphen")) and m.group("name")[0].isupper())


def is_organisation_name(name: str) -> bool:
    """False for events, plans, documents and common acronyms the model calls ORG. An institution
    named for what it deals with is one (``School of Law``, ``Commission for the Regulation of
    Utilities``)."""
    words = [w for w in name.split() if not NUMBER_WORD.match(w)]
    if not words or name.lower() in NOT_ORG_WORDS:
        return False
    return institution_head(name) or not ({words[-1].lower().strip(".,"), name_head(name)} & NOT_ORG_HEADS)


def name_head(name: str) -> str:
    """The head of a name written head first, before its first preposition (``Plan`` of ``Plan for
    Digital Transformation``, ``Codes`` of ``Codes of Practice on Illegal Harms``); its last word otherwise."""
    head = INNER_PREPOSITION.split(name, maxsplit=1)[0].split()
    return head[-1].lower().strip(".,") if head else ""


def institution_head(name: str) -> bool:
    """``Ministry of ...``, ``Commission for ...``: the name's head, before its first preposition,
    is an institution word."""
    parts = INNER_PREPOSITION.split(name, maxsplit=1)
    head = parts[0].split()
    # a conference named for its subject is a standing body (spec §3: United Nations Conference on Trade
    # and Development); one named for its year or place is an event
    return bool(head) and (head[-1].lower() in INSTITUTION_HEADS or (len(parts) > 1 and head[-1] == "Conference"))


def initials_match(acronym: str, long_form: str) -> bool:
    """``NDA`` for ``National Data Administration``: letters in order, first one leading. An
    ampersand stands for ``and`` (``I&C`` for ``information and communications``), and an acronym
    inside the long form gives all its letters (``SDAIA`` for ``Saudi Data and AI Authority``,
    ``MoICT`` for ``Ministry of ICT``)."""
    letters = acronym.rstrip("s").lower() if acronym.endswith("s") and len(acronym) > 2 else acronym.lower()
    words = [w for w in re.split(r"[\s-]+", long_form) if w]
    if "&" in letters:
        letters = letters.replace("&", "")
        words = [w for w in words if w.lower() not in ("and", "&")]
    if not words or letters[0] != words[0][0].lower() or acronym in words:  # ``AP Technology Writers (AP)``
        return False
    return in_order(letters, "".join(w.lower() if INNER_CAPITALS.fullmatch(w) else w[0].lower() for w in words))


INNER_CAPITALS = re.compile(r"[A-Z]{2,4}")  # an acronym a long form holds: ``AI``, ``ICT``


def in_order(letters: str, within: str) -> bool:
    """Every letter of ``letters`` in ``within``, in that order (``nda`` in ``nda``, ``du`` in ``duv``)."""
    pos = 0
    for ch in letters:
        pos = within.find(ch, pos) + 1
        if pos == 0:
            return False
    return True


def acronym_definitions(text: str, mentions_by_end: dict[int, tuple[int, str]]
                        ) -> Iterator[tuple[re.Match[str], int, int]]:
    """``(NDA)`` right after a mention (a possessive between them allowed) whose initials it takes, or
    that holds the words that spell it (``White House Office of Management and Budget (OMB)``): (the
    bracket's match, the mention's start and end). ``mentions_by_end`` maps each mention's end to its
    start and label.

    After an organisation, capitals that name no place are its acronym whatever words they abbreviate:
    a name translated into English keeps its own language's acronym (``Ministry of Labor and Employment
    (MTE)``), and an acronym may take letters from inside a word (``China Central Television (CCTV)``).
    Not when words before the organisation spell it: ``Member of Parliament (MP)`` is a role's."""
    for m in ACRONYM_DEFINITION.finditer(text):
        before = _end_before(text, m.start())
        if text[before - 2:before] in ("'s", "’s") and before - 2 in mentions_by_end:
            before -= 2
        if before not in mentions_by_end:
            continue
        start, label = mentions_by_end[before]
        acronym = m.group(1)
        spelled = spelled_before(text, m.start(), acronym)
        if initials_match(acronym, text[start:before]) or (spelled and start <= spelled[0] < before) or (
                label == "ORG" and spelled is None and ORG_ACRONYM.fullmatch(acronym) and place_name(acronym) is None):
            yield m, start, before


def _end_before(text: str, pos: int) -> int:
    """Where the text before ``pos`` ends, past the spaces."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def _clause_words_before(text: str, bracket: int, reach: int) -> list[re.Match[str]]:
    """The words right before ``(ACR)``, back to the start of its clause or ``reach`` characters."""
    clause = max((m.end() for m in CLAUSE_BREAK.finditer(text, max(0, bracket - reach), bracket)), default=0)
    return list(LONG_FORM_WORD.finditer(text, max(clause, bracket - reach), bracket))


def spelled_before(text: str, bracket: int, acronym: str) -> tuple[int, int] | None:
    """The fewest words right before ``(ACR)``, inside its clause, whose initials spell it
    (``electric buses`` for ``EB``, ``Belt and Road Initiative`` for ``BRI``)."""
    words = _clause_words_before(text, bracket, 200)
    for k in range(1, min(len(words), len(acronym) + 4) + 1):
        start, end = words[-k].start(), words[-1].end()
        if words[-k].group() in NAME_JOINERS:
            continue  # a long form starts with its own word: ``Office of ...``, not ``of ...``
        if initials_match(acronym, text[start:end]):
            return start, end
    return None


def abbreviated_before(text: str, bracket: int, acronym: str) -> bool:
    """Whether words right before ``(ACR)`` abbreviate it letter by letter though their initials do not
    spell it (``megabits per second (Mbps)``, ``capital expenditure (CapEx)``, ``Extreme
    Nanoprint (ENP)``): the short form's letters in order, read from the end, its first letter opening a word
    (Schwartz and Hearst's rule, 2003). A common noun phrase counts, or capitalised words with no
    institution's word: neither names an organisation."""
    words = _clause_words_before(text, bracket, 120)
    letters = [ch.lower() for ch in acronym if ch.isalnum()]
    for k in range(1, min(len(words), len(letters)) + 1):
        phrase = words[-k:]
        capitals = [w.group()[0].isupper() for w in phrase]
        if not phrase[0].group()[0].isalpha() or (k == 1 and capitals[0]) or (
                any(capitals[1:]) and not (all(capitals) and _spells_a_thing(acronym, [w.group() for w in phrase]))):
            continue  # a capital inside a lower-case phrase, or one capitalised word, is a name's
        if _abbreviates(letters, text[phrase[0].start():phrase[-1].end()]):
            return True
    return False


def _spells_a_thing(acronym: str, words: list[str]) -> bool:
    """Capitalised words an all-capitals acronym takes the initial of each of, as letters among its own
    (``Extreme Nanoprint`` for ``ENP``), none of them an institution's word."""
    return acronym.isupper() and in_order("".join(w[0].lower() for w in words), acronym.lower()) and \
        not any(w.lower() in ORGANISATION_WORDS for w in words)


def _abbreviates(letters: list[str], long_form: str) -> bool:
    i = len(long_form) - 1
    for n, ch in enumerate(reversed(letters)):
        first = n == len(letters) - 1
        while i >= 0 and (long_form[i].lower() != ch or (first and i > 0 and long_form[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return False
        i -= 1
    return i < 0 or not long_form[:i + 1].strip()  # the first letter opens the phrase


def acronym_readings(text: str, found: list[Candidate]) -> tuple[dict[str, str | None], list[Candidate]]:
    """What each acronym defined in brackets names in this article, and the mentions its
    definition adds.

    The long form decides (spec §3: an acronym is what it stands for). After a
    mention whose initials it takes (``National Data Administration (NDA)``),
    the acronym has that mention's label. After a lower-case common noun
    phrase (``electric buses (EB)``) or a plan or event (``Belt and Road
    Initiative (BRI)``) it is no organisation, anywhere in the article; nor
    is an acronym known to name none, nor the mention before it
    (``Information and Communications Technology (ICT)``). After a
    capitalised name with an institution word that no mention covers
    (``Kenya Power and Lighting Company (KPLC)``) both are organisations.
    The first definition of an acronym counts.
    """
    readings: dict[str, str | None] = {}
    added: list[Candidate] = []
    after_mention = {m.start(): (m, label_start, end) for m, label_start, end
                     in acronym_definitions(text, {c.end: (c.start, c.label) for c in found})}
    label_by_end = {c.end: c.label for c in found}
    for m in ACRONYM_DEFINITION.finditer(text):
        acronym = m.group(1)
        if acronym in readings:
            continue
        if m.start() in after_mention:
            _, start, end = after_mention[m.start()]
            if label_by_end[end] == "ORG" and acronym.lower() in NOT_ORG_WORDS:
                readings[acronym] = readings[text[start:end]] = None  # ``... Technology (ICT)``
                continue
            readings[acronym] = label_by_end[end]
            added.append(Candidate(m.start(1), m.end(1), readings[acronym], "rule"))
            continue
        long_form = spelled_before(text, m.start(), acronym)
        if long_form is None:
            after_a_mention = _end_before(text, m.start()) in label_by_end
            if not after_a_mention and abbreviated_before(text, m.start(), acronym):
                readings[acronym] = None  # ``megabits per second (Mbps)``, ``capital expenditure (CapEx)``
            continue
        if (long_form := trim_span(text, *long_form)) is None:
            continue
        name = text[long_form[0]:long_form[1]]
        if name[:1].isupper() and is_organisation_name(name) and institution_head(name):
            readings[acronym] = "ORG"
            added += [Candidate(*long_form, "ORG", "alias"), Candidate(m.start(1), m.end(1), "ORG", "rule")]
        else:  # a common noun phrase, a plan, a system: whatever no one calls an organisation
            readings[acronym] = None
    return readings, added


CAPITALS_WORD = re.compile(r"(?<![\w&.-])[A-Z]{2,6}(?![\w&-])")


def initials_of_organisations(text: str, found: list[Candidate], readings: dict[str, str | None]
                              ) -> list[Candidate]:
    """``the NTC plan`` after ``Nordic Trade Council``: capitals that are exactly the initials of one
    organisation named in the article stand for it, though no bracket defines them; not capitals the
    article defines otherwise, nor a common acronym (``AI``, ``IT``)."""
    initials: dict[str, set[str]] = {}
    for c in found:
        if c.label == "ORG":
            words = [w for w in re.split(r"[\s-]+", text[c.start:c.end]) if w and w.lower() not in NAME_JOINERS]
            if len(words) >= 2 and all(w[0].isupper() for w in words):
                initials.setdefault("".join(w[0] for w in words), set()).add(text[c.start:c.end])
    if not initials:
        return []
    taken = [(c.start, c.end) for c in found]
    return [Candidate(m.start(), m.end(), "ORG", "rule") for m in CAPITALS_WORD.finditer(text)
            if len(initials.get(m.group(), ())) == 1 and m.group() not in readings
            and m.group().lower() not in NOT_ORG_WORDS and not any(a < m.end() and m.start() < b for a, b in taken)]


def read_as_defined(text: str, found: list[Candidate], readings: dict[str, str | None]) -> list[Candidate]:
    """The mentions that agree with the article's own definitions: a defined acronym is its
    long form's label or nothing, whoever proposed it."""
    return [c for c in found if readings.get(text[c.start:c.end], c.label) == c.label]


# a run of capitalised words on one line (``Treasurer Josh Frydenberg``), each a name's word
NAME_RUN = re.compile(r"(?<![\w'’-])[A-Z][^\W\d_]+(?:[-'’](?!s\b)[A-Z]?[^\W\d_]+)?"
                      r"(?:[^\S\r\n][A-Z][^\W\d_]+(?:[-'’](?!s\b)[A-Z]?[^\W\d_]+)?)+(?![\w-])")


# what follows a person's name in the way news writes it: an apposition, an alias, a credit's slash, a
# verb of saying (``Linzi Penman, head of``, ``Teresa Ribera (EVP ...)``, ``Andrea Jelinek said``)
AFTER_A_PERSON = re.compile(rf"[^\S\r\n]*(?:[,(/]|(?:{SAID_AFTER_NAME}|tells|adds|notes|stated|explained|expressed|"
                            r"stressed|wrote|writes|as\s+saying)\b)")


# a person's role set off after the name: ``, chief executive of``, ``, the company's founder``, ``, a
# partner at``; the role within the description's first three words
ROLES_AFTER_A_NAME = ROLE_WORDS | {"executive", "ceo", "cfo", "cto", "coo", "founder", "co-founder", "cofounder",
                                  "analyst", "economist", "professor", "partner", "adviser", "advisor"}
ROLE_IN_APPOSITION = re.compile(
    r",[^\S\r\n]+(?:(?:the|a|an)[^\S\r\n]+|[A-Z][\w.&-]*(?:[^\S\r\n]+[A-Z][\w.&-]*)*['’]s?[^\S\r\n]+)?"
    r"(?:[\w-]+[^\S\r\n]+){0,2}?(?P<role>[A-Za-z-]+)\b")


def named_with_a_role(text: str, start: int, end: int) -> bool:
    """Two or three words that are names, none a common word or an organisation's, then a person's role
    set off by a comma: a person, though no list has the given name (``Sundar Pichai, chief executive
    of Google``)."""
    words = text[start:end].split()
    role = ROLE_IN_APPOSITION.match(text, end)
    return role is not None and role.group("role").lower() in ROLES_AFTER_A_NAME and 2 <= len(words) <= 3 and \
        all(NAME_WORD.fullmatch(w) and not is_common_word(w) and w.lower() not in ORGANISATION_WORDS for w in words)


def people_passed_over(text: str, model_spans: list[tuple[int, int, str]]) -> list[Candidate]:
    """A given name and one or two words that are names, where the NER found nothing at all, in a
    place news names a person (``Linzi Penman, head of``, ``EDPB Chair Andrea Jelinek said``): a
    person (``reads_as_a_person``, or ``named_with_a_role``), the last two or three words of a
    capitalised run, a title before them aside. Not elsewhere: a company may open with a given name
    (``Bharat Fibernet will``)."""
    covered = bytearray(len(text))  # where the model found anything: one pass, not one per run
    for start, end, _ in model_spans:
        covered[start:end] = b"\x01" * (end - start)
    out = []
    for run in NAME_RUN.finditer(text):
        if 1 in covered[run.start():run.end()] or not AFTER_A_PERSON.match(text, run.end()):
            continue
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+", run.group())]
        for size in (3, 2):
            if len(words) >= size:
                start, end = run.start() + words[-size][0], run.start() + words[-1][1]
                if (reads_as_a_person(text[start:end]) or named_with_a_role(text, start, end)) and \
                        place_name(text[start:end]) is None:  # ``Abu Dhabi``
                    out.append(Candidate(start, end, "PERSON", "rule"))
                    break
    return out


def credit_candidates(text: str) -> list[Candidate]:
    """People and agencies named in photo credits and bylines."""
    out = []
    # Each pattern holds a literal that most articles lack: looking for it first skips their search.
    for m in CREDIT.finditer(text) if "/" in text else ():
        person, org = m.span("person"), m.span("org")
        if reads_as_a_person(m.group("org")) and not reads_as_a_person(m.group("person")):
            person, org = org, photo_agency(text, *person)  # ``AP Photo/Ben Curtis``: the agency first
        if (person := person_span(text, *person)) is not None:
            out.append(Candidate(*person, "PERSON", "rule"))
        out.append(Candidate(*org, "ORG", "rule"))
    for m in AGENCY_CREDIT.finditer(text):
        if m.group("person") or "photo" in m.group().lower():
            out.append(Candidate(*photo_agency(text, *m.span("org")), "ORG", "rule"))
            if m.group("person"):
                out.append(Candidate(m.start("person"), m.end("person"), "PERSON", "rule"))
    for m in PHOTO_AGENCY.finditer(text) if "Photo" in text else ():
        out.append(Candidate(m.start("org"), m.end("org"), "ORG", "rule"))
    for m in PHOTO_BY_ON.finditer(text) if "Photo" in text else ():
        out += [Candidate(*m.span("person"), "PERSON", "rule"), Candidate(*m.span("org"), "ORG", "rule")]
    for m in BYLINE.finditer(text):
        names = m.group("names")
        for part in re.split(r"\s+and\s+|,\s*", names):
            nm = BYLINE_NAME.match(part)
            if nm:
                offset = m.start("names") + names.index(part)
                # ``By Northern News Service``: a byline may name the outlet's service, no person
                label = "ORG" if nm.group().split()[-1].lower() in ORG_HEADS | {"service"} else "PERSON"
                out.append(Candidate(offset + nm.start(), offset + nm.end(), label, "rule"))
    return out


def photo_agency(text: str, start: int, end: int) -> tuple[int, int]:
    """``AP Photo`` -> ``AP``: the agency, not its kind of credit."""
    m = re.search(r"\s+Photos?$", text[start:end])
    return (start, start + m.start()) if m else (start, end)


def agency_credits(text: str, people: list[tuple[int, int]]) -> list[Candidate]:
    """The agency that filed a wire story, named on its first line after the place and the date
    (``BEIJING, Oct. 9 (Xinhua) --``), and the one credited in brackets after a caption's last
    sentence, closing its line (``... Ashwini Vaishnaw. (PTI)``). Where the NER reads a person
    there, that is the reporter's or photographer's name (``Geneva, 3 Apr (Anna Berg)``)."""
    if "(" not in text and "/" not in text:
        return []
    spans = [m.span("org" if m.group("org") else "wire") for m in DATELINE_AGENCY.finditer(text)]
    spans += [m.span("org") for m in CLOSING_CREDIT.finditer(text)
              if m.group("org").split()[0].lower() not in MEDIA_WORDS]
    return [Candidate(start, end, "ORG", "rule") for start, end in spans
            if not any(a < end and start < b for a, b in people)]


def overlaps_an_organisation(taken: list[Candidate], start: int, end: int) -> bool:
    """Whether an organisation already found covers any of [start, end): a context rule adds none there."""
    return any(c.label == "ORG" and c.start < end and start < c.end for c in taken)


def named_by_kind(text: str, taken: list[Candidate]) -> list[Candidate]:
    """The name right after a noun of its kind (``ORGANISATION_KINDS``) is an organisation, where no
    organisation is found there and the name reads as no person's and holds no role (``firm Temu``,
    which the NER calls a person; ``consultancy McKinsey``, which it passes over; ``authority GridCo``;
    not ``the company CEO Tim Cook``). A lower-case word after it that is no word of the language (nor
    ``and``) is the brand's."""
    out = []
    for m in NAME_AFTER_KIND.finditer(text):
        start, end = m.span("name")
        while (rest := LOWER_CASE_WORD.match(text, end)) and not (
                is_common_word(rest.group("word")) or rest.group("word") in STOP_WORDS):
            end = rest.end()  # ``rival ZK`` + `` hynix``
        name = text[start:end]
        words = name.split()
        if (words[0].lower() in NOT_A_NAME_AFTER_KIND or reads_as_a_person(name) or PERSON_PREFIX.match(name)
                or any(w.lower() in ROLE_WORDS or C_SUITE.fullmatch(w) for w in words)
                or not is_organisation_name(name) or overlaps_an_organisation(taken, start, end)):
            continue
        out.append(Candidate(start, end, "ORG", "rule"))
    return out


# A name that opens a sentence, then set off by commas a description whose head is a kind of
# organisation: ``Grab, Southeast Asia's largest ride-hailing company,``, ``Ooredoo, the Qatari telecom
# operator,``, ``Sea, the parent of Shopee,``. The description opens with an article or a possessive and
# holds at most five more words before its head. Tried only where a sentence opens (``SENTENCE_OPENING``):
# the text's other capitals are never a sentence's first name.
_NAME = rf"{_KIND_NAME_WORD}(?:{_SPACE}+{_KIND_NAME_WORD}){{0,3}}"
SENTENCE_OPENING = re.compile(r"(?m)^[ \t]*(?=[A-Z])|[.!?][\"”’)]?[ \t]+(?=[A-Z])")
KIND_IN_APPOSITION = re.compile(
    rf"(?P<name>{_NAME}),{_SPACE}+(?:a|an|the|{_KIND_NAME_WORD}(?:{_SPACE}+{_KIND_NAME_WORD}){{0,2}}['’]s?)"
    rf"(?:{_SPACE}+[\w’'-]+){{0,5}}?{_SPACE}+(?:{ORGANISATION_KINDS}|parent|owner)(?:{_SPACE}+of{_SPACE}+[^,;\n]{{1,60}})?,")
# the name that ends right where the context after it starts (used with .search(text, pos, context_start))
NAME_BEFORE = re.compile(rf"(?<![\w-])(?P<name>{_NAME})$")


def context_rule_candidates(text: str, names: Iterable[tuple[int, int]], taken: list[Candidate],
                            places: dict[int, int], person_allowed: bool = True) -> list[Candidate]:
    """Organisations a context rule found at ``names`` (spans), where no organisation is found there and
    the name is no place, no role or title, and (unless ``person_allowed``) reads as no person's name."""
    out = []
    for start, end in names:
        name = text[start:end]
        words = name.split()
        if (words[0].lower() in NOT_A_NAME_AFTER_KIND | NOT_A_HOLDER or words[0].lower() in STOP_WORDS
                or start in places or place_name(name) is not None or PERSON_PREFIX.match(name)
                or any(w.lower() in ROLE_WORDS or C_SUITE.fullmatch(w) for w in words)
                or (not person_allowed and reads_as_a_person(name))
                or not is_organisation_name(name) or overlaps_an_organisation(taken, start, end)):
            continue
        out.append(Candidate(start, end, "ORG", "rule"))
    return out


def described_by_kind(text: str, taken: list[Candidate], places: dict[int, int]) -> list[Candidate]:
    """The name a sentence opens with is an organisation's when the description set off after it is
    headed by a kind of organisation (``Texas, the largest producer of ...`` is a place), though the NER
    read a person (``Morgan Stanley, the investment bank,``); ``Jon Kim, a former bank executive,`` is
    headed by no kind."""
    found = (m.span("name") for o in SENTENCE_OPENING.finditer(text)
             if (m := KIND_IN_APPOSITION.match(text, o.end())) is not None)
    return context_rule_candidates(text, found, taken, places)


# A post only a company or a body has, after its name: ``IDA CEO Martin Shanahan``, ``O2's chief executive``,
# ``Ericsson chief executive Borje Ekholm``; not a spokesperson, whom a person has too
OFFICER = re.compile(r"(?<![\w-])(?:CEO|CFO|CTO|COO|[Cc]hief[^\S\r\n]+(?:[Ee]xecutive|[Ff]inancial|[Tt]echnology|"
                     r"[Oo]perating)|[Cc]hair(?:man|woman|person)|[Mm]anaging[^\S\r\n]+[Dd]irector|"
                     r"(?:[Cc]o-?)?[Ff]ounder)(?![\w-])")
# what may stand between the holder's name and the post: a possessive, spaces
HOLDER_END = re.compile(r"(?:['’]s)?[^\S\r\n]+$")
# capitalised words that open such a phrase without naming its holder (``Former CEO``, ``Group CEO``)
NOT_A_HOLDER = frozenset({"former", "then", "interim", "acting", "deputy", "new", "outgoing", "incoming", "group",
                          "company", "global", "regional", "senior", "joint", "executive", "vice"})


def names_before(text: str, ends: Iterable[int]) -> Iterator[tuple[int, int]]:
    """The span of the name that ends at each of ``ends``."""
    for end in ends:
        if (name := NAME_BEFORE.search(text, max(0, end - 80), end)) is not None:
            yield name.span("name")


def named_by_its_officer(text: str, taken: list[Candidate], places: dict[int, int]) -> list[Candidate]:
    """The name whose chief executive, chair or founder is spoken of is an organisation's: a person has no
    chief executive, and the NER may read one (``Ericsson``) or pass it over (``IDA``)."""
    ends = (gap.start() for m in OFFICER.finditer(text)
            if (gap := HOLDER_END.search(text, max(0, m.start() - 4), m.start())) is not None)
    return context_rule_candidates(text, names_before(text, ends), taken, places)


# What only a company is: backed, owned, listed or headquartered somewhere, right before its name
# (``SoftBank-backed Paytm``, ``Nasdaq-listed Grab``, ``state-owned BSNL``); or based somewhere, which a person
# may be too (``Tokyo-based Rakuten``); and a name that reports ``in its`` own words (``Ericsson said in its
# Mobility Report``), which no person does
COMPANY_PARTICIPLE_BEFORE = re.compile(
    rf"(?<=[\w.&'’])-(?P<participle>backed|owned|listed|controlled|funded|headquartered|based){_SPACE}+(?P<name>{_NAME})")
IN_ITS = re.compile(rf"{_SPACE}+(?:in|on){_SPACE}+its(?![\w-])")
REPORTED_BEFORE = re.compile(rf"{_SPACE}+(?:said|says|reported|reports|announced|stated|noted|added|wrote)(?:{_SPACE}+\w+)?$")


def reporting_in_its_own_words(text: str) -> Iterator[int]:
    """Where each verb starts whose subject reports ``in its`` own words (``Ericsson said in its``)."""
    for m in IN_ITS.finditer(text):
        if (verb := REPORTED_BEFORE.search(text, max(0, m.start() - 30), m.start())) is not None:
            yield verb.start()


def named_as_a_company(text: str, taken: list[Candidate], places: dict[int, int]) -> list[Candidate]:
    """A name that only a company's context allows is an organisation's: backed, owned, listed or
    headquartered somewhere (a person's name only when the context is ``based``), or reporting ``in its``
    own words."""
    participles = list(COMPANY_PARTICIPLE_BEFORE.finditer(text))
    only_companies = (m.span("name") for m in participles if m.group("participle") != "based")
    people_too = [*(m.span("name") for m in participles if m.group("participle") == "based"),
                  *names_before(text, reporting_in_its_own_words(text))]
    return context_rule_candidates(text, only_companies, taken, places) + \
        context_rule_candidates(text, people_too, taken, places, person_allowed=False)


# Those who work at an organisation, then ``at`` and its name: ``economists at Morgan Stanley``, ``an analyst at
# Jefferies``; a person is nowhere that people work ``at``
WORKPLACE_BEFORE_NAME = re.compile(
    r"(?<![\w-])(?i:(?:analyst|economist|researcher|engineer|scientist|strategist|executive|employee)s?|staff|workers)"
    rf"{_SPACE}+at{_SPACE}+(?:the{_SPACE}+)?(?P<name>{_NAME})")


def named_as_workplace(text: str, taken: list[Candidate], places: dict[int, int]) -> list[Candidate]:
    """The name people work at is an organisation's (``economists at Morgan Stanley``, which the NER may
    call a person), where no organisation is found there and it names no place (``analysts at Seoul``)."""
    out = []
    for m in WORKPLACE_BEFORE_NAME.finditer(text):
        start, end = m.span("name")
        name = text[start:end]
        if (name.split()[0].lower() in NOT_A_NAME_AFTER_KIND or start in places or place_name(name) is not None
                or not is_organisation_name(name) or overlaps_an_organisation(taken, start, end)):
            continue
        out.append(Candidate(start, end, "ORG", "rule"))
    return out


# A list of one to three capitalised words each: ``BRX, Plumly and Acme``, ``Acme and QX``
_LIST_NAME = r"[A-Z][\w&.'’-]*(?:[^\S\r\n]+[A-Z][\w&.'’-]*){0,2}"
NAME_LIST = re.compile(
    rf"(?<![\w&.'’-])(?P<list>{_LIST_NAME}(?:,[^\S\r\n]+{_LIST_NAME})*,?[^\S\r\n]+(?:and|&)"
    rf"[^\S\r\n]+{_LIST_NAME})(?=[,;:)]|\.(?:\s|$)|[^\S\r\n]+[a-z]|$)")
LIST_SPLIT = re.compile(r",?[^\S\r\n]+(?:and|&)[^\S\r\n]+|,[^\S\r\n]+")
# capitalised words that open a sentence or stand for a speaker, no name: ``Both X and Y``, ``the UN and I``
NOT_A_LISTED_NAME = frozenset({"The", "In", "On", "At", "By", "For", "Both", "Either", "Neither", "All", "I", "We"})
# a capitalised word right before a list, or one and ``of``: the list's first word ends a longer name
# (``Dept. of Trade and Acme``); used with .search(text, pos, list_start)
NAME_BEFORE_LIST = re.compile(r"[A-Z][\w.]*[^\S\r\n]+(?:of[^\S\r\n]+)?$")


def name_lists(text: str) -> list[tuple[int, list[tuple[int, int]]]]:
    """Each list of names in the article (``NAME_LIST``): where it starts, and its members' spans. Both
    list rules read these, so the article is scanned once."""
    return [(m.start(), split_at(text, *m.span("list"), LIST_SPLIT)) for m in NAME_LIST.finditer(text)]


def listed_with_organisations(text: str, taken: list[Candidate], model_spans: list[tuple[int, int, str]],
                              lists: list[tuple[int, list[tuple[int, int]]]]) -> list[Candidate]:
    """A name listed with organisations is one (``Zentara and Acme``, ``BRX, Plumly and Acme``,
    ``Acme and QX``), where the model gave its words no reading of their own and they read as no
    person's, role, place or date: a list joins things of one kind."""
    spans = [(a, b) for a, b, _ in model_spans] + [(c.start, c.end) for c in taken]
    orgs = {(c.start, c.end) for c in taken if c.label == "ORG"}
    places = {(a, b) for a, b, label in model_spans if label in ("GPE", "LOC")}
    found: list[Candidate] = []
    for list_start, members in lists:
        shared_head = len(members) == 2 and len(text[slice(*members[0])].split()) == 1 and \
            len(text[slice(*members[1])].split()) > 1  # ``Maritime and Commercial Bank``
        if shared_head or not any(member in orgs for member in members) or places.intersection(members) or \
                NAME_BEFORE_LIST.search(text, max(0, list_start - 40), list_start):
            continue
        for a, b in members:
            name = text[a:b].rstrip(".") if not COMPANY_ABBREVIATION.search(text, a, b - 1) else text[a:b]
            b = a + len(name)
            words = name.split()
            if ((a, b) in orgs or any(x < b and a < y for x, y in spans) or reads_as_a_person(name)
                    or words[0] in NOT_A_LISTED_NAME or CALENDAR_WORD.fullmatch(words[0])
                    or any(w.lower() in ROLE_WORDS for w in words) or not is_organisation_name(name)
                    or place_name(name) is not None):
                continue
            found.append(Candidate(a, b, "ORG", "rule"))
    return found


@functools.lru_cache(maxsize=32)
def names_pattern(names: frozenset[str]) -> re.Pattern[str]:
    """One pattern for a set of names, the longest that fits first; the gazetteer's is built once,
    not per document. A hyphen joined to a word before it makes a compound (``pro-Verizon``); a
    list's dash does not (``-Verizon:``)."""
    return re.compile(r"(?<!\w)(?<!\S-)" + literal_alternation(names) + r"(?![\w-])")


def mention_candidates(text: str, names: dict[str, str], source: str) -> list[Candidate]:
    """Every whole-word occurrence of each known name, with its label."""
    if not names:
        return []
    return [Candidate(m.start(), m.end(), names[m.group()], source)
            for m in names_pattern(frozenset(names)).finditer(text)]


def person_aliases(text: str, people: list[Candidate]) -> dict[str, str]:
    """Full names mentioned once make their shorter forms (``refer_back_forms``) a later PERSON."""
    aliases: dict[str, str] = {}
    for c in people:
        forms = refer_back_forms(text[c.start:c.end])
        if forms:
            aliases[text[c.start:c.end]] = "PERSON"
            aliases.update(dict.fromkeys(forms, "PERSON"))
    return aliases


def resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping mentions: higher priority first, then the longer span.

    A known name inside a longer name of the same label (``Alibaba`` in
    ``Alibaba Group``) gives way: the longest name is the spec's span, and a
    name found again elsewhere in the article gives way at the end of any
    longer name (the surname ``Madrid`` in ``Real Madrid``). Layout rules (credits,
    bylines) know better than the model and never give way.
    """
    candidates = [c for c in candidates if c.source == "rule" or not any(
        (o.label == c.label or (c.source == "alias" and c.end == o.end))
        and o.start <= c.start and c.end <= o.end and (o.end - o.start) > (c.end - c.start)
        for o in candidates)]
    ranked = sorted(candidates, key=lambda c: (-PRIORITY[c.source], -(c.end - c.start), c.start))
    taken: list[Candidate] = []
    for c in ranked:
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: (c.start, c.end))


def join_split_names(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Names the model cut in pieces are one name: ``Standing Committee of the`` +
    ``14th National People's Congress``, ``Political Bureau`` + ``of the`` +
    ``Communist Party of China (CPC) Central Committee``."""
    orgs = sorted(s for s in spans if s[2] == "ORG")
    inner = {s for i, s in enumerate(orgs)
             if 0 < i < len(orgs) - 1 and INNER_ACRONYM.fullmatch(text, orgs[i - 1][1], orgs[i + 1][0])}
    out: list[tuple[int, int, str]] = []
    for span in sorted(s for s in spans if s not in inner):
        prev = out[-1] if out else None
        if prev and prev[2] == span[2] == "ORG" and _joins(text, prev, span):
            out[-1] = (prev[0], span[1], "ORG")
            continue
        out.append(span)
    return out


def join_national_units(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A company's name and a country's right after it are one name, its unit in that country
    (``Microsoft UK``, ``Vodafone Germany``, ``Meta Platforms Ireland``): the model reads the
    country as a place of its own. A union of states is no company (``EU China``)."""
    countries = {start: end for start, end, label in spans
                 if label == "GPE" and place_name(text[start:end]) is not None}
    units = {(start, end): countries[end + 1] for start, end, label in spans
             if label == "ORG" and text[end:end + 1] == " " and end + 1 in countries
             and not is_union_of_states(text[start:end]) and not text[countries[end + 1]:][:1].isalnum()}
    taken = {end + 1 for _, end in units}  # the countries' starts
    return sorted((start, units.get((start, end), end), label) for start, end, label in spans
                  if not (label == "GPE" and start in taken))


def _joins(text: str, first: tuple[int, int, str], second: tuple[int, int, str]) -> bool:
    if second[0] < first[1]:
        return False
    if DANGLING_OF.search(text, first[0], first[1]):
        return second[0] == first[1] or CHAINED_NAME.fullmatch(text, first[1], second[0]) is not None
    # ``and`` is not a joint: ``Alibaba and Tencent Holdings`` are two names.
    return bool(OF_GAP.fullmatch(text, first[1], second[0]) or INNER_ACRONYM.fullmatch(text, first[1], second[0]))


def extend_remit(text: str, start: int, end: int, others: dict[int, int]) -> int:
    """``Intergovernmental Group of Experts`` + `` on E-commerce and the Digital Economy``, ``Council``
    + `` on Foreign Relations``: a body's name runs on through the capitalised subject it is ``on``,
    which the model cuts off, or cuts inside (``... on E-commerce`` + `` and the Digital Economy``); not
    through a date (``the Commission on Monday``) or another name."""
    if name_head(text[start:end]) not in ORG_HEADS | INSTITUTION_HEADS:
        return end
    m = (REMIT_REST if REMIT_IN_NAME.search(text, start, end) else REMIT).match(text, end)
    if m is None or m.group("first").lower() in NOT_A_NAME_AFTER_KIND or re.fullmatch(_MONTH, m.group("first")):
        return end
    return end if any(end < a < m.end() for a in others) else m.end()


def extend_edition(text: str, end: int) -> int:
    """``Caixin`` + `` Global``, ``Xinhua Daily`` + `` Telegraph``, ``Nikkei`` + `` Asia``: an outlet's
    or a company's edition word after its name is part of the name, which the model cuts off; not
    when another capitalised word follows, opening a name of its own (``CII Global Electronics Summit``)."""
    m = EDITION.match(text, end)
    return m.end() if m else end


SERIES_NUMBER = re.compile(r"[^\S\r\n]+(?P<n>I{1,3}|IV|V|VI{1,3}|IX|X)(?![\w'’-])")


def extend_series_number(text: str, start: int, end: int) -> int:
    """``Star Fund`` + `` III``, ``Growth Fund`` + `` II``: a roman numeral after an organisation's name
    numbers it in a series and is part of it; a bare ``I`` only where the text numbers the same name
    higher elsewhere (``Star Fund I and Star Fund II``), since it is mostly the pronoun."""
    m = SERIES_NUMBER.match(text, end)
    if m is None:
        return end
    if m.group("n") == "I" and not re.search(
            rf"{re.escape(text[start:end])}[^\S\r\n]+(?:II|III|IV|V)(?![\w'’-])", text):
        return end
    return m.end()


def extend_tail(text: str, start: int, end: int) -> int:
    """The words after an organisation's name that the model cuts off and that are part of it: its
    edition word, then its number in a series (``Caixin`` + `` Global``, ``Star Fund`` + `` III``)."""
    return extend_series_number(text, start, extend_edition(text, end))


def with_tail(text: str, c: Candidate) -> Candidate:
    """A known name runs on through its tail words as the model's names do (``Caixin`` + `` Global``
    where the gazetteer knows ``Caixin``)."""
    return Candidate(c.start, extend_tail(text, c.start, c.end), c.label, c.source) if c.label == "ORG" else c


def extend_company_suffix(text: str, start: int, end: int) -> int:
    """``China Daily`` + ``Information Co`` is cut by the model after the brand."""
    m = SUFFIX_AFTER_BRAND.match(text, end)
    return m.end() if m and "\n" not in m.group() else end


def extend_portfolios(text: str, start: int, end: int, others: dict[int, int], names: set[str]) -> int:
    """``Ministry of Science`` + `` and ICT``, ``Department of Communications`` + `` and Digital
    Technologies``: the model cuts an institution's name at the ``and`` that joins its portfolios;
    the name runs on through them (spec §3), each ``and`` (``... and Communications and Youth``). Not when a
    portfolio is a name of its own (another mention the model or the gazetteer found there: ``the Ministry of
    Commerce and Huawei``), unless portfolios joined by ``and`` came before it and all its words are common
    ones, a field's (the model's ``Youth``)."""
    name = text[start:end]
    if not (institution_head(name) and INNER_PREPOSITION.search(name)) or name.split()[-1].lower() in INSTITUTION_HEADS:
        return end  # ``... Commission and Minister of``: a whole name, then something else
    m = PORTFOLIOS.match(text, end)
    if m is None or "\n" in m.group():
        return end
    joined = " and " in name
    for joint in PORTFOLIO_JOINT.finditer(text, end, m.end()):
        part = PORTFOLIO.match(text, joint.end())
        if part is None or ROLE_WORDS & {w.lower() for w in part.group().split()} or (
                (joint.end() in others or part.group() in names)
                and not (joined and all(is_common_word(w) for w in part.group().split()))):
            return end
        joined = joined or "and" in joint.group()
    return m.end()


# A title's head, then (``of Practice``) its words up to the preposition a name follows (``Measures for the``,
# ``Notice on Promoting the``); used with .search(text, pos, name_start)
TITLE_BEFORE = re.compile(
    r"(?<![\w-])(?P<head>[A-Z][a-z]+)(?:\s+(?:of|on|for)\s+[A-Z][a-z]+)*\s+(?:on|for|of|to)\s+"
    r"(?:the\s+)?(?:[A-Z][a-z]+ing\s+(?:the\s+)?)?$")
CURRENCY_CODE = re.compile(r"[A-Z]{3}")
# a number after a name, not a year (``WTO 2024 report``); used with .match(text, end)
AMOUNT_AFTER = re.compile(r"[^\S\r\n]?(?!(?:19|20)\d\d(?![\d.,]))\d")
# the SI prefixes and the symbols of data, data rates, power, energy and frequency
UNIT_SYMBOL = re.compile(r"[kKMGTP](?:B|b|bps|Bps|W|Wh|Hz)|[KMGT]iB")
NUMBER_BEFORE = re.compile(r"\d[^\S\r\n]?$")  # used with .search(text, start - 2, start)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# a month or a weekday after a name (``Jane Smith`` + `` Monday, ...`` is no third part)
CALENDAR_WORD = re.compile(rf"{_MONTH}|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")
# Places in capitals at a line's start, then (after a comma, a region or country) a date; used with .match
DATELINE = re.compile(
    r"[^\S\r\n]*(?P<places>[A-Z][A-Z.'’-]+(?:[^\S\r\n][A-Z][A-Z.'’-]+)*(?:/[A-Z][A-Z.'’-]+(?:[^\S\r\n][A-Z][A-Z.'’-]+)*)*)"
    rf"[^\S\r\n]*(?:,[^\S\r\n]*[A-Za-z.'’ -]{{0,30}}?,?[^\S\r\n]*)?(?:{_MONTH}[^\S\r\n]+\d{{1,2}}\b|\d{{1,2}}[^\S\r\n]+{_MONTH}|\d{{4}}-\d\d-\d\d)")
# or, undated, perhaps the agency in brackets, a colon or a dash and the story's first word (``MUMBAI: Reliance Jio
# added``, ``SANTIAGO – Google will``, ``SHANGHAI, CHINA- China Mobile``, ``BRUSSELS (Reuters) - The``); a first word
# of three capitals or more, so no ``EU –`` headline, and a story in lower case, so no ``NBA BASKETBALL - STANDINGS``
UNDATED_DATELINE = re.compile(
    r"[^\S\r\n]*(?P<places>[A-Z][A-Z.'’-]{2,}(?:[^\S\r\n][A-Z][A-Z.'’-]+)*)(?:,[^\S\r\n]*[A-Z][A-Za-z.'’ ]{0,30}?)?"
    r"(?:[^\S\r\n]*\([^()\r\n]{1,40}\))?[^\S\r\n]*(?::|[-–—]{1,2})[^\S\r\n]+(?=[\"“‘']?[A-Z][a-z])")
# ``on`` and a subject in capitals, ``and``, ``of`` or ``for`` (and ``the``) between its words; used with
# .match(text, end)
_REMIT_WORDS = r"(?:[^\S\r\n]+(?:(?:and|of|for)[^\S\r\n]+(?:the[^\S\r\n]+)?)?[A-Z][\w-]*)*"
REMIT = re.compile(rf"[^\S\r\n]+on[^\S\r\n]+(?P<first>[A-Z][\w-]*){_REMIT_WORDS}")
# the rest of a remit the model cut inside (``... on E-commerce`` + `` and the Digital Economy``)
REMIT_REST = re.compile(rf"[^\S\r\n]+(?:and|of|for)[^\S\r\n]+(?:the[^\S\r\n]+)?(?P<first>[A-Z][\w-]*){_REMIT_WORDS}")
REMIT_IN_NAME = re.compile(r"[^\S\r\n]on[^\S\r\n]+[A-Z][\w-]*$")
# An edition's words after a name, not before another capitalised word (used with .match(text, end))
EDITION = re.compile(r"(?:[^\S\r\n]+(?:Global|Asia|Europe|International|Online|Edition|Daily|Weekly|Times|Post|"
                     r"Herald|Tribune|Telegraph))+(?![\w&-])(?![^\S\r\n]+[A-Z])")
# A wire story's first line: its place, its date, then the agency that filed it in brackets or between
# slashes (``BEIJING, Oct. 9 (Xinhua) --``, ``Tokyo, March 31 (Jiji Press)--``, ``OTTAWA, ON, June 26,
# 2024 /CNW/ -``); used with .finditer
DATELINE_AGENCY = re.compile(
    r"^[^\S\r\n]*(?:[A-Z][A-Z.'’-]+(?:(?:[^\S\r\n]|/)[A-Z][A-Z.'’-]+)*,?|[A-Z][\w.'’-]*(?:[^\S\r\n][A-Z][\w.'’-]*)*,)"
    r"(?:[^\S\r\n]*[A-Za-z.'’ -]{0,30}?,)?[^\S\r\n]+"
    rf"(?:{_MONTH}[^\S\r\n]+\d{{1,2}}|\d{{1,2}}[^\S\r\n]+{_MONTH})(?:,?[^\S\r\n]+\d{{4}})?[^\S\r\n]*"
    r"(?:\((?P<org>[A-Z][\w&'’. -]{0,40}?)\)|/(?P<wire>[A-Z][\w&'’. -]{0,40}?)/)", re.M)
# A credit in brackets after a sentence's stop, closing the line (``... minister Ashwini Vaishnaw. (PTI)``,
# ``(Cheong Wa Dae)``); what kind of picture it is (``(File photo)``) is no credit
CLOSING_CREDIT = re.compile(
    r"[.!?”\"][^\S\r\n]*\((?P<org>[A-Z0-9][\w&'’.-]*(?:[^\S\r\n][A-Z][\w&'’.-]*|[^\S\r\n](?:of|and|for|the)){0,7})\)"
    r"[^\S\r\n]*$", re.M)
MEDIA_WORDS = frozenset({"photo", "photos", "file", "illustration", "image", "images", "video", "graphic", "archive",
                         "screenshot", "pictured", "left", "right", "center", "centre"})
# the word after a name, past a closing quote or bracket and the name's own acronym in brackets: ``the "AI
# Plus" initiative``, ``Digital Silk Road (DSR) initiative``, ``(DSR) initiative`` after the acronym itself
HEAD_AFTER = re.compile(r"[\"”’')]?\s*(?:\(\s*[A-Za-z][\w&-]{0,11}\s*\)\s*)?([A-Za-z]+)")


def extend_institution_before(text: str, start: int, others: dict[int, int]) -> int:
    """``Council of the`` + ``European Union``, ``Secretariat of the`` + ``WTO``: an institution word and
    ``of`` before an organisation make one name with it, the longest (spec §3, ``Standing Committee of
    the 14th National People's Congress``), unless the model found those words as a name of their own."""
    m = INSTITUTION_OF_BEFORE.search(text, max(0, start - 80), start)
    if m is None or m.group("head").lower() not in INSTITUTION_HEADS:
        return start
    new_start = m.start("name")
    for word in re.finditer(r"\S+", text[m.start("name"):m.start("head")]):
        word_end = m.start("name") + word.end()
        if word.group() == "The" or any(a < word_end <= b for a, b in others.items()):
            new_start = m.start("name") + word.end() + 1  # the name starts after an article or another name
    return start if any(a < m.end("head") and b > new_start for a, b in others.items()) else new_start


# Capitalised words right after a lower-case word or ``the`` (used with .search(text, pos, name_start))
CAPITALISED_BEFORE = re.compile(
    r"(?:(?<=[a-z,][^\S\r\n])|(?<=^the[^\S\r\n])|(?<=[^\w]the[^\S\r\n]))"
    r"(?P<words>(?:[A-Z][\w'’&-]*[^\S\r\n]+)+)$")


# One to four capitalised words and the word after them (used with .match(text, name_end))
CAPITALISED_AFTER = re.compile(r"(?P<words>(?:[^\S\r\n]+[A-Z][\w'’&-]*){1,4})(?=[^\S\r\n]+[a-z(]|[,.;:)]|$)")
# the heads of a body inside an organisation (``Working Group``, ``Supervisory Board``)
BODY_HEADS = frozenset(INSTITUTION_HEADS | {"group"})


def extend_to_body(text: str, end: int, others: dict[int, int]) -> int:
    """``NTO`` + `` General Council``, ``Acme`` + `` Supervisory Board``: an organisation's name runs on through the
    capitalised words after it that end in an institution's word, a body of it the model cut off or read as a
    name of its own (``G7`` + `` Digital Working Group``); not into another name, a title or a date, nor a
    product or a site (``Acme News``, ``Acme Data Center``)."""
    m = CAPITALISED_AFTER.match(text, end)
    if m is None:
        return end
    words = m.group("words").split()
    if words[-1].lower() not in BODY_HEADS or any(
            w.lower() in ROLE_WORDS or CALENDAR_WORD.fullmatch(w) for w in words) or any(
            end < a < m.end() and b != m.end() for a, b in others.items()):
        return end
    return m.end()


def extend_capitalised_before(text: str, start: int, end: int, others: dict[int, int]) -> int:
    """``Digital`` + ``Trade Council``: a body's name runs back through the capitalised words the model
    cut from its start, in the middle of a sentence (after a lower-case word or ``the``), unless they
    are a title, a date, a country's word or a name of their own."""
    if name_head(text[start:end]) not in ORG_HEADS | INSTITUTION_HEADS:
        return start
    m = CAPITALISED_BEFORE.search(text, max(0, start - 60), start)
    if m is None:
        return start
    new_start = start
    for word in reversed(list(re.finditer(r"\S+", m.group("words")))):
        w = word.group()
        at = m.start("words") + word.start()
        if (w.lower() in ROLE_WORDS or CALENDAR_WORD.fullmatch(w) or any(a <= at < b for a, b in others.items())
                or w == "The" or not w[-1].isalnum() or place_name(w) is not None):
            break  # ``the Irish`` + ``Data Protection Board``: a country's word stays outside (spec §3)
        new_start = at
    return new_start


def extend_of_place(text: str, start: int, end: int, places: dict[int, int]) -> int:
    """``Communications Authority`` + `` of Kenya``: the place is part of an institution's name
    when the name ends in an institution word and the NER found the place right after ``of``."""
    of = OF_PLACE.match(text, end)
    words = text[start:end].split()
    if of and words and words[-1].lower() in ORG_HEADS and of.end() in places:
        return places[of.end()]
    return end


def in_a_ticker(text: str, start: int, end: int) -> bool:
    """``Apple Inc (AAPL.O)``, ``BYD (002594.SZ)``: a share's code and its exchange's, in brackets
    after the company, name no organisation of their own."""
    return any(m.start() <= start and end <= m.end() for m in TICKER.finditer(text, max(0, start - 12), end + 4))


def odd_org_text(name: str) -> bool:
    """``Artificial Intelligence (AI``, ``Biz / Tech``, ``SOCCER - FRENCH LEAGUE``, ``USD$3.94 trillion``,
    ``NGN 5M``: not names (a spaced dash or slash joins a headline's parts, never a name's)."""
    return bool(ODD_ORG.search(name))


# Territories in CLDR's table that are bodies of states, which the spec names as organisations.
UNIONS_OF_STATES = {"European Union"}


def is_union_of_states(name: str) -> bool:
    """``European Union``, ``EU``."""
    return any(name == union or (name.isupper() and initials_match(name, union)) for union in UNIONS_OF_STATES)


def names_a_country(name: str) -> bool:
    """``Austria``, ``United States``, ``BANGLADESH``: a country's own name, or the press's initials for it
    (``UAE``, ``U.S.``; not a name the press gives it in words, ``Emirates`` being an airline's too)."""
    place = place_name(name)
    return place is not None and place not in UNIONS_OF_STATES and (
        place.lower() == name.lower() or name in PRESS_INITIALS)


def names_a_place(name: str, senses: dict[str, set[str]]) -> bool:
    """A name the model calls ORG that is a place all the same (spec §3): a country's own name, or a
    name the model reads as a place at another mention (``Yongin``; ``senses`` from
    ``model_readings``), even where it stands for a team, a delegation or a government (``Austria
    beat Wales``, ``Chengdu will invest``). The figure stage takes such a mention as the place it names."""
    return not senses.get(name, set()).isdisjoint(("GPE", "LOC")) or names_a_country(name)


def object_of_a_title(text: str, start: int, name: str) -> bool:
    """``Interim Measures for the Management of Generative AI Services``, ``Notice on Promoting the
    Accelerated Development of ...``, ``Code of Practice on the Protection of Children``: a name after
    the preposition of a document's or an event's title is what the title is about, part of the title's
    name; an institution named there is still one (spec §3, ``eWeek of the United Nations Conference
    on Trade and Development``)."""
    m = TITLE_BEFORE.search(text, max(0, start - 80), start)
    if m is None or m.group("head").lower() not in NOT_ORG_HEADS:
        return False
    return not institution_head(name) and name.split()[-1].lower().strip(".,") not in ORG_HEADS


# A legislature named by its kind alone: ``Member of Parliament`` is a role, not a mention of one
LEGISLATURE_WORDS = frozenset({"Parliament", "Congress", "Assembly"})


# a minister's title right after the portfolio it names (used with .match(text, name_end))
MINISTER_AFTER = re.compile(r"[^\S\r\n]+(?:Minister|Ministers|Secretary|Secretaries)(?![\w-])")


def portfolio_of_a_minister(text: str, start: int, name: str) -> bool:
    """``Health and Welfare`` + `` Minister Jane Doe``, ``Investment, Trade and Industry`` + `` Minister``: field
    words right before a minister's title are the portfolio in the title, no organisation's name (neither
    ``Zentrix`` nor a place nor a ``Department`` is a field)."""
    return MINISTER_AFTER.match(text, start + len(name)) is not None and all(
        w.lower() in NAME_JOINERS or (w[:1].isupper() and is_common_word(w) and w.lower() not in INSTITUTION_HEADS
                                      and place_name(w) is None) for w in name.replace(",", " ").split())


def names_a_role(text: str, start: int, name: str) -> bool:
    """Roles are outside organisations (spec §3): a name headed by a role (``Science and Energy
    Secretaries``; ``Chamber of Deputies`` is headed by ``Chamber``), a minister's portfolio before the
    title, or a portfolio that a capitalised title is ``for`` (``European Commissioner for Internal Market
    and Services``, ``Minister of State for Electronics and Information Technology``)."""
    if portfolio_of_a_minister(text, start, name):
        return True
    m = ROLE_BEFORE.search(text, max(0, start - 40), start)
    role_before = bool(m) and singular(m.group("role").lower()) in ROLE_WORDS
    if role_before and name in LEGISLATURE_WORDS:
        return True  # ``Member of Parliament``
    if institution_head(name):
        return False
    if singular(name_head(name)) in ROLE_WORDS:  # not ``Chamber of Deputies``
        return True
    return role_before and (m.group().rstrip().endswith("for") or name.startswith("State for "))


def singular(word: str) -> str:
    """``secretaries`` -> ``secretary``, ``ministers`` -> ``minister``: enough for role words."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def names_a_unit(text: str, start: int, end: int) -> bool:
    """``KRW 1.2 trillion``, ``USD7.3 billion``: three capitals before an amount are a currency's ISO
    code; ``100 MB``, ``10 Mbps``, ``3.6 GHz``, ``1.8 GW``: a unit's symbol after a number. Neither is
    an organisation."""
    name = text[start:end]
    return bool((CURRENCY_CODE.fullmatch(name) and AMOUNT_AFTER.match(text, end))
                or (UNIT_SYMBOL.fullmatch(name) and NUMBER_BEFORE.search(text, max(0, start - 2), start)))


def in_a_dateline(text: str, start: int, end: int) -> bool:
    """``OTTAWA, ON, June 26, 2024 /CNW/ -``, ``AMSTERDAM/WASHINGTON March 8 (Reuters) -``, ``MUMBAI:``: the
    capitals that open a news story's line before its date, or before its first words, name where it was
    filed, a place."""
    line_start = text.rfind("\n", 0, start) + 1
    m = DATELINE.match(text, line_start) or UNDATED_DATELINE.match(text, line_start)
    return bool(m) and end <= m.end("places")


def names_a_thing_after(text: str, end: int, name: str) -> bool:
    """``the "AI Plus" initiative``, ``the Digital Silk Road (DSR) initiative``: a name followed by a
    plan or event head, after its acronym too, names that; not an institution's name, whose plan or
    report it is (``the Bramble Institute report``)."""
    m = HEAD_AFTER.match(text, end)
    return bool(m) and m.group(1).lower() in NOT_ORG_HEADS and not institution_head(name)


# Nouns of things an organisation makes or runs, no organisation: a list of examples after one names those
# things (``payment products such as X, Y and Z``, ``platforms including X``, ``technologies like X``).
PRODUCT_NOUNS = (r"(?:products?|platforms?|apps?|applications?|systems?|tools?|technolog(?:y|ies)|devices?|"
                 r"chatbots?|software|browsers?|cards?)")
# a list's words so far: capitalised words, the joiners inside names, an acronym in brackets, commas and
# ``and``; then perhaps the opening of a bracket the name stands in (``Transfer Service (``)
_LISTED_SO_FAR = (r"(?:(?:[A-Z][\w&.'’-]*|of|for|the|&)(?:[^\S\r\n]*\([^()\n]{1,30}\))?"
                  r"(?:,?[^\S\r\n]+(?:and[^\S\r\n]+)?))*(?:[A-Z][\w&.'’-]*[^\S\r\n]*\()?$")
PRODUCT_LIST_BEFORE = re.compile(
    rf"(?<![\w-]){PRODUCT_NOUNS}[^\S\r\n]+(?:such[^\S\r\n]+as|like|including|e\.g\.,?)[^\S\r\n]+{_LISTED_SO_FAR}")


def listed_with_places(text: str, lists: list[tuple[int, list[tuple[int, int]]]],
                       model_spans: list[tuple[int, int, str]]) -> set[tuple[int, int]]:
    """``Westmoor, North Cape and Eastvale``: a name with no organisation's word, listed with a place the
    model found and with no organisation it found, is a place as well (spec §3: places are no
    organisation); a list joins things of one kind. The spans of such names."""
    places = {(a, b) for a, b, label in model_spans if label in ("GPE", "LOC")}
    orgs = {(a, b) for a, b, label in model_spans if label == "ORG"}
    found: set[tuple[int, int]] = set()
    for _, members in lists:
        for member in members:
            name = text[slice(*member)]
            others = [m for m in members if m != member]
            if not (name.isupper() or {w.lower() for w in name.split()} & ORGANISATION_WORDS
                    or is_union_of_states(name)) and places.intersection(others) and not orgs.intersection(others):
                found.add(member)
    return found


def listed_as_product(text: str, start: int) -> bool:
    """``payment products such as QuickPay Card, Instant Transfer Service (ITS)``: the names listed
    after a noun of things are examples of those things, not their makers (spec §3: products are no
    organisation)."""
    return PRODUCT_LIST_BEFORE.search(text, max(0, start - 200), start) is not None


def find_entities(text: str, model_spans: list[tuple[int, int, str]],
                  gazetteer: dict[str, str] | None = None, verifier=None) -> list[Entity]:
    """Spec §3 entities from the NER's spans plus the rules above, less what the verifier rejects."""
    found = find_candidates(text, model_spans, gazetteer)
    if verifier is not None:
        found = verifier.keep(text, found, gazetteer or {})
    edges = [trim_invisible(text, c.start, c.end) for c in found]
    kept = [(a, b, c.label) for c, (a, b) in zip(found, edges) if a < b]
    keys = entity_keys(text, kept)
    return [Entity(a, b, text[a:b], label, keys[text[a:b], label]) for a, b, label in kept]


def entity_keys(text: str, mentions: list[tuple[int, int, str]]) -> dict[tuple[str, str], str]:
    """(name, label) -> the name it stands for in this article.

    The article itself says so: an acronym defined in brackets right after a
    mention (``National Data Administration (NDA)``) stands for that long
    form, and a PERSON that is a shorter form of exactly one full name
    (``Liu`` after ``Liu Liehong``, ``Von der Leyen`` after ``Ursula von der
    Leyen``) for that full name. Counting by key, one organisation or person
    counts once.
    """
    names = {(text[a:b], label) for a, b, label in mentions}
    keys = {pair: pair[0] for pair in names}
    label_by_end = {b: label for _, b, label in mentions}
    for m, start, end in acronym_definitions(text, {b: (a, label) for a, b, label in mentions}):
        if (m.group(1), label_by_end[end]) in keys:
            keys[m.group(1), label_by_end[end]] = text[start:end]
    for name, owner in refer_backs({name for name, label in names if label == "PERSON"}).items():
        keys[name, "PERSON"] = owner
    return keys


def refer_backs(people: set[str]) -> dict[str, str]:
    """Each name that is a shorter form of exactly one full name in the article -> that full name
    (``Liu`` -> ``Liu Liehong``, ``Von der Leyen`` -> ``Ursula von der Leyen``)."""
    forms = {name: refer_back_forms(name) for name in people}
    full = [f for f in people if forms[f] and not any(f in forms[g] for g in people if g != f)]
    out = {}
    for name in people:
        owners = {f for f in full if f != name and name in forms[f]}
        if len(owners) == 1:
            out[name] = owners.pop()
    return out


def organisation_names(text: str, start: int, end: int, names: set[str],
                       known: set[str] = frozenset()) -> list[tuple[int, int]]:
    """The organisations one NER span holds, by spec §3's spans: ``X at Y`` is two (a school at a
    university); a coordination of names known on their own is one per name (``China Mobile and
    China Unicom``), while an ``and`` after a preposition, or between words that are no name on
    their own, belongs to the name (``Ministry of Trade and Industry``, ``National Development
    and Reform Commission``); a descriptor before the name is outside it (``chipmaker Nvidia``)."""
    pieces = []
    for a, b in split_at(text, start, end, AT_JOINT):
        for c, d in split_coordination(text, a, b, names):
            pieces += [(without_descriptor(text, e, f), f) for e, f in split_possessive(text, c, d, names, known)]
    return pieces


def split_possessive(text: str, start: int, end: int, names: set[str], known: set[str]) -> list[tuple[int, int]]:
    """``Apple’s Core Technology Fee``, ``Trump’s Justice Department``: a possessive after a name the
    article names on its own (``known``: any of the model's names) marks an owner and the thing it
    owns, not one name (``People’s`` in ``National People’s Congress`` is no such name). The owner is
    an organisation when the article calls it one (``names``); what it owns, when its head is an
    institution's."""
    m = INNER_POSSESSIVE.search(text, start, end)
    if m is None or text[start:m.start()] not in known:
        return [(start, end)]
    owned = text[m.end():end]
    return ([(start, m.start())] if text[start:m.start()] in names else []) + (
        [(m.end(), end)] if institution_head(owned) or owned.split()[-1].lower() in ORG_HEADS else [])


def split_at(text: str, start: int, end: int, joint: re.Pattern[str]) -> list[tuple[int, int]]:
    bounds, pos = [], start
    for m in joint.finditer(text, start, end):
        bounds.append((pos, m.start()))
        pos = m.end()
    return bounds + [(pos, end)]


def split_coordination(text: str, start: int, end: int, names: set[str]) -> list[tuple[int, int]]:
    first = COORDINATION.search(text, start, end)
    if first is None or INNER_PREPOSITION.search(text, start, first.start()):
        return [(start, end)]
    parts = split_at(text, start, end, COORDINATION)
    return parts if all(text[a:b] in names for a, b in parts) else [(start, end)]


def without_descriptor(text: str, start: int, end: int) -> int:
    """Where the name starts after a lower-case descriptor (``US chipmaker Nvidia``, ``tech giant
    Alibaba``): after the last lower-case word that a capitalised word follows, if no word joining a
    name (``of``, ``and``) stands before it."""
    words = list(re.finditer(r"\S+", text[start:end]))
    cut = start
    for i, (w, nxt) in enumerate(zip(words, words[1:])):
        if w.group().lower() in NAME_JOINERS or w.group() in NAME_PARTICLES:
            break
        if DESCRIPTOR_WORD.fullmatch(w.group()) and nxt.group()[:1].isupper():
            cut = start + nxt.start()
    return cut


def with_abbreviation_period(text: str, c: Candidate) -> Candidate:
    """``JD.com Inc.``, ``U.N.``: a company's ``Co.``, ``Inc.`` or ``Corp.``, and an initialism, keep
    their period, unless the period also ends the sentence (``... said Nvidia Corp. The ...``)."""
    if (c.label == "ORG" and text[c.end:c.end + 1] == "." and COMPANY_ABBREVIATION.search(text, c.start, c.end)
            and not SENTENCE_END.match(text, c.end)):
        return Candidate(c.start, c.end + 1, c.label, c.source)
    return c


def model_candidate(text: str, start: int, end: int, label: str, places: dict[int, int],
                    others: dict[int, int] | None = None, names: set[str] = frozenset(),
                    place_listed: set[tuple[int, int]] = frozenset()) -> Candidate | None:
    """One NER name as the spec spans it, or None when it names no person or organisation.
    ``places`` and ``others`` map the starts of the model's places and of all its other names to their
    ends; ``place_listed`` holds the spans of names listed with places (``listed_with_places``)."""
    span = trim_span(text, start, end)
    if span is None:
        return None
    start, end = span
    while start > 0 and text[start - 1].isalnum():  # a name is whole words: ``G Fund`` of ``the 5G Fund``
        start -= 1
    if label == "ORG" and (person := person_taken_for_organisation(text, start, end)) is not None:
        (start, end), label = person, "PERSON"
    if label == "ORG":
        end = extend_of_place(text, start, extend_company_suffix(text, start, end), places)
        end = extend_portfolios(text, start, end, others or {}, names)
        end = extend_remit(text, start, end, others or {})
        end = extend_to_body(text, extend_tail(text, start, end), others or {})
        start = extend_institution_before(text, start, others or {})
        start = extend_capitalised_before(text, start, end, others or {})
    if label == "PERSON":
        if (span := person_span(text, start, end)) is None or \
                (span := with_particles(text, *with_whole_name(text, *span, others or {}))) is None:
            return None
        start, end = span
    name = text[start:end]
    if listed_as_product(text, start):
        return None
    if label == "PERSON" and name.split()[-1].lower() in ORG_HEADS:
        label = "ORG"
    if label == "ORG" and (not is_organisation_name(name) or name.islower()
                           or names_a_thing_after(text, end, name) or object_of_a_title(text, start, name)
                           or names_a_role(text, start, name) or names_a_unit(text, start, end)
                           or in_a_dateline(text, start, end) or in_a_ticker(text, start, end)
                           or odd_org_text(name) or (start, end) in place_listed):
        return None
    if "\n" in name or "\r" in name:
        return None
    return Candidate(start, end, label, "model")


def reads_as_a_person(name: str) -> bool:
    """A given name and words that are names (``people.reads_as_personal_name``), no organisation's
    head word, no country first."""
    return reads_as_personal_name(name, ORGANISATION_WORDS) and place_name(name.split()[0]) is None


# a title or role right before a name (used with .search(text, pos, name_start)): ``Congress MP``, ``Judge``
TITLE_BEFORE_NAME = re.compile(r"(?<![\w-])(?P<title>[A-Z][A-Za-z]*)\.?[^\S\r\n]+$")
NAME_TITLES = frozenset({"mp", "mep", "mla", "senator", "sen", "rep", "judge", "justice", "dr", "prof", "professor"})


def titled_name(text: str, start: int, end: int) -> bool:
    """``MP`` + ``Raviraj Gogonda``: two or three name words after a title or a role, none a common word or an
    organisation's, are a person's name though no list has the given name."""
    title = TITLE_BEFORE_NAME.search(text, max(0, start - 20), start)
    words = text[start:end].split()
    return title is not None and title.group("title").lower() in ROLE_WORDS | NAME_TITLES and \
        2 <= len(words) <= 3 and all(NAME_WORD.fullmatch(w) and not is_common_word(w) for w in words) and \
        not any(w.lower() in ORGANISATION_WORDS for w in words)


def person_taken_for_organisation(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The person's span when the model called a person ORG: the whole name (``Clare Barclay``,
    ``Gianluca Guidi``), or a surname right after the given name it left out (``Minister Stella``
    + ``Ndabeni-Abrahams``)."""
    if reads_as_a_person(text[start:end]) or titled_name(text, start, end):
        return start, end
    given = GIVEN_NAME_BEFORE.search(text, max(0, start - 40), start)
    if given and reads_as_a_person(text[given.start():end]):
        return given.start(), end
    return None


def model_readings(text: str, model_spans: list[tuple[int, int, str]]) -> dict[str, set[str]]:
    """Every label the NER gave each name anywhere in the article."""
    readings: dict[str, set[str]] = {}
    for start, end, label in model_spans:
        readings.setdefault(text[start:end], set()).add(label)
    return readings


def find_candidates(text: str, model_spans: list[tuple[int, int, str]],
                    gazetteer: dict[str, str] | None = None) -> list[Candidate]:
    """The rules' mentions, each with the source that proposed it (model, rule, gazetteer, alias)."""
    model_spans = join_national_units(text, model_spans)
    places = {start: end for start, end, label in model_spans if label in ("GPE", "LOC")}
    lists = name_lists(text)
    place_listed = listed_with_places(text, lists, model_spans)
    names = set(gazetteer or {}) | {text[a:b] for a, b, label in model_spans if label == "ORG"}
    known = names | {text[a:b] for a, b, _ in model_spans}
    # what a name may not run into: the model's other mentions, bar the acronyms it wrongly calls organisations
    others = {start: end for start, end, label in model_spans
              if label != "ORG" or is_organisation_name(text[start:end])}
    senses = model_readings(text, model_spans)
    base = [c for start, end, label in join_split_names(text, [s for s in model_spans if s[2] in ("PERSON", "ORG")])
            for a, b in (organisation_names(text, start, end, names, known) if label == "ORG" else [(start, end)])
            if (c := model_candidate(text, a, b, label, places, others, set(gazetteer or {}), place_listed)) is not None
            and not (c.label == "ORG" and names_a_place(text[c.start:c.end], senses))]
    rules = credit_candidates(text) + agency_credits(
        text, [(start, end) for start, end, label in model_spans if label == "PERSON"]) + \
        people_passed_over(text, model_spans)
    gazetteer_hits = [with_tail(text, c) for c in mention_candidates(text, gazetteer or {}, "gazetteer")
                      if not names_a_role(text, c.start, text[c.start:c.end])]
    rules += named_by_kind(text, base + rules + gazetteer_hits)
    rules += named_as_workplace(text, base + rules + gazetteer_hits, places)
    rules += described_by_kind(text, base + rules + gazetteer_hits, places)
    rules += named_by_its_officer(text, base + rules + gazetteer_hits, places)
    rules += named_as_a_company(text, base + rules + gazetteer_hits, places)
    rules += listed_with_organisations(text, base + rules + gazetteer_hits, model_spans, lists)
    first = resolve(base + rules + gazetteer_hits)
    readings, defined = acronym_readings(text, first)
    first = resolve(read_as_defined(text, first, readings) + defined)
    first = resolve(first + initials_of_organisations(text, first, readings))
    known = {text[c.start:c.end]: c.label for c in first if c.label == "ORG" and (
        c.source != "model" or senses.get(text[c.start:c.end]) == {"ORG"})}
    aliases = person_aliases(text, [c for c in first if c.label == "PERSON"])
    # A name's known sense wins over the model's guess elsewhere in the article: an organisation found once
    # is that organisation at every other mention the model passed over (``-Verizon:``), unless the model
    # itself read the name otherwise somewhere in the article (``Jordan`` as a person).
    # A person found again runs on through particles its first mention lacked (``Sheikh Mohammed`` + ``bin Rashid``).
    propagated = [Candidate(p.start, with_particles(text, p.start, p.end)[1], p.label, p.source)
                  if p.label == "PERSON" else p for p in mention_candidates(text, {**known, **aliases}, "alias")]
    overridden = [c for c in first if not (c.source == "model" and any(
        p.start == c.start and p.end == c.end and p.label != c.label for p in propagated))]
    found = resolve(overridden + [p for p in propagated if not any(
        c.start == p.start and c.end == p.end for c in overridden)])
    found = read_as_defined(text, found, readings)
    return [with_abbreviation_period(text, c) for c in found if not common_noun_person(text, c, aliases)]


# Closed-class words (auxiliaries, prepositions) after which a noun just read was a phrase's head.
FUNCTION_WORD = (r"(?:is|was|are|were|be|been|has|had|have|will|would|shall|should|can|could|may|might|must|"
                 r"does|did|also|in|on|at|by|for|from|to|into|of|with|as|under|against|about|which|that)")


@functools.lru_cache(maxsize=1024)
def head_after_the(word: str) -> re.Pattern[str]:
    """``the Bill was``, ``against the Bill.``, ``(the “Order”)``: the word heads a noun phrase after
    ``the``. A person's name is no such head; as a modifier it is followed by its noun (``the Biden
    administration``)."""
    return re.compile(rf"(?<![\w-])[Tt]he\s+[\"“‘']?(?P<word>{re.escape(word)})[\"”’']?"
                      rf"(?=\s*[.,;:!?)\]]|\s+{FUNCTION_WORD}(?![\w-]))")


def common_noun_person(text: str, c: Candidate, aliases: dict[str, str]) -> bool:
    """A one-word "person" the article itself uses as a common noun: ``the Bill was passed``, ``the
    Order tasks agencies``. Such a mention is never a person; and where no full name in the article
    owns the word (``Bill`` of ``Bill Shorten`` does), none of its mentions are, if the article also
    writes it in lower case (``the bill``) or as the head after ``the`` anywhere."""
    word = text[c.start:c.end]
    if c.label != "PERSON" or len(word.split()) > 1:
        return False
    heads = {m.start("word") for m in head_after_the(word).finditer(text)}
    if c.start in heads:
        return True
    if word in aliases:
        return False
    return bool(heads) or (word != word.lower() and re.search(
        rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", text) is not None)


def plausible_model_name(span) -> bool:
    """Veto a lone capitalised "person" where capitals say nothing: the start of a
    sentence or a label (``Computing power ...``, ``Note: Browsers``, ``[Photo``).

    A real surname there comes back through its full name (``person_aliases``).
    Reading position, not part-of-speech tags, keeps the tagger out of the run.
    """
    if len(span) > 1 or span.label_ != "PERSON":
        return True
    token = span[0]
    prev = token.nbor(-1) if token.i > 0 else None
    opens = token.is_sent_start or prev is None or prev.is_space or prev.text in LABEL_MARKS
    return not opens


def model_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """The NER's spans the stage starts from (implausible one-word people vetoed)."""
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents if plausible_model_name(e)]


class EntityStage:
    def __init__(self, gazetteer: dict[str, str], rules: bool = True, verifier=None,
                 verifier_folder: str | Path | None = None):
        self.gazetteer = gazetteer
        self.rules = rules
        self.verifier = verifier
        self.verifier_folder = verifier_folder  # what to_disk copies: the files its card vouches for

    @property
    def missing(self) -> str | None:
        """Why the configured models are not here (spacy.load fills them in from_disk), or None."""
        absent = self.gazetteer is None or bool(self.verifier_folder and not Path(self.verifier_folder).is_dir())
        return ("entity models not found (the folders components.claims_entities.patterns and .verifier "
                "name): run `claims train`, or set both to null for the rules alone") if absent else None

    def to_disk(self, path: str | Path, *, exclude=()) -> None:
        """The gazetteer and the verifier's files, and their card, so that ``spacy.load`` needs no repository."""
        import shutil

        from pipeline.stages.verifier import write_entity_card

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        write_gazetteer(path / "patterns.jsonl", [{"label": label, "pattern": name}
                                                  for name, label in self.gazetteer.items()])
        if self.verifier is not None:
            shutil.copyfile(Path(self.verifier_folder) / "verifier.json", path / "verifier.json")
            shutil.copytree(Path(self.verifier_folder) / "verifier", path / "verifier", dirs_exist_ok=True)
        write_entity_card(path)

    def from_disk(self, path: str | Path, *, exclude=()) -> "EntityStage":
        from pipeline.stages.verifier import load_verifier

        self.gazetteer = load_gazetteer(Path(path) / "patterns.jsonl")
        self.verifier, self.verifier_folder = load_verifier(path), path
        return self

    def __call__(self, doc: Doc) -> Doc:
        if not self.rules:  # the plain model, for the baseline row
            doc._.claim_entities = [Entity(e.start_char, e.end_char, e.text, e.label_)
                                    for e in doc.ents if e.label_ in ("PERSON", "ORG")]
            return doc
        try:
            doc._.claim_entities = entities = find_entities(document_text(doc), model_spans(doc),
                                                            self.gazetteer, self.verifier)
            set_span_group(doc, "claims_entities", entities)
        except Exception as err:  # a bad document must not sink its batch
            doc._.claim_entities = []
            record_error(doc, "claims_entities", err)
        return doc


@Language.factory("claims_entities", default_config={"patterns": None, "rules": True, "verifier": None},
                  assigns=["doc._.claim_entities"])
def make_entity_stage(nlp: Language, name: str, patterns: str | None, rules: bool,
                      verifier: str | None) -> EntityStage:
    from pipeline.stages.verifier import load_verifier

    return EntityStage(load_gazetteer(patterns), rules, load_verifier(verifier), verifier)
