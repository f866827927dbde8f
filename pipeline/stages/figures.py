"""Stage: what each metric or target number measures, whose it is, when, and what kind (spec §9).

An analyst lines figures up across articles: *digital economy · China · 2023 ·
level · 5.39e13 CNY*. The words that say so sit in the sentence's grammar, so
the stage reads them off a dependency parse of each metric or target sentence
(the pinned ``en_core_web_sm``'s own tagger, parser and lemmatizer, built from
the package's files as the NER is, and run on those sentences only):

- ``measure``: the noun phrase the number counts (``2.9 million 5G base
  stations``), else the noun the amount belongs to: the subject of the verb
  that states it (``digital economy reached 53.9 trillion yuan``, ``a target
  for X to reach``), the noun it is ``of`` (``revenue of 81.7 billion yuan``),
  ``in`` (``$72 billion in revenue``) or the worth of; for a share an actor
  holds, the whole (``Google handled 90 percent of all searches``); never a
  word of the number itself; null when money is named only by the verb of an
  actor (``will invest $2 billion``);
- ``subject``: the name that owns the measure: its possessor (``China's``, and
  ``its`` or ``it`` for a name the sentence gives), a place, demonym or
  organisation modifying it (``EU member states``, ``Chinese citizens``), the
  holder of a participle of possession (``owned by Haier``), the recipient of
  money that passes, the named subject of the verb (or the name in apposition
  to it, or whoever has the plan it carries out), the whole's owner for a
  share, else the owner of the clause a reporting verb reports, a place the
  number's own clause is ``in`` or the name heading a list line, else a place
  deep in the measure's own phrase (``base stations serving people in China``)
  unless an actor the sentence does not name owns it (``the carrier``, ``it``);
  ``the region's``, ``the bloc's`` for an organisation of states; the NER's
  places that name nothing (``AI``, ``the Kingdom``) are no names, and a list
  line's heading and a proper noun in the possessive are, when it missed them;
  coordinated owners as one span, or one each with ``respectively``; never a source
  (``according to``, ``said``), an opening dateline, the agent of a passive,
  a destination things are brought to, nor one of those counted (``X is among
  the eight hubs``);
- ``period``: the year the figure refers to: a target's deadline, else the
  year stated next to the number or for the sentence (``in 2023``, ``by the
  end of 2021``, ``2019-20`` -> 2020), the end of a span; ``a year earlier``
  resolved against the sentence's year; none for a relative time (``this
  year``, ``over the next two decades``) or a year in a clause about something
  else;
- ``kind``: ``change`` on a cue of change around the number (``rose``, ``up``,
  ``increase of``, a growth rate, ``gained``, ``year on year``, ``-fold``,
  percentage points), ``share`` for a percentage or fraction that is not a
  change, else ``level``.

``benchmarks/figures.py`` scores these rules field by field on the gold's own
sentences, labels and quantities.

The rules read grammar and a few closed classes of English words (determiners,
reporting and spending verbs, cue words of change); they list no names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import minibatch

from pipeline.extensions import document_text, record_error, sentence_bounds
from pipeline.places import place_mentions, place_name
from pipeline.records import Figure, FigureSpan
from pipeline.stages.attribution import SOURCE_NOUNS
from pipeline.stages.figure_keys import with_keys
from pipeline.stages.entities import NOT_ORG_HEADS, NOT_ORG_WORDS, model_readings, names_a_place
from pipeline.stages.ner import BASE_MODEL, package_folder

FIGURE_LABELS = frozenset({"metric", "target"})
PARSE_CHAIN = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")

# --------------------------------------------------------------- word classes

# verbs by which an actor gives money away: the money is not named by a noun
SPEND_VERBS = frozenset("""invest spend pay pump inject allocate commit pledge earmark donate contribute
set lend grant award provide put plough plow splash shell fund offer channel funnel disburse""".split())
# verbs that only report or source a claim: their subject is a source, not an owner
REPORT_VERBS = frozenset("""say tell state note add announce report reveal show indicate estimate predict
forecast project expect cite suggest find write confirm disclose explain point describe stress claim inform
highlight emphasise emphasize mention argue warn insist observe remark reiterate assert acknowledge recall
quote""".split())
CHANGE_WORDS = frozenset("""rise rose risen rising increase increased increasing grow grew grown growing growth
gain gained jump jumped surge surged climb climbed soar soared expand expanded expansion fall fell fallen
falling drop dropped decline declined decrease decreased decreasing shrink shrank shrunk slump slumped plunge
plunged dip dipped lose lost loss boost boosted add added additional another extra up down double doubled
triple tripled quadruple cagr""".split())
# verbs of change whose object is the change, not ``double``, whose object is what it multiplies
CHANGE_VERBS = CHANGE_WORDS - {"double"}
# nouns that name a kind of money: ``$5 billion in subsidies`` says what the money is
MONEY_NOUNS = frozenset("""funding fund subsidy grant loan investment revenue sale profit income capital financing
aid spending budget tax fee incentive credit asset deposit cash earnings turnover""".split())
CHANGE_NOUNS = frozenset("""increase growth rise gain jump surge expansion decline decrease drop fall loss boost
cagr""".split())
# changes that are undertakings too: money before one is what it costs (``a $300 million expansion``)
PROJECT_CHANGES = frozenset({"expansion"})
# what two parties sign: the money a deal is for goes to the party it is made with
DEALS = frozenset("""agreement deal contract memorandum pact""".split())
ACCOUNT_VERBS = frozenset("""account represent constitute comprise make contribute""".split())
APPROXIMATORS = frozenset("""nearly about around approximately almost roughly some over under just only""".split())
APPROXIMATOR_PAIRS = frozenset({("up", "to"), ("more", "than"), ("less", "than"), ("at", "least"), ("at", "most")})
FRACTIONS = re.compile(r"^(?:half|a\s+half|(?:a|one|two|three)[\s-]+(?:third|quarter|fifth)s?|"
                       r"(?:two|three)-(?:thirds|quarters|fifths)|(?:three|two)\s+quarters)$", re.I)
# nouns for an actor, not an amount: as a verb's subject they own the figure, they do not measure it
ACTORS = frozenset("""country nation city province region state kingdom government ministry department agency
authority administration official company firm operator carrier bank group plan regulator""".split())
ANAPHORS = frozenset("""it this that these those they them which who what""".split())
# nouns that stand for an amount named elsewhere, unless they say of what (``the figure``, ``that sum``)
GENERIC = frozenset("""figure total sum amount number one share level""".split())
UNIT_WORDS = frozenset("""percent cent per % point points""".split())
NUMBER_PLURALS = frozenset("""tens dozens scores hundreds thousands millions billions trillions""".split())
TIME_NOUNS = frozenset("""year month week day quarter period decade time half-year""".split())
DESCRIPTORS = frozenset("""country nation city province region state kingdom island territory municipality
continent bloc""".split())
YEAR = re.compile(r"^(?:19\d\d|20\d\d|2100)$")
FISCAL = re.compile(r"^(?:(?:19|20)\d\d)[-–/](\d\d|(?:19|20)\d\d)$")
FY = re.compile(r"^FY[-']?(\d\d|(?:19|20)\d\d)$", re.I)
SINCE = frozenset({"since", "after"})
# between a source with no comma after it and the name that opens the next clause (``According to He the``)
SOURCE_THEN_NAME = re.compile(r"\s+(?:the\s+)?")
SOURCE_BEFORE = re.compile(r"\b(?:according\s+to|citing|quoting|data\s+from|figures\s+from|statistics\s+from|"
                           r"report\s+by|report\s+from|survey\s+by|study\s+by)\s+(?:the\s+)?[^,;]{0,40}$", re.I)
PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})
OWNER_LABELS = PLACE_LABELS | {"ORG"}  # a name that modifies a noun owns it (F4)
DATA_NOUN = re.compile(SOURCE_NOUNS, re.I)  # what a source states a claim in: ``X data show``


@dataclass(frozen=True)
class Name:
    """A named place, demonym, organisation or person in the sentence; offsets relative to it."""

    start: int
    end: int
    label: str


# ------------------------------------------------------------------ helpers


def tokens_of(sent: Doc, start: int, end: int) -> Span | None:
    return sent.char_span(start, end, alignment_mode="expand")


def head_of(span: Span) -> Token:
    """The token of ``span`` whose head lies outside it (the span's syntactic head)."""
    inside = set(range(span.start, span.end))
    for token in span:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return span.root


def is_nounlike(token: Token) -> bool:
    """A noun, or a word used as one: a gerund in a noun's place (``business process outsourcing,
    which grew``)."""
    return token.pos_ in ("NOUN", "PROPN") or (token.pos_ == "NUM" and token.tag_ != "CD" and token.is_alpha) or (
        token.tag_ == "VBG" and token.dep_ in NOMINAL_DEPS and any(c.dep_ == "compound" for c in token.lefts))


NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})  # a verb with a tense: a clause of its own


def name_at(names: Sequence[Name], token: Token) -> Name | None:
    """The name a token is part of (``-Verizon`` is part of ``Verizon``)."""
    end = token.idx + len(token.text)
    for name in names:
        if name.start <= token.idx < name.end or (token.idx < name.start < end and not token.text[0].isalnum()):
            return name
    return None


def is_source(sent: Doc, name: Name, names: Sequence[Name] = ()) -> bool:
    """A name the sentence gives as a source (``according to X``, ``X said``), not an owner; not the
    name that opens the clause after a source with no comma between (``According to He the State
    Council has unveiled 60 policies``)."""
    before = sent.text[:name.start]
    found = SOURCE_BEFORE.search(before)
    if found is not None and not any(found.start() < other.start and SOURCE_THEN_NAME.fullmatch(before, other.end)
                                     for other in names):
        return True
    span = tokens_of(sent, name.start, name.end)
    if span is None:
        return False
    head = head_of(span)
    for _ in range(4):  # from a name to the phrase it heads: ``Minister Datuk X said``, ``X, its chief, said``
        if head.dep_ not in ("compound", "appos", "flat") or head.head.i == head.i:
            break
        head = head.head
    verb = head.head
    if head.dep_ in ("poss", "compound", "nmod") and DATA_NOUN.fullmatch(verb.lower_) and \
            verb.dep_ in ("nsubj", "nsubjpass") and verb.head.lemma_ in REPORT_VERBS:
        return True  # ``Central Bank of Kenya (CBK) numbers indicate``, ``Google's report found``
    if head.dep_ in ("nsubj", "nsubjpass") and verb.lemma_ in REPORT_VERBS:
        # ``Reliance Jio added 3.2 million subscribers`` gains them; ``X added that ...`` reports; ``X
        # announced the end of its auction, raising EUR2 billion`` acts, unless what it announces is
        # data (``announced the figures``)
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        return not ((verb.lemma_ in ("add", "report") and objects) or (
            verb.lemma_ in ANNOUNCING_VERBS and objects and not any(DATA_NOUN.fullmatch(c.lower_) for c in objects)))
    # the agent of a passive (``awarded by the ministry``), unless a relative clause makes it the
    # subject of its own verb (``followed by Vodafone, which acquired 2x20MHz``)
    # ``factories owned by Haier`` gives an owner, not a source, and so does a ranking (``followed by
    # Bulgaria, 3.6 percent``)
    return head.dep_ == "pobj" and verb.dep_ == "agent" and not any(c.dep_ == "relcl" for c in head.children) \
        and verb.head.lemma_ not in POSSESSION_VERBS | ORDER_VERBS


# reporting verbs whose subject acts when they take an object that is no data (``announced a plan``)
ANNOUNCING_VERBS = frozenset("""announce disclose reveal""".split())
# verbs whose agent holds what they describe: ``factories owned by Haier``, ``10.47% held by X``
POSSESSION_VERBS = frozenset("""own hold control operate run manage""".split())
# verbs whose subject helps another do what its complement says; matched on the word's form, since the parse
# may leave ``helped`` unlemmatised as an auxiliary
HELPING_FORM = re.compile(r"(?:help|enabl|assist)(?:e|es|s|ed|d|ing)?")
# verbs that move their object to a level (raise, lift, boost, increase): raised ``to 19.4 percent of GDP``, the object is
# the share's part
LEVEL_VERBS = (CHANGE_VERBS - {"lose", "lost", "loss"}) | {"raise", "lift", "push"}
# verbs that rank what they join: their agent is the next in a list, not a source
ORDER_VERBS = frozenset("""follow trail precede""".split())


# ------------------------------------------------------------------- kind


def find_kind(sent: Doc, quantity: Span, unit: str | None, value: float | None) -> str:
    """``change`` on a cue of change, ``share`` for a percentage or fraction, else ``level``."""
    text = quantity.text.lower()
    if unit == "fold" or text.endswith(("fold", "times")):
        return "change"
    head = head_of(quantity)
    start = quantity.start
    while True:  # ``grew by nearly 1B``, ``by more than 30 percent``
        if start > 0 and sent[start - 1].lower_ in APPROXIMATORS:
            start -= 1
        elif start > 1 and (sent[start - 2].lower_, sent[start - 1].lower_) in APPROXIMATOR_PAIRS:
            start -= 2
        else:
            break
    before = [t for t in sent[max(0, start - 3):start]]
    after = [t for t in sent[quantity.end:quantity.end + 4]]
    if "percentage point" in sent[quantity.start:quantity.end + 2].text.lower():
        return "change"
    if after and after[0].lower_ in PROJECT_CHANGES and _is_money(unit):
        return "level"  # ``a $300 million expansion``: what the undertaking costs, not a change of money
    if _is_change(sent, quantity, head, before, after):
        return "change"
    if unit == "%" or FRACTIONS.match(text) or (unit is None and value is not None and 0 < value < 1):
        return "share"
    return "level"


