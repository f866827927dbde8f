"""Number cores and scales: pipeline/stages/quantities/numbers.py."""

from __future__ import annotations

import pytest

from pipeline.stages.quantities import find_quantities


def test_letters_that_only_case_folding_matches_are_not_numbers():
    # re.I lets "ſ" (long s) match "s": the fraction "ſix thirds" must not break the sentence
    found = find_quantities("About ſix thirds of firms grew 5 percent.")
    assert [(q.text, q.value, q.unit) for q in found] == [("5 percent", 5.0, "%")]


@pytest.mark.parametrize(("text", "span", "value"), [
    ("Rs 2.5 lakh crore", "Rs 2.5 lakh crore", 2.5e12),          # a scale of a larger scale
    ("an outlay of Rs 76 thousand crore", "Rs 76 thousand crore", 7.6e11),
    ("at 1.9 lakh crore", "1.9 lakh crore", 1.9e12),
    ("Rs 500 cr and 5 lacs", "Rs 500 cr", 5e9),                    # Indian abbreviations
    ("R3,7-billion", "R3,7-billion", 3.7e9),                       # a decimal comma before a scale
    ("R254,6-billion", "R254,6-billion", 2.546e11),
    ("costs R21,50 a litre", "R21,50", 21.5),                      # after a currency
    ("R350 000 a year", "R350 000", 3.5e5),                        # thousands grouped by spaces
    ("€5 000 each", "€5 000", 5e3),
])
def test_scales_decimal_commas_and_spaced_thousands(text: str, span: str, value: float) -> None:
    q = find_quantities(text)[0]
    assert (q.text, q.value) == (span, pytest.approx(value))


@pytest.mark.parametrize(("text", "expected"), [
    ("pages 12,13 and 14", ["14"]),                    # a decimal comma needs a scale or a currency
    ("a $5 100 times", ["$5", "100 times"]),           # no spaced thousands after a dollar
])
def test_what_a_decimal_comma_or_a_spaced_group_is_not(text: str, expected: list[str]) -> None:
    assert [q.text for q in find_quantities(text)] == expected
