"""Stage: who a claim is attributed to, and the year a target is set for.

Analysts ask first "who said it" and "by when". Both are read off the
sentence's words around the mentions the entity stage already found, so no
new model and no parse are needed (the figures stage parses metric and target
sentences only; policy sentences have speakers too). GUIDE.md states the rules
annotators follow; the stage follows the same ones, strongest first:

0. a named source: ``according to X``, ``as per X``, ``citing X``, ``in a
   statement by X``, ``data/figures/a report/a survey from|by|of X show(s)``,
   ``X's report showed``;
1. a reporting verb, a closed class listed by lemma and used in any tense
   (``Liu said``, ``says Liu``, ``Tencent reported``, ``X on Thursday forecast
   that``); an unnamed official, spokesperson or expert of a named body speaks
   for the body (``an official with X said``, ``X officials said``);
2. in a target or policy sentence, the mention that plans (``the NDA plans
   to``, ``Microsoft will invest``);
3. in a target or policy sentence, the mention that is the subject of the main
   clause (``the EU has designated``, ``the ministry issued``); with it, the
   passive agent of the action that makes a policy (``adopted by the
   Cabinet``, ``proposed by Prime Minister X``), unless the sentence gives an
   unnamed source (``according to minutes``).

Of equal strength, the mention nearest its cue wins (``a spokesperson for X,
Jane Doe, said`` -> Jane Doe). A person before their office takes the claim
from the office (``Li Wei, minister of X, said`` -> Li Wei). Of coordinated
subjects, the first takes the cue (``Temasek and Google published`` ->
Temasek), and the one who said it wins over the medium reporting the saying
(``X said, according to a Y report`` -> X).

Deadlines come in tiers, strongest first: ``by/before/until 2027``, ``by the
end of 2025``, ``by FY2026``; a period's last year (``for the period
2023-2027``); years set as milestones, goals or targets (``a target of 2026``);
a fiscal year (``fiscal 2026``); a bare ``in late 2022``; a day after words
that look ahead (``will take effect on 1 November 2025``); a plan named for its
horizon (``Vision 2030``); then a span's end year (``its 2023-2025 plan``).
Of one tier, the first wins: it is the one the intention states first; in the
weaker tiers, a year whose clause looks ahead (``will be published in November
2018``) before one that does not (``data for 2017``). A deadline faces the
future: a span's first year, a year in a clause with a past verb and nothing
looking ahead (``Intel, which acquired X in 2012, will``), and a span that
names no plan (``the EU's 2019-2024 legacy``) are not deadlines; nor are dates
that only say when the news happened (``on August 26, 2025``). The sentence
functions are pure and tested without spaCy.
"""

from __future__ import annotations

import re
from itertools import combinations
from typing import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extensions import document_text, record_error, sentence_bounds
from pipeline.records import Entity

# ------------------------------------------------------------------ word classes

# Verbs that report or source a claim, by lemma; every tense comes from the lemma (``verb_forms``).
REPORTING_LEMMAS = ("say", "tell", "state", "note", "add", "announce", "report", "reveal", "explain", "expect",
                    "anticipate", "estimate", "forecast", "predict", "project", "show", "find", "write", "confirm",
                    "disclose", "highlight", "stress", "emphasise", "emphasize", "underscore", "remark", "warn",
                    "declare", "insist", "argue", "acknowledge", "believe", "claim", "assert", "observe", "mention",
                    "indicate", "suggest", "urge", "express", "comment", "reiterate", "cite", "point out", "recall", "describe")
IRREGULAR = {"say": ("said",), "tell": ("told",), "find": ("found",), "write": ("wrote", "written"),
             "forecast": ("forecast", "forecasted"), "show": ("showed", "shown"), "put": ("put",)}
# Lemmas whose base and -s forms are also nouns (``the NDA report``, ``Huawei projects``): as a verb
# they must not be followed by what follows a noun.
NOUN_LIKE = frozenset({"state", "note", "report", "estimate", "forecast", "project", "show", "find", "claim",
                       "remark", "stress", "mention", "comment", "express", "highlight", "cite"})
# Lemmas that report only with a clause or a full stop after them: ``X added that``, ``, X added.``;
# not ``X added 5 million users`` nor ``X showed strong growth``.
CLAUSE_ONLY = frozenset({"add", "show", "find"})
# Lemmas that put the speaker after them (``said Liu``, ``, added the ministry``); the rest take
# an object there (``told Xinhua``, ``showed Huawei's revenue``) unless passive (``estimated by X``).
INVERTING = frozenset({"say", "state", "note", "add", "explain", "write", "remark", "declare", "report",
                       "insist", "argue", "acknowledge", "assert", "observe", "comment", "reiterate", "stress",
                       "emphasise", "emphasize", "recall"})
# People who speak for a body without being named: ``an official with X``, ``X spokespeople``.
ROLE_NOUNS = (r"(?:officials?|spokes(?:person|man|woman|people|persons|men|women)|representatives?|sources?|"
              r"experts?|analysts?|executives?|researchers?|economists?|officers?|insiders?|staff(?:ers?)?|"
              r"members?|heads?|chiefs?|directors?|managers?|engineers?|scientists?|leaders?|employees?|"
              r"people|persons?|authorities|chairman|chairwoman|chairperson|president|minister|secretary|"
              r"administration|government|campaign)")
# Nouns for a document or data set that states a claim: ``data from X show``, ``in a report by X``.
SOURCE_NOUNS = (r"(?:statistics|data|figures|numbers|estimates?|forecasts?|projections?|reports?|surveys?|"
                r"stud(?:y|ies)|research|analysis|white\s+paper|paper|poll|index|ranking|review|filings?|"
                r"documents?|statements?|release|assessment|calculations|findings|outlook|notice|post|"
                r"bulletin|speech|letter|announcement|briefing|presentation|update|order|decree|ruling|directive|"
                r"memo|memorandum|guidance|comments|remarks|testimony|lawsuits?|complaints?|petitions?)")


def verb_forms(lemma: str) -> tuple[str, ...]:
    """Every tense of a verb from its lemma: ``say`` -> say, says, said; ``point out`` -> pointed out."""
    head, _, particle = lemma.partition(" ")
    third = head + ("es" if head.endswith(("s", "sh", "ch", "x", "z")) else "s")
    past = IRREGULAR.get(head) or ((head[:-1] if head.endswith("e") else head) + "ed",)
    return tuple(f"{form} {particle}".strip() for form in (head, third, *past))


def _alternation(forms: Iterable[str]) -> str:
    """A regex alternation of words, longest first, with a particle's space as any space."""
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(set(forms), key=len, reverse=True))


