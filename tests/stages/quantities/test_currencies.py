"""Money: currency names, symbols, ISO codes and the article's country: pipeline/stages/quantities/currencies.py."""

from __future__ import annotations

import pytest

from pipeline.stages.quantities import find_quantities, resolve_currency_names


@pytest.mark.parametrize("text, unit", [
    ("Kenya's mobile money hit 1.2 trillion shillings.", "KES"),
    ("Mexico's exports rose to 50 billion pesos.", "MXN"),
    ("Saudi Arabia will invest 10 billion riyals.", "SAR"),
    ("Trade between Uganda and Kenya reached 5 million shillings.", "shilling"),  # two candidates
    ("The fund holds 5 million pesos.", "peso"),  # no country named
])
def test_a_currency_name_several_countries_use_takes_the_code_of_the_one_the_article_names(text, unit):
    [q] = resolve_currency_names(text, find_quantities(text))
    assert q.unit == unit
