"""Patterns written for speed find what their plain forms find: pipeline/patterns.py."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.patterns import leading_literals, literal_alternation, quick_search

BOUNDED = r"(?<!\w)(?<!\S-)(?:{})(?![\w-])"  # as the entity stage bounds its names


def one_by_one(names: frozenset[str]) -> str:
    """The plain alternation, longest name first: what the grouped one must match."""
    return "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))


@given(st.frozensets(st.text(alphabet="AaBb -.&", min_size=1, max_size=6), min_size=1, max_size=8),
       st.text(alphabet="AaBb -.&x\n", max_size=40))
def test_the_grouped_alternation_matches_what_trying_each_name_in_turn_matches(names, text):
    grouped, plain = (re.compile(BOUNDED.format(source)) for source in (literal_alternation(names), one_by_one(names)))
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_a_name_that_extends_another_is_tried_first_and_the_shorter_one_where_it_does_not_fit():
    pattern = re.compile(BOUNDED.format(literal_alternation({"Ali", "Alibaba", "Alibaba Group"})))
    assert [m.group() for m in pattern.finditer("Alibaba Groupon and Alibaba Group, Ali")] == [
        "Alibaba", "Alibaba Group", "Ali"]


def test_special_characters_are_literal():
    pattern = re.compile(literal_alternation({"A.B", "C+", "(D)"}))
    assert pattern.findall("AxB A.B C+ (D) D") == ["A.B", "C+", "(D)"]


@pytest.mark.parametrize("source,expected", [
    (r"\b(?:will|would|shall)\b(?!\s+likely)", {"will", "would", "shall"}),
    (r"%|\bper\s*cent\b|\bpercent\b", {"%", "per"}),  # ``percent`` holds ``per``: one test covers both
    (r"\b(?:aims?|plans?)\s+to\b|\bwith the (?:goal|aim) of\b", {"aim", "plan", "with the "}),
    (r"\b(?:yuan|euros?)\b|[$€]", None),  # a character class can start a match
    (r"\b(?i:will)\b", None),  # so can either case of a letter
    (r"\b(?:rank\w*|)\b", None),  # and an empty branch
])
def test_leading_literals_are_the_words_every_match_starts_with(source, expected):
    found = leading_literals(re.compile(source))
    assert found == (None if expected is None else frozenset(expected))


CUE_WORDS = st.sampled_from(["will", "would", "shall", "aim", "aims to", "plans to", "with the goal of", "per cent",
                             "percent", "%", "likely", "be likely", "is", "are", "2030", "by", "x", " ", ",", "-"])


@given(st.lists(CUE_WORDS, max_size=12).map(" ".join))
def test_a_quick_search_answers_as_the_search_does(text):
    from pipeline.stages.classifier import LOWER_CUES

    for pattern in [*LOWER_CUES.values(), re.compile(r"\b(?:aims?|plans?)\s+to\b|\bwith the (?:goal|aim) of\b")]:
        assert quick_search(pattern)(text) == (pattern.search(text) is not None), (pattern.pattern, text)