def _reporting_verb() -> str:
    """A reporting verb in any tense, each form guarded as its lemma needs (NOUN_LIKE, CLAUSE_ONLY)."""
    plain, noun_like, clause_only, before_that = [], [], [], []
    for lemma in REPORTING_LEMMAS:
        forms = verb_forms(lemma)
        if lemma.partition(" ")[0] in CLAUSE_ONLY:
            before_that += forms[:1]
            clause_only += forms[1:]
        elif lemma in NOUN_LIKE:
            noun_like += forms[:2]
            plain += forms[2:]
        else:
            plain += forms
    after_noun = r"(?!\s*(?:['’]s\b|[,.;:)]|$)|\s+(?:is|are|was|were|will|would|can|could|may|might|should|has|have|had|of|and|or|for|from)\b)"
    after_clause = r"(?=\s*(?:that\b|[,.;:\"“”'’—–-]|$)|\s+(?:in|on|at|during|last|this|yesterday|today|earlier)\b)"
    return (rf"(?:(?:{_alternation(plain)})\b|(?:{_alternation(noun_like)})\b{after_noun}|"
            rf"(?:{_alternation(clause_only)})\b{after_clause}|(?:{_alternation(before_that)})(?=\s+that\b))")


# ``X was quoted as saying``
REPORTING_VERB = rf"(?:{_reporting_verb()}|(?:is|are|was|were)\s+quoted\s+as\b)"
INVERTING_VERB = _alternation(f for lemma in INVERTING for f in verb_forms(lemma)[1:])
PASSIVE_VERB = _alternation(f for lemma in REPORTING_LEMMAS for f in verb_forms(lemma)[2:])
# ``will`` but not the passive ``will be transformed``: a patient does not plan.
# Nor ``will no longer be allowed`` or ``will have to``: an obligation is no intention.
INTENT_VERBS = (r"(?:(?:will|would|shall)(?!(?:\s+(?:not|no\s+longer|also|still|now|(?-i:[a-z]{3,}ly)))*\s+"
                r"(?:(?:be|been)\s+\w+(?:ed|en)\b|have\s+to\b|need\s+to\b))|plans?|planned|aims?|aimed|seeks?|"
                r"sought|intends?|intended|expects?|expected|hopes?\s+to|hoped\s+to|wants?\s+to|wanted\s+to|"
                r"(?:is|are|was|were)\s+(?:(?-i:[a-z]{3,}ly)\s+)?(?:committed|set|ready|going|poised|determined|working|"
                r"looking|planning|aiming|seeking|preparing|hoping|intending|considering|moving)|"
                r"commits?|committed|pledged|pledges|vowed|vows|targets?|targeted|strives?|strove|"
                r"agree[sd]?\s+to|decided?\s+to|decides\s+to|(?:has|have|had)\s+set|sets?\s+out|"
                r"(?:has|have|had)\s+(?:(?-i:[a-z]+)\s+)?(?:plans?|targets?|goals?|ambitions?)\s+(?:to|of)|"
                r"(?:is|are|was|were)\s+(?:(?-i:[a-z]{3,}ly)\s+)?(?:expected|scheduled|due)\s+to)\b")
# What a body does to a policy or target when it makes it; its passive agent is the actor
# (``adopted by the Cabinet``, ``proposed by Prime Minister X``, ``jointly approved by the NDRC``).
POLICY_PARTICIPLES = (r"(?:adopted|approved|proposed|issued|released|launched|passed|unveiled|introduced|announced|"
                      r"enacted|signed|published|drafted|formulated|endorsed|ratified|tabled|initiated|established|"
                      r"set\s+up|rolled\s+out|put\s+forward|imposed|ordered|mandated|designated|awarded|granted|"
                      r"allocated|earmarked|commissioned|authori[sz]ed|unveiled|fined|levied|promulgated|decided|"
                      r"drawn\s+up|laid\s+out|set\s+out|set|filed|brought|blocked|rescinded|revoked|overturned|vetoed|"
                      r"struck\s+down|suspended|halted)")
# Verbs whose subject does not act (``Huawei received``, ``Intel faces``): never a speaker by rule 3.
NOT_ACTS = (r"(?:receive[sd]?|faced?|faces|remain(?:s|ed)?|become?s?|became|need(?:s|ed)?|accounts?|accounted|"
            r"rank(?:s|ed)|reach(?:es|ed)|rose|grew|fell|lost|gained|gains|saw|sees|seems?|seemed|appears?|"
            r"appeared|lags?|lagged|trails?|trailed|continues|continued|lacks|lacked|holds|held|owns|owned)")
IRREGULAR_ACTS = (r"(?:set|put|made|built|took|gave|led|won|began|brought|laid\s+out|drew\s+up|sent|spent|chose|"
                  r"undertook|undertaken|taken|given|begun|chosen|drawn\s+up|written|overtaken|"
                  # the progressive, ``X is investing``
                  r"(?:(?<=\bis\s)|(?<=\bare\s)|(?<=\bwas\s)|(?<=\bwere\s))(?!(?:facing|receiving|becoming|losing|seeing|"
                  r"gaining|lagging|trailing|struggling|remaining|getting|having|being)\b)(?-i:[a-z]{3,}ing))")
# A role or description between a mention and its verb: ``, head of the NDA,``;
# up to three comma-separated parts, none with a finite verb, except a ``who`` clause, alone or on a
# description (``, one of the lawmakers who steered the bill,``).
_APPOSITIVE_PART = (r"(?:(?:(?!(?:is|are|was|were|has|have|had|will|would|said|says)\b)[\w'’-]+\s+){0,8}?"
                    r"(?:who|whose|which)\b[^,;]{1,200}|"
                    r"(?![^,;]*(?-i:(?<![\w-])(?:[a-z]+ed(?!\s+(?:in|on|at|by|to|with|from|for|as|under)\b)|is|are|was|were|"
                    r"has|have|had|will|would)\b))[^,;]{1,200})")
