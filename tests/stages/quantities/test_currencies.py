"""Money: currency names, symbols, ISO codes and the article's country: pipeline/stages/quantities/currencies.py."""

from __future__ import annotations

from unittest import mock

import pytest

from hypothesis import given
from hypothesis import strategies as st

from pipeline.stages.quantities import currencies, find_quantities, resolve_currency_names
from pipeline.stages.quantities.currencies import country_mentions, settle_unit


def money(text: str, article: str | None = None) -> list[tuple[str, float | None, str | None]]:
    return [(q.text, q.value, q.unit) for q in find_quantities(text, article)]


# --------------------------------------------------------------------------
# The forms news writes, read from CLDR's symbols and the press's abbreviations
# --------------------------------------------------------------------------

FORMS = [
    # East African shillings: CLDR's Ksh, USh, TSh and the press's Sh, Shs, KSh
    ("Lenders disbursed Sh412.6 billion last year.", "Sh412.6 billion", 4.126e11, "KES"),
    ("Safaricom earned KSh62.7 billion.", "KSh62.7 billion", 6.27e10, "KES"),
    ("Fuel rose by Ksh 5.72 a litre.", "Ksh 5.72", 5.72, "KES"),
    ("The ministry got USh 1.5 trillion.", "USh 1.5 trillion", 1.5e12, "UGX"),
    ("The port collected TSh 1.1 trillion.", "TSh 1.1 trillion", 1.1e12, "TZS"),
    # South and Southeast Asia
    ("Malaysia's data centres drew RM164.45 billion.", "RM164.45 billion", 1.6445e11, "MYR"),
    ("The deficit reached Rp 507.8 trillion.", "Rp 507.8 trillion", 5.078e14, "IDR"),
    ("Dhaka's budget is Tk 7.97 lakh crore.", "Tk 7.97 lakh crore", 7.97e12, "BDT"),
    ("The fare is ฿20 a trip.", "฿20", 20.0, "THB"),
    ("Samsung will invest ₩360 trillion.", "₩360 trillion", 3.6e14, "KRW"),
    # Africa
    ("Revenue was N2.4trn in the half.", "N2.4trn", 2.4e12, "NGN"),
    ("The wage rose to ₦70,000 a month.", "₦70,000", 70000.0, "NGN"),
    ("Accra will spend GH¢2.5 billion.", "GH¢2.5 billion", 2.5e9, "GHS"),
    ("Mobile money reached GH₵1.9 trillion.", "GH₵1.9 trillion", 1.9e12, "GHS"),
    ("Kigali raised Rwf5 billion.", "Rwf5 billion", 5e9, "RWF"),
    # the Gulf, Turkey, Israel, Switzerland
    ("The budget plans SR1.25 trillion of spending.", "SR1.25 trillion", 1.25e12, "SAR"),
    ("Doha's surplus was QR3.5 billion.", "QR3.5 billion", 3.5e9, "QAR"),
    ("Non-oil trade reached Dh2 trillion.", "Dh2 trillion", 2e12, "AED"),
    ("Reserves stood at TL 1.2 trillion.", "TL 1.2 trillion", 1.2e12, "TRY"),
    ("The budget adds NIS 5 billion for defence.", "NIS 5 billion", 5e9, "ILS"),
    ("Nestle booked SFr 3 billion.", "SFr 3 billion", 3e9, "CHF"),
    # dollars, pesos and reais with their country's prefix
    ("TSMC will invest NT$1.1 trillion.", "NT$1.1 trillion", 1.1e12, "TWD"),
    ("A ticket costs MX$150.", "MX$150", 150.0, "MXN"),
    ("Brasilia set aside R$23 billion.", "R$23 billion", 2.3e10, "BRL"),
    ("The fund put in NZ$500 million.", "NZ$500 million", 5e8, "NZD"),
    # ... and after the amount, as a sign is
    ("A device costs no more than 100 US$.", "100 US$", 100.0, "USD"),
    ("The plan costs 30 A$ a month.", "30 A$", 30.0, "AUD"),
    # names after the number, singular or plural, with or without their adjective
    ("The e-levy raised 600 million cedis.", "600 million cedis", 6e8, "GHS"),
    ("Poland will spend 20 billion zlotys.", "20 billion zlotys", 2e10, "PLN"),
    ("The bank was fined 15 million roubles.", "15 million roubles", 1.5e7, "RUB"),
    ("Bangkok approved a 500 billion baht scheme.", "500 billion baht", 5e11, "THB"),
    ("Profit fell to 8.8 billion rand.", "8.8 billion rand", 8.8e9, "ZAR"),
    ("The agency recovered 500 million naira.", "500 million naira", 5e8, "NGN"),
    ("The project costs 1.2 billion ringgit.", "1.2 billion ringgit", 1.2e9, "MYR"),
    ("Mobile money moved 1.2 trillion taka.", "1.2 trillion taka", 1.2e12, "BDT"),
    ("The fine was 2.3 million lira.", "2.3 million lira", 2.3e6, "TRY"),
    ("Ericsson booked 4.5 billion Swedish crowns.", "4.5 billion Swedish crowns", 4.5e9, "SEK"),
    ("The contract is worth 2 billion Qatari riyals.", "2 billion Qatari riyals", 2e9, "QAR"),
    ("Brazil spent 3 billion Brazilian reais.", "3 billion Brazilian reais", 3e9, "BRL"),
    ("Lira debts of 5 billion Italian lire remained.", "5 billion Italian lire", 5e9, "ITL"),
]


