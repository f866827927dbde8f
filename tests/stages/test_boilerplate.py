import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.stages.boilerplate import (BYLINE, CALL_TO_READER, CAPTION_PLACE, CREDIT, CREDIT_CASED, EDITOR_NOTE,
                                         EDITORS_MARK, boilerplate_flags, is_furniture)
from pipeline.stages.sentences import sentence_spans


def flags(text):
    spans = sentence_spans(text)
    return {text[a:b]: f for (a, b), f in zip(spans, boilerplate_flags(text, spans))}


@pytest.mark.parametrize("line", [
    "Home | Technology",
    "By FAN FEIFEI and HU MEIDONG in Fuzhou | China Daily | Updated: 2024-05-28 09:16",
    "Updated: 2018-06-12",
    "Share - WeChat",
    "LIN SHANCHUAN/XINHUA",
    "Photo: Reuters",
    "Data management key to smart city success",
    "Registration Number: 130349",
])
def test_page_furniture_is_boilerplate(line):
    text = f"{line}\n\nChina's digital economy grew 10 percent last year, the report said."
    assert flags(text)[line] is True


@pytest.mark.parametrize("line", [
    "Subscribe to both The Daily Ledger and The Evening Post — for the price of one.",
    "Read more: Why chip exports slowed in the spring",
    "ADVERTISEMENT",
    "Our Standards: The Example Wire Trust Principles.",
    "This article was first published in the Harbour Review's autumn issue.",
    "This is the second part of a series on the new data law. -- Ed.",
    "Minister Jane Doe (second from left) visits a data centre in Lyon on May 3.",
])
def test_what_every_site_wraps_around_an_article_is_boilerplate(line):
    text = f"Headline here\n\nThe regulator fined two platforms last year.\n\n{line}\n\nThe fines total 5 million euros."
    assert all(flag for sentence, flag in flags(text).items() if sentence in line)
    assert flags(text)["The fines total 5 million euros."] is False


@pytest.mark.parametrize("sentence", [
    "China's digital economy grew 10 percent last year, the report said.",
    "Subscribers to the 5G service rose 12 percent to 40 million last year.",
    "Advertisement spending online grew 9 percent in 2023, the report said.",
    "The rules, originally published in 2019, were revised last year.",
    "Senator Jane Roe (R) said the chips bill would pass this week.",
    "Read together, the two laws give the regulator new powers.",
    "By 2027, China aims to build several smart cities.",
    "By addressing bottlenecks, China has built a resilient ecosystem.",
])
def test_body_sentences_are_not_boilerplate(sentence):
    assert flags(f"Headline here\n\n{sentence}\n\nAnother body sentence follows here.")[sentence] is False


def test_footer_runs_to_the_end():
    text = ("Body sentence one.\n\nBACK TO THE TOP\nCopyright 1995 - . All rights reserved. "
            "The content belongs to the site.\nLicense 0108263")
    f = flags(text)
    assert f["Body sentence one."] is False
    assert f["The content belongs to the site."] is True


def test_a_footer_line_inside_the_article_is_only_a_line():
    caption = "Copyright Olivier Matthys/Copyright 2020 The AP. All rights reserved."
    body = "Just over half of the 2030 goals are on track to be met across the board, the data shows."
    f = flags(f"Headline\n\nThe first body sentence.\n\n{caption}\n\n{body}\n\nBack to top")
    assert f[body] is False
    assert f["Back to top"] is True


@pytest.mark.parametrize("item", [
    "-Verizon: $45.455 billion for 3,511 licenses in 406 PEAs",
    "• Smart factories will be built in every province by 2027",
    "2. Increasing the competitive edge of the AI sector in the UAE",
])
def test_list_items_are_body(item):
    assert flags(f"Headline\n\nThe winners were these.\n\n{item}\n\nThe auction ended.")[item] is False


def test_a_long_line_without_a_stop_is_body_but_a_headline_is_not():
    standfirst = ("The regulator has issued the first penalties under the new act, showing its will to enforce its "
                  "data rulebook regardless of political pressure from abroad")
    headline = "Two platforms hit with first penalties under the new data rules"
    f = flags(f"{headline}\n{standfirst}\nThe penalties total 500 million euros.")
    assert f[standfirst] is False
    assert f[headline] is True


def test_truncated_last_sentence_is_body():
    text = "Headline\n\nThe economy grew fast. Officials expect the sector to keep expanding in the"
    assert flags(text)["Officials expect the sector to keep expanding in the"] is False


def test_a_paragraphs_last_sentence_that_lost_its_stop_is_body_but_a_credit_after_a_caption_is_not():
    text = ("Headline\n\nThe grant came from the Act, the secretary said. The law, passed in 2022, set aside "
            "a large sum to boost the chip sector, including a share for construction\n\n"
            "Officials met in the capital on Monday. (Agency)\n\nMore body text follows here.")
    found = flags(text)
    assert found["The law, passed in 2022, set aside a large sum to boost the chip sector, including a share "
                 "for construction"] is False
    assert found["(Agency)"] is True


def test_caption_line_with_credit():
    text = "Visitors view a booth in Beijing. [Photo by Chen Xiaogen/For China Daily]\n\nBody text here."
    assert flags(text)["Visitors view a booth in Beijing."] is True


# The furniture rule as one alternation, as it was written before it was split for speed.
ONE_PATTERN = re.compile(
    r"(?:\bupdated:|\bpublished:|\bsource:\s|\beditor:\s|^share\b|^\s*\(\s*\w[\w ]*\)\s*$"
    r"|\||registration number|licen[cs]e for publishing|^note: browsers"
    r"|all rights reserved|^global edition)", re.I)
PIECES = ["updated:", "Published: ", "SOURCE: x", "editor:\t", "share", "Share this", " (Xinhua) ", "(AP)", "|",
          "registration number", "Licence for publishing", "note: browsers", "All Rights Reserved",
          "global edition", "photo", "PHOTO BY", "[Photo", "(photo: ", "credit:", "file photo", "photos/",
          "LIN SHANCHUAN/XINHUA", "Chen Xiaogen/For China Daily", "/", "By", "By Yuan Shenggao |", "x", "-", " ",
          "\n", "é", "İ", "ſ", "\u212a", "ı", "Subscribe to", "(right)", "(", "-- Ed.", "—ed", "This article was "]


@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=8).map("".join))
def test_the_split_furniture_checks_agree_with_the_one_pattern(line):
    assert is_furniture(line) == (any(p.search(line) is not None
                                      for p in (ONE_PATTERN, BYLINE, CREDIT, CREDIT_CASED, CAPTION_PLACE))
                                  or CALL_TO_READER.match(line) is not None or EDITOR_NOTE.match(line) is not None
                                  or EDITORS_MARK.search(line) is not None)