# an aside on the mention that describes it, by a relative clause or a noun (``, whose trial heard Y,``, ``, the
# AI company launched by Y,``; not the next name of a list, ``, the Ministry of Finance``): a mention inside it
# does not compete with the one it describes
DESCRIBING_ASIDE = re.compile(r"\s*,\s*(?:(?:who|whose|which)\b|(?:the|a|an)\s+(?P<described>))", re.I)
APPOSITIVE = rf"(?:\s*,\s*{_APPOSITIVE_PART}(?:,\s*{_APPOSITIVE_PART}){{0,2}},)?"
# ``(CAICT)``, ``/Google``: an alias right after the mention.
ALIAS = re.compile(r"(?:\s*\([^()]{1,120}\)|\s*（[^（）]{1,40}）|/[\w.&-]+)?")
MONTH_NAME = (r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December)")
# ``on Thursday``, ``on August 26, 2025``, ``also``, ``has``: between subject and verb.
ADJUNCT = (r"(?:\s+(?:on\s+(?:[A-Z][a-z]+day|[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?)|last\s+\w+|"
           r"earlier|recently|also|further|now|once|again|has|have|had|jointly|previously|separately|"
           r"first|later|then|already|still|just|soon|together|today|yesterday|this\s+(?:morning|afternoon|evening|week|month|year)|"
           rf"in\s+a\s+statement|(?-i:[a-z]{{3,}}ly)|in\s+{MONTH_NAME}|"
           r"in\s+(?:(?:early|mid|late)[\s-]+)?(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d)\b|"
           r"\s*,\s*(?:on\s+)?(?:[A-Z][a-z]+day|(?-i:[a-z]{3,}ly)|in\s+a\s+statement)\s*,)*")
# ``Judge X of the district court says``
OF_PHRASE = r"(?:\s+(?:of|at|from)\s+(?:the\s+)?(?:[\w.’'-]+\s+){0,8}?[\w.’'-]+(?=\s))?"
# A coordinated phrase that names no one: ``X and several other authorities``, ``X together with Y``.
_COORDINATED_WORD = (r"(?!(?:will|would|shall|can|could|may|might|must|should|has|have|had|is|are|was|were|who|which|"
                     r"that)\b)[\w'’.-]+")
COORDINATED = rf"(?:\s+(?:and|together\s+with|along\s+with)\s+(?:{_COORDINATED_WORD}\s+){{0,4}}?{_COORDINATED_WORD}(?=\s))?"
# Titles between a reporting verb and the name: ``said U.S. Secretary of Commerce Gina Raimondo``. The verb
# follows a quote or a comma: ``An embassy spokesman said Benchaou ...`` is no inversion.
# Capitalised words, or lower-case ones that are not a verb, a pronoun or a clause's first word
# (``said ministry spokesman``, ``the company's chief executive``); no plural nor past form
# (``said the plan benefits``).
TITLE_WORDS = (r"(?:(?-i:[A-Z][\w.&'’-]*)|"
               r"(?!(?:that|which|who|whom|whose|when|while|if|because|as|in|on|at|to|with|by|from|it|its|he|she|"
               r"they|we|i|you|there|this|these|those|will|would|can|could|may|might|must|should|shall|be|been|"
               r"not|no|also|then|than|but|or)\b)(?-i:[a-z][a-z-]*(?<!ed)(?<![^su's]s)(?:['’]s)?))")
# A modifier between ``by`` and the name, lower-case or a demonym: ``compiled by state-backed X``,
# ``according to the Chinese [Ministry of ...]``.
MODIFIER = r"(?:(?-i:[a-z][\w-]*|[A-Z][a-z]+(?:an|ese|ian|ish|i|ic|ch))\s+)?"

# Words for an office or a kind of body that stand before a name: ``Union minister X``,
# ``Chipmaking rival X``, ``Chinese telecommunications company X``.
DESCRIPTORS = (r"(?-i:minister|secretary|president|premier|governor|mayor|senator|lawmaker|legislator|chairman|"
               r"chairwoman|chair|director|head|chief|spokes(?:person|man|woman)|founder|commissioner|ambassador|"
               r"official|analyst|economist|professor|executive|deputy|vice|general|company|firm|giant|operator|"
               r"carrier|regulator|maker|chipmaker|group|lender|bank|rival|startup|provider|agency|body|"
               r"watchdog|ministry|department|government|state|national|federal|[a-z]+-(?:owned|backed|run|based)|"
               r"(?:[a-z]+(?:ing|al|ic|ive|ary)))s?")

# ---------------------------------------------------------------- speaker cues

# ``according to minutes seen by X``: who saw or obtained a document is not its source.
SEEN_BY = re.compile(r"\b(?:seen|obtained|reviewed|viewed|accessed)\s+by\s+(?:the\s+)?\S*\s*$", re.I)
SOURCE_BEFORE = re.compile(
    r"\b(?:according(?:\s*to)?\s|as\s+per|per(?=\s+(?:a|an|the|its|their)\s)|citing|quoting)\s*"
    r"(?:(?:the|a|an|its|their|his|her)\s+)?"
    rf"(?:[^,;.()]{{0,80}}?\b(?:by|from|of|including|with|at|for)\s+(?:the\s+)?)?(?:{MODIFIER}|(?:{TITLE_WORDS}\s+){{1,6}})$",
    re.I)
STATEMENT_BEFORE = re.compile(
    rf"(?:^[\W_]*|[,;:]\s*)in\s+(?:a|an|its|their|his|her)\s+(?:[\w-]+\s+){{0,3}}?{SOURCE_NOUNS}\s+"
    rf"(?:[^,;.()]{{0,60}}?\s)?(?:by|from|of)\s+(?:the\s+)?{MODIFIER}$", re.I)
DATA_SOURCE_BEFORE = re.compile(rf"\b{SOURCE_NOUNS}\b(?:[^;.()]{{0,60}}?\s)?(?:by|from|of)\s+(?:the\s+)?{MODIFIER}$", re.I)
# What a document or data set does when it states a claim: it may take an object (``showed exports fell``).
SOURCE_VERB = _alternation(f for lemma in ("say", "show", "find", "reveal", "indicate", "suggest", "estimate", "put",
                                           "place", "state", "note", "project", "forecast", "predict", "confirm",
                                           "allege")
                           for f in verb_forms(lemma)[0 if lemma not in NOUN_LIKE | {"put", "place"} else 1:])
DATA_SOURCE_AFTER = re.compile(rf"^[^;.]{{0,160}}?\b(?:{SOURCE_VERB})\b(?!\s+(?:of|for|in|on|to)\b|\s*[,.;:]|\s*$)", re.I)
# ``X's report showed``, ``NBS data show``, also past an aside (``X's lawsuit, filed in 2020, alleges``)
POSSESSOR_SOURCE_AFTER = re.compile(
    rf"^(?:['’]s?)?\s+(?:(?-i:[a-z][\w-]*)\s+){{0,3}}?{SOURCE_NOUNS}\b(?:\s*,[^,;.]{{1,100}},)?[^,;.]{{0,60}}?"
    rf"\b(?:{SOURCE_VERB})\b", re.I)
