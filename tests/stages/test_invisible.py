"""Invisible characters are read through, space-like ones read as spaces: same findings as
without them, original offsets."""

import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages.invisible import INVISIBLE, invisible_runs, original_span, spaces_read_as_spaces, trim_invisible, visible
from pipeline.stages.quantities import find_quantities

HIDDEN = ["\u2066", "\u2069", "\u200b", "\u200d", "\u00ad", "\ufeff", "\x1b[31m", "\x1b[0m", "\x1b]0;title\x07"]


def test_every_format_character_and_control_but_whitespace_is_invisible():
    for c in range(sys.maxunicode + 1):
        ch = chr(c)
        if unicodedata.category(ch) in ("Cf", "Cc") and ch not in "\t\n\r":
            assert INVISIBLE.fullmatch(ch), hex(c)
    assert not INVISIBLE.search("plain text, 中国, é, \t\n")


@given(st.lists(st.sampled_from([*HIDDEN, "\x1b", "\x1b[", "\x07", "\x00", "a", " ", "\n", "5", "é"]),
                max_size=20).map("".join))
def test_invisible_runs_are_the_pattern_s_own_matches(text):
    assert [m.span() for m in invisible_runs(text)] == [m.span() for m in INVISIBLE.finditer(text)]


def test_a_bidi_isolate_inside_a_money_amount_does_not_drop_its_scale():
    text = "It raised $5\u2066 billion\u2069 last year."
    [q] = find_quantities(text)
    assert (q.value, q.unit) == (5e9, "USD") and text[q.start:q.end] == q.text == "$5\u2066 billion"


def test_a_terminal_colour_code_is_not_a_quantity():
    assert find_quantities("Colour \x1b[31mred\x1b[0m text, \x1b]0;5 million\x07 hidden.") == []


def test_visible_maps_each_kept_character_back():
    text = "a\u200bb\x1b[1mcd"
    seen, positions = visible(text)
    assert seen == "abcd" and [text[p] for p in positions] == list(seen)
    assert original_span(positions, 1, 3) == (2, 8) and visible("abc") == ("abc", None)
    assert trim_invisible("\u2066Name\u2069", 0, 6) == (1, 5)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["Output grew ", "12.5", "%", " to ", "$", "3", " billion", " yuan",
                                 " in 2024", ", up ", "about ", "7", " percent", ". "]), max_size=14),
       st.data())
def test_quantities_with_hidden_characters_are_those_without(pieces, data):
    clean = "".join(pieces)
    hidden = "".join(p + data.draw(st.sampled_from(["", *HIDDEN])) for p in pieces)
    expected = [(q.value, q.unit, q.approx) for q in find_quantities(clean)]
    found = find_quantities(hidden)
    assert [(q.value, q.unit, q.approx) for q in found] == expected
    for q in found:
        assert hidden[q.start:q.end] == q.text and visible(q.text)[0].strip() == visible(q.text)[0]


def test_entities_never_keep_invisible_characters_at_their_edges(nlp):
    doc = nlp("The deal was signed by \u2066Alibaba Group\u2069 and \u202eTencent\u202c in Beijing, "
              "said \u2068Liu Liehong\u2069.")
    found = {(e.text, e.label) for e in doc._.claim_entities}
    assert {("Alibaba Group", "ORG"), ("Liu Liehong", "PERSON")} <= found
    assert all(not INVISIBLE.match(e.text[0]) and not INVISIBLE.match(e.text[-1]) for e in doc._.claim_entities)


def test_every_unicode_space_and_the_tab_read_as_a_plain_space():
    for c in range(sys.maxunicode + 1):
        ch = chr(c)
        if unicodedata.category(ch) == "Zs" or ch == "\t":
            assert spaces_read_as_spaces(f"a{ch}b") == "a b", hex(c)
    assert spaces_read_as_spaces("a\u200bb\nc") == "a\u200bb\nc"  # invisible and line breaks are not spaces


@pytest.mark.parametrize("text,expected", [
    ("one\r\ntwo", "one \ntwo"),
    ("one\r\n\r\ntwo\r\n", "one  \n\ntwo \n"),
    ("lone\rreturn", "lone\rreturn"),  # an old Mac line break is still a line break
    ("5\u202f000\u00a0yuan", "5 000 yuan"),
])
def test_windows_line_endings_and_unicode_spaces_keep_their_length(text, expected):
    assert spaces_read_as_spaces(text) == expected and len(expected) == len(text)