def _is_change(sent: Doc, quantity: Span, head: Token, before: list[Token], after: list[Token]) -> bool:
    words_before = [t.lower_ for t in before]
    if _follows_change_noun(before):  # ``an economic boost of £47bn``, ``a growth rate of 5.8 per cent``
        return True
    while head.dep_ == "conj" and not head.head.like_num and head.head.i < head.i:
        head = head.head  # ``rose 10 percent and 12 percent, respectively``: the second as the first
    if head.dep_ == "pobj" and head.head.lower_ == "at" and head.head.head.pos_ == "VERB" and \
            _verb_of_change(head.head.head):
        return True  # ``the sector is growing at 11 per cent a year``: the rate of the change (F11)
    if words_before and words_before[-1] in ("to", "from", "at", "of"):
        # ``growth slowed to 6 percent``: a rate the verb's subject says is one of change (F11); not the
        # level of an object it raises (``the expansion will increase the value to 500 billion yuan``)
        verb = head.head.head if head.dep_ == "pobj" else None
        if verb is None or verb.pos_ not in ("VERB", "AUX") or any(c.dep_ == "dobj" for c in verb.children):
            return False
        subject = verb_subject(verb)
        return subject is not None and _is_change_noun(subject)
    # ``up 12%``, ``an additional 4.5 billion yuan``; not the particle of ``making up 42.8 percent``
    if any(t.lower_ in ("up", "down", "additional", "another", "extra") and t.dep_ != "prt" for t in before[-2:]):
        return True
    if words_before and words_before[-1] == "by" and (any(t.lower_ in CHANGE_WORDS or t.lemma_ in CHANGE_WORDS
                                                         for t in sent[max(0, quantity.start - 6):quantity.start])
                                                     or _change_before_by(before[-1]) is not None):
        return True
    # ``802.5 billion yen in additional subsidies`` (F9)
    if len(after) >= 2 and after[0].lower_ == "in" and after[1].lower_ in ("additional", "extra", "further"):
        return True
    # ``a 25 percent increase``, ``7.7% growth``, ``10% year on year``
    rest = " ".join(t.lower_ for t in after)
    if after and (after[0].lower_ in CHANGE_WORDS or after[0].lemma_ in ("increase", "growth", "rise", "gain",
                                                                         "decline", "drop", "jump", "fall")):
        return True
    if re.match(r"^(?:-\s*)?(?:year|yoy|y/y|on\s+the\s+year|from\s+a\s+year)", rest) or re.match(
            r"^(?:on|over)\s+(?:a|the)\s+(?:year|previous|same|prior)", rest) or rest.startswith("year-on-year"):
        return True
    # the number is the object of a verb of change: ``revenue rose 12%``, ``grew 10 percent``
    verb = head.head if head.dep_ in ("dobj", "npadvmod", "advmod", "attr", "nummod", "quantmod") else None
    if head.dep_ == "pobj" and head.head.lower_ == "by":
        verb = head.head.head
        if head.head.dep_ == "prep" and verb.pos_ == "VERB" and not any(
                c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
            return True  # what a verb changes ``by`` (``lifted its forecast by 10%``), not a passive's agent
            # (``backed by $5 billion``)
    if verb is not None and verb.pos_ in ("VERB", "AUX") and _verb_of_change(verb):
        return True
    # ``an increase of 11.6%``, ``growth of 9.7 percent``
    if head.dep_ == "pobj" and head.head.lower_ == "of" and _is_change_noun(head.head.head):
        return True
    # ``the average growth rate of China's digital economy was 15.9 percent``
    if head.dep_ in ("attr", "dobj", "npadvmod") and head.head.pos_ in ("VERB", "AUX"):
        subject = verb_subject(head.head)
        if subject is not None and _is_change_noun(subject):
            return True
    # ``gained 138 million new 5G subscribers``
    if head.dep_ == "nummod" and head.head.dep_ == "dobj" and head.head.head.pos_ == "VERB" and \
            _verb_of_change(head.head.head):
        return True
    return False


def _verb_of_change(verb: Token) -> bool:
    """``rose``, ``gained``, ``added 3 million subscribers`` (F9); not ``added two firms to the entity list``,
    a count of what is put on it, though ``to`` a time (``added 3 million lines in the year to March``) is
    still a change."""
    return verb.lemma_ in CHANGE_VERBS and not (
        verb.lemma_ == "add" and any(c.dep_ == "prep" and c.lower_ == "to" and not any(
            is_time_word(p) for p in c.children if p.dep_ == "pobj") for c in verb.children))


def _is_change_noun(noun: Token) -> bool:
    """``increase``, ``growth``, ``loss``, a growth rate, and so on: a noun that names a change."""
    return (noun.pos_ in ("NOUN", "PROPN") and noun.lemma_.lower() in CHANGE_NOUNS) or _is_growth_rate(noun)


def _follows_change_noun(before: list[Token]) -> bool:
    """``an increase of``, ``a growth rate of``, and with a short name or an ``of`` or ``for`` phrase
    between: ``a compound annual growth rate (CAGR) of``, ``a CAGR for real-time payments of``, ``the
    projected CAGR (``."""
    if not before or before[-1].lower_ not in ("of", "("):
        return False
    doc = before[-1].doc
    for token in reversed(doc[max(0, before[-1].i - 8):before[-1].i]):
        if _is_change_noun(token):
            return True
        if token.pos_ in ("VERB", "AUX") or token.like_num or token.text in (",", ";"):
            return False
    return False


def _is_growth_rate(noun: Token) -> bool:
    """``a growth rate``, ``the annual rate of increase``, ``grew at a rate of``: a rate of change (F11),
    not a share."""
    return noun.lemma_.lower() == "rate" and (
        any(c.lemma_.lower() in CHANGE_WORDS | {"growth"} for c in noun.lefts) or (  # ``grew at a rate of``
            noun.dep_ == "pobj" and noun.head.lower_ == "at" and noun.head.head.lemma_ in CHANGE_WORDS) or any(
            p.lower_ == "of" and any(o.lemma_.lower() in CHANGE_WORDS | {"growth"} for o in p.children)
            for p in noun.rights))


# ------------------------------------------------------------------ period


def years_in(sent: Doc) -> list[tuple[int, int]]:
    """(token index, year) of each year the sentence states, fiscal years as their end year
    (``2019-20`` and ``FY24``, whether the tokenizer keeps them whole or splits them)."""
    out = []
    for token in sent:
        text = token.text
        if YEAR.match(text):
            out.append((token.i, _fiscal_end(sent, token) or int(text)))
        elif FISCAL.match(text):
            end = FISCAL.match(text).group(1)
            out.append((token.i, int(end) if len(end) == 4 else int(text[:2] + end)))
        elif FY.match(text):
            end = FY.match(text).group(1)
            out.append((token.i, int(end) if len(end) == 4 else 2000 + int(end)))
    return out


def _fiscal_end(sent: Doc, token: Token) -> int | None:
    """``2019-20`` split into ``2019``, ``-``, ``20``: the end year, 2020, when it is the next one."""
    if token.i + 2 >= len(sent) or token.whitespace_ or sent[token.i + 1].whitespace_:
        return None
    dash, end = sent[token.i + 1], sent[token.i + 2]
    if dash.text not in ("-", "–", "/") or not re.fullmatch(r"\d\d", end.text):
        return None
    year = int(token.text[:2] + end.text)
    return year if year == int(token.text) + 1 else None


def is_dateline_year(sent: Doc, i: int) -> bool:
    """A year in an opening dateline (``BEIJING, 21st January, 2026 (WAM) --``, ``GENEVA, (WAM -
    30th Nov, 2021) An estimated``), which dates the article, not the figure."""
    if sent[i].idx >= 100:
        return False
    rest = sent.text[sent[i].idx + 4:sent[i].idx + 16]
    if re.match(r"^\s*(?:\([^)]*\)\s*)?(?:--|—|–|-)(?!\d)", rest) and sent[i].idx < 60:
        return True
    # inside a bracket opened near the start and closed right after the year
    before = sent.text[:sent[i].idx]
    opened = before.rfind("(")
    return 0 <= opened < 40 and ")" not in before[opened:] and rest.lstrip().startswith(")")


def find_period(sent: Doc, quantity: Span, quantities: Sequence[Span], deadline: int | None,
                is_target: bool, names: Sequence[Name] = ()) -> int | None:
    """The year of the figure: a target's deadline, else the year the sentence ties to the number;
    none when a relative time follows the number before any year (``197 EFLOPS this year, up from 180
    EFLOPS in 2022``, ``up to $125 billion over the next two decades``)."""
    end = _dashed_partner(sent, quantity, quantities)
    if end is not None:  # ``shrink by 100-200 million by 2050``: one range, one year
        return find_period(sent, end, quantities, deadline, is_target, names)
    inside = {t.i for q in quantities for t in q}
    later = [q.start for q in quantities if q.start >= quantity.end]
    stop = min(later) if later else len(sent)
    first_year = min([i for i, _ in years_in(sent) if i >= quantity.end and i not in inside], default=len(sent))
    if _relative_time(sent[quantity.end:min(stop, first_year, quantity.end + 9)], anchored=bool(years_in(sent))):
        return None
    if is_target and deadline is not None and not _is_current_value(sent, quantity) and \
            not _stated_as_past(quantity) and _deadline_applies(sent, quantity, deadline):
        return _own_deadline(sent, quantity, stop, inside) or deadline
    years = [(i, y) for i, y in years_in(sent) if i not in inside and not is_dateline_year(sent, i)
             and not _names_a_thing(sent, i)]
    years = [(i, y) for i, y in years if not _is_since(sent, i) and not _in_other_clause(sent, i, quantity, names)
             and not _is_base(sent, i, inside) and not _dates_another_number(sent, i, quantity, quantities)]
    if _is_current_value(sent, quantity):  # ``from the current 10% to 20% by 2030``: a deadline dates the goal
        years = [(i, y) for i, y in years if i == 0 or sent[i - 1].lower_ not in ("by", "until", "till")]
    if not years:
        return None
    # ``up from Sh3.1 trillion a year earlier``: the year before the sentence's year; not a change set
    # against it (``up 125 percent from a year earlier``), which is the sentence's year's
    if _dated_a_year_earlier(sent[quantity.end:min(stop, quantity.end + 9)].text):
        before = [(i, y) for i, y in years if i < quantity.start]
        i, y = before[-1] if before else years[-1]
        return _span_end(sent, i, y) - 1
    # the year right after the number, before the next number: ``$4.9 billion in 2022 to $6.2 billion in 2023``
    near = [(i, y) for i, y in years if quantity.end <= i < min(stop, quantity.end + NEAR_YEAR_TOKENS)]
    if near:
        return _span_end(sent, near[0][0], near[0][1])
    # in a ``from 2015 to 2022`` span over several numbers, the first number takes the first year
    span = _from_to(sent, years)
    if span is not None:
        first, last = span
        if _in_from_to_pair(sent, quantity, quantities):
            return first
        return last
    # the year just before the number, before any earlier number: ``in 2023, revenue reached X``
    earlier = [q.end for q in quantities if q.end <= quantity.start]
    start = max(earlier) if earlier else 0
    before = [(i, y) for i, y in years if start <= i < quantity.start]
    # ``by 2025; last year, the added value exceeded X``: a relative time after the last year and before
    # the number dates it instead
    if _relative_time(sent[max([0] + [i + 1 for i, _ in years if i < quantity.start]):quantity.start]):
        return None
    if before:
        return _span_end(sent, before[-1][0], before[-1][1])
    if len({y for _, y in years}) == 1:
        return _span_end(sent, years[-1][0], years[-1][1])
    # of several years, none before the number: the first after it (``valued at 32 trillion yuan and ...
    # by 2020, before taking up half ... by 2030``)
    after = [(i, y) for i, y in years if i >= quantity.end]
    return _span_end(sent, after[0][0], after[0][1]) if after else years[-1][1]


RANGE_DASHES = frozenset({"-", "–", "—"})  # what joins the two ends of a range of numbers or of years


def _dashed_partner(sent: Doc, quantity: Span, quantities: Sequence[Span]) -> Span | None:
    """The number a dash joins this one to (``100-200 million``): the two bound one range, which the
    sentence dates once, after its end."""
    for other in quantities:
        if other.start == quantity.end + 1 and sent[quantity.end].text in RANGE_DASHES:
            return other
    return None


def _dates_another_number(sent: Doc, i: int, quantity: Span, quantities: Sequence[Span]) -> bool:
    """A year in brackets right after another number is that number's alone: ``we are 3% of the $1.5
    trillion market ... from 1.9 lakh crore (2014) to 5 lakh crore (2019-20)`` dates neither the 3% nor
    the market."""
    return i >= 1 and sent[i - 1].text == "(" and any(
        q.end == i - 1 and q.start != quantity.start for q in quantities)


def _own_deadline(sent: Doc, quantity: Span, stop: int, inside: set[int]) -> int | None:
    """In a target of several deadlines, the one right after the number, before the next number:
    ``18,000 GPUs by 2026, and a 50% share by 2030`` gives the share 2030, whatever the sentence's
    deadline."""
    ancestors = {t.i for t in head_of(quantity).ancestors}
    near = [(i, y) for i, y in years_in(sent) if i >= quantity.end and i not in inside
            and sent[i - 1].lower_ in DEADLINE_WORDS and (i < min(stop, quantity.end + 8) or sent[i - 1].head.i in ancestors)]
    return _span_end(sent, near[0][0], near[0][1]) if near else None


DEADLINE_WORDS = frozenset({"by", "until", "till", "before", "in"})


DOCUMENT_NOUNS = frozenset("""report edition survey plan strategy vision agenda goal target roadmap blueprint
programme program initiative outlook index""".split())


RELATIVE_TIME = re.compile(r"\b(?:(?:this|last|next|past|previous|current|coming)\s+(?:(?:two|three|four|five|six|"
                           r"seven|eight|nine|ten|few|several|\d+)\s+)?(?:years?|months?|quarters?|decades?)|today|"
                           r"a\s+year\s+(?:ago|earlier))\b", re.I)


YEAR_EARLIER = re.compile(r"\ba\s+year\s+(?:earlier|before|ago)\b", re.I)
BASE_BEFORE = re.compile(r"\b(?:from|over|on|than|compared\s+(?:with|to))\b", re.I)


def _dated_a_year_earlier(after: str) -> bool:
    """Whether the words after a number date it a year before the sentence's year: ``Sh3.1 trillion a
    year earlier``, not ``125 percent from a year earlier`` (the base of a change)."""
    found = YEAR_EARLIER.search(after)
    return found is not None and not BASE_BEFORE.search(after, 0, found.start())


# how far after a number its own year may stand, its measure's phrase between (``9.5 percent of the
# average monthly household income (AMHI) per person in 2018``), before the next number
NEAR_YEAR_TOKENS = 14


BASE_WORDS = frozenset({"from", "over", "than", "on", "with", "to", "since"})


def _relative_time(tokens: Span, anchored: bool = False) -> bool:
    """A time told relative to the article (``this year``, ``last year``, ``today``): on its own, no
    period. The base of a change (``a 1.6% increase from the previous year``) is no such time; a span
    ahead (``over the next two decades``) can be no base. With ``anchored`` (the sentence states a
    year), ``a year earlier`` is told relative to that year, and resolved elsewhere."""
    for match in RELATIVE_TIME.finditer(tokens.text):
        if anchored and match.group().lower().startswith("a "):
            continue
        before = [w.lower() for w in tokens.text[:match.start()].split() if w.lower() not in ("the", "a")]
        if not before or before[-1] not in BASE_WORDS or match.group().lower().startswith(("next", "coming")):
            return True
    return False


def _names_a_thing(sent: Doc, i: int) -> bool:
    """A year in a document's name or title, which dates the document, not the figure: ``Strategy
    2031``, ``the 2024 report said``. An event's year (``Expo 2021``) does date what happened there."""
    if i + 1 < len(sent) and sent[i + 1].lemma_.lower() in DOCUMENT_NOUNS:
        return True
    prev = sent[i - 1] if i else None
    return prev is not None and prev.lemma_.lower() in DOCUMENT_NOUNS and prev.is_title


def _deadline_applies(sent: Doc, quantity: Span, deadline: int) -> bool:
    """Whether the target's deadline reaches the number: not when the number sits in a clause that
    describes something else and holds no deadline (``by 2025, according to plans released by six
    departments``), nor when the deadline sits in such a clause."""
    at = [i for i, y in years_in(sent) if y == deadline or _span_end(sent, i, y) == deadline]
    if not at:
        return True
    if all(_names_a_thing(sent, i) for i in at):  # ``the Digital Industry Strategy 2035 sets out nine goals``
        return False
    return not all(_in_other_clause(sent, i, quantity) or _in_clause_without(quantity, i) for i in at)


def _stated_as_past(quantity: Span) -> bool:
    """Whether the number's verb states what was, not a goal (``..., last year, the added value
    exceeded US$220 billion``, ``has reached``): a measurement, which the target's deadline does not
    date. Not ``will have reached``."""
    verb = governing_verb(head_of(quantity))
    while verb is not None and verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "acl") and \
            verb.head.pos_ in ("VERB", "AUX"):  # ``exceeded US$220 billion, accounting for about 40 percent``
        verb = verb.head
    if verb is None:
        return False
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return not auxiliaries & {"will", "shall", "would", "'ll", "to"} and (
        verb.tag_ == "VBD" or (verb.tag_ == "VBN" and bool(auxiliaries & {"has", "have", "had"})))


def _is_current_value(sent: Doc, quantity: Span) -> bool:
    """In a target, the value it starts from: ``from the current 10% to 20% by 2030``, ``up from 7.8 percent``."""
    before = sent[max(0, quantity.start - 3):quantity.start].text.lower()
    return bool(re.search(r"\b(?:from|current|currently|now|today)\b(?:\s+(?:the|its|a|about|around|nearly|"
                          r"some|over|current))*\s*$", before))


def _in_other_clause(sent: Doc, i: int, quantity: Span, names: Sequence[Name] = ()) -> bool:
    """A year inside a clause that describes something other than the number's noun or its owner and
    holds no part of the number: ``part of the Global Lighthouse Network, an initiative launched in
    2018``. A clause on the number's own noun (``the $1.2 trillion law that was signed in 2021``) or on
    the subject of its verb (``The law, passed in 2022, set $52 billion``) dates the figure, as does one
    on a time (``its fiscal year that ended in March 2020``); not one on a subject that is a name, which
    tells the owner's story (``Rakuten Mobile, which entered the market in 2020, has 6 million users``)."""
    # the number's own nouns: what it is ``of`` (``30 percent of the services offered in 2030``), the
    # tokens it hangs from, and their subjects
    own = {c.i for p in _rights_of(quantity) if p.lower_ == "of" for c in p.children}
    token = head_of(quantity)
    for _ in range(12):
        own.add(token.i)
        own.update(c.i for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and name_at(names, c) is None)
        if token.head.i == token.i:
            break
        token = token.head
    if _past_beside_present(sent[i], head_of(quantity)):
        return True
    token = sent[i]
    for _ in range(12):
        if token.dep_ in CLAUSE_DEPS and token.head.i not in own and token.head.lemma_ not in TIME_NOUNS and \
                not (token.left_edge.i <= quantity.start <= token.right_edge.i):
            return True
        if token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX") and _looks_ahead(token) and \
                not (token.left_edge.i <= quantity.start <= token.right_edge.i) and _stated_as_past(quantity):
            return True  # ``has received ¥920 billion and plans to start production in 2027``
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _verb_above(token: Token) -> Token | None:
    """The verb whose clause holds the token (not an auxiliary, which carries no clause of its own)."""
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _past_beside_present(year: Token, number: Token) -> bool:
    """A year of a verb in the past coordinated with the present verb that states the number: ``completed
    three pilot projects during 2024 and already has 158 AI tools in use`` (what it has now)."""
    dated, stating = _verb_above(year), _verb_above(number)
    return dated is not None and stating is not None and dated.i != stating.i and (
        (stating.dep_ == "conj" and stating.head.i == dated.i) or (dated.dep_ == "conj" and dated.head.i == stating.i)
    ) and dated.tag_ == "VBD" and stating.tag_ in ("VBZ", "VBP")


LOOKING_AHEAD = frozenset("""plan aim intend seek expect hope target want prepare""".split())


def _looks_ahead(verb: Token) -> bool:
    """A verb of intention (``plans to``) or one with a future modal (``will start``)."""
    return verb.lemma_ in LOOKING_AHEAD or any(
        c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "’ll") for c in verb.children)


def _in_clause_without(quantity: Span, i: int) -> bool:
    """Whether the number sits in a clause that describes something else and does not hold token
    ``i`` (``by 2025, according to plans released by six departments``)."""
    token = head_of(quantity)
    for _ in range(12):
        if token.dep_ in CLAUSE_DEPS and not token.left_edge.i <= i <= token.right_edge.i:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


CLAUSE_DEPS = frozenset({"relcl", "acl"})


def _is_since(sent: Doc, i: int) -> bool:
    return i >= 1 and sent[i - 1].lower_ in SINCE


BASE_PREPS = frozenset({"from", "than"})
COMPARE_VERBS = frozenset({"compared", "comparison", "compare"})


def _is_base(sent: Doc, i: int, inside: set[int]) -> bool:
    """A year the figure is set against, not measured in: ``doubling from the end of 2020``, ``compared
    to 2018``, ``a 0.5 percentage point increase from 2022``. Not the start of a span (``from 2012 to
    2021``), nor a year that dates a number of its own (``up from 180 EFLOPS in 2022``)."""
    token = sent[i]
    for _ in range(5):
        if token.head.i == token.i or token.i in inside:
            return False
        token = token.head
        if token.i in inside or (token.pos_ in ("VERB", "AUX") and token.lower_ not in COMPARE_VERBS):
            return False
        base = token.lower_ in BASE_PREPS or (token.lower_ in ("to", "with") and token.head.lower_ in COMPARE_VERBS)
        if base:
            phrase = range(token.left_edge.i, token.right_edge.i + 1)
            return not any(k in inside for k in phrase) and not _opens_span(sent, token)
    return False


SPAN_JOINERS = RANGE_DASHES | {"to", "and", "through"}  # ``2016-2020``, ``from 2016 to 2020``
SPAN_WORDS = frozenset({*SPAN_JOINERS, "until"})


def _opens_span(sent: Doc, prep: Token) -> bool:
    """``from 2012 to 2021``: a ``from`` whose phrase holds, or is followed by, the end of a span."""
    rest = sent[prep.i + 1:min(len(sent), prep.right_edge.i + 5)]
    for k, t in enumerate(rest[:-1]):
        if t.lower_ in SPAN_WORDS and any(YEAR.match(u.text) for u in rest[k + 1:k + 4]):
            return True
    return False


def _span_end(sent: Doc, i: int, year: int) -> int:
    """``2016-2020``, ``from 2016 to 2020`` and ``between 2016 and 2020`` give the end year."""
    rest = sent[i + 1:i + 3]
    if len(rest) >= 2 and rest[0].lower_ in SPAN_JOINERS and YEAR.match(rest[1].text):
        return int(rest[1].text)
    return year


def _from_to(sent: Doc, years: list[tuple[int, int]]) -> tuple[int, int] | None:
    """``from 2015 to 2022``, ``between 2016 and 2020``, ``from December 2012 to June 2023``."""
    for (i, a), (j, b) in zip(years, years[1:]):
        between = sent[i + 1:j]
        words = [t.lower_ for t in between if not CALENDAR.match(t.text)]
        start = i - 1 if i >= 1 and not CALENDAR.match(sent[i - 1].text) else i - 2
        if words in (["to"], ["-"], ["–"], ["and"], ["through"]) and start >= 0 and \
                sent[start].lower_ in ("from", "between"):
            return a, b
    return None


def _in_from_to_pair(sent: Doc, quantity: Span, quantities: Sequence[Span]) -> bool:
    """``grew from 11 trillion yuan to 50.2 trillion yuan``: the number after ``from``."""
    return quantity.start >= 1 and sent[quantity.start - 1].lower_ in ("from", "between")


# ----------------------------------------------------------------- measure


def counted_noun(quantity: Span, unit: str | None) -> Token | None:
    """The noun a bare count or a money amount modifies: ``2.9 million 5G base stations`` (the
    tokenizer splits ``5G``, so the number may hang from another number), ``a $300 million
    expansion``, ``a 10 billion yuan (about 1.39 billion U.S. dollars) industry fund``."""
    head = head_of(quantity)
    after = _noun_after_conversion(quantity, head)
    if after is not None:
        return after
    for _ in range(3):
        noun = head.head
        if noun.i == head.i or noun.i < quantity.start or head.dep_ not in (
                "nummod", "compound", "amod", "nmod", "quantmod", "npadvmod"):
            return None
        if noun.pos_ == "NUM" or (noun.i < quantity.end):
            head = noun
            continue
        if noun.i >= quantity.end and is_nounlike(noun) and noun.lemma_ not in TIME_NOUNS | UNIT_WORDS:
            return noun
        return None
    return None


