"""Quantity spans, values and units (spec §4 and §8): the spaCy stage, over pure functions.

The stage below only shifts the offsets that ``find_quantities`` returns by the sentence
start; everything that decides *what* a quantity is lives in the package's modules and is
tested without a model:

* ``numbers``: digits, number words, fractions and scale words (``million``, ``lakh``);
* ``currencies``: currency names, symbols and ISO 4217 codes, and the article's country;
* ``units``: percentages, folds, measures, and the time units that make a duration;
* ``spans``: a number core grown into a span with its prefix, scale and unit;
* ``context``: what is not a quantity (dates, years, names, designators, list markers);
* ``bounds``: approximators and ranges, into ``min`` and ``max``;
* ``find``: the loop that ties them together, ``find_quantities`` and ``parse_quantity``.

How it works, and why:

* Number cores (digits, number words, ``half``, fractions) are found with one
  regex; each core is then grown into a span by anchored regexes for what may
  follow it (scale word, unit, currency) and what may precede it (a currency
  prefix).  Growing from a core instead of one giant pattern keeps each rule
  small and lets the exclusion rules look at the context of the *whole* span.
* What is not a quantity is decided by structure, never by listing sentences:
  a month next to the number (date), a four-digit number in 1500-2199 with no
  unit (year), a time unit after it (duration), letters glued to it (``5G``,
  ``G20``, ``COVID-19``, ``3rd``), a capitalised word right before a bare number
  (``Forum 50``), a designator word (``top 100``, ``No. 1``, ``Article 5``; but a
  lower-case one before a plural noun counts it: ``building 10 data centers``), or a
  list marker.  Units, scales and currencies are closed lists, so a counted
  noun (``enterprises``) is never swallowed into the span; a glued ``k`` or ``b``
  scales money, or a count before a lower-case plural (``1B transactions``).
* Approximators stay outside the span but are kept in ``approx``; their meaning
  goes to ``min``/``max`` so that bounds survive normalisation.

Decisions the spec leaves open (documented here so they are made once):

* Money is normalised to the major unit of an ISO 4217 code: ``50 cents`` ->
  (0.5, "USD"), ``470 pence`` -> (4.7, "GBP").  The currencies are CLDR's
  (``currencies.json``).  A form several currencies share (``$``, ``Rs``, ``Sh``,
  ``P``, ``dollars``, ``shillings``, ``pesos``) is the currency of the country the
  article names most; naming none, or several as often, a bare ``$`` / ``dollar``
  is USD, ``pound`` GBP, ``rupee`` INR, ``Sh`` KES, ``P`` PHP (the largest
  English-language press that writes the form), and a name with no such default
  (``peso``, ``franc``, ``dinar``, ``krone``) keeps its lower-case singular, because
  guessing a code would be silently wrong as often as right.
* One capital letter before a number (``R``, ``N``, ``P``), a letter abbreviation
  news does not write for money (``MK``) and a rare ISO code (``PHP``, ``COP``)
  are money only in a money context: a scale, thousands, cents, or the currency's
  country named with an amount of a hundred or more (``N95`` masks, ``R2``,
  ``COP28`` are not money).
* ``¥`` (U+00A5, the Unicode "YEN SIGN") is JPY: a span alone cannot tell a
  Chinese context, and a wrong CNY is as bad as a wrong JPY, so we follow the
  international convention.  The full-width ``￥`` (U+FFE5), ``CN¥``, ``RMB``,
  ``元`` and ``yuan`` are CNY.
* A range (``5 to 10 percent``, ``5-10%``, ``between 5 and 10 percent``) is ONE
  quantity whose value is the midpoint, with ``min``/``max`` the two ends; a
  ``from X to Y`` after a number is a change, not a range, and gives two.
* ``pounds`` right after a bare number and followed by ``of`` is weight
  (``5 pounds of rice`` -> unit "pound"); otherwise it is GBP.
* ``nearly``/``almost`` set ``max``; ``more than``/``over``/``at least`` set
  ``min``; ``up to``/``less than``/``under`` set ``max``; ``about``/``around`` set
  neither.  A trailing ``+`` (``45 million+``) is recorded as approx ``"+"``, a
  lower bound.
* In ``rose from 5 to 10 percent`` the left number takes the unit written once
  after the right one: two quantities, ``5`` (unit %) and ``10 percent``.
* Number-noun compounds are modifiers, not measurements: ``a 5-star hotel``,
  ``two-door``, ``one-time`` give nothing, while unit compounds (``300-fold``,
  ``12-cent``, ``5-kilometre``) are quantities.  Bare ``one`` (``one of the``) is
  a pronoun; ``half`` counts only as a share (``half of``, ``more than half``).
* Money with cents is one quantity: ``3 dollars 50 cents`` -> 3.5 USD.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extensions import document_text, record_error, sentence_bounds, set_span_group
from pipeline.records import Quantity
from pipeline.stages.quantities.currencies import is_money_unit, resolve_currency_names
from pipeline.stages.quantities.find import find_quantities, parse_quantity

__all__ = ["find_quantities", "is_money_unit", "make_quantity_stage", "parse_quantity", "resolve_currency_names"]


NER_QUANTITY_LABELS = ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")


def quantities_from_ner(doc: Doc) -> list[Quantity]:
    """spaCy's own numeric entities, normalised: the baseline's quantities."""
    out = []
    for ent in doc.ents:
        if ent.label_ in NER_QUANTITY_LABELS:
            value, unit = parse_quantity(ent.text)
            out.append(Quantity(ent.start_char, ent.end_char, ent.text, value, unit))
    return out


def quantities_of_body(doc: Doc) -> list[Quantity]:
    """Spec §4: quantities of body sentences only, with document offsets."""
    found: list[Quantity] = []
    text = document_text(doc)
    for _, start, end in sentence_bounds(doc, body_only=True):
        found.extend(q.shifted(start) for q in find_quantities(text[start:end], article=text))
    return found


class QuantityStage:
    def __init__(self, from_ner: bool = False):
        self.find = quantities_from_ner if from_ner else quantities_of_body

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.quantities = found = self.find(doc)
            set_span_group(doc, "quantities", found, label=lambda q: q.unit or "number")
        except Exception as err:  # keep the document; report the stage
            doc._.quantities = []
            record_error(doc, "claims_quantities", err)
        return doc


@Language.factory("claims_quantities", default_config={"from_ner": False},
                  requires=["token.is_sent_start"], assigns=["doc._.quantities"])
def make_quantity_stage(nlp: Language, name: str, from_ner: bool) -> QuantityStage:
    return QuantityStage(from_ner)
