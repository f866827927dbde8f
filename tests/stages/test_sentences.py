import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.stages.sentences import TERMINAL, glued_headings, sentence_spans
from pipeline.stages.wrapping import SENTENCE_OPENERS


def sentences(text):
    return [text[a:b] for a, b in sentence_spans(text)]


@pytest.mark.parametrize("text,expected", [
    ("One. Two.", ["One.", "Two."]),
    ("Line one\nLine two", ["Line one", "Line two"]),
    ("A\r\n\r\nB", ["A", "B"]),
    ("A new growth driverThe digital economy grew.", ["A new growth driver", "The digital economy grew."]),
    ("Fostering cooperation As China grows, it helps.", ["Fostering cooperation", "As China grows, it helps."]),
    ("Sales rose 41.06 percent.The firm grew.", ["Sales rose 41.06 percent.", "The firm grew."]),
    ("The U.S. economy grew. Then it fell.", ["The U.S. economy grew.", "Then it fell."]),
    ("He met Mr. Smith on Dec. 4 in Beijing.", ["He met Mr. Smith on Dec. 4 in Beijing."]),
    ("It grew in the U.S. The end came.", ["It grew in the U.S.", "The end came."]),
    ("Tencent Holdings Ltd. said so.", ["Tencent Holdings Ltd. said so."]),
    ('He said "We will win." Then he left.', ['He said "We will win."', "Then he left."]),
    ("Is it? Yes! Fine.", ["Is it?", "Yes!", "Fine."]),
    ("told The Economist that it grew", ["told The Economist that it grew"]),
    # a short opener glued to a capitalised word ends a name, and an opener before a bracket opens nothing
    ("LinkedIn said it grew.", ["LinkedIn said it grew."]),
    ("known as the Netzagentur or NetzA) has grown.", ["known as the Netzagentur or NetzA) has grown."]),
    ("Growth in ChinaThe economy grew.", ["Growth in China", "The economy grew."]),
    ("  \n\n  ", []),
    # a page's machine date glued to the text it stands before
    (" date 2025-08 From Saturday onwards, rules apply.", ["date 2025-08", "From Saturday onwards, rules apply."]),
    ("Updated: 2018-06-12 09:16 China said so.", ["Updated: 2018-06-12 09:16", "China said so."]),
    ("Updated: 2018-06-12 09:16\nBody.", ["Updated: 2018-06-12 09:16", "Body."]),
    ("In 2024-25 the budget rose.", ["In 2024-25 the budget rose."]),
    # a list's numbers end nothing; a number that ends a sentence still does
    ("  1. Reaffirming its position\n  2. Attracting talent", ["1. Reaffirming its position", "2. Attracting talent"]),
    ("The principles are: 1. Solidarity, 2. Inclusion.", ["The principles are: 1. Solidarity, 2. Inclusion."]),
    ("The total was 7. Then it fell.", ["The total was 7.", "Then it fell."]),
])
def test_sentence_table(text, expected):
    assert sentences(text) == expected


def test_spans_are_stripped_and_cover_all_text():
    text = "Title\n\nBody one. Body two.\n  Indented line.  \n"
    spans = sentence_spans(text)
    covered = set()
    for a, b in spans:
        assert text[a:b] == text[a:b].strip()
        covered.update(range(a, b))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


@pytest.mark.parametrize("text", [
    "First line.\nSecond line.\n\nA new paragraph here.\n" * 40,
    "one long line without breaks " * 60,
    "x" * 1000,
    "",
])
def test_sections_cover_the_text_and_stay_within_their_size(text):
    from pipeline.stages.sentences import section_bounds

    bounds = section_bounds(text, 100)
    assert "".join(text[a:b] for a, b in bounds) == text
    assert all(b - a <= 100 for a, b in bounds) and all(a < b for a, b in bounds[:-1])