def _distributes(noun: Token) -> bool:
    """``in each transaction``, ``in every province``: what an amount is per, not what it is of."""
    return any(c.dep_ == "det" and c.lower_ in ("each", "every") for c in noun.children)


def _noun_after_conversion(quantity: Span, head: Token) -> Token | None:
    """The noun right after a conversion in brackets, which the parser makes an apposition of the amount
    before it: ``a 10 billion yuan (about 1.39 billion U.S. dollars) industry fund``."""
    sent = quantity.doc
    if quantity.end >= len(sent) or sent[quantity.end].text != "(":
        return None
    close = next((t for t in sent[quantity.end:quantity.end + 12] if t.text == ")"), None)
    if close is None:
        return None
    return next((c for c in head.children if c.dep_ == "appos" and c.i > close.i and is_nounlike(c)
                 and c.lemma_ not in TIME_NOUNS | UNIT_WORDS
                 and all(sent[j].head.i == c.i for j in range(close.i + 1, c.i))), None)


def governing_verb(token: Token) -> Token | None:
    """The verb that states the amount at ``token``: its object, predicate, or the object of its
    ``to``, ``at``, ``by``, ``from``, ``of`` or ``with``."""
    cur = token
    for _ in range(6):
        dep, head = cur.dep_, cur.head
        if head.i == cur.i:
            return None
        if dep in ("dobj", "attr", "oprd", "npadvmod", "advmod", "acomp", "nsubj", "nsubjpass", "dative",
                   "ccomp", "xcomp", "advcl", "acl", "relcl", "pcomp") and head.pos_ in ("VERB", "AUX"):
            return head
        if dep == "pobj" and head.dep_ in ("prep", "agent", "dative"):
            cur = head
            continue
        if dep == "prep" and head.pos_ in ("VERB", "AUX"):
            return head
        if dep == "prep" and head.dep_ in ("acomp", "prt") and head.head.pos_ in ("VERB", "AUX"):
            return head.head  # ``payments are equivalent to nearly half of``; ``approved up to 590 billion
            # yen``, where the parser makes ``up`` the verb's particle
        if dep in ("conj", "appos", "compound", "nummod", "quantmod", "amod", "nmod") or (
                dep == "prep" and is_nounlike(head)) or (  # ``a total of 1.43 million 5G base stations``
                dep == "npadvmod" and head.pos_ in ("ADJ", "ADV")):  # ``spend $3 billion more``
            cur = head
            continue
        return None
    return None


def verb_subject(verb: Token) -> Token | None:
    """The subject of ``verb``, or of the verb it hangs from (``is expected to reach``, ``, accounting
    for``); a relative pronoun stands for the noun its clause describes (``economy, which grew``)."""
    cur = verb
    for _ in range(4):
        for child in cur.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj", "expl"):
                if child.dep_ == "expl":
                    return None
                if child.tag_ in ("WDT", "WP") and cur.dep_ == "relcl" and is_nounlike(cur.head):
                    return cur.head
                return child
        introduced = _for_subject(cur)
        if introduced is not None:
            return introduced
        if cur.dep_ in ("xcomp", "advcl", "conj", "ccomp", "acl", "relcl", "pcomp", "prep") and cur.head.i != cur.i:
            if cur.dep_ == "ccomp" and cur.head.lemma_ in REPORT_VERBS:
                return None  # ``CBK numbers indicate the volumes transacted increased by``: who reports is no
                # subject of what is reported
            if cur.dep_ in ("acl", "relcl"):
                return _phrase_head(cur) if is_nounlike(cur.head) else None
            if cur.dep_ == "conj" and _verb_joined_to_object(cur):
                cur = cur.head.head  # ``hubs dominate requests and account for half``: the object's verb
                continue
            cur = cur.head
            continue
        return None
    return None


def _acts_in_relative(verb: Token) -> bool:
    """Whether ``verb`` (or the clause it completes) is a relative clause whose pronoun is its subject:
    the name it describes acts there, even when the sentence then has it report (``Nvidia, which sold
    3.7 million GPUs, said``; a source owns what it reports, not what it does)."""
    for _ in range(3):
        if verb.dep_ == "relcl":
            return any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in verb.children)
        if verb.dep_ != "xcomp" or verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


def _verb_joined_to_object(verb: Token) -> bool:
    """A verb the parser coordinates with the object of another verb (``data hubs dominate requests
    and account for more than half``): the two verbs share the subject."""
    obj = verb.head
    return verb.pos_ == "VERB" and obj.pos_ in ("NOUN", "PROPN") and obj.dep_ == "dobj" and \
        obj.head.pos_ in ("VERB", "AUX") and obj.i < verb.i


def _phrase_head(participle: Token) -> Token:
    """The noun a participle describes. The parser hangs it from the nearest noun, but after ``X of
    Y`` it says what X does (``the value of transactions reaching Rs 2.91 lakh crore``)."""
    noun = participle.head
    while participle.dep_ == "acl" and noun.dep_ == "conj" and noun.head.i < noun.i:
        noun = noun.head  # ``the penetration rate of smart terminals, smart bodies and other applications exceeding``
    if participle.dep_ == "acl" and noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
            noun.head.head.i < noun.i and is_nounlike(noun.head.head):
        return noun.head.head
    return participle.head


def _for_subject(verb: Token) -> Token | None:
    """The subject ``for`` introduces to an infinitive (``a target for China's computing power to reach
    300 EFLOPS``), which the parser hangs from ``for`` instead of the verb."""
    to = [c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"]
    if not to or to[0].i == 0:
        return None
    before = verb.doc[to[0].i - 1]
    while before.dep_ in ("compound", "amod") and before.head.i > before.i:
        before = before.head
    return before if before.dep_ == "pobj" and before.head.lower_ == "for" and is_nounlike(before) else None


RESTRICTING_PREPS = frozenset({"of", "in", "for", "with", "on", "into", "involved", "among"})
NOT_RESTRICTING = frozenset({"such", "including", "like", "as", "from", "at", "by", "to", "across", "during",
                             "since", "over", "after", "before", "than", "per", "between", "within", "under"})
# words before the measure's noun that say nothing of what is counted: how it compares, how big it seems
DROPPED_ADJECTIVES = frozenset({"other", "additional", "another", "extra", "more", "huge", "massive", "whopping",
                                "hefty", "staggering", "tremendous", "enormous"})


def noun_phrase(sent: Doc, noun: Token, names: Sequence[Name], exclude: Span | None = None,
                numbers: Sequence[Span] = ()) -> tuple[int, int]:
    """The measure's words around ``noun``: its modifiers on the left (without a determiner, a
    possessor, a place, demonym or organisation that is the subject, or the number itself), and on the right the
    complements that restrict what is counted (``of``, ``in``, ``for``, ``with`` phrases, a
    participle, a coordination) but no place, time, number, source or example; character offsets."""
    taken = {t.i for span in (exclude, *numbers) if span is not None for t in span}
    # a threshold that defines what is counted stays in it (``companies with more than ten employees``)
    thresholds = {t.i for span in numbers if span is not exclude and span.start > noun.i and _is_threshold(span)
                  for t in span}
    left = noun.i
    for child in sorted(noun.lefts, key=lambda t: -t.i):
        if child.i != left - 1 and child.right_edge.i != left - 1:
            break
        glued = not child.whitespace_ and child.i + 1 < len(sent) and sent[child.i + 1].is_alpha  # ``5`` of 5G
        if _names_band(sent, child, noun, exclude):
            left = child.i  # not the number it may hang from (``90MHz of 3.6GHz frequencies``)
            continue
        if child.dep_ == "poss" and _describes(child, names):  # ``women's employment``, ``the data centre's size``
            left = max(child.left_edge.i, max((i + 1 for i in taken if i < noun.i), default=0))
            break
        if child.dep_ in ("det", "predet", "poss", "case", "quantmod", "cc", "advmod", "prep") or (
                child.dep_ == "nummod" and not glued):
            break
        if child.dep_ == "punct" and not (child.text in "-–/" and not child.whitespace_ and child.i >= 1
                                          and not child.nbor(-1).whitespace_):
            break
        if child.i in taken or child.lower_ in DROPPED_ADJECTIVES or child.tag_ == "JJS":  # ``the highest``
            break
        name = name_at(names, child)
        if child.dep_ in ("compound", "amod", "nmod") and name is not None and name.label in OWNER_LABELS:
            break
        left = max(child.left_edge.i, max((i + 1 for i in taken if i < noun.i), default=0))
        edge = name_at(names, sent[left])
        if left < child.i and edge is not None and edge.label in OWNER_LABELS:
            while sent[left].idx < edge.end:  # a name that opens a modifier is the subject (F4), as
                left += 1  # ``_owner_of_noun`` finds it: ``the 27 EU member states``
    right = noun.i
    # a complement the parser hangs from the number before the noun restricts the noun (``23.9 percent of
    # companies with ten or more employees``): a number is not ``with`` anything
    stray = [c for t in exclude for c in t.rights if c.dep_ == "prep" and c.i > noun.i] \
        if exclude is not None and noun.i >= exclude.end else []
    # and one it hangs from the change the noun is the object of (``a jump in women's employment in the
    # technology sector``)
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and _is_change_noun(noun.head.head):
        stray += [c for c in noun.head.head.rights if c.dep_ == "prep" and c.i > noun.i]
    for child in sorted([*noun.rights, *stray], key=lambda t: t.i):
        if child.left_edge.i != right + 1 and not (child.dep_ in ("cc", "conj") and sent[right + 1].text == ","):
            break
        if _lists_on(child):
            continue
        last = _before_clause_of_number(child, taken)
        if not _restricts(sent, child, names, taken - thresholds if child.dep_ == "prep" else taken, last):
            break
        end = child.right_edge.i if last is None else last
        for token in sent[child.i + 1:end + 1]:  # ``AI tools in use across the department``
            if token.text in "([（":  # an aside in brackets is outside (spec §9)
                end = token.i - 1
                break
            if token.dep_ == "prep" and (token.lower_ in NOT_RESTRICTING or _places(token, names)):
                end = token.i - 1  # ``the number of internet users in the Philippines``: no place either
                if child.dep_ == "acl" and (_places(token, names) or end == child.i):
                    end = right  # ``AI models developed in Beijing``: a participle that places the noun goes,
                    # and one left with none of its words (``workshops selected as ...``)
                break
        right = max(end, right)
    while right + 2 < len(sent) and not sent[right].whitespace_ and sent[right + 1].text in ("-", "–") and \
            not sent[right + 1].whitespace_ and sent[right + 2].is_alpha:
        right += 2  # a word the tokenizer split at its hyphen stays whole (``e-commerce``)
    if left >= 1 and left + 1 < noun.i and left - 1 in taken and sent[left].text in ("-", "–") and \
            not sent[left - 1].whitespace_ and not sent[left].whitespace_:
        left += 2  # the rest of the number's own adjective: ``three-pronged scheme`` -> ``scheme``
    tokens = sent[left:right + 1]
    # ``the number of X`` measures X; a determiner or cue word at the front goes
    while len(tokens) > 1 and tokens[0].lower_ in ("the", "a", "an", "its", "their", "total", "number", "of", "worth",
                                                   *DROPPED_ADJECTIVES) and not (
            tokens[0].lower_ == "total" and tokens[1].lower_ != "number"):
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[0].pos_ == "ADV" and tokens[0].dep_ == "advmod" and tokens[0].whitespace_:
        tokens = tokens[1:]
    # what a cut complement leaves behind: ``heavy industries such`` (as ...), ``a fine equivalent`` (to ...)
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].lower_ in ("'s", "’s", "and", "or", "such",
                                                                           "equivalent") or (
            tokens[-1].pos_ == "ADJ" and tokens[-1].i > noun.i and tokens[-1].head.i == noun.i)):
        tokens = tokens[:-1]
    return tokens.start_char, tokens.end_char


# a frequency band or a process node before a noun names a technology, as ``5G`` does (``the 700 MHz
# band``, ``2100MHz spectrum``, ``3nm chips``), as the quantity stage reads it too
BAND = re.compile(r"^\d[\d.,]*(?:[-–]\d[\d.,]*)?\s*(?:[kMGT]?Hz|nm|nanomet(?:er|re)s?)$", re.I)


def _names_band(sent: Doc, child: Token, noun: Token, exclude: Span | None) -> bool:
    """Whether the words from ``child`` to the measure's noun name a band (``700 MHz`` of ``the 700 MHz
    band``): they stay in the measure, unless they are the number whose measure it is."""
    if exclude is not None and exclude.start <= child.i < exclude.end:
        return False
    own = set() if exclude is None else set(range(exclude.start, exclude.end))
    # the number and its ``of`` the parser may hang from the band (``90MHz of 3.6GHz frequencies``)
    return child.dep_ in ("nummod", "compound", "nmod", "amod") and child.i < noun.i and \
        all(i in own or (sent[i].lower_ == "of" and i - 1 in own) for i in range(child.left_edge.i, child.i)) and \
        bool(BAND.match(sent[child.i:noun.i].text))


def _before_clause_of_number(child: Token, taken: set[int]) -> int | None:
    """Where a dependent of the measure's noun ends when the parser has hung the clause that states
    the number inside it (``the value of transactions reaching Rs 2.91 lakh crore``, ``people who
    have used the Internet surging to 4.9 billion``): the last word before that clause; else None."""
    inside = [i for i in range(child.left_edge.i, child.right_edge.i + 1) if i in taken]
    if not inside:
        return None
    for token in child.subtree:
        if token.dep_ in CLAUSE_DEPS | {"xcomp", "advcl"} and token.left_edge.i > child.i and \
                token.pos_ == "VERB" and all(token.left_edge.i <= i <= token.right_edge.i for i in inside) and \
                token.right_edge.i == child.right_edge.i and not token.doc[token.left_edge.i - 1].is_punct:
            return token.left_edge.i - 1  # but not past an aside after a comma (``, which will hire 3,400``)
    return None


def _lists_on(comma: Token) -> bool:
    """A comma between the measure's noun and a noun coordinated with it (``320 government departments,
    enterprises and institutions``): the list goes on, and the comma's own check would end it."""
    nxt = comma.nbor(1) if comma.i + 1 < len(comma.doc) else None
    return comma.dep_ == "punct" and comma.text == "," and nxt is not None and nxt.dep_ == "conj" and \
        nxt.head.i == comma.head.i


def _describes(possessor: Token, names: Sequence[Name]) -> bool:
    """A possessor that says what is measured rather than whose it is: a common noun that names no
    owner (``women's employment``, ``the data centre's size``), unlike a name, a pronoun, a place word
    or an actor (``China's``, ``its``, ``the country's``, ``the ministry's``), which the spec leaves out."""
    return possessor.pos_ == "NOUN" and possessor.tag_ in ("NN", "NNS") and name_at(names, possessor) is None and \
        possessor.lemma_.lower() not in ACTORS | DESCRIPTORS | {"world", "nation"} and \
        not any(name_at(names, t) is not None for t in possessor.subtree)


THRESHOLD_BEFORE = frozenset({("more", "than"), ("less", "than"), ("fewer", "than"), ("at", "least")})
THRESHOLD_AFTER = frozenset({("or", "more"), ("or", "fewer"), ("or", "less"), ("or", "above"), ("or", "over")})


def _is_threshold(span: Span) -> bool:
    """``more than ten``, ``at least 250``, ``ten or more``: a bound, not an amount of its own."""
    doc = span.doc
    before = tuple(t.lower_ for t in doc[max(0, span.start - 2):span.start])
    after = tuple(t.lower_ for t in doc[span.end:span.end + 2])
    return before in THRESHOLD_BEFORE or after in THRESHOLD_AFTER or (span.end < len(doc) and doc[span.end].text == "+")


def _places(prep: Token, names: Sequence[Name]) -> bool:
    """``in the Philippines``, ``across Asia``: a preposition that says where, with a place."""
    return prep.lower_ in ("in", "across", "within", "throughout") and any(
        c.dep_ == "pobj" and ((name_at(names, c) is not None and name_at(names, c).label in ("GPE", "LOC")) or
                              c.lemma_.lower() in DESCRIPTORS)  # ``in the country``
        for c in prep.children)


def _aside_at_end(sent: Doc, child: Token) -> bool:
    """Whether the dependent holds no bracket, or only an aside in brackets after its first words
    (``payments transacted on Unified Payments Interface (UPI)``), which ``noun_phrase`` leaves out."""
    brackets = [t for t in sent[child.left_edge.i:child.right_edge.i + 1] if t.text in "()[]（）"]
    return not brackets or (brackets[0].text in "([（" and brackets[0].i > child.i + 1 and
                            brackets[-1].text in ")]）" and brackets[-1].i == child.right_edge.i)


NAMING_VERBS = frozenset("""call name dub title entitle label brand know""".split())


def _restricts(sent: Doc, child: Token, names: Sequence[Name], taken: set[int], last: int | None = None) -> bool:
    """Whether a right-hand dependent of the measure's noun, up to ``last``, belongs to the measure."""
    subtree = range(child.left_edge.i, (child.right_edge.i if last is None else last) + 1)
    if any(i in taken for i in subtree) or any(YEAR.match(sent[i].text) for i in subtree) or \
            any(sent[i].text in "—–" for i in subtree) or (last is None and not _aside_at_end(sent, child)):
        return False
    if child.dep_ == "relcl":
        # ``people who have used the Internet``, ``goods that are primarily digital``; not an aside after a
        # comma (``, which``), nor a clause that places or compares the noun (``that make up the United
        # States``, ``that are seen as rivals``)
        return child.left_edge.i >= 1 and not sent[child.left_edge.i - 1].is_punct and \
            sent[child.left_edge.i].lower_ in ("that", "who") and len(subtree) <= 8 and \
            not any(name_at(names, sent[i]) is not None or (sent[i].dep_ == "prep" and sent[i].lower_ in
                                                           NOT_RESTRICTING) for i in subtree)
    if any(sent[i].lower_ in ("which", "that", "who") for i in subtree):
        return False
    if child.dep_ == "prep":
        if ((child.lower_ in NOT_RESTRICTING or child.lower_ not in RESTRICTING_PREPS) and not (
                child.lower_ == "to" and child.head.pos_ == "NOUN" and child.i == child.head.i + 1) and
                not _per_head(child)) or _places(child, names):
            return False  # but a noun's own complement right after it stays: ``access to broadband internet``
        pobj = [c for c in child.children if c.dep_ == "pobj"]
        if not pobj or pobj[0].ent_type_ in ("DATE", "TIME") or is_time_word(pobj[0]) or (
                child.lower_ == "on" and pobj[0].lemma_ == "average"):  # ``on (the) average``: no complement
            return False
        name = name_at(names, pobj[0])
        return name is None
    if child.dep_ in ("acl",) and child.tag_ in ("VBN", "VBG", "VBD"):  # ``the value transacted``: the tagger
        # may take a participle for a past tense; ``standard racks in use``, ``companies using AI``; but a
        # participle that says who (``factories owned by Haier``) or where it is written (``agencies addressed
        # in the document``) does not restrict, nor one that only names it (``a $52 billion bill called the
        # CHIPS Act``)
        return child.lemma_ not in NAMING_VERBS and not any(c.dep_ == "agent" for c in child.children) and not any(
            sent[i].dep_ == "pobj" and sent[i].lemma_.lower() in DOCUMENT_NOUNS | {"document", "paper"}
            for i in subtree)
    if child.dep_ in ("conj", "cc"):
        return not any(i in taken for i in subtree) and "respectively" not in sent.text
    return False


