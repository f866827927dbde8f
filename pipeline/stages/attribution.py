"""Stage: who a claim is attributed to, and the year a target is set for.

Analysts ask first "who said it" and "by when". Both are read off the
sentence with reporting patterns that hold across English news over the
entities the entity stage already found, so no new model is needed:

- a reporting verb next to the mention (``Liu said``, ``said Liu``, ``Liu
  Liehong, head of the NDA, told ...``, ``X on Thursday forecast that``);
- a source phrase (``according to the NDA``, ``according to a report
  released by X``, ``statistics from X show``, ``citing X``);
- the mention that plans (``the NDA plans to``, ``X expects``);
- in a target sentence, the mention that is the subject of the main clause
  (``the Committee will strengthen``, ``X has designated``), GUIDE.md.

Deadlines come in tiers, strongest first: ``by/before/until 2027`` and ``the
end of 2025``; a period's last year (``for the period 2023-2027``); years
set as milestones; then a bare ``in 2022``. Dates that only say when the
news happened (``on August 26, 2025``, ``the 2023-2025 plan``) are not
deadlines. The sentence functions are pure and tested without spaCy.
"""

from __future__ import annotations

import re
from itertools import combinations
from typing import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extensions import document_text, record_error, sentence_bounds
from pipeline.records import Entity

SPEECH_VERBS = (r"said|says|told|tells|stated|states|noted|notes|added|adds|announced|announces|"
                r"stressed|stresses|emphasi[sz]ed|emphasi[sz]es|highlighted|highlights|explained|"
                r"pointed out|believes|revealed|reveals|reported|reports|remarked|underscored|urged|"
                r"warned|declared|estimated|predicted|forecast|forecasts|wrote|insisted|argued|"
                r"acknowledged|confirmed|expressed|disclosed|projected")
# ``will`` but not the passive ``will be transformed``: a patient does not plan.
INTENT_VERBS = (r"(?:(?:will|would)(?!\s+(?:be|been)\s+\w+(?:ed|en)\b)|plans?|planned|aims?|aimed|seeks?|intends?|expects?|expected|"
                r"is committed|are committed|pledged|pledges|vowed|vows|is set|are set|is ready|targets?)\b")
# A role or description between a mention and its verb: ``, head of the NDA,``;
# up to three comma-separated parts, none with a finite verb, except a ``who`` clause.
_APPOSITIVE_PART = r"(?:who\b[^,;]{1,200}|(?![^,;]*(?-i:\b(?:[a-z]+ed|is|are|was|were|has|have|had|will|would)\b))[^,;]{1,200})"
APPOSITIVE = rf"(?:\s*,\s*{_APPOSITIVE_PART}(?:,\s*{_APPOSITIVE_PART}){{0,2}},)?"
# ``(CAICT)``, ``/Google``: an alias right after the mention.
ALIAS = re.compile(r"(?:\s*\([^()]{1,40}\)|/[\w.&-]+)?")
# ``on Thursday``, ``on August 26, 2025``, ``also``, ``has``: between subject and verb.
ADJUNCT = (r"(?:\s+(?:on\s+(?:[A-Z][a-z]+day|[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?)|last\s+\w+|"
           r"earlier|recently|also|further|now|once|again|has|have|had|jointly)\b)*")
# Titles between a reporting verb and the name: ``said U.S. Secretary of Commerce Gina Raimondo``.
TITLE_WORDS = (r"(?:(?-i:[A-Z][\w.&'’-]*)|of|for|and|the|minister|secretary|director|head|chairman|"
               r"president|spokes(?:person|man|woman)|deputy|vice|chief|official|professor|analyst|"
               r"researcher|founder|executive|general|economist)")
ACCORDING_TO = re.compile(
    r"\b(?:according\s*to|citing|quoting)\s*(?:the\s+|a\s+|an\s+)?"
    r"(?:[^,;.()]{0,80}?\b(?:by|from|of|including|with)\s+(?:the\s+)?)?$", re.I)
DATA_SOURCE_BEFORE = re.compile(
    r"\b(?:statistics|data|figures|a\s+report|a\s+survey|a\s+study|estimates)\s+(?:\w+\s+){0,2}?"
    r"(?:by|from|of)\s+(?:the\s+)?$", re.I)
DATA_SOURCE_AFTER = re.compile(r"^[^,;.]{0,40}?\b(?:show|shows|showed|shown|revealed|indicated?|suggest(?:s|ed)?)\b", re.I)
SAID_AFTER = re.compile(rf"^{APPOSITIVE}{ADJUNCT}\s*(?:{SPEECH_VERBS})\b", re.I)
SAID_BEFORE = re.compile(rf"\b(?:{SPEECH_VERBS})\s+(?:by\s+)?(?:{TITLE_WORDS}\s+){{0,8}}$", re.I)
INTENT_AFTER = re.compile(rf"^{APPOSITIVE}{ADJUNCT}\s*{INTENT_VERBS}", re.I)
# Between a person and the organisation of their role: ``(何伟), vice-head of the``.
ROLE_OF = re.compile(r"(?:\s*\([^()]{1,40}\))?\s*,\s*[^,;]{0,80}?\b(?:of|at|from)\s+(?:the\s+)?$", re.I)
# The subject of a main clause: at the start of the sentence or after an opening phrase.
CLAUSE_START = re.compile(r"(?:^|,\s*|\bthat\s+)(?:the\s+|(?-i:[A-Z][\w-]*)['’]s\s+)?$", re.I)
NOT_A_SUBJECT = re.compile(r"\b(?:by|and|of|including|with|from|to|for|than|as)\s+(?:the\s+)?$", re.I)
ACTIVE_VERB = re.compile(
    rf"^{APPOSITIVE}{ADJUNCT}\s*(?:will|would|shall|has|have|had|is|are)?\s*"
    r"(?!be\b|been\b)(?-i:[a-z]+(?:ed|es|s))\b(?!\s+by\b)", re.I)

