"""Spec v1.2 §1: whether a text is hard-wrapped, and which of its line breaks are wraps."""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipeline.evaluation.text_forms import hard_wrapped
from pipeline.stages.sentences import reading_view, sentence_spans
from pipeline.stages.wrapping import wraps

# Written for these tests, in the manner of wire copy and of a scraped article.
ARTICLE = (
    "Data exchanges open in three provinces\n"
    "By Wang Lin | Updated: 2024-05-02\n"
    "The country opened data exchanges in three provinces on Tuesday, the planning agency said, "
    "as part of a drive to let companies trade industrial and public data under one set of rules.\n"
    "Officials expect the exchanges to handle about 20 billion yuan of trades a year by 2026, "
    "up from 4 billion yuan last year, and plan to add five more of them in the west.\n"
    "A new growth driver\n"
    "Companies in the eastern provinces have complained for years that the rules on moving data "
    "between regions were unclear, which kept many of them from selling what they collect.\n"
    "The agency said it will publish a list of the data that may be traded before the end of June, "
    "and that it will fine exchanges that break the rules.\n"
)
RAGGED_WIRE = (
    "date 2024-03-05 (Adds background on the ministry's earlier statements, quote)\n"
    "OSLO, March 5 (Wire) - The\n"
    "Norwegian government on Tuesday said it plans to sell\n"
    "its stake in two telecom operators, in a move that\n"
    "would raise about 30 billion crowns for its wealth fund.\n"
    "The sale follows a review of state holdings that\n"
    "began last year and was led by the trade ministry,\n"
    "which has argued that the state should not own\n"
    "companies competing in open markets.\n"
    "Trade Minister Kari Olsen announced the\n"
    "decision in a letter to parliament.\n"
)


def sentences(text):
    return [text[a:b] for a, b in sentence_spans(text)]


def test_an_article_of_a_paragraph_to_a_line_is_not_wrapped():
    assert wraps(ARTICLE) == []
    assert reading_view(ARTICLE) == ARTICLE


@pytest.mark.parametrize("width", [40, 60, 72, 80])
def test_an_article_filled_to_any_width_has_the_sentences_it_had(width):
    wrapped = hard_wrapped(ARTICLE, width)
    assert wrapped != ARTICLE and len(wrapped) == len(ARTICLE)
    assert sentence_spans(wrapped) == sentence_spans(ARTICLE)


def test_a_sentence_runs_across_wraps_and_its_span_keeps_the_line_breaks():
    found = sentences(RAGGED_WIRE)
    assert "OSLO, March 5 (Wire) - The\nNorwegian government on Tuesday said it plans to sell\nits stake" in found[1]
    assert found[1].endswith("for its wealth fund.")
    assert found[3] == "Trade Minister Kari Olsen announced the\ndecision in a letter to parliament."


def test_a_line_longer_than_any_wrapped_one_was_not_wrapped():
    assert sentences(RAGGED_WIRE)[0].startswith("date 2024-03-05") and sentences(RAGGED_WIRE)[0].endswith("quote)")


def test_headings_bylines_and_short_lines_of_a_wrapped_text_end_their_sentence():
    text = hard_wrapped(ARTICLE, 50)
    found = sentences(text)
    assert "Data exchanges open in three provinces" in found
    assert "A new growth driver" in found
    assert "By Wang Lin | Updated: 2024-05-02" in found


@pytest.mark.parametrize("text,expected", [
    # a list stays a list, in a wrapped text too
    ("The plan has three parts, which the agency set out in a long document on\nits website this "
     "week, and which it will carry out over the next three\nyears, with help from the provinces and "
     "from the large state-owned\ncompanies:\n- faster networks in the west\n- shared data centres\n"
     "- rules on trading data",
     ["- faster networks in the west", "- shared data centres", "- rules on trading data"]),
    # an abbreviation at a line's end does not end the sentence
    ("Sales of the devices rose sharply in the first quarter in the U.S.\nmarket, the company said, "
     "while sales in the rest of the world were flat,\nand it expects them to keep rising for the rest "
     "of the year as\nprices fall and more of the devices reach the shops of the\nsmaller towns.",
     ["Sales of the devices rose sharply in the first quarter in the U.S.\nmarket, the company said, "
      "while sales in the rest of the world were flat,\nand it expects them to keep rising for the rest "
      "of the year as\nprices fall and more of the devices reach the shops of the\nsmaller towns."]),
])
def test_wrapped_text_table(text, expected):
    found = sentences(text)
    assert all(e in found for e in expected), found


def test_a_blank_line_is_never_crossed():
    text = hard_wrapped("One long line of text that goes on and on about the economy and its growth "
                        "in the\n\nnext paragraph, which starts in lower case for some reason and "
                        "goes on for a while as well, until it ends here.\n" * 3, 40)
    assert not any("\n\n" in s for s in sentences(text))


def test_lines_of_a_list_ending_in_semicolons_are_not_a_wrapped_text():
    text = ("The others are:\n* An infrastructure programme;\n* A masterplan and its rules;\n"
            "* Skills for the future;\n* Reform of state companies\nThe minister said so.")
    assert wraps(text) == []


def test_windows_line_endings_and_unicode_spaces_do_not_hide_a_wrapped_text():
    wrapped = hard_wrapped(ARTICLE, 60)
    odd = wrapped.replace(" ", "\u00a0").replace("\n", "\r\n")
    spans = sentence_spans(odd)
    assert len(spans) == len(sentence_spans(ARTICLE))


WORDS = st.sampled_from(["the", "data", "agency", "said", "it", "will", "build", "about", "20", "new",
                         "centres", "in", "western", "provinces", "and", "Beijing", "Liu", "Liehong",
                         "percent", "of", "a", "plan", "to", "raise", "output", "by", "2027", "with",
                         "companies", "that", "trade", "billion", "yuan", "last", "year"])
# A sentence never ends on ``a``: ``a.`` reads as an initial (``J. Smith``), which a line break
# ends only in text that is not wrapped.
LAST_WORDS = st.sampled_from(["data", "year", "provinces", "plan", "Beijing", "percent", "2027"])
SENTENCE = st.builds(lambda ws, last: " ".join([*ws, last]).capitalize() + ".",
                     st.lists(WORDS, min_size=7, max_size=17), LAST_WORDS)
PARAGRAPH = st.lists(SENTENCE, min_size=2, max_size=5).map(" ".join)
HEADING = st.sampled_from(["Growth slows", "A new driver", "Data rules", "Outlook"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), HEADING), PARAGRAPH), min_size=3, max_size=6),
       st.sampled_from(["\n", "\n\n"]), st.integers(min_value=40, max_value=100))
def test_any_article_rewrapped_at_any_width_keeps_its_sentences(blocks, separator, width):
    text = separator.join(p if h is None else h + "\n" + p for h, p in blocks)
    wrapped = hard_wrapped(text, width)
    # Wrapped plainly enough to tell: a third of its line breaks fall mid-sentence, before a lower-case
    # word (where wraps fall only after full stops, the text could as well be laid out that way).
    mid_sentence = sum(ch == "\n" and wrapped[i + 1].islower() for i, ch in enumerate(wrapped))
    assume(mid_sentence >= max(3, wrapped.count("\n") / 3))
    assert sentence_spans(wrapped) == sentence_spans(text)
