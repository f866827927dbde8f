"""The same article in the forms real files come in gives the same annotations (issue 19).

Hard-wrapped at 60, 72 and 80 columns (a space becomes a line break), with
no-break or thin spaces, with Windows line endings: the pipeline reads each
through the same reading view, so sentences, labels, entities and
quantities stay where they were. The seeds and a fixed sample of the
corpora are run here; benchmarks/text_forms.py scores every gold article.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHARED, shared_file
from pipeline.evaluation.text_forms import annotations, crlf_offset_map, hard_wrapped, windows_line_endings
from pipeline.extensions import doc_to_records, original_text

WIDTHS = (60, 72, 80)
# Every 10th article of the two corpora, in name order: a fixed sample from every region.
SAMPLE_EVERY = 10
# Issue 19: labels, entities and quantities agree within 0.01; sentences (whose boundaries
# a heading as wide as the wrap makes ambiguous) within 0.03.
MOST_DISAGREEMENT = {"sentences": 0.03, "labels": 0.01, "entities": 0.01, "quantities": 0.01}


def thin_and_no_break(text: str, seed: int) -> str:
    """Some spaces as U+00A0, some as U+2009, the rest as they were."""
    rng = random.Random(seed)
    return "".join(rng.choice([" ", "\u00a0", "\u2009"]) if ch == " " else ch for ch in text)


def seeds() -> list[str]:
    folder = shared_file("seeds")
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def corpus_sample() -> list[str]:
    shared_file("corpus2")
    files = sorted([*(SHARED / "corpus").glob("*.txt"), *(SHARED / "corpus2").glob("*.txt")])
    return [p.read_bytes().decode("utf-8") for p in files[::SAMPLE_EVERY]]


@pytest.fixture(scope="module")
def plain_seeds(nlp):
    texts = seeds()
    return texts, [annotations(doc) for doc in nlp.pipe(texts)]


@pytest.mark.parametrize("width", WIDTHS)
def test_seeds_rewrapped_give_what_they_gave(nlp, plain_seeds, width):
    texts, expected = plain_seeds
    wrapped = [hard_wrapped(t, width) for t in texts]
    assert all(w != t for w, t in zip(wrapped, texts))
    assert [annotations(doc) for doc in nlp.pipe(wrapped)] == expected


def test_seeds_with_no_break_and_thin_spaces_give_what_they_gave(nlp, plain_seeds):
    texts, expected = plain_seeds
    spaced = [thin_and_no_break(t, i) for i, t in enumerate(texts)]
    assert [annotations(doc) for doc in nlp.pipe(spaced)] == expected


def test_seeds_with_windows_line_endings_give_what_they_gave(nlp, plain_seeds):
    texts, expected = plain_seeds
    for text, doc, want in zip(texts, nlp.pipe(windows_line_endings(t) for t in texts), expected):
        assert annotations(doc) == annotations_moved(want, crlf_offset_map(text))


def annotations_moved(found: dict[str, set], where) -> dict[str, set]:
    """``found`` with every start (and end) moved by ``where``."""
    return {kind: {(where(item[0]), item[1]) if kind == "labels" else (where(item[0]), where(item[1]), *item[2:])
                   for item in items} for kind, items in found.items()}


def test_a_sample_of_the_corpora_agrees_across_forms(nlp):
    texts = corpus_sample()
    expected = [annotations(doc) for doc in nlp.pipe(texts)]
    forms = {f"wrapped at {w}": (lambda t, w=w: hard_wrapped(t, w)) for w in WIDTHS}
    forms["no-break and thin spaces"] = lambda t: thin_and_no_break(t, len(t))
    for name, form in forms.items():
        found = [annotations(doc) for doc in nlp.pipe(form(t) for t in texts)]
        for kind, most in MOST_DISAGREEMENT.items():
            differing = sum(len(e[kind] ^ f[kind]) for e, f in zip(expected, found))
            assert differing <= most * sum(len(e[kind]) for e in expected), (name, kind, differing)


def test_the_document_is_kept_beside_what_the_stages_read(nlp):
    text = "Liu\u00a0Liehong, head of the National\u2009Data Administration, said output grew 5\u00a0percent.\r\n"
    doc = nlp(text)
    assert original_text(doc) == text and len(doc.text) == len(text)
    assert doc.text == "Liu Liehong, head of the National Data Administration, said output grew 5 percent. \n"
    [row] = doc_to_records(doc, "d")
    assert row.text == text.strip()
    assert {(e.text, e.label) for e in row.entities} >= {("Liu\u00a0Liehong", "PERSON")}
    assert [q.text for q in row.quantities] == ["5\u00a0percent"]
    assert [e.text for e in doc._.claim_entities] == [e.text for e in row.entities]


SPACES = st.sampled_from([" ", "\u00a0", "\u2009", "\u202f", "\u2007", "\t"])
TEXT = ("China's digital economy grew 10 percent to 49 trillion yuan ($6.9 trillion) in 2024, "
        "NDA head Liu Liehong said. By 2027, Alibaba aims to build 30 data hubs under a State Council "
        "guideline, the company said on Monday.")


@given(st.lists(SPACES, min_size=TEXT.count(" "), max_size=TEXT.count(" ")))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_with_some_spaces_replaced_gives_the_same_spans(nlp, spaces):
    pieces = TEXT.split(" ")
    text = pieces[0] + "".join(s + p for s, p in zip(spaces, pieces[1:]))
    assert annotations(nlp(text)) == annotations(nlp(TEXT))