SAID_SOURCE_BEFORE = re.compile(
    rf"(?:^|[,;:\"“”'’—–-])\s*(?:{INVERTING_VERB}|{SOURCE_VERB})\s+(?:the|a|an|its|their)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"{SOURCE_NOUNS}\b[^;.()]{{0,60}}?\b(?:by|from|of)\s+(?:the\s+)?{MODIFIER}$", re.I)
PUBLISH_VERB = _alternation(f for lemma in ("publish", "release", "issue", "update", "unveil", "launch", "compile",
                                            "put out") for f in verb_forms(lemma))
PUBLISHED_SOURCE_AFTER = re.compile(
    rf"^{APPOSITIVE}{ADJUNCT}\s+(?:(?:has|have|had)\s+)?(?:{PUBLISH_VERB})\s+(?:(?:a|an|its|their|the)\s+)?"
    rf"(?:(?!(?:on|of|in|for|to|with|about)\b)[\w-]+\s+){{0,3}}?{SOURCE_NOUNS}\b", re.I)
# ``Xinhua quoted X as saying``
QUOTED_BEFORE = re.compile(rf"\bquot(?:ed|es|ing)\s+(?:the\s+)?(?:{TITLE_WORDS}\s+){{0,8}}$", re.I)
QUOTED_AFTER = re.compile(rf"^{APPOSITIVE}\s+as\s+(?:saying|telling|stating|noting|adding|writing)\b", re.I)
SAID_AFTER = re.compile(rf"^(?P<apposition>{APPOSITIVE})(?P<coordinated>{OF_PHRASE}{COORDINATED}){ADJUNCT}\s*(?:who\s+)?"
                        rf"(?P<verb>{REPORTING_VERB})(?!\s+by\b)", re.I)
# A noun-like present form that ends the sentence after a name set off by a comma is a verb: ``..., the ASEAN
# Secretariat estimates.``, ``..., research firm IDC forecasts.`` (where ``the NDA report.`` is a noun)
CLAUSE_FINAL_REPORT = re.compile(
    rf"^(?P<coordinated>){ADJUNCT}\s+(?P<verb>{_alternation(verb_forms(lemma)[1] for lemma in NOUN_LIKE)})"
    r"\s*[.!?]?[\"”’']?\s*$", re.I)
AFTER_A_CLAUSE = re.compile(r"[,;]\s*(?:[\w'’&.-]+\s+){0,4}$")
SAID_BEFORE = re.compile(
    rf"(?:(?:^|[,;:\"“”'’—–-])\s*(?P<verb>{INVERTING_VERB})\s+(?:by\s+)?|\b(?P<passive>{PASSIVE_VERB})\s+by\s+)"
    rf"(?:{TITLE_WORDS}\s+){{0,8}}$", re.I)
# unnamed sources that tell a medium: ``sources told CBS News``, ``people familiar with the matter told
# Reuters``; the medium is the only one the sentence names (GUIDE.md, rule 6)
TOLD_BY_UNNAMED = re.compile(r"(?:^|[,;:\"“”'’—–-])\s*(?:(?:two|three|several|some|many|a|an|the)\s+)?(?:[\w-]+\s+){0,2}?"
                             r"(?:sources?|insiders?|people(?:\s+familiar\s+with\s+[^,;.]{0,40}?)?)\s+"
                             r"(?:(?-i:[a-z]+ly)\s+)?told\s+(?:the\s+)?$", re.I)
# ``according to minutes``: a source is given, so the actor is not the speaker (GUIDE.md, rule 3)
UNNAMED_SOURCE = re.compile(r"\b(?:according\s+to|as\s+per|citing)\b", re.I)
POLICY_AGENT_BEFORE = re.compile(
    # an adverb, an amount or a date may sit between: ``fined €1.2bn by``, ``unveiled on Monday by``
    rf"\b(?P<verb>{POLICY_PARTICIPLES})(?:\s+(?-i:[a-z]{{3,}}ly)|\s+[$€£¥\d][^\s,;]*(?:\s+(?:[mb]n|million|billion))?|"
    rf"\s+on\s+[A-Z][a-z]+day|\s+in\s+(?:[A-Z][a-z]+\s+)?\d{{4}})?\s+by\s+(?:the\s+)?(?:{TITLE_WORDS}\s+){{0,6}}$", re.I)
# After a speaker named behind its verb (``said Liu, head of``, ``said the NDA.``); not the subject of
# the reported clause (``said the NDA decided``).
INVERTED_END = re.compile(rf"^(?:\s*(?![’']s\b)[,.;:!?\"“”'’)—–-]|\s*$|['’]s?\s+(?:(?-i:[a-z][\w-]*)\s+){{0,2}}?{ROLE_NOUNS}\b|"
                          r"\s+(?:in|on|at|during|last|this|yesterday|today|earlier|told|when|after|before|adding|"
                          r"citing|while|who|which|as|to|according|of|and|for)\b)", re.I)
# rule 2, an unnamed official of the body: ``an official with X said``, ``said a spokesperson for X``
ROLE_OF_BODY = re.compile(rf"\b{ROLE_NOUNS}\s+(?:with|at|of|for|from|in)\s+(?:the\s+)?$", re.I)
SAID_BEFORE_ROLE = re.compile(
    rf"(?:^|[,;:\"“”'’—–-])\s*(?P<verb>{INVERTING_VERB})\s+(?:[\w-]+\s+){{0,3}}?{ROLE_NOUNS}\s+"
    r"(?:with|at|of|for|from|in)\s+(?:the\s+)?$", re.I)
# ``EU member states``: after a role noun, a present form that is also a noun is that noun.
NOUN_LIKE_PRESENT = _alternation(f for lemma in NOUN_LIKE for f in verb_forms(lemma)[:2])
BODY_ROLE_SAID = re.compile(
    rf"^(?:['’]s?)?\s+(?:(?-i:[a-z][\w-]*)\s+){{0,2}}?{ROLE_NOUNS}\b{APPOSITIVE}{ADJUNCT}\s*"
    rf"(?!(?:{NOUN_LIKE_PRESENT})\b)(?P<verb>{REPORTING_VERB})", re.I)
# ``Tencent's WeChat Pay intends to``: the owner of a named product or unit plans through it.
INTENT_AFTER = re.compile(rf"^(?:['’]s\s+(?:(?-i:[A-Z][\w-]*)\s+){{1,3}}(?=\S))?(?P<apposition>{APPOSITIVE})(?P<coordinated>{COORDINATED})"
                          rf"{ADJUNCT}\s*(?P<verb>{INTENT_VERBS})", re.I)
# An unnamed part of a named body acts for it: ``ASEAN economic officials concluded``,
# ``officials of the X have concluded``.
ROLE_OF_BODY_START = re.compile(rf"(?:^[\W_]*|[,;:]\s*)(?:the\s+|an?\s+)?(?:[\w-]+\s+){{0,2}}?{ROLE_NOUNS}\s+"
                                r"(?:with|at|of|for|from|in)\s+(?:the\s+)?$", re.I)
# Between a person and the organisation of their role: ``(何伟), vice-head of the``.
ROLE_OF = re.compile(r"(?:\s*\([^()]{1,40}\))?\s*,\s*[^,;]{0,80}?\b(?:of|at|from|with|for)\s+(?:the\s+)?$", re.I)
# The subject of a main clause: at the start of the sentence or after an opening phrase, after
# ``the``, a possessor or a title (``General Secretary Xi Jinping``).
CLAUSE_START = re.compile(rf"(?:^[\W_]*|[,;:]\s*|\bthat\s+|\s(?:--|[—–])\s*)(?:the\s+|(?-i:[A-Z][\w-]*)['’]s\s+)?"
                          rf"(?:(?:(?-i:[A-Z][\w.-]*)|{DESCRIPTORS}|{TITLE_WORDS}|of|for|and)\s+){{0,5}}$", re.I)
# Between two coordinated mentions: ``X and the Y``, ``X (XYZ), and Y``.
CONJUNCTION = re.compile(r"(?:\s*\([^()]{1,40}\))?\s*,?\s+and\s+(?:the\s+)?", re.I)
# A description before a mention set off by commas (``Chinese telecommunications company, X,``), with no verb
APPOSITION_CLOSED = re.compile(r"(?:^|[,;:]|--|[—–])\s*(?:it\s+(?:is|was)\s+)?(?:(?!(?:to|be|is|are|was|were|by|will|has|have|had)\b)"
                               r"(?-i:(?![a-z]+ed\b)[\w'’.-]+)\s+){0,8}?[\w'’.-]+\s*,\s*(?:the\s+)?$", re.I)
LONE_COMMA = re.compile(rf"^\s*,\s*(?:(?-i:[a-z]{{3,}}ly)\s+)?(?:has|have|had|is|are|was|were|will|would|who\s+(?:{REPORTING_VERB})|"
                        rf"{REPORTING_VERB})\b")
LIST_COMMA = re.compile(r"(?:\s*\([^()]{1,40}\))?\s*,\s+(?:the\s+)?")
PREPOSITION_BEFORE = re.compile(r"\b(?:by|of|including|with|from|to|for|than|as|in|at|on|between|among)\s+(?:the\s+)?$",
                                re.I)
NOT_A_SUBJECT = re.compile(r"\b(?:(?:by|and|of|including|with|from|to|for|than|as|in|at|on|between|among|into|over|"
                           r"under|about|like|such\s+as|against|toward|towards|within|without|through|across|via|"
                           r"despite|behind|beyond|around|amid|alongside|upon)\s+(?:the\s+)?"
                           r"(?:(?-i:[a-z][\w-]*)\s+|[\w]+-[\w-]+\s+)?|"
                           # a subordinate clause: ``after the ministry introduced``, ``until X rescinded it``
                           r"(?:if|whether|unless|after|before|when|since|because|while|although|though|until|once)"
                           r"\s+(?:the\s+)?(?:(?-i:[A-Z][\w-]*)['’]s\s+)?)$", re.I)
def _active_verb(subject: str, verb: str) -> re.Pattern[str]:
    """A main verb that acts, after what follows the subject's mention."""
    return re.compile(
        rf"^{subject}{ADJUNCT}\s*(?:(?:will|would|shall|has|have|had)\s|(?:is|are|was|were)\s+(?=(?-i:[a-z]{{3,}}ing)\b))?\s*"
        rf"(?!(?:be|been|was|is|has|does|{NOT_ACTS})\b)(?P<verb>{verb}|{IRREGULAR_ACTS})"
        r"\b(?!\s+by\b|\s*[,.;:])"
        r"(?!\s+(?:are|is|was|were|will|would|can|could|may|might|must|should|has|have|had|of|and|or)\b)", re.I)


ACTIVE_VERB = _active_verb(rf"(?P<apposition>{APPOSITIVE})", r"(?-i:[a-z]+(?:ed|es|s))(?<!ss)(?<!us)(?<!is)")
# ``the CAC and several other authorities jointly released``: only a past form, not to take a plural noun for a verb
COORDINATED_ACTIVE_VERB = _active_verb(rf"{APPOSITIVE}(?P<coordinated>{COORDINATED})", r"(?-i:[a-z]+ed)")
# ``ASEAN economic officials concluded``
BODY_ROLE_ACTS = _active_verb(rf"(?:['’]s?)?\s+(?:(?-i:[a-z][\w-]*)\s+){{0,2}}?{ROLE_NOUNS}\b{APPOSITIVE}",
                              r"(?-i:[a-z]+ed)")
# Between an organisation and the person named as its voice: ``X (XYZ), [Jane Doe], said``, ``X's head, [Liu]``.
NAMED_AFTER = re.compile(r"(?:\s*\([^()]{1,40}\))?(?:['’]s?(?:\s+(?-i:[a-z][\w-]*)){1,3})?\s*,\s*")

# ------------------------------------------------------------------- deadlines

YEAR = r"(?P<year>(?:19|20)\d\d)"
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# ``FY2026``, ``FY26``, ``fiscal 2026``, ``fiscal year 2025-26``: the year the fiscal year ends in
FISCAL = (r"(?:FY\s*['’]?|fiscal\s+(?:year\s+)?(?=(?:19|20)\d\d))(?P<fy>(?:19|20)?\d\d)(?:\s*[-–—/]\s*(?P<fyend>(?:19|20)?\d\d))?"
          r"(?![\d%])")
# a fiscal year written as the two years it spans, ``by 2030-31``: the year it ends in
SPLIT_YEAR = r"(?P<split>(?:19|20)\d\d)\s*[-–—/]\s*(?P<splitend>\d\d|(?:19|20)\d\d)\b(?!\s*[-–—/]\s*\d)"
WHEN = (rf"(?:(?:the\s+)?(?:end|close|middle|start|beginning|turn|first\s+half|second\s+half|"
        rf"(?:first|second|third|fourth|last)\s+quarter)\s+of\s+(?:the\s+)?|end-|mid-|year-end\s+|"
        rf"(?:early|mid|late)-?\s*|{MONTH}\s+(?:\d{{1,2}},?\s+)?|Q[1-4]\s+|H[12]\s+){{0,2}}")
PLAN_NOUNS = (r"(?:plans?|strateg(?:y|ies)|programmes?|programs?|roadmaps?|agendas?|visions?|frameworks?|budgets?|"
              r"periods?|cycles?|targets?|goals?|blueprints?|initiatives?|schemes?|polic(?:y|ies)|laws?|acts?|"
              r"mandates?|terms?)")
DEADLINE_TIERS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\b(?:by|before|until|till|through|no\s+later\s+than|in\s+time\s+for)\s+(?:the\s+year\s+)?{WHEN}"
               rf"(?:{FISCAL}|{SPLIT_YEAR}|{YEAR}\b)", re.I),
    re.compile(rf"\b(?:period|from|between|during|for|over)\s+(?:the\s+)?(?:years?\s+)?(?:of\s+)?"
               rf"(?P<first>(?:19|20)\d\d)\s*(?:[-–—/]|to|and)\s*(?P<year>(?:19|20)?\d\d)\b", re.I),
    re.compile(rf"\b{YEAR}(?:\s*(?:,|and)\s*(?:19|20)\d\d)*\s+as\s+(?:(?:the|a|an|its|key|crucial|important|"
               r"major)\s+)*(?:milestones?|targets?|deadlines?|target years?|goals?)\b"
               rf"|\b{YEAR.replace('year', 'goal')}\s+(?:[\w-]+\s+){{0,2}}?(?:targets?|goals?|deadlines?)\b", re.I),
    # ``a target of 2026``, ``our goal of end of March 2022``
    re.compile(rf"\b(?:targets?|goals?|deadlines?)\s+(?:year\s+)?(?:of|for|is|was)\s+(?:the\s+)?{WHEN}{YEAR}\b", re.I),
    re.compile(rf"\b(?:in|for|to|of)?\s*{FISCAL}", re.I),
    re.compile(rf"\b(?:in|for|to)\s+(?:the\s+year\s+)?{WHEN}{YEAR}\b(?!\s*[-–—/]\s*\d)", re.I),
    # ``will enter into effect on 1 November 2025``, ``will apply from August 2026``: a day or a month
    # counts only after words that look ahead
    re.compile(rf"\b(?:on|from)\s+(?:(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{MONTH}|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?)"
               rf"\s+{YEAR}\b", re.I),
    # a plan named for its horizon: ``Vision 2030``, ``the AI Strategy 2031``, ``Agenda 2063``
    re.compile(rf"\b(?:vision|agenda|strategy|plan|programme|program|roadmap|blueprint|mission|initiative|decade|"
               rf"compact|goals?|targets?)\s+{YEAR}\b(?!\s*[-–—/]\s*\d)", re.I),
    # a span's end year, when it names a plan's years (``_in_the_past``)
    re.compile(rf"\b(?P<first>(?:19|20)\d\d)\s*[-–—/]\s*(?P<year>(?:19|20)?\d\d)\b(?!\s*[-–—/]\s*\d)", re.I),
)
WEAK_TIERS = range(4, len(DEADLINE_TIERS))  # fiscal years, ``in 2026``, days, plan names, spans
SPAN_TIER = len(DEADLINE_TIERS) - 1
# A span names a plan's or a period's years when a plan noun is near: ``its 2023-2025 master plan``,
# ``Digital Egypt Strategy for Offshoring Industry 2022-2026``; not ``the EU's 2019-2024 legacy``.
PLAN_BEFORE = re.compile(rf"\b{PLAN_NOUNS}\b(?:\W+\w+){{0,5}}?\W*$", re.I)
PLAN_AFTER = re.compile(rf"\W*(?:\w+\W+){{0,3}}?{PLAN_NOUNS}\b", re.I)


