"""Stage: flag sentences that are not article body (spec §1, boilerplate).

Scraped news keeps the page around the article: navigation, headline,
byline, captions and credits, the copyright footer. None of it may carry a
claim, yet its entities still count, so the text stays and the sentences are
flagged. The rules look at layout (a line without terminal punctuation, a
credit on the line, the footer that runs to the end), not at words of any
one site, so they carry over to outlets the seeds never showed.
"""

from __future__ import annotations

import bisect
import re
from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extensions import document_text, sentence_bounds
from pipeline.stages.sentences import LINE_BREAK

ENDS_LIKE_PROSE = re.compile(r"(?:[.?!…:;]|[.?!,][\"”’')\]]+)$")
# Lines that start the footer: everything from there to the end is page furniture.
FOOTER = re.compile(
    r"^(?:back to (?:the )?top|copyright\b|©|\(c\) ?\d{4}|all rights reserved|"
    r"related (?:stories|articles|news)|most (?:viewed|popular|read))", re.I)
# Whole lines that are page furniture wherever they stand: a ``|`` (navigation, bylines), a
# start, or a phrase anywhere. Kept as three checks, not one alternation: at every position of a
# line the regex engine tries each alternative, the ``^`` ones included, which made this one
# pattern most of the stage's time (tests/stages/test_boilerplate.py checks the three agree with one).
FURNITURE_START = re.compile(r"share\b|\s*\(\s*\w[\w ]*\)\s*$|note: browsers|global edition", re.I)
FURNITURE = re.compile(
    r"\b(?:updated:|published:|source:\s|editor:\s)|registration number|licen[cs]e for publishing"
    r"|all rights reserved", re.I)
# A photo caption or credit on the line makes the whole line a caption. Each alternative holds
# ``photo`` or ``credit:``: a search for those two words first passes most lines at a quarter of the cost.
CREDIT_WORDS = re.compile(r"photo|credit:", re.I)
CREDIT = re.compile(
    r"\[\s*photo\b|\bphotos?\s*(?:by|:|/)|\bphoto credit\b|\bcredit:|\bfile photo\b|\(\s*photo\s*:", re.I)
# Case matters from here on: ``By Yuan Shenggao |`` is a byline, ``By addressing`` is not.
BYLINE = re.compile(
    r"^[-–—•\s]*By(?:\s*$|\s+[A-Z][\w.'’-]*(?:\s+(?:and\s+)?[A-Z][\w.'’-]*){0,5}\s*(?:\||$|,|\bin\s+[A-Z]|\S+@\S+))")
# ``LIN SHANCHUAN/XINHUA``, ``Chen Xiaogen/For China Daily`` closing a line (never without a ``/``).
CREDIT_CASED = re.compile(
    r"(?:^|\s)[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*\s?/\s?[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*\]?\s*$"
    r"|[A-Z][a-z]+ [A-Z][a-z]+\s?/\s?(?:For )?[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*\]?\s*$")
BULLET = re.compile(r"^[•·▪◦*-]\s+\S")
MIN_BULLET_WORDS = 6


def _lines(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of every line, found once per document."""
    breaks = list(LINE_BREAK.finditer(text))
    return [0] + [m.end() for m in breaks], [m.start() for m in breaks] + [len(text)]


def is_furniture(line: str) -> bool:
    return ("|" in line or FURNITURE_START.match(line) is not None or FURNITURE.search(line) is not None
            or BYLINE.search(line) is not None
            or CREDIT_WORDS.search(line) is not None and CREDIT.search(line) is not None
            or "/" in line and CREDIT_CASED.search(line) is not None)


def boilerplate_flags(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    """One flag per sentence span: True when the sentence is not article body."""
    flags: list[bool] = []
    in_footer = False
    last = len(spans) - 1
    starts, ends = _lines(text)
    verdicts: dict[int, tuple[bool, bool]] = {}  # per line (footer, furniture): its sentences share them
    for i, (start, end) in enumerate(spans):
        sentence = text[start:end]
        n = bisect.bisect_right(starts, start) - 1
        if n not in verdicts:
            line = text[starts[n]:ends[n]].strip()
            verdicts[n] = (FOOTER.search(line) is not None, is_furniture(line))
        footer, furniture = verdicts[n]
        in_footer = in_footer or footer
        if in_footer or furniture:
            flags.append(True)
            continue
        if not ENDS_LIKE_PROSE.search(sentence):
            # Articles cut mid-sentence end in body; bullets of a standfirst are body.
            truncated = i == last
            bullet = BULLET.match(sentence) is not None and len(sentence.split()) >= MIN_BULLET_WORDS
            flags.append(not (truncated or bullet))
            continue
        flags.append(False)
    return flags


def flag_boilerplate(doc: Doc) -> Doc:
    kept = list(sentence_bounds(doc))
    for (sent, _, _), flag in zip(kept, boilerplate_flags(document_text(doc), [(a, b) for _, a, b in kept])):
        sent._.boilerplate = flag
    return doc


@Language.factory("claims_boilerplate", requires=["token.is_sent_start"], assigns=["span._.boilerplate"])
def make_boilerplate_stage(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    return flag_boilerplate
