"""Number cores and scales: pipeline/stages/quantities/numbers.py."""

from __future__ import annotations

from pipeline.stages.quantities import find_quantities


def test_letters_that_only_case_folding_matches_are_not_numbers():
    # re.I lets "ſ" (long s) match "s": the fraction "ſix thirds" must not break the sentence
    found = find_quantities("About ſix thirds of firms grew 5 percent.")
    assert [(q.text, q.value, q.unit) for q in found] == [("5 percent", 5.0, "%")]