def _full_year(two_or_four: str, after: str | None = None) -> int:
    """``26`` after ``2025`` (or alone, as in ``FY26``) -> 2026."""
    if len(two_or_four) == 4:
        return int(two_or_four)
    century = after[:2] if after and len(after) == 4 else "20"
    return int(century + two_or_four)


def _span_year(match: re.Match) -> int:
    """The year a pattern captured: a span's or a fiscal year's end (``2023-27`` -> 2027, ``FY26`` -> 2026)."""
    groups = match.groupdict()
    if groups.get("goal"):
        return int(groups["goal"])
    if groups.get("split"):
        return _full_year(groups["splitend"], groups["split"])
    if groups.get("fy"):
        start = groups["fy"]
        return _full_year(groups["fyend"], start) if groups.get("fyend") else _full_year(start)
    return _full_year(groups["year"], groups.get("first"))


# A year said of what has happened is no deadline (``Intel, which acquired X in 2012, will``): the clause
# before it has a past verb and nothing that looks ahead.
# ``services offered in 2030 shall be``: the clause's verb comes after the year
REPORTED = re.compile(r"\b(?:said|told)\b", re.I)  # past forms PAST_VERB's list leaves to the reporting verbs
MODAL_AFTER = re.compile(r"[^,;:()]*?\b(?:will|would|shall)\b", re.I)
CLAUSE_BEFORE = re.compile(r"(?:[^,;:()](?!\bthat\b))*$")
SENTENCE_AFTER = re.compile(r"[^;:()]*")  # what follows an opening ``By 2025,``, commas and all
LOOKS_AHEAD = re.compile(r"\b(?:will|would|shall|to|plans?|planned|aims?|aimed|expects?|expected|targets?|targeted|"
                         r"scheduled|due|set|goals?|deadline|until|next|future|vision|strategy|intends?)\b", re.I)
