"""What is not a quantity (spec §4 "Not quantities"): pipeline/stages/quantities/context.py."""

from __future__ import annotations

import pytest

from pipeline.stages.quantities import find_quantities


def spans(text: str) -> list[tuple[str, float | None, str | None]]:
    return [(q.text, q.value, q.unit) for q in find_quantities(text)]


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
    "Those under the age of 16 will be banned; citizens over the age of 60",
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
    "sales of the iPhone 16 and the eSIM 2 standard",  # a model number after a camel-case name
    "Three Mile Island Unit 1 near the city was shut down.",  # a capitalised unit word inside a name
    "TSMC will build a 2nm fab instead of a 28nm one, making 2-nanometer chips on its 3nm process",
    "the 700 MHz band, the 700MHz and 800Mhz bands, the 3.6-3.8 GHz band",
    # designators and list numbers
    "Article 5 of the law and No. 1 Central Document and Chapter 3",
    "Phase 2 trials, Level 3 cars, Phase 1B trials and Tier 1B cities",
    "one of the world's top three AI powers",
    "a 4K video on 8k screens, a 70B model",
    "1. Introduction",
    "1.",
    "The principles are: 1. Solidarity and Cooperation, 2. Comprehensive, 3. Safe.",
    "(2) the second item",
    "477",
    # codes, scores, fractions of dates
    "Call 010-1234-5678, open 24/7.",
    "the team won 3-1 in the final",
    # pronoun 'one', modifiers
    "one of the main engines driving growth",
    "a 5-star hotel and a two-door car and one-time gains",
    # multiples that state no number: a frequency, a verb, an adjective
    "The board meets twice a year and aims to double by 2030 with double-digit growth.",
    # currency codes that are English words stay prose (suite cases)
    "try again later",
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_a_quantity(text: str) -> None:
    assert spans(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Japan can only produce up to 40nm and will import the rest", [("40nm", 40.0, "nm")]),
    ("EE paid for 20 MHz of the 700 MHz band", [("20 MHz", 20.0, "megahertz")]),
    ("90MHz of 3.6GHz frequencies", [("90MHz", 90.0, "megahertz"), ("3.6GHz", 3.6, "gigahertz")]),
    ("The total was 7.", [("7", 7.0, None)]),
    # a lower-case designator's number before a plural noun counts it
    ("The firms were building 12 server farms.", [("12", 12.0, None)]),
    ("The survey ranked the top 500 British high streets.", [("500", 500.0, None)]),
    # a glued k or b before a lower-case noun scales a count, as before money
    ("Payments grew by nearly 1B transactions and 2.5B users.",
     [("1B", 1e9, None), ("2.5B", 2.5e9, None)]),
    ("Each spans 500K users.", [("500K", 5e5, None)]),
    # ... and before a unit, which it scales
    ("Each site spans 500K square feet.", [("500K square feet", 5e5, "square foot")]),
    ("Each site spans 500K SF.", [("500K SF", 5e5, "square foot")]),  # as US property news writes it
    # a dollar sign with letters after a count is the next amount's prefix, not the count's currency
    ("The 10 US$1 billion projects were approved.", [("10", 10.0, None), ("US$1 billion", 1e9, "USD")]),
    # a number a relative time dates is no duration
    ("Subscribers rose to 1.8 million, up from 1.3 million a year earlier.",
     [("1.8 million", 1.8e6, None), ("1.3 million", 1.3e6, None)]),
    ("Members rose to 20, up from 13 last year.", [("20", 20.0, None), ("13", 13.0, None)]),
    # what a possessor has is counted, not named
    ("Norland filed 4,253 patents, against Estland's 905.", [("4,253", 4253.0, None), ("905", 905.0, None)]),
])
def test_measured_lengths_frequencies_and_numbers_stay(text: str, expected: list) -> None:
    assert spans(text) == expected