@pytest.mark.parametrize(("text", "span", "value", "unit"), FORMS)
def test_money_as_news_writes_it(text: str, span: str, value: float, unit: str) -> None:
    [(got_span, got_value, got_unit)] = money(text)
    assert (got_span, got_unit) == (span, unit)
    assert got_value == pytest.approx(value, rel=1e-9)


# --------------------------------------------------------------------------
# A form several currencies share is the one of the country the article names
# --------------------------------------------------------------------------

BY_COUNTRY = [
    # (text, unit): the default when no country is named, the named country's otherwise
    ("Lenders disbursed Sh1.5 billion.", "KES"),
    ("Tanzania's tourism earned Sh7.4 trillion.", "TZS"),
    ("KAMPALA — the Ugandan budget is Shs72 trillion.", "UGX"),
    ("Telecoms paid 1.5 trillion rupees for spectrum.", "INR"),
    ("Pakistan's deficit widened to Rs 7.5 trillion.", "PKR"),
    ("Sri Lanka will raise Rs 300 billion.", "LKR"),
    ("The conglomerate earned P42.3 billion.", "PHP"),
    ("Botswana's diamond revenue fell to P9.8 billion.", "BWP"),
    ("The developer signed SR5 billion of contracts.", "SAR"),
    ("The startup raised $40 million.", "USD"),
    ("Australia's budget returned a $15.8 billion surplus.", "USD"),  # spec §4: a bare $ is USD
    ("OTTAWA — the Canadian government will spend $2.4 billion.", "USD"),
    ("Nigeria raised $3 billion from a Eurobond.", "USD"),             # no dollar of Nigeria's
    ("Argentina's treasury sold 800 billion pesos of bonds.", "ARS"),
    ("The fund holds 5 million pesos.", "peso"),                     # no default: the name
    ("Egypt's subsidy bill reached 636 billion pounds.", "EGP"),
    ("Britain's deficit was 20 billion pounds.", "GBP"),
]


@pytest.mark.parametrize(("text", "unit"), BY_COUNTRY)
def test_a_shared_form_takes_the_currency_of_the_country_the_article_names(text: str, unit: str) -> None:
    [(_, _, got)] = money(text)
    assert got == unit


def test_the_article_not_the_sentence_names_the_country() -> None:
    article = "KAMPALA, Uganda — The budget was read on Thursday. It adds Shs3 trillion for roads."
    sentence = "It adds Shs3 trillion for roads."
    assert money(sentence) == [("Shs3 trillion", 3e12, "KES")]
    assert money(sentence, article) == [("Shs3 trillion", 3e12, "UGX")]


def test_a_bare_dollar_is_us_dollars_beside_a_local_dollar() -> None:
    text = "Australia's BHP will spend $5 billion, or A$7.5 billion, in Australia."
    assert [u for _, _, u in money(text)] == ["USD", "AUD"]


