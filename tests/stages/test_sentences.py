import pytest

from pipeline.stages.sentences import sentence_spans


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
    ("  \n\n  ", []),
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
