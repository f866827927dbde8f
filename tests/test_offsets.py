"""The offset invariant, on any text: ``document[start:end] == text`` for every span."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.evaluation.text_forms import hard_wrapped
from pipeline.extensions import doc_to_records
from pipeline.stages.sentences import sentence_spans

PIECES = st.sampled_from([
    "China's digital economy grew 10 percent to 49 trillion yuan ($6.9 trillion). ",
    "By 2027, the NDA aims to build 30 data hubs. ", "Liu Liehong said.", "\r\n", "\n\n", " ",
    "A new growth driverThe economy", "U.S.", "Dec. 4", "41.06", "“quoted.” ", "…", "\t",
    "Home | Technology\n", "LIN SHANCHUAN/XINHUA\n", "é", "中文", "🙂", "\u2028", "\xa0", "‘",
    "\u2009", "\u202f", "the\n", "and the officials of the\nagency said, ",
])
PIECED = st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=40).map("".join)
TEXTS = st.one_of(
    st.text(max_size=300),
    PIECED,
    st.builds(hard_wrapped, PIECED, st.integers(min_value=10, max_value=80)),  # hard-wrapped text (spec v1.2)
    st.integers(min_value=1, max_value=4).map(lambda n: ("Long line with 12 words and 3.5 percent " * 150) * n),
)


@given(TEXTS)
@settings(max_examples=300, deadline=None)
def test_sentence_spans_tile_the_text(text):
    spans = sentence_spans(text)
    last = 0
    for a, b in spans:
        assert last <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip()
        last = b
    covered = {i for a, b in spans for i in range(a, b)}
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


@given(TEXTS)
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_emitted_span_reproduces_its_text(nlp, text):
    doc = nlp(text)
    rows = doc_to_records(doc, "doc")  # check() inside raises on any bad span
    for row in rows:
        assert text[row.start:row.end] == row.text
        for span in [*row.entities, *row.quantities]:
            assert text[span.start:span.end] == span.text
            assert row.start <= span.start and span.end <= row.end
    assert [r.sent_id for r in rows] == list(range(len(rows)))
