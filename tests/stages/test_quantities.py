"""Quantity spans, values and units through the package's public functions (spec §4, §8), read as tables
of (input, expected).  Each module of pipeline/stages/quantities/ has its own tests in tests/stages/quantities/."""

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
    # a data rate written out is the unit its symbol is
    ("speeds grew from 2.68 megabits per second (Mbps) to 8.18 Mbps, and 1 gigabit per second links",
     [("2.68 megabits per second", 2.68, "mbps"), ("8.18 Mbps", 8.18, "mbps"), ("1 gigabit per second", 1.0, "gbps")]),
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
    # the text names Mexico (its pesos), so its bare pesos are Mexican; naming no country they
    # stay the name (tests/stages/quantities/test_currencies.py)
    ("300 Swiss francs, 500 Mexican pesos and 10,000 pesos",
     [("300 Swiss francs", 300.0, "CHF"), ("500 Mexican pesos", 500.0, "MXN"),
      ("10,000 pesos", 10000.0, "MXN")]),
    ("125 million australian dollars", [("125 million australian dollars", 1.25e8, "AUD")]),
    ("paid 50 cents and a 12-cent dividend and 470 pence",
     [("50 cents", 0.5, "USD"), ("12-cent", 0.12, "USD"), ("470 pence", 4.7, "GBP")]),
    ("it only cost thirteen dollars and forty-five cents",
     [("thirteen dollars and forty-five cents", 13.45, "USD")]),
    ("about 29 billion U.S. dollars", [("29 billion U.S. dollars", 2.9e10, "USD")]),
    ("the company's overall $100+ billion expansion plan", [("$100+ billion", 1e11, "USD")]),
    # other units: lower-case singular
    ("a 100 km road, 10,000 mu of farmland, 300 MW and 5 GB",
     [("100 km", 100.0, "km"), ("10,000 mu", 10000.0, "mu"), ("300 MW", 300.0, "megawatt"),
      ("5 GB", 5.0, "gb")]),
    ("1.2 million tonnes over 30 kilometers", [("1.2 million tonnes", 1.2e6, "tonne"),
                                               ("30 kilometers", 30.0, "kilometer")]),
    # energy: a unit of power with its hours is no duration, whichever way it is written
    ("used 20 terawatt hours, 460 terawatt-hours and 5 TWh in 300 man hours",
     [("20 terawatt hours", 20.0, "terawatt hour"), ("460 terawatt-hours", 460.0, "terawatt hour"),
      ("5 TWh", 5.0, "terawatt hour")]),
    ("reached 197 EFLOPS at 7nm", [("197 EFLOPS", 197.0, "eflops"), ("7nm", 7.0, "nm")]),
    ("She bought 5 pounds of rice", [("5 pounds", 5.0, "pound")]),
    # multiples written as words
    ("more than twice the UK's peak demand and nearly double the amount",
     [("twice", 2.0, "fold"), ("double", 2.0, "fold")]),
    ("the investment will triple the data centre's size", [("triple", 3.0, "fold")]),
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
    ("between 5 and 10 percent", (7.5, "%")),
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