def test_sections_cut_after_line_breaks_so_no_sentence_is_split():
    from pipeline.stages.sentences import section_bounds

    text = "The first sentence of many. Another one follows it.\n" * 30
    whole = set(sentence_spans(text))
    pieces = {(a + s, a + e) for a, b in section_bounds(text, 400) for s, e in sentence_spans(text[a:b])}
    assert pieces == whole


def test_the_tokenizer_splits_a_token_where_a_sentence_starts_inside_it(nlp):
    doc = nlp.make_doc("A new growth driverThe digital economy grew.\u2066Alibaba\u2069 said.")
    words = [t.text for t in doc]
    assert "driver" in words and "The" in words and "Alibaba" in words
    untouched = nlp.make_doc("Nothing to split here, 41.06 percent.")
    assert [t.text for t in untouched] == [t.text for t in nlp.tokenizer.base("Nothing to split here, 41.06 percent.")]


def test_the_reading_view_changes_only_spaces_and_wraps():
    from pipeline.evaluation.text_forms import hard_wrapped
    from pipeline.stages.sentences import reading_view

    text = ("The agency said on Monday that it will build 30 data centres in the west, and that it\u00a0"
            "expects\tthem to cost about 20 billion yuan by 2027.\r\n") * 4
    assert reading_view(text) == text.replace("\u00a0", " ").replace("\t", " ").replace("\r\n", " \n")
    wrapped = hard_wrapped(text, 50)
    view = reading_view(wrapped)
    assert len(view) == len(wrapped) and view.count("\n") == 4
    assert all(a == b or (a.isspace() and b == " ") or (a == b == "\n") for a, b in zip(wrapped, view))


def test_sections_of_a_wrapped_text_do_not_split_its_sentences():
    from pipeline.evaluation.text_forms import hard_wrapped
    from pipeline.stages.sentences import section_bounds

    text = hard_wrapped("The first sentence of many runs on for a while before it ends. Another one "
                        "follows it and runs on as well, so that the line is long.\n" * 40, 60)
    whole = set(sentence_spans(text))
    for size in range(900, 1500, 50):  # sections whose last line break is a wrap, and others
        pieces = {(a + s, a + e) for a, b in section_bounds(text, size) for s, e in sentence_spans(text[a:b])}
        assert pieces == whole


# The sentence stage's searches are written for speed; each must find what its plain definition finds.
PLAIN_TERMINAL = re.compile(r"(?:\.{3}|…|[.?!])+[\"”’')\]]*")
PLAIN_GLUED_HEADING = re.compile(rf"(?<=[a-z])(?=(?:{'|'.join(SENTENCE_OPENERS)})[ \t])")
# the short opener glued to a word that starts with a capital: the last part of a name (``LinkedIn``)
PLAIN_NAME_PART = re.compile(r"(?:^|(?<=\s))[\"“‘'(\[]*[A-Z]\S*$")
PIECES = st.sampled_from([*SENTENCE_OPENERS, "the", "driver", "x", "ATheB", "Linked", "(", ".", "...", "…", "?!", "”",
                          ")", "'", " ", "\n", "2024", "é", "Théo"])


@given(st.lists(PIECES, max_size=25).map("".join), st.integers(0, 5), st.integers(0, 5))
def test_terminal_marks_and_glued_headings_are_found_as_their_plain_patterns_find_them(text, cut_start, cut_end):
    start, end = min(cut_start, len(text)), max(len(text) - cut_end, 0)
    assert ([m.span() for m in TERMINAL.finditer(text, start, end)]
            == [m.span() for m in PLAIN_TERMINAL.finditer(text, start, end)])
    assert glued_headings(text, start, end) == [
        m.start() for m in PLAIN_GLUED_HEADING.finditer(text, start, end)
        if not (re.match(rf"(?:{'|'.join(o for o in SENTENCE_OPENERS if len(o) < 3)})[ \t]", text[m.start():end])
                and PLAIN_NAME_PART.search(text[start:m.start()]))]