YEAR = r"((?:19|20)\d\d)"
DEADLINE_TIERS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\b(?:by|before|until|till|through|no later than)\s+(?:the\s+(?:end|close|middle)\s+of\s+)?"
               rf"(?:(?:early|mid|late)-?\s*)?{YEAR}\b", re.I),
    re.compile(rf"\b(?:period|from|between|during|for)\s+(?:the\s+)?(?:years?\s+)?(?:of\s+)?(?P<first>(?:19|20)\d\d)\s*"
               r"(?:[-–—/]|to|and)\s*((?:19|20)?\d\d)\b", re.I),
    re.compile(rf"\b{YEAR}(?:\s*(?:,|and)\s*(?:19|20)\d\d)*\s+as\s+(?:(?:the|a|an|its|key|crucial|important|"
               r"major)\s+)*(?:milestones?|targets?|deadlines?|target years?|goals?)\b", re.I),
    re.compile(rf"\b(?:in|for|to)\s+{YEAR}\b(?!\s*[-–—/]\s*\d)", re.I),
)


def _span_year(match: re.Match) -> int:
    """The year a pattern captured; the period ``2023-27`` gives 2027."""
    year = match.group(match.lastindex)
    return int(year) if len(year) == 4 else int(match.group("first")[:2] + year)


def find_deadline(text: str) -> int | None:
    """The year a target is set for: ``By 2027`` -> 2027; the strongest cue wins, then the latest year."""
    for pattern in DEADLINE_TIERS:
        years = [_span_year(m) for m in pattern.finditer(text)]
        if years:
            return max(years)
    return None


def _rank(text: str, start: int, end: int, others: Sequence[tuple[int, int]], is_target: bool) -> int | None:
    """How strongly ``text`` attributes its claim to the mention at [start:end]; None if not at all.

    0: a source (``according to X``); 1: a reporting verb; 2: the one who
    plans; 3: a target's subject. The last two must not reach across another
    mention (``X and Y plan``), an alias in brackets aside.
    """
    before = text[:start]
    end += ALIAS.match(text, end).end() - end
    after = text[end:]
    if ACCORDING_TO.search(before) or (DATA_SOURCE_BEFORE.search(before) and DATA_SOURCE_AFTER.match(after)):
        return 0
    if SAID_BEFORE.search(before) or SAID_AFTER.match(after):
        return 1
    if NOT_A_SUBJECT.search(before):
        return None
    for rank, match in ((2, INTENT_AFTER.match(after)),
                        (3, ACTIVE_VERB.match(after) if is_target and CLAUSE_START.search(before) else None)):
        if match and not any(end <= s < end + match.end() for s, _ in others):
            return rank
    return None


def find_speaker(text: str, entities: Sequence[Entity], offset: int = 0, *, is_target: bool = False
                 ) -> Entity | None:
    """The PERSON/ORG the sentence ``text`` attributes its claim to, if one is named.

    ``entities`` carry document offsets; ``offset`` is where ``text`` starts.
    A named source wins over a reporting verb, which wins over the one who
    plans, and that over a target's subject; of equals, the first mention.
    """
    spans = [(e.start - offset, e.end - offset) for e in entities]
    ranks = [_rank(text, start, end, [s for s in spans if s != (start, end)], is_target) for start, end in spans]
    for i, j in combinations(range(len(entities)), 2):
        # ``He Wei, vice-head of the CAICT said``: the organisation is the person's role.
        if (ranks[j] is not None and entities[i].label == "PERSON" and entities[j].label == "ORG"
                and ROLE_OF.match(text, spans[i][1], spans[j][0])):
            ranks[i] = ranks[j] if ranks[i] is None else min(ranks[i], ranks[j])
    found = [(rank, k) for k, rank in enumerate(ranks) if rank is not None]
    return entities[min(found)[1]] if found else None


def attribute_sentence(text: str, entities: Sequence[Entity], offset: int, labels: Iterable[str]
                       ) -> tuple[Entity | None, int | None]:
    """Speaker and deadline of one claim sentence; the deadline only for targets."""
    is_target = "target" in labels
    deadline = find_deadline(text) if is_target else None
    return find_speaker(text, entities, offset, is_target=is_target), deadline


def attribute_span(document: str, entities: Sequence[Entity], start: int, end: int, labels: Iterable[str]
                   ) -> tuple[Entity | None, int | None]:
    inside = [e for e in entities if start <= e.start and e.end <= end]
    return attribute_sentence(document[start:end], inside, start, labels)


class AttributionStage:
    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.attribution = self.attribute(doc)
        except Exception as err:
            doc._.attribution = {}
            record_error(doc, "claims_attribution", err)
        return doc

    @staticmethod
    def attribute(doc: Doc) -> dict[int, tuple[Entity | None, int | None]]:
        labels = doc._.claim_labels or {}
        entities = doc._.claim_entities or []
        out, document = {}, document_text(doc)
        for _, start, end in sentence_bounds(doc):
            if labels.get(start):
                out[start] = attribute_span(document, entities, start, end, labels[start])
        return out


@Language.factory("claims_attribution", requires=["doc._.claim_labels", "doc._.claim_entities"],
                  assigns=["doc._.attribution"])
def make_attribution_stage(nlp: Language, name: str) -> AttributionStage:
    return AttributionStage()