PER_HEADS = frozenset("""capita person people head household user employee resident inhabitant worker
student adult""".split())


def _per_head(prep: Token) -> bool:
    """``GDP per capita``, ``chips per person``: a measure taken per head of a population is its own."""
    return prep.lower_ == "per" and any(c.dep_ == "pobj" and c.lemma_.lower() in PER_HEADS for c in prep.children)


def resolve_noun(noun: Token) -> Token | None:
    """From a noun of change or proportion to what it is of: ``growth of intelligent computing power``,
    ``the share of cross-border e-commerce``; None when it says of nothing (``a 7.7% increase``)."""
    for _ in range(3):
        if noun.lemma_ not in CHANGE_NOUNS and not (_is_proportion(noun) or _is_growth_rate(noun)):
            return noun
        # an owner's share is a measure itself (``the bloc's global market share``)
        part = [c for c in noun.children if c.dep_ == "poss" and c.pos_ == "NOUN" and
                c.lemma_.lower() not in ACTORS | DESCRIPTORS]
        if part:  # ``the digital economy's share of GDP``: the possessor is the part; ``the overall
            return part[0]  # economy's nominal growth rate``: what grows
        # ``the growth of 2.3% in sales``: the ``in``, not the amount ``of``
        of = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "in")]
        pobj = [c for p in of for c in p.children if c.dep_ == "pobj" and not (
            c.like_num or c.lower_ in UNIT_WORDS or any(n.dep_ == "nummod" for n in c.children)
            or (p.lower_ == "in" and c.pos_ == "PROPN"))]  # ``market share in Brazil``: a place, not the part
        if not pobj:  # ``the bloc's global market share``, ``GDP growth of 5.2 percent``: a share or a
            # change its modifying noun names is a measure itself
            return noun if _named_by_compound(noun) else None
        noun = pobj[0]
    return noun


def _is_proportion(noun: Token) -> bool:
    """A noun of a part of a whole; not ``shares`` in the plural, which are a company's stock (``Shares
    of Nvidia rose 4%``)."""
    return noun.lemma_ in ("proportion", "percentage") or (noun.lemma_ == "share" and noun.tag_ != "NNS")


def _named_by_compound(noun: Token) -> bool:
    """A share or a change whose modifying noun says of what: ``market share``, ``revenue growth``,
    ``U.S. economic growth``; not ``a percentage point increase`` nor ``year-on-year growth``."""
    if noun.lemma_ == "share":
        return any(c.dep_ == "compound" for c in noun.children)
    return noun.lemma_ in CHANGE_NOUNS and any(
        c.dep_ in ("compound", "nmod") and c.pos_ in ("NOUN", "PROPN") and not (
            c.like_num or is_time_word(c) or c.lower_ in UNIT_WORDS | {"percentage", "digit"})
        for c in noun.lefts)


CALENDAR = re.compile(r"^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                      r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|"
                      r"thursday|friday|saturday|sunday)\.?$", re.I)


def is_time_word(token: Token) -> bool:
    """A time, not a thing that is counted: ``year``, ``quarter``, ``March``, ``Monday``, ``FY2024``."""
    return token.lemma_.lower() in TIME_NOUNS or bool(CALENDAR.match(token.text)) or bool(FY.match(token.text))


def is_anaphor(token: Token) -> bool:
    """A pronoun, or a generic noun that does not say of what (``the figure``, ``this total``)."""
    if token.pos_ == "PRON" or token.lower_ in ANAPHORS or token.tag_ in ("PRP", "DT", "WDT", "WP"):
        return True
    if token.lemma_ in GENERIC:
        return not any(c.dep_ in ("compound", "amod", "nmod") or (c.dep_ == "prep" and c.lower_ == "of")
                       for c in token.children)
    return token.lemma_ in TIME_NOUNS


NAMED_BY_VERB = "named by a verb"  # money an actor gives: no measure, and none to borrow either


# nouns for a mark an amount reaches, not what it measures: ``hit an all-time high of 149 crore``
MARK_NOUNS = frozenset("""high low peak record level mark milestone threshold minimum maximum""".split())


def _is_mark(noun: Token) -> bool:
    """``an all-time high of``, ``a record of``; but ``the previous auction record of`` says of what."""
    return noun.lemma_ in MARK_NOUNS and not any(c.dep_ == "compound" and c.lemma_ not in TIME_NOUNS
                                                 for c in noun.lefts)


def _rights_of(quantity: Span) -> list[Token]:
    """The right-hand dependents of the quantity's tokens that lie outside it: ``two-thirds of the
    population`` hangs ``of`` from ``thirds``, not from the span's head ``two``."""
    return [c for t in quantity for c in t.rights if c.i >= quantity.end]


# a participle that sizes the noun before it: ``capital amounting to``, ``deals totalling``, ``fees capped at``
AMOUNTING = frozenset({("amounting", "to"), ("valued", "at"), ("totalling",), ("totaling",), ("set", "at"),
                       ("fixed", "at"), ("pegged", "at"), ("capped", "at"), ("priced", "at"), ("estimated", "at")})


def _worth_of(sent: Doc, quantity: Span) -> Token | None:
    """``360 trillion won ($246.4 billion) worth of investment``, ``Rs 2.5 lakh crore worth investment
    proposals``, ``spectrum worth $45.45 billion``: what the amount is the worth of."""
    start = quantity.start
    while start > 0 and sent[start - 1].lower_ in APPROXIMATORS:
        start -= 1
    if start >= 2 and sent[start - 1].lower_ == "worth":  # ``spectrum worth $45.45 billion``
        worth = sent[start - 1]
        if is_nounlike(worth.head) and worth.head.i < worth.i:
            return worth.head
        if worth.dep_ in ("acomp", "oprd") and worth.head.pos_ in ("VERB", "AUX"):
            objects = [c for c in worth.head.children if c.dep_ == "dobj" and c.i < worth.i and is_nounlike(c)]
            if objects:  # ``approved data centre investments worth 114.7 billion ringgit``: the object's worth
                return objects[-1]
            subject = verb_subject(worth.head)  # ``the digital economy would be worth $200 billion``
            if subject is not None and is_nounlike(subject) and not is_anaphor(subject):
                return subject
        return sent[start - 2] if is_nounlike(sent[start - 2]) else None
    for n in (2, 1):  # ``capital amounting to 138.7 billion yuan``, ``contracts totalling $2 billion``, and
        # in brackets after the noun: ``the fee (set at €0.50 per app)``
        if start > n and tuple(t.lower_ for t in sent[start - n:start]) in AMOUNTING:
            before = start - n - 1 - (start - n - 1 > 0 and sent[start - n - 1].text in "([")
            if is_nounlike(sent[before]):
                return sent[before]
    i = quantity.end
    if i < len(sent) and sent[i].text in "([（":  # a conversion in brackets
        while i < len(sent) and sent[i].text not in ")]）":
            i += 1
        i += 1
    if i >= len(sent) or sent[i].lower_ != "worth":
        return None
    worth = sent[i]
    if i + 1 < len(sent) and sent[i + 1].lower_ == "of":
        pobj = [c for c in sent[i + 1].children if c.dep_ == "pobj"]
        return pobj[0] if pobj and is_nounlike(pobj[0]) else None
    return worth.head if worth.dep_ == "amod" and is_nounlike(worth.head) and worth.head.i > i else None


MULTIPLE = re.compile(r"^(?:twice|double|triple|treble|quadruple|[\d.]+\s*times|(?:two|three|four|five|ten)\s+times)$",
                      re.I)
# words that count things without saying what they are: the unit word of ``42 million units of smartwatches``
COUNTING_UNITS = frozenset({"unit", "item", "piece"})
# nouns for a level aimed at: ``a $300-billion digital economy target`` measures the digital economy
GOAL_NOUNS = frozenset("""target goal aim ambition objective""".split())
# pronouns that always stand for people or a body, an owner: ``we are just 3% of the global market``
FIRST_PERSON = frozenset("""we us i""".split())


def _change_before_by(by: Token) -> Token | None:
    """The noun of change whose phrase ends right before ``by``: ``an estimated growth of the US gross
    domestic product by $161 billion``."""
    if by.lower_ != "by" or by.i == 0:
        return None
    token = by.doc[by.i - 1]
    for _ in range(8):
        if _is_change_noun(token) and token.right_edge.i == by.i - 1:
            return token
        if token.head.i == token.i or token.head.i >= by.i:
            return None
        token = token.head
    return None


def _range_end(head: Token, quantity: Span) -> Token:
    """The head of the range a number starts (``US$72 billion to US$74 billion``, which the parser
    hangs from the second number): the range's place in the sentence is the number's."""
    for _ in range(3):
        if head.dep_ in ("quantmod", "compound", "nummod") and head.head.i >= quantity.end and \
                head.head.tag_ == "CD" and any(t.lower_ in ("to", "-", "–") for t in
                                               head.doc[quantity.end:head.head.i]):
            head = head.head
        else:
            break
    return head


def _is_money(unit: str | None) -> bool:
    """Money, as the quantity stage leaves a figure's unit: an upper-case code (``USD``). An
    upper-case measure (``GW``) passes too; ``quantities.is_money_unit`` would tell them apart."""
    return unit is not None and unit.isupper()


def _is_currency_code(token: Token) -> bool:
    """``KRW`` of ``KRW 30 trillion``, which the parser makes a noun the number modifies: the code of
    another amount, never what one is of."""
    return len(token.text) == 3 and token.text.isalpha() and token.text.isupper() and any(
        c.dep_ in ("nummod", "compound", "appos") and c.i > token.i and c.like_num for c in token.children)


def _names_money(noun: Token, names: Sequence[Name]) -> bool:
    """Whether the noun of ``in`` right after an amount of money says what the money is (``have 10 billion
    yuan in AI-related industrial output value``) rather than where or when it is (``in the quarter``,
    ``in China``, ``in the sector``)."""
    return is_nounlike(noun) and name_at(names, noun) is None and noun.ent_type_ not in ("DATE", "GPE", "LOC") and \
        not is_time_word(noun) and not is_anaphor(noun) and noun.lemma_.lower() not in DESCRIPTORS | ACTORS | {
            "sector", "market", "industry", "area", "field"}


def _included_in(including: Token, names: Sequence[Name]) -> Token | None:
    """``with investment, including three billion dollars``: a part an ``including`` lists measures
    what it is part of, the noun right before it; none when that is a number (``$52 billion, including
    $39 billion``), so the number takes the figure before it."""
    i = including.i - 1
    while i >= 0 and including.doc[i].is_punct:
        i -= 1
    noun = including.doc[i] if i >= 0 else None
    if noun is None or not is_nounlike(noun) or noun.like_num or noun.tag_ == "CD" or noun.lower_ in UNIT_WORDS or \
            name_at(names, noun) is not None or is_anaphor(noun) or is_time_word(noun):
        return None
    return noun


def find_measure_noun(sent: Doc, quantity: Span, unit: str | None, names: Sequence[Name], kind: str
                      ) -> Token | str | None:
    """The noun that names what the number measures; ``NAMED_BY_VERB``; or None (not found)."""
    worth = _worth_of(sent, quantity)
    if worth is not None:
        return worth
    # ``twice the UK's peak demand``, ``double the number from six months earlier``: a multiple is set against
    # the noun after it, not a count of it
    counted = None if MULTIPLE.match(quantity.text) else counted_noun(quantity, unit)
    if counted is not None and counted.lemma_ in GOAL_NOUNS and unit is not None:  # ``the $300-billion digital
        # economy target`` aims at a level; ``16 goals`` counts them
        counted = next((c for c in counted.children if c.dep_ == "compound" and is_nounlike(c)), None)
    if counted is not None and counted.i + 1 < len(sent) and sent[counted.i + 1].lower_ == "per" and \
            counted.dep_ == "pobj" and counted.head.lower_ == "of" and is_nounlike(counted.head.head):
        return counted.head.head  # ``a capacity of 50,000 wafers per month``: the noun is a rate's unit
    if counted is not None and counted.lemma_ in COUNTING_UNITS and not any(
            c.dep_ in ("compound", "amod", "nmod") for c in counted.lefts):  # spec §9: ``42 million units of
        # smartwatches`` counts smartwatches; ``production reached 1.1 trillion units`` counts what the verb's
        # subject says; but ``20,000 graphics processing units`` are things of their own
        counted = next((c for p in counted.rights if p.dep_ == "prep" and p.lower_ == "of" for c in p.children
                        if c.dep_ == "pobj" and is_nounlike(c)), None)
    if counted is not None and counted.lemma_ not in ("stake", "worth", "value") and name_at(names, counted) is None:
        return counted
    head = _range_end(head_of(quantity), quantity)
    named_after = _raised_up_to(quantity, head) or (_share_for(head, names) if kind == "share" else None)
    if named_after is not None:
        return named_after
    change = _change_before_by(head.head) if head.dep_ == "pobj" and head.head.lower_ == "by" else None
    if change is not None and resolve_noun(change) is not None:
        return change  # ``growth of the US gross domestic product by $161 billion``, however ``by`` is hung
    if head.dep_ == "pobj" and head.head.lower_ == "including":
        return _included_in(head.head, names)
    bounded = _bounded_object(head)
    if bounded is not None:
        return bounded
    # a bare number the subject of ``be``: what it is says what it counts (``with 3.4 million being 5G base
    # stations``, ``of which 40 are data centres``)
    if head.dep_ == "nsubj" and head.head.lemma_ == "be" and unit is None:
        said = next((c for c in head.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"
                     and name_at(names, c) is None and not is_anaphor(c)), None)
        if said is not None:
            return said
    if head.pos_ == "VERB" and len(quantity) == 1:  # the number is the verb: ``will triple the data centre's
        # size``, ``the economy, which could double in value``: what it multiplies, else what does
        obj = next((c for c in head.children if c.dep_ == "dobj" and is_nounlike(c) and not is_anaphor(c)), None)
        subject = obj if obj is not None else verb_subject(head)
        if subject is not None and is_nounlike(subject) and not is_anaphor(subject) and \
                name_at(names, subject) is None and subject.lemma_.lower() not in ACTORS:
            return subject
    if _is_money(unit) and any(  # ``the US$150 million it spent to build the centre``
            c.dep_ == "relcl" and c.lemma_ in SPEND_VERBS and not any(o.dep_ == "dobj" for o in c.children)
            for t in quantity for c in t.children):
        return NAMED_BY_VERB
    verb = governing_verb(head)
    spent = verb is not None and verb.lemma_ in SPEND_VERBS
    if _is_money(unit) and quantity.end < len(sent) and sent[quantity.end].lower_ == "in":
        # money ``in`` a kind of money: ``up to KRW 30 trillion in investment``,
        # wherever the parser hangs the ``in``
        pobj = [c for c in sent[quantity.end].children if c.dep_ == "pobj" and c.lemma_ in MONEY_NOUNS]
        if pobj:
            return pobj[0]
    if verb is not None:  # ``provide 802.5 billion yen in additional subsidies``, the ``in`` hung from the verb
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "in" and quantity.end <= prep.i <= quantity.end + 1:
                pobj = [c for c in prep.children if c.dep_ == "pobj" and not _distributes(c) and (
                    c.lemma_ in MONEY_NOUNS or (_is_money(unit) and not spent and prep.i == quantity.end and
                                                _names_money(c, names)))]
                if pobj:
                    return pobj[0]
    # ``$72 billion in revenue``, ``80 MHz of spectrum``; but ``invest $2 billion in cloud computing``
    # says where the money goes, unless it names a kind of money (``provide $5 billion in subsidies``)
    share = unit == "%" or bool(FRACTIONS.match(quantity.text))
    for child in _rights_of(quantity):
        if child.dep_ == "prep" and child.lower_ in ("in", "of", "worth") and not share:
            pobj = [c for c in child.children if c.dep_ == "pobj"]
            if pobj and is_nounlike(pobj[0]) and name_at(names, pobj[0]) is None and pobj[0].ent_type_ != "DATE" \
                    and not _is_currency_code(pobj[0]) and not _distributes(pobj[0]) \
                    and not is_time_word(pobj[0]) and not (spent and _is_money(unit) and child.lower_ == "in" and
                                                          pobj[0].lemma_ not in MONEY_NOUNS):
                return pobj[0]
    # ``lose 40% of its population``: a change of a part is a change of the whole it is of
    # and so when the parser hangs the subject from a name before it (a dateline: ``GENEVA, ... 37 percent of
    # the world's population have never used the Internet``)
    named_before = head.dep_ == "appos" and (head.head.pos_ == "PROPN" or name_at(names, head.head) is not None)
    if (head.dep_ in ("nsubj", "nsubjpass") or kind == "change" or named_before) and share:
        for child in _rights_of(quantity):
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj and is_nounlike(pobj[0]):
                    return pobj[0]
    # ``speeds of a minimum of 100Mbps``: the noun the mark is of
    mark = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
    if mark is not None and _is_mark(mark) and mark.dep_ == "pobj" and mark.head.lower_ == "of" and \
            is_nounlike(mark.head.head) and not _is_mark(mark.head.head):
        return mark.head.head
    # ``the growth of 2.3% in sales``: what the change is in, whether the ``in`` hangs from it or the amount
    if head.dep_ == "pobj" and head.head.lower_ == "of" and _is_change_noun(head.head.head):
        if resolve_noun(head.head.head) is not None:
            return head.head.head
        within = [c for p in _rights_of(quantity) if p.dep_ == "prep" and p.lower_ == "in"
                  for c in p.children if c.dep_ == "pobj" and is_nounlike(c) and name_at(names, c) is None
                  and c.ent_type_ != "DATE" and not is_time_word(c)]
        if within:
            return within[0]
    # ``revenue of 81.7 billion yuan``, ``a capacity of 50,000 wafers``
    if head.dep_ == "pobj" and head.head.lower_ in ("of", "at") and is_nounlike(head.head.head) and \
            head.head.head.lemma_ not in ("increase", "growth", "rise", "gain", "decline", "drop", "total") and \
            not _is_mark(head.head.head):
        # ``computing power for the country of 300 EFLOPS``: the parser hangs ``of`` from the owner
        owner = head.head.head
        if owner.lemma_.lower() in DESCRIPTORS and owner.dep_ == "pobj" and owner.head.dep_ == "prep" and \
                is_nounlike(owner.head.head):
            return owner.head.head
        return owner
    if verb is None:
        if head.dep_ == "appos" and is_nounlike(head.head):
            return head.head
        return None
    carried = _carried_object(head, verb)
    if carried is not None:
        return carried
    subject = verb_subject(verb)
    if _is_money(unit) and verb.lemma_ in PROCEEDS_VERBS:
        proceeds_of = _proceeds_of(verb, names)
        if proceeds_of is not None:
            return proceeds_of
    if _is_money(unit) and verb.lemma_ in SPEND_VERBS:
        return NAMED_BY_VERB
    if head.dep_ == "pobj" and head.head.lower_ in ("to", "by", "at", "from") and head.head.head.i == verb.i:
        # ``bring broadband to 99 percent of the population``: the share of those the object reaches
        whole = [c for p in _rights_of(quantity) if p.dep_ == "prep" and p.lower_ == "of" for c in p.children
                 if c.dep_ == "pobj" and is_nounlike(c) and name_at(names, c) is None]
        if share and head.head.lower_ == "to" and whole and any(c.dep_ == "dobj" for c in verb.children) and \
                verb.lemma_ not in LEVEL_VERBS:  # but what is raised to a share is its part (``raise the
            return whole[0]  # contribution of the digital economy to 19.4 percent of GDP``)
        # ``raise the proportion of X to 10 percent``, ``boost its computing power by 50%``, ``March
        # posted the highest monthly value at Sh337 billion``
        for child in verb.children:
            if child.dep_ == "dobj" and child.i != head.i and not is_anaphor(child):
                return child
    if kind == "share" and subject is not None and (
            name_at(names, subject) is not None or subject.pos_ == "PROPN" or subject.lemma_.lower() in ACTORS or
            subject.lower_ in FIRST_PERSON) and (
            verb.lemma_ in ACCOUNT_VERBS | {"hold", "control", "capture", "take"} or
            (head.dep_ == "dobj" and verb.lemma_ not in CHANGE_WORDS) or (head.dep_ == "attr" and verb.lemma_ == "be")
            or (head.dep_ == "pobj" and head.head.lower_ == "with" and head.head.head.i == verb.i)):
        # ``China accounts for 30 percent of global chip sales``: the part is the owner (a name, or a
        # product named like one: ``Safaricom's M-Pesa controls three quarters of the transactions``),
        # so the whole; and so when an actor has the share (``the ministry holds 17.44% of the fund``,
        # ``Google handled 90 percent of all searches``, ``China led with 45 percent of installations``)
        for child in _rights_of(quantity):
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj:
                    return pobj[0]
    if subject is not None and not is_anaphor(subject) and name_at(names, subject) is None and \
            (subject.lemma_.lower() not in ACTORS or _counted_actors(subject)) and not is_time_word(subject) \
            and not (head.dep_ == "pobj" and head.head.lower_ == "with"):  # ``users can top up their account
        return subject  # with up to 2000 yuan``: what one acts with is not what the subject measures
    # the amount is the object of a verb whose subject is its owner: ``China has 1.2 billion 5G users``
    return None


