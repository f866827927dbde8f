"""Given names and common words: when a capitalised phrase reads as a person's name."""

import pytest

from pipeline.stages.people import common_words, given_names, is_common_word, reads_as_personal_name


def test_the_given_names_reach_beyond_english():
    names = given_names()
    assert {"Clare", "Gianluca", "Masayoshi", "Abdullah", "Fumio"} <= names
    assert len(names) > 30_000
    assert all(" " not in name and name[0].isupper() for name in names)


def test_the_list_is_read_as_data_without_running_the_package_s_code():
    import sys

    given_names()
    assert "gender_guesser" not in sys.modules


def test_common_words_are_lower_case_dictionary_words_with_their_plurals():
    assert "platform" in common_words() and "barclay" not in common_words()
    assert is_common_word("Platforms") and is_common_word("Researches") and not is_common_word("Cuttitta")


@pytest.mark.parametrize("name", ["Clare Barclay", "Ben Curtis", "Gianluca Guidi", "Abida Shaheen",
                                  "Naoki Soma", "Mary-Jane Okafor"])
def test_a_given_name_and_words_that_are_names_read_as_a_person(name):
    assert reads_as_personal_name(name)


@pytest.mark.parametrize("name", [
    "Meta Platforms",          # a common noun after the given name
    "Sydney Cricket Ground",
    "Le Havre",                # an article opens it
    "Goldman Sachs",           # no given name first
    "Clare",                   # one word
    "Anna Maria Rosa Bianchi",  # four words: too long to say
    "CLARE BARCLAY",           # capitals say nothing
    "The Wallabies",           # a function word, though the list has it as a name
])
def test_other_phrases_do_not(name):
    assert not reads_as_personal_name(name)


def test_words_named_as_not_names_veto_it():
    assert reads_as_personal_name("Victoria Hale") and not reads_as_personal_name("Victoria Hale", {"hale"})
