"""approx, min, max and ranges (spec §4): pipeline/stages/quantities/bounds.py."""

from __future__ import annotations

import pytest

from pipeline.stages.quantities import find_quantities


def spans(text: str) -> list[tuple[str, float | None, str | None]]:
    return [(q.text, q.value, q.unit) for q in find_quantities(text)]


# approximators stay outside the span
APPROX = [
    # text, span, value, approx, min, max
    ("with more than 16,000 guests", "16,000", 16000.0, "more than", 16000.0, None),
    ("over 300 international guests", "300", 300.0, "over", 300.0, None),
    ("at least 30 cities", "30", 30.0, "at least", 30.0, None),
    ("up to 5,000 people", "5,000", 5000.0, "up to", None, 5000.0),
    ("fewer than 10 sites", "10", 10.0, "fewer than", None, 10.0),
    ("rolled out nearly 30 policy measures", "30", 30.0, "nearly", None, 30.0),
    ("stand at around 49 trillion yuan", "49 trillion yuan", 4.9e13, "around", None, None),
    ("accounting for about 35 percent of GDP", "35 percent", 35.0, "about", None, None),
    ("Some 5,000 data products", "5,000", 5000.0, "some", None, None),
    ("more than half of the enterprises", "half", 0.5, "more than", 0.5, None),
    ("45 million+ active users", "45 million", 4.5e7, "+", 4.5e7, None),
    # a range written with between: one quantity, value is the midpoint, min/max the ends
    ("between 20 and 30 percent", "20 and 30 percent", 25.0, "between", 20.0, 30.0),
    # a currency written before the first number only: one quantity too, its unit read from it
    ("revenue was $5-10 million", "$5-10 million", 7.5e6, None, 5e6, 1e7),
]


@pytest.mark.parametrize(("text", "expected"), [
    ("prices rose 5 to 10 percent", [("5", 5.0, "%"), ("10 percent", 10.0, "%")]),
    ("prices rose 5-10%", [("5", 5.0, "%"), ("10%", 10.0, "%")]),
    ("held at 4 – 7% for light industry", [("4", 4.0, "%"), ("7%", 7.0, "%")]),
    ("from 4-4.5 per cent in 2014", [("4", 4.0, "%"), ("4.5 per cent", 4.5, "%")]),
    ("may shrink by 100-200 million", [("100", 1e8, None), ("200 million", 2e8, None)]),
    ("bids of $2 billion to $3 billion", [("$2 billion", 2e9, "USD"), ("$3 billion", 3e9, "USD")]),
    ("won 40MHz-60MHz of spectrum", [("40MHz", 40.0, "megahertz"), ("60MHz", 60.0, "megahertz")]),
    # numbers that look like years but carry their unit
    ("in the 1920MHz-1980MHz range", [("1920MHz", 1920.0, "megahertz"), ("1980MHz", 1980.0, "megahertz")]),
    # ranges listed with a slash
    ("in the 700MHz-750MHz/800MHz-850MHz range", [("700MHz", 700.0, "megahertz"), ("750MHz", 750.0, "megahertz"),
                                                   ("800MHz", 800.0, "megahertz"), ("850MHz", 850.0, "megahertz")]),
])
def test_a_range_is_two_quantities_that_share_the_unit_and_scale_written_once(text, expected) -> None:
    found = find_quantities(text)
    assert [(q.text, q.unit) for q in found] == [(t, u) for t, _, u in expected]
    assert [q.value for q in found] == [pytest.approx(v) for _, v, _ in expected]
    assert all(q.min is None and q.max is None for q in found)


@pytest.mark.parametrize("text", ["the team won 3-1 in the final", "a 5-10 year plan", "call 010-1234-5678",
                                  "between 1998-2005 it grew", "open 24/7 all year"])
def test_a_score_a_duration_and_a_code_are_no_range(text) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(("text", "span", "value", "approx", "lo", "hi"), APPROX)
def test_approx_min_max(text: str, span: str, value: float, approx: str | None,
                        lo: float | None, hi: float | None) -> None:
    (q,) = find_quantities(text)
    assert (q.text, q.approx) == (span, approx)
    assert q.value == pytest.approx(value)
    assert q.min == (pytest.approx(lo) if lo is not None else None)
    assert q.max == (pytest.approx(hi) if hi is not None else None)


def test_from_to_is_a_change_not_a_range() -> None:
    # the left number takes the unit written once after the right one
    assert spans("output rose from 5 to 10 percent") == [("5", 5.0, "%"),
                                                         ("10 percent", 10.0, "%")]
    assert spans("sales rose 4.8% to $13.18 billion") == [("4.8%", 4.8, "%"),
                                                          ("$13.18 billion", 1.318e10, "USD")]


@pytest.mark.parametrize(("text", "span", "value"), [
    ("it bought 2×20MHz of paired spectrum", "2×20MHz", 40.0),
    ("in 2 x 10 MHz blocks", "2 x 10 MHz", 20.0),
])
def test_a_count_of_blocks_times_a_measured_size_is_one_quantity(text, span, value) -> None:
    (q,) = find_quantities(text)
    assert (q.text, q.value, q.unit) == (span, pytest.approx(value), "megahertz")


@pytest.mark.parametrize("text", ["a 3x3 grid", "the 1920x1080 screen"])
def test_a_product_of_bare_numbers_is_no_quantity(text) -> None:
    assert find_quantities(text) == []
