"""Places as news names them, mapped to CLDR's English name."""

import pytest

from pipeline.places import place_forms, place_name


@pytest.mark.parametrize("written, name", [
    ("China", "China"), ("chinese", "China"), ("U.S.", "United States"), ("Americans", "United States"),
    ("Britain", "United Kingdom"), ("German", "Germany"), ("Kenyan", "Kenya"), ("South African", "South Africa"),
])
def test_a_name_an_alias_or_a_currency_s_adjective_is_the_territory_s_cldr_name(written, name):
    assert place_name(written) == name


def test_what_names_no_single_territory_is_not_a_place():
    assert place_name("Guizhou") is None and place_name("") is None
    assert all(form == form.lower() for form in place_forms())