def test_the_country_named_most_wins_and_a_tie_falls_back_to_the_default() -> None:
    mentions = country_mentions("Kenya and Uganda, Uganda again")
    assert settle_unit("¤shilling|KES|KES,SOS,TZS,UGX", mentions) == "UGX"
    assert settle_unit("¤shilling|KES|KES,SOS,TZS,UGX", country_mentions("Kenya and Uganda")) == "KES"
    assert settle_unit("¤peso||ARS,MXN", country_mentions("Mexico and Argentina")) == "peso"


@pytest.mark.parametrize("text, unit", [
    ("Kenya's mobile money hit 1.2 trillion shillings.", "KES"),
    ("Mexico's exports rose to 50 billion pesos.", "MXN"),
    ("Saudi Arabia will invest 10 billion riyals.", "SAR"),
    ("Trade between Uganda and Kenya reached 5 million shillings.", "KES"),  # a tie: the default
    ("Trade between Mexico and Chile reached 5 million pesos.", "peso"),     # a tie, no default
    ("The fund holds 5 million pesos.", "peso"),                            # no country named
])
def test_a_currency_name_several_countries_use_takes_the_code_of_the_one_the_article_names(text, unit):
    [q] = resolve_currency_names(text, find_quantities(text))
    assert q.unit == unit


# --------------------------------------------------------------------------
# A capital letter or an acronym before a number is not money without money around it
# --------------------------------------------------------------------------

NOT_MONEY = [
    "Health workers in Lagos still lack N95 masks, Nigeria's health ministry said.",
    "Huawei unveiled the P50 Pro in Manila.",
    "Pupils in P5 sit the test in June.",
    "Rivian's R2 SUV goes on sale next year.",
    "Traffic on the R21 near OR Tambo airport in South Africa was heavy.",
    "Print it on A4 paper for B2B clients.",
    "PHP 8.3 was released.",
    "It ranked in the TOP 10.",
    "The plan advances SDG 9.",
    "Leaders met at COP28 and COP 29.",
    "NPR 5 reporters covered it.",
    "Results for Q3 2024 beat forecasts.",
    "Real growth was 5 percent.",
    "Kim won 3 gold medals.",
]


@pytest.mark.parametrize("text", NOT_MONEY)
def test_no_currency_without_money_context(text: str) -> None:
    assert not [unit for _, _, unit in money(text) if unit and unit.isupper()]


@pytest.mark.parametrize(("text", "unit"), [
    ("Nigeria's budget of N54.99 trillion", "NGN"),                 # a scale
    ("The naira traded at N1,450 to the dollar", "NGN"),             # thousands
    ("Commuters will pay P13.50 per ride", "PHP"),                   # cents
    ("Jeepney drivers in Manila want P150 a day", "PHP"),           # the country, a hundred or more
    ("Uganda's levy costs UGX 500 a day", "UGX"),
])
def test_one_letter_or_a_rare_code_is_money_in_money_context(text: str, unit: str) -> None:
    assert [u for _, _, u in money(text)] == [unit]



def _prefix_by_full_search(text: str, start: int) -> currencies.Prefix | None:
    """What ``prefix_before`` finds without first testing the letters in front of the number."""
    with mock.patch.object(currencies, "_may_end_a_prefix", lambda *_: True):
        return currencies.prefix_before(text, start)


_EVERY_PREFIX = sorted({*currencies._SYMBOL_CODES, *currencies._FIXED, *currencies._CURRENT,
                        *currencies._ANY_CASE_CODES, "Rs", "Rs.", "US$", "U.S. $", "HK $", "C $", "$US", "RMB¥"})


@pytest.mark.parametrize("form", _EVERY_PREFIX)
def test_the_quick_test_of_the_letters_before_a_number_misses_no_prefix(form: str) -> None:
    for written in {form, form.lower(), form.upper()}:
        for space in ("", " ", "\u00a0", "  "):
            text = f"paid {written}{space}5 million, x{written}{space}7 and ({written}{space}9) about 3"
            for start in (i for i, ch in enumerate(text) if ch.isdigit()):
                assert currencies.prefix_before(text, start) == _prefix_by_full_search(text, start), text


@given(st.text(alphabet="aUsSrRkKhH$¥.€ 5\u00a0", max_size=14))
def test_the_quick_test_agrees_with_the_full_search_on_any_letters(before: str) -> None:
    text = before + "5"
    assert currencies.prefix_before(text, len(before)) == _prefix_by_full_search(text, len(before))