PAST_VERB = re.compile(r"(?<!\bis\s)(?<!\bare\s)(?<!\bbe\s)(?<!\bbeen\s)(?<!\bhas\s)(?<!\bhave\s)"
                       r"\b(?:was|were|had|did|(?-i:[a-z]{2,}ed)|began|rose|grew|fell|won|bought|sold|took|became|"
                       r"spent|came|went|gave|got|saw|made|built)\b|\b(?:since|ago|former|previous|last)\b", re.I)
ALWAYS_AHEAD = (0, 2, 3)  # the tiers of ``by 2027``, ``2027 as a milestone`` and ``a target of 2027``
DAY_TIER = 6
# A span's first year, or ``ten years ago``
NOT_AN_END = re.compile(r"\s*(?:[-–—/]\s*\d|ago\b)")


def _opens_a_past_clause(text: str, match: re.Match) -> bool:
    """``By the end of 2022, the province counted 5 million racks``: ``by`` a year that opens the
    sentence, before a clause that says what had happened by then, tells a level reached."""
    if text[:match.start()].strip():
        return False
    clause = SENTENCE_AFTER.match(text, match.end()).group()
    return bool(PAST_VERB.search(clause)) and not LOOKS_AHEAD.search(clause)  # ``will`` looks ahead too


def _tells_the_past(clause: str) -> bool:
    """Whether a clause's first verb of tense tells what happened, before any word that looks ahead."""
    verbs = [m.start() for m in (PAST_VERB.search(clause), REPORTED.search(clause)) if m]
    ahead = LOOKS_AHEAD.search(clause)
    return bool(verbs) and (ahead is None or min(verbs) < ahead.start())


