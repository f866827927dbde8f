"""Stage: who a claim is attributed to, and the year a target is set for.

Analysts ask first "who said it" and "by when". Both are read off the
sentence with reporting patterns that hold across English news (``X said``,
``said X``, ``according to X``, ``X plans to``) over the entities the entity
stage already found, so no new model is needed.
"""

from __future__ import annotations

import re
from typing import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401
from .extensions import record_error
from .records import Entity

SPEECH_VERBS = (r"said|says|told|stated|states|noted|notes|added|adds|announced|announces|"
                r"stressed|stresses|emphasi[sz]ed|highlighted|explained|pointed out|believes|"
                r"revealed|reported|remarked|underscored|urged|warned|declared|estimated|"
                r"predicted|forecast|wrote|insisted|argued|acknowledged|confirmed")
INTENT_VERBS = r"(?:will|would|plans?|aims?|seeks?|intends?|expects?|is committed|pledged|vowed|is set)\b"
# Between a speaker and its verb: an appositive (``, head of the NDA,``) or nothing.
APPOSITIVE = r"(?:\s*,[^,;]{1,120},)?\s*"
ACCORDING_TO = re.compile(r"according to\s+(?:the\s+)?$", re.I)
SAID_AFTER = re.compile(rf"^{APPOSITIVE}(?:has\s+|had\s+|also\s+|further\s+)*(?:{SPEECH_VERBS})\b", re.I)
SAID_BEFORE = re.compile(rf"\b(?:{SPEECH_VERBS})\s+(?:by\s+)?(?:the\s+)?$", re.I)
INTENT_AFTER = re.compile(rf"^{APPOSITIVE}(?:also\s+|further\s+|now\s+)?{INTENT_VERBS}", re.I)
DEADLINE = re.compile(
    r"\b(?:by|before|until|till|through|in|for|from\s+now\s+to|to)\s+(?:the\s+(?:end|close|middle)\s+of\s+)?"
    r"(?:(?:early|mid|late)-?\s*)?((?:19|20)\d\d)\b", re.I)
SPAN_YEARS = re.compile(r"\b(?:19|20)\d\d\s*[-–—/]\s*((?:19|20)?\d\d)\b")


def find_speaker(text: str, entities: Sequence[Entity], offset: int = 0) -> Entity | None:
    """The PERSON/ORG the sentence ``text`` attributes its claim to, if one is named.

    ``entities`` carry document offsets; ``offset`` is where ``text`` starts.
    Reporting patterns win over a grammatical subject of intent.
    """
    best: tuple[int, Entity] | None = None
    for e in entities:
        start, end = e.start - offset, e.end - offset
        before, after = text[:start], text[end:]
        if ACCORDING_TO.search(before) or SAID_BEFORE.search(before) or SAID_AFTER.match(after):
            rank = 0
        elif INTENT_AFTER.match(after):
            rank = 1
        else:
            continue
        if best is None or rank < best[0]:
            best = (rank, e)
    return best[1] if best else None


def find_deadline(text: str) -> int | None:
    """The year a target is set for: ``By 2027`` -> 2027; of several, the latest."""
    years = [int(m.group(1)) for m in DEADLINE.finditer(text)]
    for m in SPAN_YEARS.finditer(text):
        end = m.group(1)
        years.append(int(end) if len(end) == 4 else int(m.group(0)[:2] + end))
    return max(years) if years else None


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
        from .sentences import stripped_bounds

        labels = doc._.claim_labels or {}
        entities = doc._.claim_entities or []
        out = {}
        for sent in doc.sents:
            bounds = stripped_bounds(sent)
            if bounds is None or not labels.get(bounds[0]):
                continue
            start, end = bounds
            text = doc.text[start:end]
            inside = [e for e in entities if start <= e.start and e.end <= end]
            deadline = find_deadline(text) if "target" in labels[start] else None
            out[start] = (find_speaker(text, inside, start), deadline)
        return out


@Language.factory("claims_attribution", requires=["doc._.claim_labels", "doc._.claim_entities"],
                  assigns=["doc._.attribution"])
def make_attribution_stage(nlp: Language, name: str) -> AttributionStage:
    return AttributionStage()
