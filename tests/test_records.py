"""The output rows serialise to exactly what ``dataclasses.asdict`` gives, without its cost."""

from dataclasses import asdict

from hypothesis import given
from hypothesis import strategies as st

from pipeline.records import (CLAIM_LABELS, FIGURE_KINDS, Entity, Figure, FigureSpan, Quantity, SentenceRecord,
                              within_each)

offsets = st.integers(min_value=0, max_value=10_000)
maybe_float = st.none() | st.floats(allow_nan=False)
entities = st.builds(Entity, offsets, offsets, st.text(max_size=8), st.sampled_from(["PERSON", "ORG"]),
                     st.none() | st.text(max_size=8))
figure_spans = st.none() | st.builds(FigureSpan, offsets, offsets, st.text(max_size=8))
figures = st.none() | st.builds(Figure, figure_spans, figure_spans, st.none() | st.integers(1900, 2100),
                                st.sampled_from(FIGURE_KINDS))
quantities = st.builds(Quantity, offsets, offsets, st.text(max_size=8), maybe_float,
                       st.none() | st.sampled_from(["%", "USD", "fold"]), st.none() | st.just("about"),
                       maybe_float, maybe_float, figures)
records = st.builds(
    SentenceRecord, st.text(max_size=5), offsets, offsets, offsets, st.text(max_size=20),
    st.lists(st.sampled_from(CLAIM_LABELS), unique=True),
    st.fixed_dictionaries({label: st.floats(0, 1) for label in CLAIM_LABELS}), st.booleans(),
    st.lists(entities, max_size=3), st.lists(quantities, max_size=3), st.none() | entities,
    st.none() | st.integers(1900, 2100))


@given(records)
def test_a_row_serialises_as_asdict_would(record):
    row = record.to_json()
    assert row == asdict(record)
    assert list(row) == list(asdict(record))  # the same key order: the same output bytes


@given(records)
def test_a_serialised_row_shares_no_list_or_dict_with_the_record(record):
    before = asdict(record)
    row = record.to_json()
    row["labels"].append("x")
    row["scores"]["x"] = 1.0
    for entity in row["entities"]:
        entity["text"] = "changed"
    assert asdict(record) == before


spans = st.tuples(offsets, st.integers(min_value=1, max_value=50)).map(lambda p: (p[0], p[0] + p[1]))


@given(st.lists(spans, max_size=30), st.lists(spans, max_size=10))
def test_within_each_finds_what_a_scan_of_every_record_finds(found, sentences):
    records = [Entity(start, end, "x", "ORG") for start, end in found]
    assert within_each(records, sentences) == [
        [r for r in records if start <= r.start and r.end <= end] for start, end in sentences]


@given(records, st.integers(-100, 100))
def test_a_shifted_row_moves_every_span_of_its_figures_too(record, offset):
    moved = record.shifted(offset, 0)
    for before, after in zip(record.quantities, moved.quantities):
        if before.figure is not None:
            for part in ("measure", "subject"):
                span, shifted = getattr(before.figure, part), getattr(after.figure, part)
                assert (span is None) == (shifted is None)
                assert span is None or (shifted.start, shifted.end) == (span.start + offset, span.end + offset)