BOUNDS = frozenset({"over", "above", "under", "below", "exceeding"})


def _bounded_object(head: Token) -> Token | None:
    """The verb's object an amount right after it bounds, however the parser hangs the amount:
    ``19 states received allocations over $1 billion``, where ``over`` hangs from ``received``."""
    prep = head.head if head.dep_ == "pobj" else None
    if prep is None or prep.lower_ not in BOUNDS or prep.dep_ != "prep" or prep.i < 1:
        return None
    before = head.doc[prep.i - 1]
    return before if before.dep_ == "dobj" and before.head.i == prep.head.i and is_nounlike(before) else None


def _raised_up_to(quantity: Span, head: Token) -> Token | None:
    """What is raised ``up to`` the amount, as with ``to`` (``raise the subsidy rate up to 30 percent``),
    where the parser makes ``up to`` the number's modifiers and the amount a modifier of the verb or an
    apposition to its object. Not ``provide up to $1 billion``, where the amount is the object itself."""
    if not any(c.dep_ == "quantmod" and c.lower_ == "to" for t in quantity for c in t.children):
        return None
    if head.dep_ == "appos" and head.head.dep_ == "dobj" and is_nounlike(head.head):
        target = head.head
    elif head.dep_ == "npadvmod" and head.head.pos_ == "VERB":
        target = next((c for c in head.head.children if c.dep_ == "dobj" and is_nounlike(c)), None)
    else:
        return None
    return None if target is None or is_anaphor(target) else target


BREAKDOWN = re.compile(r"(?:%|\bper\s?cent)\s+(?:is|are|was|were)\s+for\b", re.I)


def _share_for(head: Token, names: Sequence[Name]) -> Token | None:
    """The part a share of a breakdown is for: ``of which 27% were for the automotive industry, 22% for
    aerospace``; not a time (``10% for the year``) nor a name (``30% for Acme``: an owner), nor whose rate
    a number set beside a noun gives (``the rate ... held at 4 – 7% for light industry``). The share is
    the subject of ``be``, or an item of the list such a share opens, whatever the parser makes of it."""
    if not (head.dep_ == "nsubj" or (head.dep_ in ("npadvmod", "conj", "appos") and
                                       BREAKDOWN.search(head.doc.text, 0, head.idx))):
        return None
    preps = [c for c in head.rights if c.dep_ == "prep" and c.lower_ == "for"]
    if not preps and head.dep_ == "nsubj" and head.head.lemma_ == "be":
        preps = [c for c in head.head.rights if c.dep_ == "prep" and c.lower_ == "for"]
    for prep in preps:
        for pobj in prep.children:
            if pobj.dep_ == "pobj" and is_nounlike(pobj) and not is_time_word(pobj) and \
                    name_at(names, pobj) is None and not is_anaphor(pobj):
                return pobj
    return None


BRINGING = frozenset("""bring take push lift raise boost""".split())


def _carried_object(head: Token, verb: Token) -> Token | None:
    """What a verb of bringing takes to the amount, when the parser hangs the amount's ``to`` from a
    participle inside the object: ``bring the total amount of subsidies provided to the company to
    1,722.5 billion yen``."""
    if not (head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.i == verb.i and verb.dep_ == "acl"):
        return None
    token = verb.head
    for _ in range(4):
        if token.dep_ == "dobj" and token.head.lemma_ in BRINGING:
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


# verbs of money coming in, whose ``from`` names what brought it (F16: ``raised £1.4bn from an auction of
# new airwave capacity`` measures the auction)
PROCEEDS_VERBS = frozenset("""raise generate earn collect fetch net reap""".split())


