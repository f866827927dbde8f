"""Stage: flag sentences that are not article body (spec §1, boilerplate).

Scraped news keeps the page around the article: navigation, headline,
byline, captions and credits, the copyright footer. None of it may carry a
claim, yet its entities still count, so the text stays and the sentences are
flagged. The rules look at layout (a line without terminal punctuation, a
credit on the line, the footer that runs to the end), and at the few words
every site puts around an article (``Subscribe to``, ``-- Ed.``, ``(left)``),
not at words of any one site, so they carry over to outlets the seeds never
showed.
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
# What every site wraps around its articles, in the same few words: a call to the reader opening the
# line (`Subscribe to ...`, `Read more: ...`, `ADVERTISEMENT`), an editor's note on where the text
# comes from (`This article was first published ...`, `... -- Ed.`), and a caption placing the
# people in its photo (`(right)`, `(second from left)`). None opens or ends a news sentence.
CALL_TO_READER = re.compile(
    r"[-–—•*\s]*(?:subscribe(?: to| now| today|\s*$)|sign up (?:for|to|now|here)\b|read (?:more|also|next)\b|also read\b|"
    r"see also\b|related\s*:|click here\b|tap here\b|follow us\b|download (?:the|our) app\b|get all your\b|"
    r"unlock exclusive\b|watch\s*:|listen\s*:|advertisement\s*$|our standards\s*:)", re.I)
EDITOR_NOTE = re.compile(r"this (?:article|story|note|post|blog post|piece|column) (?:was|is|has been|first|originally)\b",
                         re.I)
EDITORS_MARK = re.compile(r"(?:--|—|–) ?ed\.?$", re.I)  # six characters at most: the last eight of a line hold it
CAPTION_PLACE = re.compile(
    r"\((?:left|right|cent(?:er|re)|(?:second|third|fourth|far) (?:from )?(?:left|right)|front row|back row|l-r|from left)\)",
    re.I)
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
# A list item: a bullet (spaced or glued, `-Verizon: $45 billion ...`) or a number (`2. Increasing ...`).
BULLET = re.compile(r"^(?:[•·▪◦*]\s*|-\s*(?=[^\W\d_])|\d{1,2}[.)]\s+)\S")
MIN_BULLET_WORDS = 6
# A line this long that ends like prose is a paragraph of the article: a footer line above it
# (a photo's copyright, a `Back to top` link) was only a line, not where the page's footer starts.
MIN_PARAGRAPH_WORDS = 15
# A line this long without a stop is a sentence cut short, not a headline: headlines are shorter.
MIN_UNSTOPPED_BODY_WORDS = 24


def _lines(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of every line, found once per document."""
    breaks = list(LINE_BREAK.finditer(text))
    return [0] + [m.end() for m in breaks], [m.start() for m in breaks] + [len(text)]


def _is_paragraph(line: str) -> bool:
    return (len(line.split()) >= MIN_PARAGRAPH_WORDS and ENDS_LIKE_PROSE.search(line) is not None
            and FOOTER.search(line) is None and not is_furniture(line))


def _footer_start(text: str, starts: list[int], ends: list[int]) -> int:
    """The first line of the footer that runs to the end: a footer line with no paragraph after it."""
    footer = len(starts)
    for n in range(len(starts) - 1, -1, -1):
        line = text[starts[n]:ends[n]].strip()
        if FOOTER.search(line) is not None:
            footer = n
        elif _is_paragraph(line):
            break
    return footer


def is_furniture(line: str) -> bool:
    return ("|" in line or FURNITURE_START.match(line) is not None or FURNITURE.search(line) is not None
            or CALL_TO_READER.match(line) is not None or EDITOR_NOTE.match(line) is not None
            or EDITORS_MARK.search(line[-8:]) is not None
            or "(" in line and CAPTION_PLACE.search(line) is not None
            or BYLINE.search(line) is not None
            or CREDIT_WORDS.search(line) is not None and CREDIT.search(line) is not None
            or "/" in line and CREDIT_CASED.search(line) is not None)


def boilerplate_flags(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    """One flag per sentence span: True when the sentence is not article body."""
    flags: list[bool] = []
    last = len(spans) - 1
    starts, ends = _lines(text)
    footer_start = _footer_start(text, starts, ends)
    verdicts: dict[int, tuple[bool, bool]] = {}  # per line (furniture, list item): its sentences share them
    for i, (start, end) in enumerate(spans):
        sentence = text[start:end]
        n = bisect.bisect_right(starts, start) - 1
        if n not in verdicts:
            line = text[starts[n]:ends[n]].strip()
            verdicts[n] = (FOOTER.search(line) is not None or is_furniture(line),
                           BULLET.match(line) is not None and len(line.split()) >= MIN_BULLET_WORDS)
        furniture, list_item = verdicts[n]
        if n >= footer_start or furniture:
            flags.append(True)
            continue
        if not ENDS_LIKE_PROSE.search(sentence):
            # Articles cut mid-sentence end in body; list items (a standfirst's bullets) are body; so is
            # a paragraph's last sentence that lost its stop, after a sentence of its line that kept one.
            truncated = i == last
            words = len(sentence.split())
            flags.append(not (truncated or list_item or words >= MIN_UNSTOPPED_BODY_WORDS
                              or (words >= MIN_UNSTOPPED_BODY_WORDS // 2 and sentence[:1].isalpha()
                                  and ENDS_LIKE_PROSE.search(text[starts[n]:start].rstrip()) is not None)))
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