def _in_the_past(text: str, match: re.Match, tier: int) -> bool:
    """A year of what has happened, or a span's start; ``by 2027`` and ``2027 as a milestone`` are
    deadlines in any clause."""
    if NOT_AN_END.match(text, match.end()):
        return True
    if tier == SPAN_TIER and not (PLAN_BEFORE.search(text, 0, match.start()) or PLAN_AFTER.match(text, match.end())):
        return True
    if tier in ALWAYS_AHEAD:
        return tier == 0 and _opens_a_past_clause(text, match)
    if tier == DAY_TIER and not LOOKS_AHEAD.search(text, 0, match.start()):
        return True
    if not text[:match.start()].strip() and text[match.end():match.end() + 1] == ",":
        return _tells_the_past(text[match.end() + 1:])  # ``In 2021, the NDRC announced a project to``
    clause = CLAUSE_BEFORE.search(text, 0, match.start()).group()
    return (bool(PAST_VERB.search(clause)) and not LOOKS_AHEAD.search(clause)
            and not MODAL_AFTER.match(text, match.end()))


def find_deadline(text: str) -> int | None:
    """The year a target is set for: ``By 2027`` -> 2027; the strongest cue wins, then the first of its kind
    that does not say what has already happened."""
    for tier, pattern in enumerate(DEADLINE_TIERS):
        years = [m for m in pattern.finditer(text) if not _in_the_past(text, m, tier)]
        if tier in WEAK_TIERS:
            # ``data for 2017 will be published in November 2018``: the year the intention is set for
            years.sort(key=lambda m: not LOOKS_AHEAD.search(CLAUSE_BEFORE.search(text, 0, m.start()).group()))
        if years:
            return _span_year(years[0])
    return None


# --------------------------------------------------------------------- speakers

# rank (0 strongest), distance in characters from the mention to its cue, and whether the cue follows
# the mention (``X said``, ``X plans``): such a cue belongs to the first of coordinated mentions.
Cue = tuple[int, int, bool]


# A medium named after the claim and its speaker: ``, according to an Irish Times report``, ``, reports Y``
TRAILING_REPORTER = re.compile(r"[,;]\s*(?:according\s+to\s+(?:an?\s+|the\s+)?|(?:reports|reported|writes|wrote)\s+"
                               r"(?:the\s+)?)$", re.I)


def _cue(text: str, start: int, end: int, others: Sequence[tuple[int, int]], acts: bool) -> Cue | None:
    """How strongly ``text`` attributes its claim to the mention at [start:end], and how near the cue
    sits; None if not at all.

    0: a source (``according to X``); 1: a reporting verb, also through an
    unnamed official of the body (``X officials said``); 2: the one who plans;
    3: the subject of the main clause. The last two count only in target and
    policy sentences (``acts``) and must not reach across another mention
    (``X and Y plan``), an alias in brackets aside.
    """
    before = text[:start]
    end += ALIAS.match(text, end).end() - end
    after = text[end:]
    if (APPOSITION_CLOSED.search(before) and LONE_COMMA.match(after)
            and not any(LIST_COMMA.fullmatch(text, e, start) for _, e in others)):
        # ``company, China Mobile, is planning``: the comma closes an apposition the mention is.
        after = after.replace(",", " ", 1)
    if SEEN_BY.search(before):
        return None
    if (SOURCE_BEFORE.search(before) or STATEMENT_BEFORE.search(before) or SAID_SOURCE_BEFORE.search(before)
            or (DATA_SOURCE_BEFORE.search(before) and _data_source_verb(after, end, others))
            or _alone(POSSESSOR_SOURCE_AFTER.match(after), end, others)):
        return 0, 0, False
    said = _named_no_one(SAID_AFTER.match(after), end, others) or (
        BODY_ROLE_SAID.match(after) if not NOT_A_SUBJECT.search(before) else None) or (
        CLAUSE_FINAL_REPORT.match(after) if AFTER_A_CLAUSE.search(before) else None)
    if said:
        return 1, said.start("verb"), True
    published = _alone(PUBLISHED_SOURCE_AFTER.match(after), end, others)
    if published:
        return 1, 0, True
    said_before = (SAID_BEFORE.search(before) or SAID_BEFORE_ROLE.search(before)) if INVERTED_END.match(after) else None
    if said_before:
        return 1, len(before) - said_before.end("verb" if said_before.group("verb") else "passive"), False
    told = TOLD_BY_UNNAMED.search(before) if "told" in before[-12:].lower() else None
    if told:
        return 1, len(before) - told.end(), False
    quoted = QUOTED_BEFORE.search(before) if QUOTED_AFTER.match(after) else None
    if quoted:
        return 1, len(before) - quoted.start(), False
    if not acts:
        return None
    agent = POLICY_AGENT_BEFORE.search(before) if not UNNAMED_SOURCE.search(text) else None
    if agent:
        return 3, len(before) - agent.end("verb"), False
    role = _alone(ACTIVE_VERB.match(after), end, others) if ROLE_OF_BODY_START.search(before) else None
    if role:
        return 3, role.start("verb"), True
    first = _first_conjunct(text, start, others)
    if NOT_A_SUBJECT.search(text[:first]):
        return None
    role = _alone(BODY_ROLE_ACTS.match(after), end, others)
    if role:
        return 3, role.start("verb"), True
    # a mention after another mention and a comma is in a list, not at the start of a clause
    at_start = CLAUSE_START.search(text[:first]) and not any(LIST_COMMA.fullmatch(text, e, first) for _, e in others)
    for rank, match in ((2, INTENT_AFTER.match(after)),
                        (3, ACTIVE_VERB.match(after) if at_start else None),
                        (3, COORDINATED_ACTIVE_VERB.match(after) if at_start else None)):
        if _alone(match, end, others) and not (match.group("verb").endswith("s")
                                               and _names_next(text, end + match.end(), others)):
            return rank, match.start("verb"), True
    return None


# an apposition that describes the mention before it: ``the ITU, the United Nations agency for ICTs,``
DESCRIBING_APPOSITION = re.compile(r"^\s*,\s*(?:the|a|an)\s+[^,;.]{1,140},")


