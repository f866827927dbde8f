"""Money beyond the articles: the Recognizers-Text currency suite, scored."""

import pytest

from conftest import REPO
from pipeline.evaluation.currency_suite import evaluate_currency_suite

CURRENCY_SUITE = REPO.parent / "shared" / "external" / "recognizers-currency" / "CurrencyModel.json"
WORLD_SUITE = REPO / "data" / "currency" / "world.jsonl"


def test_currency_suite_floors() -> None:
    if not CURRENCY_SUITE.exists():
        pytest.skip(f"currency suite not present at {CURRENCY_SUITE} (shared/ not checked out)")
    summary = evaluate_currency_suite(CURRENCY_SUITE)
    # measured 1.000 / 1.000 / 1.000 on 124 expressions; floors leave room for rule changes
    assert summary["expected"] >= 120
    assert summary["found_rate"] >= 0.97, summary["misses"]["not_found"]
    assert summary["value_rate"] >= 0.97, summary["misses"]["wrong_value"]
    assert summary["iso_rate"] >= 0.95, summary["misses"]["wrong_iso"]


def test_money_as_the_world_writes_it() -> None:
    summary = evaluate_currency_suite(WORLD_SUITE)
    # measured 1.000 / 1.000 / 1.000 on 126 amounts and 0 of 17 not-money spans read as money
    assert summary["expected"] >= 120 and summary["not_money"] >= 15
    assert summary["found_rate"] >= 0.98, summary["misses"]["not_found"]
    assert summary["value_rate"] >= 0.98, summary["misses"]["wrong_value"]
    assert summary["iso_rate"] >= 0.98, summary["misses"]["wrong_iso"]
    assert summary["false_money"] == 0, summary["misses"]["false_money"]
