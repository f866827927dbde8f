"""Alternations of literal names grouped by first character: pipeline/patterns.py."""

import re

from hypothesis import given
from hypothesis import strategies as st

from pipeline.patterns import literal_alternation

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