def _data_source_verb(after: str, end: int, others: Sequence[tuple[int, int]]) -> re.Match | None:
    """The verb by which data from the mention state the claim (``data from X show``), with no other
    mention between, except inside an apposition that describes the mention (``data from the ITU, the
    United Nations agency for ICTs, reveal``)."""
    aside = DESCRIBING_APPOSITION.match(after)
    skip = aside.end() if aside else 0
    return _alone(DATA_SOURCE_AFTER.match(after[skip:]), end + skip, others)


def _names_next(text: str, position: int, others: Sequence[tuple[int, int]]) -> bool:
    """A name right after a verb in -s: it was a plural noun before the name (``Coalition senators Matt
    Canavan``), where a verb in -ed takes a named object (``sued Amazon``)."""
    return any(s >= position and not text[position:s].strip() for s, _ in others)


def _first_conjunct(text: str, start: int, others: Sequence[tuple[int, int]]) -> int:
    """Where a coordination of mentions that ends at this one starts (``X and the Y``), else ``start``."""
    for s, e in sorted(others, reverse=True):
        if e <= start and CONJUNCTION.fullmatch(text, e, start):
            return _first_conjunct(text, s, [o for o in others if o != (s, e)])
    return start


def _coordination_head(text: str, k: int, spans: Sequence[tuple[int, int]]) -> int:
    """The first of the coordinated mentions that end at mention ``k`` (``X, Y and the Z`` -> X), else ``k``;
    a list that follows a preposition (``told Reuters, X and Y``) starts after it."""
    head, linked_by_and = k, False
    while True:
        start = spans[head][0]
        before = [i for i, (s, e) in enumerate(spans) if e <= start and
                  (CONJUNCTION.fullmatch(text, e, start) or (linked_by_and and LIST_COMMA.fullmatch(text, e, start)))]
        if not before:
            return head
        previous = max(before, key=lambda i: spans[i][1])
        if PREPOSITION_BEFORE.search(text[:spans[previous][0]]):
            return head
        linked_by_and = linked_by_and or bool(CONJUNCTION.fullmatch(text, spans[previous][1], start))
        head = previous


def _named_no_one(match: re.Match | None, end: int, others: Sequence[tuple[int, int]]) -> re.Match | None:
    """The match, unless another mention starts between its coordinated phrase and its verb (then the
    mentions' own cues decide)."""
    if match and not any(end + match.start("coordinated") <= s < end + match.end("verb") for s, _ in others):
        return match
    return None


def _alone(match: re.Match | None, end: int, others: Sequence[tuple[int, int]]) -> re.Match | None:
    """The match, unless another mention sits between the mention and its cue. One inside a relative
    clause or a description on the mention describes it and does not compete (``X, whose trial heard Y,
    will``, ``X, the company launched by Y, plans``)."""
    aside = (0, 0)
    if match and "apposition" in match.re.groupindex:
        described = DESCRIBING_ASIDE.match(match.group("apposition"))
        if described and not (described.group("described") is not None and any(
                s == end + match.start("apposition") + described.end() for s, _ in others)):
            aside = match.span("apposition")
    if match and not any(end <= s < end + match.end() and not end + aside[0] <= s < end + aside[1] for s, _ in others):
        return match
    return None


def find_speaker(text: str, entities: Sequence[Entity], offset: int = 0, *, acts: bool = False) -> Entity | None:
    """The PERSON/ORG the sentence ``text`` attributes its claim to, if one is named.

    ``entities`` carry document offsets; ``offset`` is where ``text`` starts.
    ``acts``: a target or policy sentence, whose subject who plans or acts is
    its speaker. A named source wins over a reporting verb, which wins over the
    one who plans, and that over the main clause's subject; of equals, the
    mention nearest its cue, then the first.
    """
    spans = [(e.start - offset, e.end - offset) for e in entities]
    cues = [_cue(text, start, end, [s for s in spans if s != (start, end)], acts) for start, end in spans]
    for i, j in combinations(range(len(entities)), 2):
        # ``He Wei, vice-head of the CAICT said``: the organisation is the person's office, not the speaker.
        if (cues[j] is not None and entities[i].label == "PERSON" and entities[j].label == "ORG"
                and ROLE_OF.match(text, spans[i][1], spans[j][0])):
            cues[i] = cues[j] if cues[i] is None else min(cues[i], cues[j])
            cues[j] = None
        # ``a spokesperson for X, Jane Doe, said``: the person named for the organisation speaks.
        if (cues[i] is not None and cues[j] is None and entities[i].label == "ORG" and entities[j].label == "PERSON"
                and NAMED_AFTER.fullmatch(text, spans[i][1], spans[j][0])
                and SAID_AFTER.match(text[spans[j][1]:].replace(",", " ", 1))):
            cues[i], cues[j] = None, cues[i]
    for k, cue in enumerate(cues):
        # ``Temasek and Google will publish``: the first of coordinated subjects (GUIDE.md, rule 5).
        head = _coordination_head(text, k, spans) if cue is not None and cue[2] else k
        if head != k and (cues[head] is None or cue < cues[head]):
            cues[head], cues[k] = cue, None
    for j, cue in enumerate(cues):
        # ``X said, according to a Y report``, ``X confirmed that ..., reports Y``: Y reports X's words.
        if cue is not None and any(c is not None and c[0] == 1 and c[2] and spans[i][1] + c[1] < spans[j][0]
                                   for i, c in enumerate(cues) if i != j) \
                and TRAILING_REPORTER.search(text, 0, spans[j][0]):
            cues[j] = None
    found = [(cue, k) for k, cue in enumerate(cues) if cue is not None]
    return entities[min(found)[1]] if found else None


def attribute_sentence(text: str, entities: Sequence[Entity], offset: int, labels: Iterable[str]
                       ) -> tuple[Entity | None, int | None]:
    """Speaker and deadline of one sentence; the subject who acts only in target and policy
    sentences, the deadline only in targets."""
    labels = set(labels)
    deadline = find_deadline(text) if "target" in labels else None
    return find_speaker(text, entities, offset, acts=bool(labels & {"target", "policy"})), deadline


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
        """Every body sentence: a claim the classifier missed keeps the source its words name
        (``according to X``, ``X said``); the subject who acts needs a target or policy label,
        and a deadline a target label."""
        labels = doc._.claim_labels or {}
        entities = doc._.claim_entities or []
        out, document = {}, document_text(doc)
        for _, start, end in sentence_bounds(doc, body_only=True):
            found = attribute_span(document, entities, start, end, labels.get(start) or ())
            if labels.get(start) or found != (None, None):
                out[start] = found
        return out


@Language.factory("claims_attribution", requires=["doc._.claim_labels", "doc._.claim_entities"],
                  assigns=["doc._.attribution"])
def make_attribution_stage(nlp: Language, name: str) -> AttributionStage:
    return AttributionStage()
