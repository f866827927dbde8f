"""Quantity spans, values and units (spec §4, §8), read as tables of (input, expected)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.stages.quantities import find_quantities, parse_quantity


def spans(text: str) -> list[tuple[str, float | None, str | None]]:
    return [(q.text, q.value, q.unit) for q in find_quantities(text)]


# --------------------------------------------------------------------------
# What is a quantity: span, value, unit
# --------------------------------------------------------------------------

FOUND = [
    # spec §4 examples
    ("total data output reaching 41.06 zettabytes, a robust 25 percent year-on-year increase",
     [("41.06 zettabytes", 41.06, "zettabyte"), ("25 percent", 25.0, "%")]),
    ("is expected to stand at around 49 trillion yuan ($6.9 trillion) by the end of this year",
     [("49 trillion yuan", 4.9e13, "CNY"), ("$6.9 trillion", 6.9e12, "USD")]),
    ("computing capacity has reached around 780,000 PFlops, ranking second globally.",
     [("780,000 PFlops", 780000.0, "pflops")]),
    ("A more than 300-fold increase in just one and a half years",
     [("300-fold", 300.0, "fold")]),
    ("the country had 4.55 million 5G base stations and 226 million gigabit broadband users",
     [("4.55 million", 4.55e6, None), ("226 million", 2.26e8, None)]),
    ("more than 16,000 guests and 375 enterprises participating",
     [("16,000", 16000.0, None), ("375", 375.0, None)]),
    ("representing 1 quadrillion floating-point operations per second",
     [("1 quadrillion", 1e15, None)]),
    ("enterprises accounted for more than half of the Chinese enterprises",
     [("half", 0.5, None)]),
    # multiples (spec §8)
    ("capacity grew 1.97 times, and later 18 times", [("1.97 times", 1.97, "fold"),
                                                     ("18 times", 18.0, "fold")]),
    ("a three-fold rise and a 10x jump", [("three-fold", 3.0, "fold"), ("10x", 10.0, "fold")]),
    # percent spellings
    ("surged 18.9% and 3 per cent and 50pct", [("18.9%", 18.9, "%"), ("3 per cent", 3.0, "%"),
                                               ("50pct", 50.0, "%")]),
    ("up 1.4 percentage points and 50 basis points",
     [("1.4 percentage points", 1.4, "percentage point"), ("50 basis points", 50.0, "basis point")]),
    # money: symbols, prefixes, codes, names
    ("worth US$69 billion by 2025", [("US$69 billion", 6.9e10, "USD")]),
    ("HK$5, C$10, A$5, S$3, NT$100", [("HK$5", 5.0, "HKD"), ("C$10", 10.0, "CAD"),
                                       ("A$5", 5.0, "AUD"), ("S$3", 3.0, "SGD"),
                                       ("NT$100", 100.0, "TWD")]),
    ("RMB 5 billion or 5bn yuan or 100元", [("RMB 5 billion", 5e9, "CNY"),
                                           ("5bn yuan", 5e9, "CNY"), ("100元", 100.0, "CNY")]),
    ("¥100 and ￥200", [("¥100", 100.0, "JPY"), ("￥200", 200.0, "CNY")]),
    ("£8.10 million and €2 million and 323 million euros",
     [("£8.10 million", 8.1e6, "GBP"), ("€2 million", 2e6, "EUR"),
      ("323 million euros", 3.23e8, "EUR")]),
    ("Rs 500, ₹1,000 crore and 35 lakh rupees", [("Rs 500", 500.0, "INR"),
                                                 ("₹1,000 crore", 1e10, "INR"),
                                                 ("35 lakh rupees", 3.5e6, "INR")]),
    ("5 million won and 450,000 yen", [("5 million won", 5e6, "KRW"),
                                       ("450,000 yen", 450000.0, "JPY")]),
    ("300 Swiss francs, 500 Mexican pesos and 10,000 pesos",
     [("300 Swiss francs", 300.0, "CHF"), ("500 Mexican pesos", 500.0, "MXN"),
      ("10,000 pesos", 10000.0, "peso")]),
    ("125 million australian dollars", [("125 million australian dollars", 1.25e8, "AUD")]),
    ("paid 50 cents and a 12-cent dividend and 470 pence",
     [("50 cents", 0.5, "USD"), ("12-cent", 0.12, "USD"), ("470 pence", 4.7, "GBP")]),
    ("it only cost thirteen dollars and forty-five cents",
     [("thirteen dollars and forty-five cents", 13.45, "USD")]),
    ("about 29 billion U.S. dollars", [("29 billion U.S. dollars", 2.9e10, "USD")]),
    ("the company's overall $100+ billion expansion plan", [("$100+ billion", 1e11, "USD")]),
    # other units: lower-case singular
    ("a 100 km road, 10,000 mu of farmland, 300 MW and 5 GB",
     [("100 km", 100.0, "km"), ("10,000 mu", 10000.0, "mu"), ("300 MW", 300.0, "mw"),
      ("5 GB", 5.0, "gb")]),
    ("1.2 million tonnes over 30 kilometers", [("1.2 million tonnes", 1.2e6, "tonne"),
                                               ("30 kilometers", 30.0, "kilometer")]),
    ("reached 197 EFLOPS and 7nm chips", [("197 EFLOPS", 197.0, "eflops"), ("7nm", 7.0, "nm")]),
    ("She bought 5 pounds of rice", [("5 pounds", 5.0, "pound")]),
    # number words
    ("six departments and two dozen eggs", [("six", 6.0, None), ("two dozen", 24.0, None)]),
    ("one hundred and twenty-five people", [("one hundred and twenty-five", 125.0, None)]),
    ("five million yen", [("five million yen", 5e6, "JPY")]),
    ("one quintillion operations", [("one quintillion", 1e18, None)]),
    ("half a million dollars", [("half a million dollars", 5e5, "USD")]),
    ("about two-thirds of firms and a third of workers",
     [("two-thirds", 2 / 3, None), ("a third", 1 / 3, None)]),
    # signs, glue artefacts of scraped text
    ("the index fell -0.5%", [("-0.5%", -0.5, "%")]),
    ("a registered capital of344 billion yuan", [("344 billion yuan", 3.44e11, "CNY")]),
    ("the biggest shareholder with a 17%stake", [("17%", 17.0, "%")]),
    # four digits with a unit or an approximator are not years
    ("more than 2000 companies and 2025 yuan", [("2000", 2000.0, None),
                                                ("2025 yuan", 2025.0, "CNY")]),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_find_quantities(text: str, expected: list) -> None:
    got = spans(text)
    assert [t for t, _, _ in got] == [t for t, _, _ in expected]
    for (_, value, unit), (_, want_value, want_unit) in zip(got, expected):
        assert value == pytest.approx(want_value, rel=1e-9)
        assert unit == want_unit


# --------------------------------------------------------------------------
# What is not a quantity (spec §4 "Not quantities")
# --------------------------------------------------------------------------

NOT_QUANTITIES = [
    # years and dates
    "By 2027, China aims to achieve substantial progress.",
    "In 2024, the added value rose.",
    "during the 13th Five-Year Plan period (2016-20)",
    "the 14th Five-Year Plan (2021-2025)",
    "on April 27, 2023 in Fuzhou",
    "BEIJING, 3rd July, 2025 (WAM) --",
    "BEIJING, China, Aug 29 — China will",
    "held in Geneva, Switzerland, on Dec 4.",
    "on Dec. 4 and on 29 August and in May 2024",
    "Updated: 2018-06-12",
    "Source: Daily | 2025-11-24 15:33:26 | Author",
    "in the 1990s and FY2024 and Q3",
    "the Global Digital Economy Conference 2025",
    # times and durations
    "The meeting starts at 10:30 am and ends at 3 pm.",
    "At 5 o'clock they left.",
    "A more than increase in just one and a half years",
    "The two-day event opened.",
    "in the next two years",
    "He is 45 years old, a 45-year-old man.",
    "in the last three financial years",
    "in half an hour, in the second half of the year",
    "a quarter of a century",
    # ordinals
    "ranking second worldwide, the 7th Digital China Summit, its 6th year",
    "the fourth Global Digital Economy Conference for the first time",
    # numbers inside names
    "5G networks and 4G base stations",
    "the Forum 50 for Digital-Real Economies Integration",
    "the Forbes top 100 list of digital companies",
    "platforms like the G20 and APEC",
    "its COVID-19 response",
    "the New Intelligent Manufacturing 100 project",
    "a '1+3+N' institutional framework and the \"3+3\" action",
    "the Two Sessions and the Group of Seven",
    "Fortune 500 companies, Industry 4.0 and Windows 11",
    "the Intel 14A node",
    # designators and list numbers
    "Article 5 of the law and No. 1 Central Document and Chapter 3",
    "1. Introduction",
    "(2) the second item",
    "477",
    # codes, scores, fractions of dates
    "Call 010-1234-5678, open 24/7.",
    "the team won 3-1 in the final",
    # pronoun 'one', modifiers
    "one of the main engines driving growth",
    "a 5-star hotel and a two-door car and one-time gains",
    # currency codes that are English words stay prose (suite cases)
    "try again later",
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_a_quantity(text: str) -> None:
    assert spans(text) == []


# --------------------------------------------------------------------------
# approx, min, max: approximators stay outside the span
# --------------------------------------------------------------------------

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
    # ranges: one quantity, value is the midpoint, min/max the ends
    ("prices rose 5 to 10 percent", "5 to 10 percent", 7.5, None, 5.0, 10.0),
    ("prices rose 5-10%", "5-10%", 7.5, None, 5.0, 10.0),
    ("held at 4 – 7% for light industry", "4 – 7%", 5.5, None, 4.0, 7.0),
    ("between 20 and 30 percent", "20 and 30 percent", 25.0, "between", 20.0, 30.0),
    ("revenue was $5-10 million", "$5-10 million", 7.5e6, None, 5e6, 1e7),
    ("from 4-4.5 per cent in 2014", "4-4.5 per cent", 4.25, None, 4.0, 4.5),
]


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


# --------------------------------------------------------------------------
# parse_quantity
# --------------------------------------------------------------------------

PARSE = [
    ("49 trillion yuan", (4.9e13, "CNY")),
    ("$6.9 trillion", (6.9e12, "USD")),
    ("US$69 billion", (6.9e10, "USD")),
    ("780,000 PFlops", (780000.0, "pflops")),
    ("EFLOPS", (None, None)),
    ("300 EFLOPS", (300.0, "eflops")),
    ("41.06 zettabytes", (41.06, "zettabyte")),
    ("25 percent", (25.0, "%")),
    ("300-fold", (300.0, "fold")),
    ("1.97 times", (1.97, "fold")),
    ("4.55 million", (4.55e6, None)),
    ("18.9%", (18.9, "%")),
    ("half", (0.5, None)),
    ("1 quadrillion", (1e15, None)),
    ("a dozen", (12.0, None)),
    ("30 kilometers", (30.0, "kilometer")),
    ("2 tonnes", (2.0, "tonne")),
    ("HK$5", (5.0, "HKD")),
    ("€ 5", (5.0, "EUR")),
    ("£5", (5.0, "GBP")),
    ("100 yen", (100.0, "JPY")),
    ("100 rupees", (100.0, "INR")),
    ("₹100", (100.0, "INR")),
    ("100 renminbi", (100.0, "CNY")),
    ("5 mln", (5e6, None)),
    ("5 bln yuan", (5e9, "CNY")),
    ("$10k", (1e4, "USD")),
    ("5 to 10 percent", (7.5, "%")),
    ("2027", (2027.0, None)),     # context rules are the caller's: a span is a quantity
    ("no number here", (None, None)),
]


@pytest.mark.parametrize(("span", "expected"), PARSE)
def test_parse_quantity(span: str, expected: tuple[float | None, str | None]) -> None:
    value, unit = parse_quantity(span)
    if expected[0] is None:
        assert value is None
    else:
        assert value == pytest.approx(expected[0], rel=1e-9)
    assert unit == expected[1]


# --------------------------------------------------------------------------
# Suite and invariants
# --------------------------------------------------------------------------

def test_offsets_are_relative_to_the_text() -> None:
    text = "Line one.\r\nIt reached 41.06 zettabytes.\r\n"
    (q,) = find_quantities(text)
    assert text[q.start:q.end] == q.text == "41.06 zettabytes"


_PIECES = st.sampled_from([
    "1", "23", "4.5", "6,000", "12,34,567", "-", "−", "–", "$", "US$", "c $", "HK", "¥", "￥",
    "€", "%", " percent", " million", " bn", "m", "k", " to ", " and ", "between ", "from ",
    " yuan", " dollars", " cents", "one", "twenty", "-five", "half", " a ", " dozen", "third",
    "-fold", " times", " years", "May", "Dec.", " ", "\r\n", "\n", ".", ",", "(", ")", "+", "/",
    ":", "G", "No.", "top ", "Forum ", "ரூ", "元", "亿", "é", "\u0663", "²", "more than ",
    "about ", " of", "2016-20", " won", " pounds"])


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(st.text(), st.lists(_PIECES, max_size=25).map("".join)))
def test_spans_are_exact_sorted_and_disjoint(text: str) -> None:
    quantities = find_quantities(text)
    end = 0
    for q in quantities:
        assert text[q.start:q.end] == q.text
        assert q.text == q.text.strip() and q.start >= end and q.end > q.start
        end = q.end
    parse_quantity(text)


def test_letters_that_only_case_folding_matches_are_not_numbers():
    # re.I lets "ſ" (long s) match "s": the fraction "ſix thirds" must not break the sentence
    found = find_quantities("About ſix thirds of firms grew 5 percent.")
    assert [(q.text, q.value, q.unit) for q in found] == [("5 percent", 5.0, "%")]


@pytest.mark.parametrize("text, unit", [
    ("Kenya's mobile money hit 1.2 trillion shillings.", "KES"),
    ("Mexico's exports rose to 50 billion pesos.", "MXN"),
    ("Saudi Arabia will invest 10 billion riyals.", "SAR"),
    ("Trade between Uganda and Kenya reached 5 million shillings.", "shilling"),  # two candidates
    ("The fund holds 5 million pesos.", "peso"),  # no country named
])
def test_a_currency_name_several_countries_use_takes_the_code_of_the_one_the_article_names(text, unit):
    from pipeline.stages.quantities import resolve_currency_names

    [q] = resolve_currency_names(text, find_quantities(text))
    assert q.unit == unit
