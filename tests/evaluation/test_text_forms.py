"""The forms of an article, and its gold carried over to each."""

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.evaluation.text_forms import (
    FORMS, crlf_offset_map, gold_in_form, hard_wrapped, no_break_spaces, windows_line_endings,
)

LINES = st.lists(st.text(alphabet="ab  .", max_size=120), max_size=6).map("\n".join)


@settings(max_examples=200, deadline=None)
@given(LINES, st.integers(min_value=5, max_value=80))
def test_wrapping_turns_spaces_into_line_breaks_and_fills_lines_to_the_width(text, width):
    wrapped = hard_wrapped(text, width)
    assert len(wrapped) == len(text)
    assert all(a == b or (a == " " and b == "\n") for a, b in zip(text, wrapped))
    assert wrapped.count("\n\n") >= text.count("\n\n")
    lines = wrapped.split("\n")
    for line in lines:
        # only a word longer than the width overflows it
        assert len(line.rstrip(" ")) <= width or " " not in line.strip(" ")
    at = 0
    for line, following in zip(lines, lines[1:]):
        at += len(line) + 1
        if text[at - 1] == " ":  # a wrap: the next word did not fit
            assert len(line) + 1 + len(following.split(" ")[0]) > width


def test_short_lines_stay_as_they_are():
    assert hard_wrapped("A heading\nA body line that is long enough to wrap.", 20) == (
        "A heading\nA body line that is\nlong enough to wrap.")


def test_gold_moves_with_windows_line_endings():
    text = "Title\nBody one.\n\nBody two."
    record = {"doc_id": "d", "path": "x.txt", "sha256": "0",
              "sentences": [{"start": 17, "end": 26, "labels": [], "boilerplate": False}],
              "entities": [{"start": 6, "end": 10, "label": "ORG"}]}
    carried = gold_in_form(record, text, "Windows line endings")
    crlf = windows_line_endings(text)
    assert carried["text"] == crlf and "path" not in carried
    assert crlf[carried["sentences"][0]["start"]:carried["sentences"][0]["end"]] == "Body two."
    assert crlf[carried["entities"][0]["start"]:carried["entities"][0]["end"]] == "Body"
    assert crlf_offset_map(text)(len(text)) == len(crlf)


def test_every_other_form_keeps_offsets():
    text = "Liu Liehong said output grew 5 percent to 49 trillion yuan in the first half of the year."
    for name, form in FORMS.items():
        if name != "Windows line endings":
            assert len(form(text)) == len(text)
    assert no_break_spaces("a b") == "a\u00a0b"