def _proceeds_of(verb: Token, names: Sequence[Name]) -> Token | None:
    """What money a verb brings in comes ``from``, when it is a thing (not a name nor a time)."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "from":
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and is_nounlike(pobj) and name_at(names, pobj) is None and \
                        not is_time_word(pobj) and pobj.ent_type_ != "DATE":
                    return pobj
    return None


def _counted_actors(noun: Token) -> bool:
    """Actors a participle or a clause picks out (``the fewest companies using AI were in Romania, 1.5
    percent``, ``firms that export``): a set that is counted, not the owner of the figure."""
    return noun.tag_ == "NNS" and any(c.dep_ in ("acl", "relcl") and c.i > noun.i for c in noun.children)


# ----------------------------------------------------------------- subject


def find_subject(sent: Doc, quantity: Span, noun: Token | None, names: Sequence[Name], kind: str = "level",
                 money: bool = False) -> Name | None:
    """The name that owns the figure, or None: for a share whose part names no owner, the whole's
    (``digital goods accounted for 6.5 percent of the U.S. economy``)."""
    # what ``its`` and ``it`` may stand for (F6): not a name in a dateline, nor one inside the name of an
    # instrument or an event (``the ASEAN Digital Economy Framework Agreement``)
    referable = [n for n in names if not _in_dateline(sent, n) and not _inside_instrument_name(sent, n)]
    owners = [n for n in referable if not is_source(sent, n, referable)]
    if not referable:
        return None
    local = _place_before(sent, quantity, owners) or _compared_place(quantity, owners) or \
        _name_listed_before(sent, quantity, owners) or \
        _where_clause_owner(head_of(quantity), owners) or _possessor_before(sent, quantity, referable) or \
        _possessed_by(head_of(quantity), owners)
    if local is not None:
        return local
    if _helped(head_of(quantity)):
        # ``the Acme Fund helped raise access in Norland from 20 percent``: a helper owns nothing it helps
        return None if noun is None else _owner_of_noun(sent, noun, owners, referable)
    verb = governing_verb(head_of(quantity))
    penalized = _penalized(sent, quantity, verb, owners)
    if penalized is not None:  # the one fined, or no one where the sentence does not name it
        return penalized or None
    project = _approved_project(verb, head_of(quantity))
    if project is not None:  # whoever approves a project does not invest in it
        return name_at(owners, project) or _owner_of_noun(sent, project, owners, referable)
    ranked = _ranked_next(verb, owners) if verb is not None else None
    if ranked is not None:  # ``..., followed by China with 20 percent``: not the first one's share
        return ranked
    subject = verb_subject(verb) if verb is not None else None
    if kind == "share" and subject is not None and name_at(owners, subject) is not None and \
            head_of(quantity).dep_ in ("dobj", "pobj"):
        return name_at(owners, subject)  # ``Baidu receives 90% of the country's search traffic``: the part owns it
    if noun is not None:
        found = _owner_of_noun(sent, noun, owners, referable, locative=False)
        if found is not None:
            return found
        if _owned_by_unnamed_place(sent, noun, referable):
            return None
    if kind == "share" and (subject is None or name_at(owners, subject) is None):
        for whole in (c for p in _rights_of(quantity) if p.dep_ == "prep" and p.lower_ == "of"
                      for c in p.children if c.dep_ == "pobj"):
            found = name_at(owners, whole) or _owner_of_noun(sent, whole, owners)
            if found is not None:
                return found
    head = head_of(quantity)
    verb = governing_verb(head)
    if verb is not None and _is_member_of(verb, head):  # the counted noun's own place, if any
        return None if noun is None else _owner_of_noun(sent, noun, owners, referable)
    if verb is not None:
        subject = verb_subject(verb)
        if verb.lemma_ in GIVING_VERBS:
            found = _recipient(verb, head, owners, referable=referable)  # F1: money that passes belongs to
            # its recipient
            if found is not None:
                return found
        found = _counterparty(verb, head, owners) or (
            _unparsed_subject(sent, verb, owners) if head.i > verb.i else None)
        if found is not None:
            return found
        if subject is not None:
            name = name_at(owners, subject) or _name_in_apposition(subject, owners) or \
                _holder(verb, subject, owners) or (name_at(referable, subject) if _acts_in_relative(verb) else None)
            if name is not None:
                return name
            if subject.lemma_.lower() in DESCRIPTORS and any(c.dep_ == "det" for c in subject.children):
                return _referent(sent, subject, referable, either_side=True)
            # ``Chinese carriers are forecast to invest $184 billion``: a group's owner, though no noun measures it
            # not when the measure is the subject's conjunct, which has owners of its own (``Guangzhou in
            # Guangdong Province ... and six cities in Zhejiang Province``)
            if (noun is None and subject.tag_ in ("NNS", "NNPS")) or (
                    noun is not None and subject.i != noun.i and noun not in subject.conjuncts):
                found = _owner_of_noun(sent, subject, owners, referable)
                if found is not None:
                    return found
        found = _recipient(verb, head, owners, destination=False)
        if found is not None:
            return found
        if subject is not None and subject.lower_ in ("it", "they"):  # ``Ofcom said that it had raised £1.4bn``
            found = _referent(sent, subject, referable)
            if found is not None:
                return found
    unnamed = _unnamed_actor(head, referable)
    if noun is not None:  # ``a Rs 22,500 crore facility in Sanand``, when no one is named as its owner
        found = _owner_of_noun(sent, noun, owners, referable, locative=unnamed is None)
        if found is not None:
            return found
    if money:
        found = _purpose_recipient(sent, quantity, owners, referable)
        if found is not None:
            return found
    found = _enclosing_clause_owner(head, owners) or main_clause_owner(sent, owners, quantity) or \
        _listed_owner(sent, owners)
    if found is not None:
        return found
    if unnamed is not None:  # F6: ``The country expects ... every 10,000 people in China``: the place the
        # place word stands for, where the sentence names it
        return _referent(sent, unnamed, referable, either_side=True) if unnamed.lemma_.lower() in DESCRIPTORS \
            else None
    return _locative_place(sent, quantity, owners) or (None if noun is None else _place_within(noun, owners))


def _purpose_recipient(sent: Doc, quantity: Span, owners: Sequence[Name], referable: Sequence[Name]
                       ) -> Name | None:
    """Whom money is spent for, when the sentence names no spender: what its purpose clause acts on
    (F1, money belongs to its recipient: ``set $52 billion to boost the U.S. chip sector``, ``a $2
    billion investment to boost Canada's computing capacity``). The purpose is an infinitive on the
    money's verb, or right after the money's phrase, wherever the parser hangs it."""
    head = head_of(quantity)
    verb = governing_verb(head)
    purposes = [c for t in (head, verb) if t is not None for c in t.children
                if c.dep_ in ("advcl", "acl", "xcomp") and c.i > head.i and _is_infinitive(c)]
    after = head.head if head.dep_ in ("nummod", "compound") else head
    follower = sent[after.i + 1] if after.i + 1 < len(sent) else None
    if follower is not None and follower.lower_ == "to" and follower.head.i > follower.i and \
            _is_infinitive(follower.head):
        purposes.append(follower.head)
    for purpose in purposes:
        for obj in (c for c in purpose.children if c.dep_ == "dobj"):
            found = name_at(owners, obj) or _owner_of_noun(sent, obj, owners, referable, locative=False)
            if found is not None:
                return found
    return None


def _is_infinitive(token: Token) -> bool:
    """A verb with its ``to``: how English states a purpose."""
    return token.pos_ == "VERB" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)


def _helped(head: Token) -> bool:
    """Whether the verb the number hangs from is what a helper helps do, with no subject of its own
    (``the fund helped raise access ... from 20 percent to 35 percent``)."""
    verb = next((t for t in head.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    if any(c.dep_ == "aux" and HELPING_FORM.fullmatch(c.lower_) for c in verb.children):
        return True  # the parser's other reading: ``helped`` an auxiliary of ``raise``, unlemmatised
    return verb.dep_ == "xcomp" and HELPING_FORM.fullmatch(verb.head.lower_) is not None and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _enclosing_clause_owner(head: Token, owners: Sequence[Name]) -> Name | None:
    """The named subject of the nearest clause the number is in, before the main clause's: ``Morgan
    said that Nvidia and Cisco were building 12 data centers, each of which spanned 400,000 square
    feet`` is Nvidia's and Cisco's. Not the subject of a verb that reports: a source owns nothing; nor the
    subject a relative clause describes, since the clause is an aside on it (``Judge Sullivan, who
    presided over the hearing featuring 41 witnesses, will issue his opinion``). A clause on any other
    name gives that name the figure (``PJM, the operator that serves 13 states``), unless a clause on the
    way has an actor of its own (``Norland, which the company says will cost $5 billion``)."""
    acted = False
    for verb in clauses_up(head):
        if verb.lemma_ not in REPORT_VERBS:
            for child in verb.children:
                if child.dep_ in ("nsubj", "nsubjpass") and name_at(owners, child) is not None and \
                        not _past_a_colon(head, child):
                    return name_at(owners, child)
        if verb.dep_ == "relcl" and verb.head.dep_ in ("nsubj", "nsubjpass"):
            return None
        acted = acted or any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WDT", "WP") for c in verb.children)
        if verb.dep_ in ("acl", "relcl") and not acted:
            described = _described_name(verb.head, owners)
            if described is not None:
                return described
    return None


def _described_name(noun: Token, owners: Sequence[Name]) -> Name | None:
    """The name a clause on ``noun`` describes: the noun's own (``Instagram, acquired for $1 billion``),
    or the one the noun stands in apposition to (``PJM, the operator that serves 13 states``)."""
    return name_at(owners, noun) or (name_at(owners, noun.head) if noun.dep_ == "appos" else None)


def clauses_up(head: Token) -> Iterator[Token]:
    """The verb that states the amount at ``head``, then the verb of each clause above it, nearest
    first (four at most): where the figure's owner or an actor of it may stand."""
    verb = governing_verb(head)
    for _ in range(4):
        if verb is None:
            return
        yield verb
        if verb.head.i == verb.i:
            return
        verb = verb.head if verb.head.pos_ in ("VERB", "AUX") else governing_verb(verb.head)


def _unnamed_actor(head: Token, referable: Sequence[Name]) -> Token | None:
    """The actor of the figure's clause, or of a clause above it, that the sentence does not name as its
    subject (not of a verb that reports): ``the company``, ``the carrier``, ``it`` with no name before it.
    The figure is that actor's (spec §9: null), not the place it acts in (``The carrier aims to deploy 50,000 base stations across
    China``, ``The company expects sales in China to reach 2.2 billion euros``)."""
    for verb in clauses_up(head):
        subject = verb_subject(verb) if verb.lemma_ not in REPORT_VERBS else None  # a source owns nothing
        if subject is not None and subject.i != head.i:
            if name_at(referable, subject) is not None:
                return None
            if subject.lower_ in ("it", "they"):
                return None if any(n.end <= subject.idx for n in referable) else subject
            if subject.lemma_.lower() in ACTORS and any(c.dep_ == "det" for c in subject.children) and \
                    not any(name_at(referable, c) is not None for c in subject.subtree):
                return subject
    return None


PENALTY_WORDS = frozenset("""fine fines fined penalty penalties penalise penalised penalize penalized""".split())


def _penalized(sent: Doc, quantity: Span, verb: Token | None, owners: Sequence[Name]) -> Name | bool | None:
    """A fine belongs to whom it is imposed on, not to whoever imposes it: ``fined Google 4.3 billion
    euros``, ``imposed a fine of 13.4 billion rupees on Google``, ``a fine equivalent to $2.8 billion
    against Alibaba`` (however the parser hangs the ``on`` or ``against``). False when the one fined is
    not named (``fined the company $5 million``: spec §9, null); None when no one fined is found."""
    if verb is None:
        return None
    clause = [t for t in verb.subtree if t.i == verb.i or t.dep_ not in ("advcl", "relcl", "ccomp")]
    if not any(t.lower_ in PENALTY_WORDS and t.pos_ in ("NOUN", "VERB", "ADJ") for t in clause):
        return None
    fined: list[Token] = []
    if verb.lower_ in PENALTY_WORDS:  # its object, which the parser may hang from the amount after it
        # each fined one before its own amount (``fined Apple 500 million euros and Meta 200 million euros``),
        # which the parser hangs from the amount's words
        before = sent[quantity.start - 1] if quantity.start >= 1 else None
        if before is not None and quantity.start <= before.head.i <= head_of(quantity).i and \
                name_at(owners, before) is not None:
            return name_at(owners, before)
        if verb.i + 1 < len(sent) and name_at(owners, sent[verb.i + 1]):
            return name_at(owners, sent[verb.i + 1])
        fined += [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    fined += [pobj for prep in clause if prep.dep_ == "prep" and prep.lower_ in ("on", "against") and prep.i > verb.i
              for pobj in prep.children if pobj.dep_ == "pobj"]
    named = [name_at(owners, t) for t in fined if name_at(owners, t) is not None]
    if named:
        return named[0]
    unnamed = [t for t in fined if t.lemma_.lower() in ACTORS | DESCRIPTORS
               and any(c.dep_ == "det" for c in t.children)]
    return False if unnamed else None


def _unparsed_subject(sent: Doc, verb: Token, owners: Sequence[Name]) -> Name | None:
    """The name a verb follows as its subject where the parse gives it none of its own: a second
    clause's (``A bid EUR381 million and lastly newcomer B, which is owned by C, spent EUR334.9
    million``: B, not A), or the name a participle after a comma describes (``Instagram, acquired for
    $1 billion``). An aside between commas may stand between the name and the verb, and the verb may be
    one that another completes (``Humain, the company launched by the Fund, plans to build``)."""
    while verb.dep_ == "xcomp" and verb.head.i != verb.i and not any(
            c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children):
        verb = verb.head
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") and c.pos_ != "NUM" for c in verb.children):
        return None  # a number the parser made the subject is none (``EUR1.04 billion ... spent``)
    finite = verb.tag_ in FINITE_TAGS
    after_comma = verb.i >= 2 and sent[verb.i - 1].text == ","
    if not finite and not (verb.tag_ == "VBN" and after_comma):
        return None
    i = verb.i - 1
    if after_comma:  # back over the aside: ``, the largest carrier,``, ``, which is owned by C,``
        opening = [t.i for t in sent[max(0, i - 15):i] if t.text == ","]
        if finite and opening:
            i = opening[-1] - 1
        elif verb.tag_ in ("VBN", "VBD"):  # ``Instagram, acquired for``, whichever the tagger says
            finite, i = False, i - 1
        else:
            return None
    name = name_at(owners, sent[i]) if i >= 0 else None
    if name is None or name.end != sent[i].idx + len(sent[i].text):
        return None
    if not finite:
        return name
    # the name opens its clause: only a conjunction, an adverb or a title noun before it
    first = tokens_of(sent, name.start, name.end)
    j = first.start - 1 if first is not None else -1
    for _ in range(3):
        if j < 0 or sent[j].pos_ not in ("ADV", "NOUN", "ADJ", "DET"):
            break
        j -= 1
    return name if j < 0 or sent[j].pos_ in ("CCONJ", "SCONJ") or sent[j].lower_ in ("while", "whereas") else None


def _holder(verb: Token, noun: Token, owners: Sequence[Name]) -> Name | None:
    """Whose plan, aim or right an infinitive's noun is: ``China Mobile has plans to deploy 50 cities``,
    ``Intel announced a plan to build two fabs`` (the parser hangs the infinitive from the noun)."""
    if verb.dep_ != "acl" or verb.head.i != noun.i or noun.dep_ != "dobj" or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    holder = verb_subject(noun.head)
    return None if holder is None else name_at(owners, holder) or _name_in_apposition(holder, owners)


def _name_in_apposition(noun: Token, owners: Sequence[Name]) -> Name | None:
    """The name a descriptive noun stands beside: ``Chinese telecommunications company, China Mobile,
    is planning``, ``the country's grid authority EirGrid has called`` (which the parser may make a
    second subject of the verb), and the name before a description set off by commas (``Humain, the
    company launched by the Fund, plans``, where the parser makes the description the subject); the
    name owns the figure, not the noun's own modifiers. A counted noun's apposition lists its members
    instead (``Four companies – A, B, C and D – took part``)."""
    if any(c.dep_ == "nummod" for c in noun.children):
        return None
    beside = [c for c in noun.children if c.dep_ == "appos"]
    beside += [c for c in noun.head.children if c.dep_ == noun.dep_ and c.i == noun.i + 1]
    edge = noun.left_edge
    if edge.dep_ == "det" and edge.i >= 2 and noun.doc[edge.i - 1].text == "," and \
            noun.doc[edge.i - 2].head.i in (noun.i, noun.head.i):
        beside.append(noun.doc[edge.i - 2])
    for token in beside:
        name = name_at(owners, token)
        if name is not None:
            return name
    return None


def _is_member_of(verb: Token, head: Token) -> bool:
    """``Guizhou is among the eight national computing hubs``: the subject is one of those counted,
    not their owner."""
    noun = head.head if head.dep_ in ("nummod", "quantmod", "compound") else head
    return verb.lemma_ == "be" and noun.dep_ == "pobj" and noun.head.lower_ == "among" and noun.head.head.i == verb.i


def _recipient(verb: Token, head: Token, owners: Sequence[Name], destination: bool = True,
               referable: Sequence[Name] = ()) -> Name | None:
    """Whom the verb gives the amount to, or the place it goes to or is for: ``provide 802.5 billion yen
    in subsidies to Rapidus Corp.``, ``awarded Intel $8.5 billion``, ``$500 million for Kenya``. A named
    indirect object comes before any place: ``in New Albany, the award will provide Intel Ohio $1.5
    billion``. Where money is spent (``invest $1.5 billion in India``) is no recipient: the investor
    keeps what it invests (F1)."""
    for child in verb.children:  # not an object the amount's own noun is coordinated with (``serves the
        # District of Columbia and 13 neighboring states``)
        if child.dep_ in ("dative", "dobj") and child.i != head.i and head not in child.conjuncts and \
                head.head not in child.conjuncts:
            found = name_at(owners, child) or _company_named_before(child, referable or owners)
            if found is not None:
                return found
    for child in verb.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in ("to", "for"):
            pobj = [c for c in child.children if c.dep_ == "pobj"]
            if pobj and name_at(owners, pobj[0]) is not None:
                name = name_at(owners, pobj[0])
                if (child.lower_ == "to" and (destination or name.label not in PLACE_LABELS)) or (
                        child.lower_ != "to" and name.label in PLACE_LABELS):
                    return name
    # ``provide 802.5 billion yen in subsidies to Rapidus Corp.``: ``to`` hung from the money's noun, which
    # hangs from the verb or the amount; ``make $11 billion in loans available to Intel``; ``590 billion yen
    # in additional support for Rapidus``
    for noun in (c for p in (*verb.children, *head.children) if p.dep_ == "prep" for c in p.children
                 if c.dep_ == "pobj" and c.lemma_ in GIVEN_MONEY_NOUNS):
        for to in (t for t in (*noun.children, *(t for a in noun.children if a.lower_ == "available"
                                                 for t in a.children)) if t.dep_ == "prep" and t.lower_ in ("to", "for")):
            for pobj in to.children:
                if pobj.dep_ == "pobj" and name_at(owners, pobj) is not None:
                    return name_at(owners, pobj)
    return None


# verbs by which an authority lets a project go ahead, and the nouns for what the project costs
APPROVING = frozenset("""approve sanction clear endorse greenlight authorize authorise""".split())
# verbs by which money passes to a recipient (F1), and the nouns for the money that passes
GIVING_VERBS = SPEND_VERBS | APPROVING | {"give", "supply", "transfer"}
GIVEN_MONEY_NOUNS = MONEY_NOUNS | {"support"}
OUTLAYS = MONEY_NOUNS | {"cost", "outlay", "expenditure"}


def _approved_project(verb: Token | None, head: Token) -> Token | None:
    """The project an approval's outlay is the cost of: ``the Cabinet approved Tata's unit in Assam at an
    investment of Rs 27,000 crore``, ``with an outlay of``."""
    if verb is None or verb.lemma_ not in APPROVING or not (head.dep_ == "pobj" and head.head.lower_ == "of"):
        return None
    outlay = head.head.head
    if outlay.lemma_ not in OUTLAYS or outlay.dep_ != "pobj" or outlay.head.lower_ not in ("at", "with") or \
            outlay.head.head.i != verb.i:
        return None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _company_named_before(noun: Token, owners: Sequence[Name]) -> Name | None:
    """The organisation ``the company`` or ``the firm`` refers back to: the last one the sentence names
    before it (``The Department and Intel have reached terms for the government to supply the company
    with $8.5 billion``)."""
    if noun.lemma_ not in ("company", "firm") or not any(c.dep_ == "det" and c.lower_ == "the"
                                                         for c in noun.children):
        return None
    return _referent(noun.doc, noun, [n for n in owners if n.label == "ORG"])


def _counterparty(verb: Token, head: Token, owners: Sequence[Name]) -> Name | None:
    """The named party a deal for the amount is made with, whom the money goes to (F1): ``signed a
    preliminary agreement with Micron for up to $275 million in proposed funding``."""
    if not (head.dep_ == "pobj" and head.head.lower_ == "for" and head.head.head.i == verb.i):
        return None
    deals = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_ in DEALS]
    deals += [o for d in deals for p in d.children if p.dep_ == "prep" and p.lower_ == "of"  # ``memorandum of
              for o in p.children if o.dep_ == "pobj"]  # terms with Intel``
    for holder in (verb, *deals):
        for pobj in (o for w in holder.children if w.dep_ == "prep" and w.lower_ == "with"
                     for o in w.children if o.dep_ == "pobj"):
            if name_at(owners, pobj) is not None:
                return name_at(owners, pobj)
    return None


def _ranked_next(verb: Token, owners: Sequence[Name]) -> Name | None:
    """In a ranking, the amount of the next one named: ``Texas will receive $3.3 billion, followed by
    California with $1.86 billion`` (the agent of ``followed``, ``trailed``)."""
    if verb.lemma_ not in ORDER_VERBS:
        return None
    agents = [o for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    return name_at(owners, agents[0]) if agents else None


def _listed_owner(sent: Doc, owners: Sequence[Name]) -> Name | None:
    """The name that heads a list line (``-Verizon: $45.455 billion for 3,511 licenses``)."""
    lead = re.match(r"^[\s\-–—•*·]*", sent.text).end()
    for name in owners:
        if name.start == lead and re.match(r"^\s*:", sent.text[name.end:]):
            return name
    return None


LIST_HEADING = re.compile(r"^\s*(?P<bullet>[-–—•*·]\s*)?(?P<name>[A-Z0-9&][\w&.'’-]*(?:\s+[A-Z0-9&][\w&.'’-]*){0,5})"
                          r"\s*:\s")


def with_list_heading(sent: Doc, names: Sequence[Name]) -> list[Name]:
    """The names, and the heading of a list line when no name covers it: ``-T-Mobile US: $9.336 billion
    for 142 licenses`` is a line of a list of owners whose heading the NER may miss. A line opened by
    a bullet, or a heading of proper nouns only, is such a line; a heading is a few capitalised words."""
    match = LIST_HEADING.match(sent.text)
    if match is None or any(n.start < match.end("name") and match.start("name") < n.end for n in names):
        return list(names)
    heading = tokens_of(sent, match.start("name"), match.end("name"))
    if heading is None or not (match.group("bullet") or all(t.pos_ == "PROPN" for t in heading)):
        return list(names)
    return sorted([*names, Name(match.start("name"), match.end("name"), "ORG")], key=lambda n: (n.start, -n.end))


def with_possessors(sent: Doc, names: Sequence[Name]) -> list[Name]:
    """The names, and a proper noun in the possessive that no name covers (``China’s third
    state-backed fund``, ``Zhejiang’s digital economy``): the small NER misses names before a curly
    apostrophe, and whoever is written with ``'s`` before a measure owns it (spec §9)."""
    out = list(names)
    for token in sent:
        if token.text not in POSSESSIVE or token.i == 0:
            continue
        owner = sent[token.i - 1]
        if owner.tag_ != "NNP" or not owner.text[:1].isupper() or name_at(names, owner) is not None:
            continue
        first = owner
        while first.i > 0 and sent[first.i - 1].tag_ == "NNP" and sent[first.i - 1].dep_ == "compound" and \
                name_at(names, sent[first.i - 1]) is None:
            first = sent[first.i - 1]
        text = sent.text[first.idx:owner.idx + len(owner.text)]
        if is_place_name(text, "ORG"):
            out.append(Name(first.idx, owner.idx + len(owner.text), "ORG"))
    return sorted(out, key=lambda n: (n.start, -n.end))


def _locative_place(sent: Doc, quantity: Span, owners: Sequence[Name]) -> Name | None:
    """The place the number's own clause says it is in (``1,200 companies doing business in
    Guiyang``, ``in Denmark, 23.9 percent of companies used``), when the sentence names no other owner."""
    path = _path_up(head_of(quantity))
    for name in owners:
        span = tokens_of(sent, name.start, name.end)
        if name.label not in ("GPE", "LOC") or span is None:
            continue
        head = head_of(span)
        if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS and head.head.head.i in path:
            return name
    return None


WITHIN_DEPS = frozenset({"prep", "pobj", "acl", "dobj", "compound", "amod"})


def _place_within(noun: Token, owners: Sequence[Name]) -> Name | None:
    """A place the measure's own phrase says it is in, however deep (``5G base stations serving every
    10,000 people in China``, ``handouts to all residents in Japan``, ``the electronic services offered
    in Africa``), when the sentence names no owner: the nearest, through prepositions, their objects and
    participles, not through a clause or a conjunct; and from the noun the measure is ``of``, whatever
    the parser hangs there (``the distribution of handouts to all residents in Japan``)."""
    frontier = [noun]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and is_nounlike(noun.head.head):
        frontier.append(noun.head.head)
    for _ in range(6):
        nxt = []
        for token in frontier:
            for child in token.children:
                if child.dep_ not in WITHIN_DEPS:
                    continue
                if child.dep_ == "pobj" and token.lower_ in LOCATIVE_PREPS:
                    name = name_at(owners, child)
                    if name is not None and name.label in ("GPE", "LOC"):
                        return name
                nxt.append(child)
        frontier = nxt
    return None


def _path_up(token: Token) -> set[int]:
    """The token and the tokens it hangs from, up to the top of its clause, and what hangs from a
    token on that path as a participle or a predicate adjective (``companies doing business in``,
    ``models are available in``); not a clause the number's clause only modifies (``the conference
    was held in Beijing, bringing together guests from 50 countries``)."""
    out = set()
    for _ in range(12):
        out.add(token.i)
        out.update(c.i for c in token.children if c.dep_ in ("acl", "acomp"))
        if token.head.i == token.i or token.dep_ in ("advcl", "relcl", "ccomp", "csubj", "parataxis"):
            break
        token = token.head
    return out


LOCATIVE_PREPS = frozenset({"in", "across", "throughout", "within", "nationwide"})


def _in_dateline(sent: Doc, name: Name) -> bool:
    """The place of an opening dateline (``BEIJING, Jan. 5 (Xinhua) --``, ``SHANGHAI, CHINA-``, ``MUMBAI:``), in
    capitals at the very start, and the agency in its brackets (``ABU DHABI, 12th March, 2025 (WAM) --``):
    where the article was filed and who filed it, not whose the figures are."""
    text, before, after = sent.text[name.start:name.end], sent.text[:name.start], sent.text[name.end:]
    place = not before.strip() and text.isupper() and len(text) > 3 and re.match(r"^\s*(?:,|\(|-|–|—|:)", after)
    agency = DATELINE_BEFORE_AGENCY.match(before) and re.match(r"^\)\s*(?:--|[-–—:])", after)
    return bool(place or agency)


# a dateline's place in capitals and its date, up to the bracket that opens the agency's name
DATELINE_BEFORE_AGENCY = re.compile(r"^\s*[A-Z][A-Z.'’ /-]+,[^()]{0,40}\($")


def main_clause_owner(sent: Doc, owners: Sequence[Name], quantity: Span | None = None) -> Name | None:
    """The named subject of the sentence's main verb (``China has ..., with X reaching N``), or of
    the clause a reporting verb reports when the number is in it (``X's growth rate exceeded 30
    percent, and Y reached N, the vice minister noted``). Where the parser took the main verb for an
    auxiliary of the next word (``Acme won/aux spectrum/ROOT``), the subject it gave that verb."""
    for token in sent:
        if token.dep_ == "ROOT":
            for _ in range(3):
                reported = [c for c in token.children if c.dep_ == "ccomp"]
                if token.lemma_ not in REPORT_VERBS or not reported or quantity is None or \
                        not reported[0].left_edge.i <= quantity.start <= reported[0].right_edge.i:
                    break
                token = reported[0]
            misread = [g for c in token.children if c.dep_ == "aux" and c.tag_ in ("VBD", "VBZ")
                       for g in c.children]
            for child in [*token.children, *misread]:
                if child.dep_ in ("nsubj", "nsubjpass") and not (quantity is not None and
                                                                 _past_a_colon(sent[quantity.start], child)):
                    name = name_at(owners, child)
                    if name is not None:
                        return name
                    found = _owner_of_noun(sent, child, owners)
                    if found is not None:
                        return found
    return None


def _past_a_colon(number: Token, subject: Token) -> bool:
    """Whether a colon stands between a number and a subject after it: what follows a colon says
    something of its own (``Three big ideas have emerged: first, how China intends to ...``), whatever
    the parser hangs across it."""
    return subject.i > number.i and any(t.text in (":", ";") for t in number.doc[number.i:subject.i])


def _place_before(sent: Doc, quantity: Span, owners: Sequence[Name]) -> Name | None:
    """``..., in Finland 15.1 percent, and in Luxembourg 14.4 percent``: a place given right before
    the number, in a list that leaves the measure out."""
    window = sent[max(0, quantity.start - 5):quantity.start]
    for token in reversed(window):
        if token.lower_ in ("in", "for") and token.i + 1 < quantity.start:
            name = name_at(owners, sent[token.i + 1])
            if name is not None and name.label in ("GPE", "LOC") and name.end <= quantity.start_char and \
                    not sent.text[name.end:quantity.start_char].strip(" ,"):
                return name
    return None


COMPARING = frozenset({"against", "versus", "vs", "vs."})


def _compared_place(quantity: Span, owners: Sequence[Name]) -> Name | None:
    """The place of a number set beside another for comparison: ``45 percent of Indian households ...,
    compared with 90 percent in South Korea``, ``against 90 percent in South Korea``, ``higher than 8
    percent in Japan``; the place is that number's own, not the first one's owner."""
    head = head_of(quantity)
    compared = (head.dep_ == "pobj" and (head.head.lower_ in COMPARING or (
        head.head.lower_ in ("with", "to") and head.head.head.lemma_ in ("compare", "comparison")))) or any(
        t.lower_ == "than" for t in quantity.doc[max(0, quantity.start - 2):quantity.start])
    if not compared:
        return None
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ == "in" and prep.i == quantity.end:
            for pobj in prep.children:
                name = name_at(owners, pobj) if pobj.dep_ == "pobj" else None
                if name is not None and name.label in ("GPE", "LOC"):
                    return name
    return None


def _name_listed_before(sent: Doc, quantity: Span, owners: Sequence[Name]) -> Name | None:
    """``in Romania, 1.5 percent, followed by Bulgaria, 3.6 percent``: in a list of names each given
    with its number after a comma or colon, each number's own name is the one right before it."""
    before = sent.text[:quantity.start_char]
    for name in owners:
        if name.end <= quantity.start_char and LISTED_GAP.match(before[name.end:]):
            return name
    return None


LISTED_GAP = re.compile(r"^\s*[,:]\s*(?:(?:about|around|nearly|almost|roughly|some|over|just|only|more\s+than|"
                        r"less\s+than|at\s+least)\s+)?$", re.I)


def _where_clause_owner(head: Token, owners: Sequence[Name]) -> Name | None:
    """``and then Poland and Hungary, where it was 3.7 percent``: a ``where`` clause on a name gives
    the figure of that place; the first of coordinated names stands for them all."""
    verb = governing_verb(head)
    if verb is None or verb.dep_ != "relcl" or not any(c.lower_ == "where" for c in verb.children):
        return None
    owner = verb.head
    while owner.dep_ == "conj" and name_at(owners, owner.head) is not None and name_at(owners, owner) is not None \
            and COORDINATION_GAP.match(owner.doc.text[name_at(owners, owner.head).end:name_at(owners, owner).start]):
        owner = owner.head
    return name_at(owners, owner)


POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


def _possessor_before(sent: Doc, quantity: Span, owners: Sequence[Name]) -> Name | None:
    """The name whose possessive opens the number's phrase, with only adjectives between: ``China's
    third state-backed 344-billion-yuan investment fund``, ``higher than China's 26 per cent``. The
    parser often hangs such a possessor from the number or leaves it out of the phrase, or makes it the
    agent of a passive (``highlighted by Alibaba's 50 billion yuan subsidy plan``), so only the words
    before it can make it a source."""
    i = quantity.start - 1
    for _ in range(6):
        if i < 1:
            return None
        token = sent[i]
        if token.lower_ in APPROXIMATORS or token.text in ("-", "–") or token.pos_ == "ADJ" or \
                token.dep_ in ("amod", "npadvmod") or (token.i + 1 < len(sent) and
                                                       (token.lower_, sent[i + 1].lower_) in APPROXIMATOR_PAIRS):
            i -= 1
            continue
        break
    if sent[i].text not in POSSESSIVE:
        return None
    name = name_at(owners, sent[i - 1])
    return None if name is None or SOURCE_BEFORE.search(sent.text[:name.start]) else name


def _named_by_of(noun: Token, owners: Sequence[Name]) -> Name | None:
    """The name a noun is ``of`` (``hub of Shenzhen``)."""
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and (name := name_at(owners, pobj)) is not None:
                    return name
    return None


def _owner_of_noun(sent: Doc, noun: Token, owners: Sequence[Name], referable: Sequence[Name] | None = None,
                   locative: bool = True) -> Name | None:
    """The name that owns a noun: its possessor, a place modifying it, the owner of what it is ``of``;
    with ``locative``, a place it is ``in`` (which yields to a named owner elsewhere, F4)."""
    for child in noun.children:
        if child.dep_ == "poss":
            name = name_at(owners, child)
            if name is not None:
                return name
            if child.lower_ in ("world", "world's"):
                return Name(child.idx, child.idx + 5, "LOC")
            if child.lemma_.lower() in DESCRIPTORS or child.tag_ == "PRP$":
                return _referent(sent, child, owners if referable is None else referable)
    # a name modifying it, or modifying the first word of a compound it heads (``27 EU member states``)
    modifiers = [*noun.lefts, *(m for c in noun.lefts if c.dep_ == "compound" for m in c.lefts)]
    for child in modifiers:
        name = name_at(owners, child)
        if child.dep_ in ("compound", "amod", "nmod") and name is not None:
            # a name modifying it, unless the noun is of a name too (``the south China tech hub of Shenzhen``)
            of_name = _named_by_of(noun, owners)
            if of_name is not None:
                return of_name
            if name.label in OWNER_LABELS:
                return name
    found = _possessed_by(noun, owners)
    if found is not None:
        return found
    for acl in noun.rights:  # ``the subsidies provided by the Japanese government to TSMC``: its recipient (F1)
        if acl.dep_ == "acl" and acl.tag_ == "VBN":
            for to in acl.children:
                if to.dep_ in ("prep", "dative") and to.lower_ == "to":
                    for pobj in to.children:
                        if pobj.dep_ == "pobj" and name_at(owners, pobj) is not None:
                            return name_at(owners, pobj)
    for child in noun.rights:  # ``the added value of China's digital economy``, ``revenue at Samsung's chip unit``
        if child.dep_ == "prep" and child.lower_ in ("of", "at"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.i != noun.i:
                    found = _owner_of_noun(sent, pobj, owners, referable)
                    if found is not None:
                        return found
        # ``revenue in its data center business``: what ``its`` stands for; only a pronoun, since a name's is no
        # owner of what is in it (``foreign investment in China's chip industry``)
        if child.dep_ == "prep" and child.lower_ == "in":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                poss = [c for c in pobj.children if c.dep_ == "poss" and c.tag_ == "PRP$"]
                if poss:
                    found = _referent(sent, poss[0], owners if referable is None else referable)
                    if found is not None:
                        return found
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in (("in", "of", "at", "across", "for", "from") if locative
                                                     else ("of", "at")):
            pobj = [c for c in child.children if c.dep_ == "pobj"]
            if pobj:
                # what is ``of`` or ``at`` a name is its (``revenue of Huawei``, ``sales at Infosys``)
                name = name_at(owners, pobj[0]) or _place_possessing(pobj[0], owners)
                if name is not None and (name.label in PLACE_LABELS or child.lower_ in ("of", "at") or
                                         _member_of(noun, child)):
                    return name
                if pobj[0].lower_ == "world":
                    return Name(pobj[0].idx, pobj[0].idx + 5, "LOC")
    return None


# the capitalised words (and the small words between them) that may follow a name inside a longer name
NAME_CONTINUES = re.compile(r"(?:\s+(?:[A-Z][\w&-]*|of|for|and|on))*")


def _inside_instrument_name(sent: Doc, name: Name) -> bool:
    """Whether a name only opens the name of a plan, a law, an agreement or an event (``the ASEAN
    Digital Economy Framework Agreement``, ``the Norland Data Summit``): such a name owns nothing in
    the sentence (F6)."""
    words = NAME_CONTINUES.match(sent.text, name.end).group().split()
    while words and words[-1] in ("of", "for", "and", "on"):
        words.pop()
    return bool(words) and words[-1].lower() in NOT_ORG_HEADS


def _owned_by_unnamed_place(sent: Doc, noun: Token, referable: Sequence[Name]) -> bool:
    """Whether the noun's owner is a place the sentence does not name (``80 percent of the nation's
    electricity``, no place named before it): the figure is that place's, null (spec §9), and not
    the subject of some clause above it."""
    return any(c.dep_ == "poss" and c.lemma_.lower() in DESCRIPTORS and any(d.dep_ == "det" for d in c.children)
               and _referent(sent, c, referable) is None for c in noun.children)


def _place_possessing(noun: Token, owners: Sequence[Name]) -> Name | None:
    """The place whose possessive opens ``noun``: a share ``in China's foreign trade`` is China's, as
    one ``in China`` is."""
    for child in noun.children:
        if child.dep_ == "poss":
            name = name_at(owners, child)
            if name is not None and name.label in PLACE_LABELS:
                return name
    return None


def _possessed_by(token: Token, owners: Sequence[Name]) -> Name | None:
    """The name a participle of possession gives as the holder: ``six factories owned by Haier``,
    ``10.47% owned by China Development Bank``."""
    for acl in token.rights:
        if acl.dep_ == "acl" and acl.tag_ == "VBN" and acl.lemma_ in POSSESSION_VERBS:
            for agent in acl.children:
                if agent.dep_ == "agent":
                    for pobj in agent.children:
                        if pobj.dep_ == "pobj" and name_at(owners, pobj) is not None:
                            return name_at(owners, pobj)
    return None


def _member_of(noun: Token, prep: Token) -> bool:
    """``companies from the European Union``: members counted by where they come from belong to it;
    money ``from`` a body is its source (F1)."""
    return prep.lower_ == "from" and noun.tag_ in ("NNS", "NNPS") and noun.lemma_ not in MONEY_NOUNS


# place words that may stand for a bloc of states, which spec §3 makes an organisation (``the EU``, ``ASEAN``),
# and the words that name an organisation as one of states: a company is no region (F6: in ``Google ... found
# that the region's internet economy``, the region is not Google)
BLOC_WORDS = frozenset({"region", "bloc"})
COUNTRY_WORDS = frozenset({"country", "nation", "kingdom"})
UNION_OF_STATES = re.compile(r"\b(?:Union|Association|Community|Council|Nations|Cooperation|Commission|"
                             r"Organi[sz]ation|League)\b")


def _may_be_bloc(sent: Doc, name: Name) -> bool:
    """Whether an organisation's name may be a bloc's: written as one (``the European Union``, ``the
    Association of Southeast Asian Nations``), or as an acronym (``ASEAN``, ``EU``), as blocs are named."""
    text = sent.text[name.start:name.end]
    return UNION_OF_STATES.search(text) is not None or (text.isupper() and text.isalpha())


def _referent(sent: Doc, possessor: Token, owners: Sequence[Name], either_side: bool = False) -> Name | None:
    """What ``its``, ``the country's`` refers to in the same sentence: the name before it (a place
    for a place word, or an organisation for ``the region``, ``the bloc``); with ``either_side``, else
    the first place after it."""
    # ``it`` is no person (``Singtel's chief executive Yuen Kuan Moon said the firm would cut 10 percent of
    # its workforce``)
    before = [n for n in owners if n.end <= possessor.idx and not (
        n.label == "PERSON" and possessor.lower_ in ("it", "its")) and not _describes_a_name(sent, n, owners)]
    if len(before) >= 2 and re.fullmatch(r"\s*\(\s*", sent.text[before[-2].end:before[-1].start]):
        before = before[:-1]  # ``China Construction Bank (CCB) said it``: the name, not its short form (F8)
    if possessor.lemma_.lower() in DESCRIPTORS:
        bloc = possessor.lemma_.lower() in BLOC_WORDS
        candidates = [n for n in owners if n.label in ("GPE", "LOC") or
                      (bloc and n.label == "ORG" and _may_be_bloc(sent, n))]
        if possessor.lemma_.lower() in COUNTRY_WORDS:  # a country is no city (``The country has tested the
            # digital yuan in over 10 places from Shenzhen``): a name CLDR knows as a territory, or its people
            candidates = [n for n in candidates if place_name(sent.text[n.start:n.end]) is not None]
        places = [n for n in before if n in candidates]
        # a source after it is no mention of it (``the bloc aims to ..., according to a Commission document``)
        after = [n for n in candidates if n.start > possessor.idx and not is_source(sent, n, owners)]
        return places[-1] if places else (after[0] if either_side and after else None)
    return before[-1] if before else None


def _describes_a_name(sent: Doc, name: Name, names: Sequence[Name]) -> bool:
    """Whether a name stands inside the description set off after another name (``Ooredoo, the Qatari
    telecom operator, said its ...``): what ``its`` refers to is the one described."""
    span = sent.char_span(name.start, name.end, alignment_mode="expand")
    if span is None:
        return False
    return any(a.dep_ == "appos" and name_at(names, a.head) not in (None, name) for a in span.root.ancestors)


# ------------------------------------------------------------------ figure


@dataclass(frozen=True)
class RawFigure:
    """A figure with offsets relative to its sentence; ``settled``: its measure is null on purpose
    (money named by a verb, a pronoun), so it borrows none from its neighbours."""

    measure: tuple[int, int] | None
    subject: tuple[int, int] | None
    period: int | None
    kind: str
    settled: bool = False
    noun: int | None = None  # the token the measure was read from, for ``respectively``
    weak: bool = False  # a change's measure read off its verb: a measure before it in the sentence comes first


@dataclass(frozen=True)
class SentenceQuantity:
    """A quantity of the sentence: offsets relative to it, value and unit."""

    start: int
    end: int
    value: float | None = None
    unit: str | None = None


CONVERSION = re.compile(r"^\s*(?:[(\[（]|,?\s*or\b|,?\s*equivalent\s+to\b)\s*(?:about|around|approximately|roughly|"
                        r"some|nearly|almost|over|more\s+than|or|US|equivalent\s+to)?\s*$", re.I)


def figures_of_sentence(sent: Doc, quantities: Sequence[SentenceQuantity], names: Sequence[Name],
                        deadline: int | None = None, is_target: bool = False) -> list[RawFigure | None]:
    """The figure of each quantity of one parsed metric or target sentence, in order. A conversion
    in brackets (``35.8 trillion yuan ($5.07 trillion)``) has the figure of the number it converts;
    a number whose measure the sentence does not repeat takes the one before it (``grew from 8
    trillion yuan to 15 trillion yuan``)."""
    spans = [tokens_of(sent, q.start, q.end) for q in quantities]
    found = [s for s in spans if s is not None]
    names = with_possessors(sent, with_list_heading(sent, names))
    out: list[RawFigure | None] = []
    converts: dict[int, int] = {}  # a conversion's index -> the index of the number it converts
    for i, (q, span) in enumerate(zip(quantities, spans)):
        previous = out[-1] if out else None
        if span is None:
            out.append(None)
        elif previous is not None and CONVERSION.match(sent.text[quantities[i - 1].end:q.start]):
            converts[i] = converts.get(i - 1, i - 1)
            if (quantities[i - 1].unit == "%") != (q.unit == "%"):  # ``17.7 per cent or S$113 billion``
                previous = RawFigure(previous.measure, previous.subject, previous.period,
                                     find_kind(sent, span, q.unit, q.value), previous.settled, previous.noun)
            out.append(previous)
        else:
            raw = figure_of(sent, span, found, q.unit, q.value, names, deadline, is_target)
            if previous is not None and _restates(sent, quantities[i - 1].end, q.start):
                # ``– or 2.9 billion people`` counts a noun of its own
                own = raw.measure is not None and counted_noun(span, q.unit) is not None
                raw = RawFigure(raw.measure if own else previous.measure, raw.subject or previous.subject,
                                raw.period or previous.period, raw.kind, previous.settled,
                                raw.noun if own else previous.noun)
                if previous.subject is None and raw.subject is not None:
                    out[-1] = RawFigure(previous.measure, raw.subject, previous.period, previous.kind,
                                        previous.settled, previous.noun, previous.weak)
            elif previous is not None and previous.measure is not None and not previous.settled and \
                    _same_sort(q.unit, quantities[i - 1].unit) and _continues(sent, quantities[i - 1].end, q.start, previous.measure) \
                    and counted_noun(span, q.unit) is None and \
                    (raw.kind != "share" or _share_for(head_of(span), names) is None):  # a share of a breakdown
                # names its own part: ``35% for telecoms and 25% for other sectors``
                raw = RawFigure(previous.measure, raw.subject or previous.subject, raw.period, raw.kind,
                                noun=previous.noun)
            elif (raw.measure is None or raw.weak) and not raw.settled and previous is not None and \
                    previous.measure is not None and _same_sort(q.unit, quantities[i - 1].unit):
                donor = _enclosing_figure(out, quantities, i) or previous
                raw = RawFigure(donor.measure, raw.subject or previous.subject, raw.period, raw.kind,
                                noun=donor.noun)
            out.append(raw)
    for i in range(len(out) - 2, -1, -1):  # ``from 7 to 33 percent``, ``10–12 billion yuan``: the start of a
        raw, after = out[i], out[i + 1]  # range takes its end's measure
        between = sent.text[quantities[i].end:quantities[i + 1].start]
        if raw is not None and after is not None and raw.measure is None and not raw.settled and \
                after.measure is not None and (between in RANGE_DASHES or (
                    FROM_BEFORE.search(sent.text[:quantities[i].start]) and TO_BETWEEN.match(between))):
            out[i] = RawFigure(after.measure, raw.subject or after.subject, raw.period, raw.kind, noun=after.noun)
    if re.search(r"\brespectively\b", sent.text, re.I):
        primary = [i for i, raw in enumerate(out) if raw is not None and i not in converts]
        _respectively(sent, [out[i] for i in primary], names, lambda k, raw: out.__setitem__(primary[k], raw))
        for i, j in converts.items():
            out[i] = out[j]
    return out


FROM_BEFORE = re.compile(r"\b(?:from|between)\s+(?:the\s+|a\s+)?$", re.I)
TO_BETWEEN = re.compile(r"^\s*(?:to|and|-|–)\s+(?:about|around|nearly|almost|over|more\s+than)?\s*$", re.I)


def _enclosing_figure(out: Sequence[RawFigure | None], quantities: Sequence[SentenceQuantity], i: int
                      ) -> RawFigure | None:
    """The figure whose measure holds number ``i - 1`` (``15.2 percent of companies with more than ten
    employees used AI, in Finland 15.1 percent``: ``ten`` is part of a measure, not the last figure)."""
    q = quantities[i - 1]
    for k in range(i - 2, -1, -1):
        raw = out[k]
        if raw is not None and raw.measure is not None and raw.measure[0] <= q.start and q.end <= raw.measure[1]:
            return raw
    return None


RESTATEMENT = re.compile(r"^[^,;()\d]{1,60}?\s*[,–—]\s*or\s+(?:about|around|approximately|roughly|some|nearly|"
                         r"almost|over|more\s+than|less\s+than)?\s*$", re.I)


def _restates(sent: Doc, end: int, start: int) -> bool:
    """Whether the number at ``start`` restates the one that ends at ``end`` in other terms, after
    the rest of its phrase: ``5.9 million jobs, or 3.9 percent of total U.S. employment``, ``6.5
    percent of the U.S. economy, or $1.2 trillion``. It is the same fact: one measure and owner."""
    if not RESTATEMENT.match(sent.text[end:start]):
        return False
    between = tokens_of(sent, end, start)
    return between is not None and not any(t.pos_ in ("VERB", "AUX") for t in between)


CONTINUATION = re.compile(r"(?:\b(?:and|or|up\s+from|down\s+from|compared\s+(?:with|to))|,|,\s*from)\s+(?:(?:about|"
                          r"around|approximately|roughly|some|nearly|almost|over|just|only|more\s+than|less\s+than|"
                          r"at\s+least|up\s+to|the|an?\s+estimated|estimated)\s+)*$", re.I)


def _continues(sent: Doc, end: int, start: int, measure: tuple[int, int]) -> bool:
    """Whether the number at ``start`` gives the same measure again for another time or place, with no
    verb or noun of its own between: ``$1 trillion in wealth this year and almost $14 trillion by
    2030``, ``4.9 billion in 2021, up from 4.1 billion in 2019``."""
    between = sent.text[end:start]
    match = CONTINUATION.search(between)
    if not match or re.search(r"[;:()]", between):
        return False
    tokens = tokens_of(sent, end, end + match.start()) if match.start() else None
    return tokens is None or not any(t.pos_ in ("VERB", "AUX") or (t.pos_ in ("NOUN", "PROPN") and not (
        is_time_word(t) or t.ent_type_ == "DATE" or measure[0] <= t.idx < measure[1])) for t in tokens)


def _same_sort(unit: str | None, other: str | None) -> bool:
    """Whether two numbers can measure the same thing: not money and a physical unit (``EUR806.5
    million`` after ``90MHz`` is what was paid, not more spectrum)."""
    def sort(u: str | None) -> str:
        if u is None or u in ("%", "fold"):
            return "any"
        return "money" if _is_money(u) else "unit"
    return "any" in (sort(unit), sort(other)) or sort(unit) == sort(other)


def _respectively(sent: Doc, raws: list[RawFigure], names: Sequence[Name], put) -> None:
    """``Apple and Meta ... fines of €500m and €200m, respectively``: each number takes its own
    conjunct of a coordinated owner and of a coordinated measure, in order."""
    if len(raws) < 2:
        return
    owners = _coordinated_names(sent, names)
    nouns = _coordinated_nouns(sent[raws[0].noun]) if raws[0].noun is not None and all(
        raw.noun == raws[0].noun for raw in raws) else []
    for k, raw in enumerate(raws):
        subject, measure = raw.subject, raw.measure
        if len(owners) == len(raws):
            subject = _trimmed(sent.text, owners[k].start, owners[k].end)
        if len(nouns) == len(raws):
            measure = noun_phrase(sent, nouns[k], names)
        put(k, RawFigure(measure, subject, raw.period, raw.kind, raw.settled, raw.noun))


def _coordinated_names(sent: Doc, names: Sequence[Name]) -> list[Name]:
    """The longest run of names joined by ``and`` or commas (``Apple and Meta``), in order."""
    runs = _coordinated_runs(sent, names)
    best = max(runs, key=len, default=[])
    return best if len(best) >= 2 else []


def _coordinated_runs(sent: Doc, names: Sequence[Name]) -> list[list[Name]]:
    """Each run of names joined by ``and`` or commas, in order, one name or more."""
    heads = {}
    for name in names:
        span = tokens_of(sent, name.start, name.end)
        if span is not None:
            heads[head_of(span).i] = name

    def joined(token: Token) -> bool:  # a conjunct of the name before it, and only words of coordination between
        return token.dep_ == "conj" and token.head.i in heads and token.i in heads and \
            bool(COORDINATION_GAP.match(sent.text[heads[token.head.i].end:heads[token.i].start]))

    runs = []
    for i, name in heads.items():
        if joined(sent[i]):
            continue  # not the first of its run
        run, token = [name], sent[i]
        while True:
            nxt = [c for c in token.children if joined(c)]
            if not nxt:
                break
            token = nxt[0]
            run.append(heads[token.i])
        runs.append(run)
    return runs


# what lies between two coordinated names: ``Apple and Meta``, ``Germany, Britain, and the United States``;
# not a number given with the first (``Niger, 15 percent, and then Mali``)
COORDINATION_GAP = re.compile(r"^\s*,?\s*(?:(?:and|or|&|as\s+well\s+as)\s+)?(?:the\s+)?$", re.I)


def _coordinated_nouns(noun: Token) -> list[Token]:
    """The conjuncts of a coordinated measure: of the noun itself (``service industry, industrial
    engineering and agriculture industry``), or of what it is ``of`` (``added value of the digital
    economy and core industries`` -> ``digital economy``, ``core industries``)."""
    candidates = [noun] + [c for p in noun.rights if p.lower_ == "of" for c in p.children if c.dep_ == "pobj"]
    for first in candidates:
        run, token = [first], first
        while True:
            nxt = [c for c in token.children if c.dep_ == "conj" and is_nounlike(c)]
            if not nxt:
                break
            token = nxt[0]
            run.append(token)
        if len(run) >= 2:
            return run
    return []


def figure_of(sent: Doc, span: Span, spans: Sequence[Span], unit: str | None, value: float | None,
              names: Sequence[Name], deadline: int | None = None, is_target: bool = False) -> RawFigure:
    """The figure of the quantity whose tokens are ``span``, in the parsed sentence ``sent``."""
    kind = find_kind(sent, span, unit, value)
    noun = find_measure_noun(sent, span, unit, names, kind)
    counted = kind == "level" and isinstance(noun, Token) and noun.pos_ == "NOUN" and \
        noun.i == getattr(counted_noun(span, unit), "i", -1)
    settled = noun is NAMED_BY_VERB or (isinstance(noun, Token) and not counted and is_anaphor(noun))
    found = noun if isinstance(noun, Token) else None
    noun = resolve_noun(found) if found is not None else None
    if noun is not None and any(t.dep_ == "relcl" and t.head.i == noun.i for t in head_of(span).ancestors):
        noun = _copula_subject(noun, names) or noun  # the number in a clause on a predicate noun
    if noun is not None and (name_at(names, noun) is not None or _is_amount_word(noun, spans)):
        noun = None
    weak = noun is None and found is not None and _is_change_noun(found)
    if weak:
        noun = _what_changes(found, names)
        if noun is None and any(c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "NOUN") and
                                c.lower_ not in DROPPED_ADJECTIVES and c.tag_ != "JJS" and not is_time_word(c) and
                                name_at(names, c) is None and not _is_amount_word(c, spans) and
                                not span.start <= c.i < span.end for c in found.lefts):
            noun = found  # ``an economic boost of £47bn``: a change its modifiers say the sort of
        if noun is None and _is_money(unit) and found.i == getattr(counted_noun(span, unit), "i", -1):
            noun = found  # ``paused a $300 million expansion``: money that sizes the change names it
    measure = None  # a generic noun the number counts (``four levels``) is no anaphor
    if noun is not None and (not is_anaphor(noun) or (counted and noun.i == found.i)):
        measure = noun_phrase(sent, noun, names, exclude=span, numbers=spans)
    base = counted_noun(span, unit) if noun is None and MULTIPLE.match(span.text) else None
    source = _source_phrase(sent, span)
    if source is not None:  # ``..., according to a plan released by five ministries in Easton``: the
        # number counts the source, whose own phrase alone says whose it is and when
        owner = None if noun is None else _owner_of_noun(sent, noun, names)
        period = next((_span_end(sent, i, y) for i, y in years_in(sent) if span.end <= i < source.end), None)
    else:
        owner = find_subject(sent, span, noun if base is None else base, names, kind,  # ``twice the UK's demand``
                             money=_is_money(unit))
        period = find_period(sent, span, spans, deadline, is_target, names)
    owner = _place_of_body(sent, _with_coordinated(sent, _named_in_full(sent, owner, names), names), names)
    subject = None if owner is None else _trimmed(sent.text, owner.start, owner.end)
    weak = weak or (kind == "share" and _share_of_what_came_before(span))
    return RawFigure(measure, subject, period, kind, settled, None if measure is None else noun.i, weak)


SOURCE_PHRASE_END = frozenset({",", ";", ":", "(", ")", "—", "–"})


def _source_phrase(sent: Doc, quantity: Span) -> Span | None:
    """The ``according to ...`` phrase the number stands in, to the phrase's end, or None; not a clause
    the phrase opens without a comma (``According to Li the council has unveiled 60 policies``)."""
    for i in range(quantity.start - 1, 0, -1):
        if sent[i].text in SOURCE_PHRASE_END or sent[i].tag_ in FINITE_TAGS or sent[i].tag_ == "MD":
            return None
        if sent[i].lower_ == "to" and sent[i - 1].lower_ == "according":
            end = next((t.i for t in sent[quantity.end:] if t.text in SOURCE_PHRASE_END), len(sent))
            return sent[i + 1:end]
    return None


def _share_of_what_came_before(quantity: Span) -> bool:
    """``China had 364 million internet medical users, accounting for 33.8% of all netizens``: a
    participle of accounting with no subject of its own takes the amount before it as the part, so a
    measure before the number in the sentence comes first."""
    verb = governing_verb(head_of(quantity))
    return verb is not None and verb.tag_ == "VBG" and verb.lemma_ in ACCOUNT_VERBS and \
        verb.dep_ in ("advcl", "xcomp", "acl", "conj") and not any(c.dep_ in ("nsubj", "nsubjpass")
                                                                   for c in verb.children)


GOVERNMENT_BODIES = frozenset("""cabinet government ministry parliament senate congress assembly administration
council""".split())


def _named_in_full(sent: Doc, owner: Name | None, names: Sequence[Name]) -> Name | None:
    """A name in brackets right after a name of the same kind is that name again, shorter or local
    (``Federal Network Agency (FNA, known locally as BNetzA)``): the owner is the name the sentence
    gives in full, before the bracket."""
    if owner is None:
        return None
    opening = max(sent.text.rfind("(", 0, owner.start), sent.text.rfind("[", 0, owner.start))
    if opening < 0 or re.search(r"[)\]]", sent.text[opening:owner.start]) or \
            not re.search(r"[)\]]", sent.text[owner.end:]):
        return owner
    for name in names:
        if name.label == owner.label and name.end <= opening and not sent.text[name.end:opening].strip() and \
                not any(n.start <= name.start and owner.end <= n.end for n in names):
            return name
    return owner


def _place_of_body(sent: Doc, owner: Name | None, names: Sequence[Name]) -> Name | None:
    """A place that names a government body owns what the body's figure is (F6: ``UAE Cabinet`` ->
    ``UAE``), whether the organisation's span holds the place or starts right after it."""
    if owner is None or owner.label != "ORG":
        return owner
    for place in names:
        if place.label not in ("GPE", "LOC") or place.end >= owner.end:
            continue
        body = sent.text[place.end:owner.end] if place.start == owner.start else \
            sent.text[owner.start:owner.end] if not sent.text[place.end:owner.start].strip() else ""
        if body.strip().lower().removeprefix("the ") in GOVERNMENT_BODIES:
            return place
    return owner


def _with_coordinated(sent: Doc, owner: Name | None, names: Sequence[Name]) -> Name | None:
    """Several owners of one figure take one span over their coordination (F3: ``Germany, Britain, and
    the United States ... all exceeding 65 percent``), unless ``respectively`` shares them out."""
    if owner is None or re.search(r"\brespectively\b", sent.text, re.I):
        return owner
    for run in _coordinated_runs(sent, names):
        if len(run) >= 2 and run[0] == owner:
            return Name(run[0].start, run[-1].end, owner.label)
    return owner


def _what_changes(change: Token, names: Sequence[Name]) -> Token | None:
    """The subject of the verb a change or a growth rate hangs from, when it says of nothing itself:
    ``China's digital economy kept a high growth rate of 9.7 percent``, ``the digital economy grew at
    an average annual rate of 5.6 percent``. Weaker than the measure of a number before it in the
    sentence (``total data output reaching 41.06 zettabytes, a 25 percent increase``), which the
    parse may not tie to the change."""
    token = change
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return None
    subject = verb_subject(token)
    if subject is None or not is_nounlike(subject) or is_anaphor(subject) or name_at(names, subject) is not None \
            or _unfound_name(subject) or subject.lemma_.lower() in ACTORS or subject.i == change.i \
            or is_time_word(subject):
        return None
    return subject


def _copula_subject(noun: Token, names: Sequence[Name]) -> Token | None:
    """What a predicate noun describes: ``The new chip complex is a huge project that will span 7 million
    square meters`` measures the complex; not a name, an actor or a pronoun (``China is the largest
    market that ...``)."""
    if noun.dep_ != "attr" or noun.head.lemma_ != "be":
        return None
    subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    if subject is None or not is_nounlike(subject) or is_anaphor(subject) or name_at(names, subject) is not None \
            or _unfound_name(subject) or subject.lemma_.lower() in ACTORS | DESCRIPTORS | GOAL_NOUNS:
        return None  # ``the aim is the market share to double``: a goal's predicate is its content
    return subject


def _unfound_name(token: Token) -> bool:
    """A name the NER missed, an actor rather than a measure (``Acme has paused a $300 million
    expansion``): a proper noun, or a capitalised word inside the sentence with no determiner."""
    return token.pos_ == "PROPN" or (token.i > token.sent.start and token.text[:1].isupper()
                                     and not any(c.dep_ == "det" for c in token.children))


def _is_amount_word(noun: Token, spans: Sequence[Span]) -> bool:
    """A word of a number, not of what it counts: a token of a quantity (``percent`` of ``27
    percent``, ``dollars``), a number (``47bn``, ``hundreds of millions``), or a unit word."""
    return any(s.start <= noun.i < s.end for s in spans) or noun.like_num or noun.lower_ in UNIT_WORDS or \
        noun.lower_ in NUMBER_PLURALS or bool(re.match(r"^[$€£¥]?\d", noun.text))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A subject span without ``the`` and a possessive ``'s``."""
    span = text[start:end]
    if span.lower().startswith("the "):
        start += 4
    for suffix in ("'s", "’s", "'", "’"):
        if text[start:end].endswith(suffix):
            end -= len(suffix)
            break
    return start, end


# ------------------------------------------------------------------- stage


# currency names the parser reads as words of English after a number, and a currency it reads right
CURRENCY_READS = {"won": "yen"}
GLUED_SCALE = re.compile(r"\d[\d.,]*(?:bn|mn|tn|[kmb])", re.I)  # ``500bn``, which is no ``like_num``


def as_currency_reads(doc: Doc) -> Doc:
    """A sentence whose currency names after a number read as currencies to the parser, which sees a
    token's norm: in ``operating profit of 10.4 trillion won`` it takes ``won`` for a verb and the profit
    for its subject. The text, and so every offset, stays as it is."""
    for token in doc[1:]:
        number = doc[token.i - 1]
        if token.lower_ in CURRENCY_READS and (number.like_num or GLUED_SCALE.fullmatch(number.text)):
            token.norm_ = CURRENCY_READS[token.lower_]
    return doc


class SentenceParser:
    """The pinned package's tagger, parser and lemmatizer, built from its files as the NER is, run on
    one sentence at a time (``Span.as_doc``): the document's own tokens and sentences stay as they are."""

    def __init__(self, nlp: Language, base_model: str):
        folder = package_folder(base_model)
        settings = spacy.util.load_config(folder / "config.cfg", interpolate=True)["components"]
        self.components = []
        for name in PARSE_CHAIN:
            config = dict(settings[name])
            factory = config.pop("factory")
            component = nlp.create_pipe(factory, name=f"figures_{name}", config=config)
            self.components.append(component.from_disk(folder / name, exclude=["vocab"]))

    def __call__(self, spans: Sequence[Span]) -> list[Doc]:
        docs = [as_currency_reads(span.as_doc()) for span in spans]
        for component in self.components:
            docs = list(component.pipe(docs))
        return docs


@dataclass(frozen=True)
class FigureSentence:
    """A metric or target sentence to read figures from: document offsets, its quantities (document
    offsets too), whether it is a target, and its deadline."""

    start: int
    end: int
    quantities: Sequence[SentenceQuantity]
    is_target: bool
    deadline: int | None = None


class FiguresStage:
    """Parses the wanted sentences of a whole batch of documents at once: the parser's cost is mostly
    per call, and a document has only a few metric or target sentences."""

    def __init__(self, parser: SentenceParser | None):
        self.parser = parser

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            yield from self._figures_of_batch(list(batch))

    def _figures_of_batch(self, docs: list[Doc]) -> list[Doc]:
        if self.parser is None:
            for doc in docs:
                doc._.figures = {}
            return docs
        try:
            wanted = [wanted_sentences(doc) for doc in docs]
            spans = [sentence_spans(doc, ws) for doc, ws in zip(docs, wanted)]
            parsed = iter(self.parser([span for doc_spans in spans for span in doc_spans]))
            for doc, ws, doc_spans in zip(docs, wanted, spans):
                doc._.figures = figures_of_document(doc, ws, doc_spans, [next(parsed) for _ in ws])
        except Exception:  # one document at a time, to keep the bad one's error on it alone
            for doc in docs:
                self._figures_of_one(doc)
        return docs

    def _figures_of_one(self, doc: Doc) -> None:
        try:
            doc._.figures = figures_in(doc, wanted_sentences(doc), self.parser)
        except Exception as err:
            doc._.figures = {}
            record_error(doc, "claims_figures", err)


def wanted_sentences(doc: Doc) -> list[FigureSentence]:
    """The metric or target body sentences that hold a quantity: the only ones with figures."""
    labels = doc._.claim_labels or {}
    attribution = doc._.attribution or {}
    quantities = doc._.quantities or []
    wanted = []
    for _sent, start, end in sentence_bounds(doc, body_only=True):
        inside = [SentenceQuantity(q.start, q.end, q.value, q.unit)
                  for q in quantities if start <= q.start and q.end <= end]
        found = set(labels.get(start) or ())
        if inside and FIGURE_LABELS & found:
            wanted.append(FigureSentence(start, end, inside, "target" in found, attribution.get(start, (None, None))[1]))
    return wanted


def sentence_spans(doc: Doc, wanted: Sequence[FigureSentence]) -> list[Span]:
    return [doc.char_span(w.start, w.end, alignment_mode="expand") for w in wanted]


def figures_in(doc: Doc, wanted: Sequence[FigureSentence], parser: SentenceParser) -> dict[int, Figure]:
    """{quantity start: Figure} of the quantities of ``wanted``: the stage's path for one document,
    which the figure benchmark also takes with the gold's sentences, labels and quantities."""
    spans = sentence_spans(doc, wanted)
    return figures_of_document(doc, wanted, spans, parser(spans))


def figures_of_document(doc: Doc, wanted: Sequence[FigureSentence], spans: Sequence[Span],
                        parsed: Sequence[Doc]) -> dict[int, Figure]:
    """{quantity start: Figure} given each wanted sentence's span in the document and its parse."""
    text = document_text(doc)
    names = sentence_names(doc, [(w.start, w.end) for w in wanted])
    entities = doc._.claim_entities or []
    out = {}
    for w, span, sent_doc, sent_names in zip(wanted, spans, parsed, names):
        offset = span.start_char
        raws = figures_of_sentence(
            sent_doc, [SentenceQuantity(q.start - offset, q.end - offset, q.value, q.unit) for q in w.quantities],
            [Name(n.start - offset, n.end - offset, n.label) for n in sent_names], w.deadline, w.is_target)
        for q, raw in zip(w.quantities, raws):
            if raw is not None:
                out[q.start] = with_keys(to_figure(raw, offset, text), sent_doc, offset, entities)
    return out


def sentence_names(doc: Doc, bounds: Sequence[tuple[int, int]]) -> list[list[Name]]:
    """The places and demonyms the NER found (``is_place_name``), with the places it called ORG that
    the entity stage reads as places (``names_a_place``), and the spec's organisations and persons,
    per sentence; and the states, provinces and big cities the NER missed (``place_mentions``:
    ``Johor``, ``Assam``), where no entity covers them."""
    text = document_text(doc)
    senses = model_readings(text, [(e.start_char, e.end_char, e.label_) for e in doc.ents])
    places = [e for e in doc.ents if e.label_ in PLACE_LABELS
              or e.label_ == "ORG" and names_a_place(text[e.start_char:e.end_char], senses)]
    found = [Name(_with_hyphenated_part(text, e.start_char), e.end_char, "GPE" if e.label_ == "ORG" else e.label_)
             for e in places if is_place_name(e.text, e.label_)]
    found += [Name(e.start, e.end, e.label) for e in doc._.claim_entities or []]
    taken = [(e.start_char, e.end_char) for e in doc.ents] + [(n.start, n.end) for n in found]
    for start, end in bounds:  # only the sentences that want figures are read for places
        found += [Name(start + a, start + b, "GPE") for a, b in place_mentions(text[start:end], [0])
                  if not any(x < start + b and start + a < y for x, y in taken)]
    found.sort(key=lambda n: (n.start, -n.end))
    return [[n for n in found if start <= n.start and n.end <= end] for start, end in bounds]


# a capitalised, hyphenated word right before a place: part of its name (``Sub-Saharan Africa``)
HYPHENATED_PART_BEFORE = re.compile(r"(?<![\w-])[A-Z][a-z]+-[A-Z][a-z]+[^\S\r\n]$")


def _with_hyphenated_part(text: str, start: int) -> int:
    """Where a place's name starts once a hyphenated word the NER left out is put back: the tokenizer
    splits ``Sub-Saharan``, and the NER keeps ``Africa`` alone."""
    before = HYPHENATED_PART_BEFORE.search(text, max(0, start - 30), start)
    return before.start() if before is not None else start


def is_place_name(text: str, label: str) -> bool:
    """Whether a span the NER calls a place or demonym names one. A demonym is a word, never an
    acronym: the NER's NORP ``UPI`` is a payment system. Not a place: a word the small model mistakes
    for a name (``AI``, ``IT``), the same list the entity stage keeps out of organisations; a common
    noun for a place (``the Kingdom``, ``the Country``), which spec §9 gives no subject; a number
    (``10MHz``)."""
    words = text.lower().removeprefix("the ").strip()
    if label == "NORP" and text.isupper() and len(text) > 1:
        return False
    return words not in NOT_ORG_WORDS and words not in DESCRIPTORS and not text[:1].isdigit()


def to_figure(raw: RawFigure, offset: int, text: str) -> Figure:
    def span(v: tuple[int, int] | None) -> FigureSpan | None:
        if v is None:
            return None
        start, end = v[0] + offset, v[1] + offset
        return FigureSpan(start, end, text[start:end])

    return Figure(span(raw.measure), span(raw.subject), raw.period, raw.kind)


@Language.factory("claims_figures", default_config={"enabled": True, "base_model": BASE_MODEL},
                  requires=["doc._.quantities", "doc._.claim_labels"], assigns=["doc._.figures"])
def make_figures_stage(nlp: Language, name: str, enabled: bool, base_model: str) -> FiguresStage:
    return FiguresStage(SentenceParser(nlp, base_model) if enabled else None)
