"""The committed currency table is what CLDR says: pipeline/stages/quantities/cldr.py."""

from __future__ import annotations

import json

import pytest

from pipeline.stages.quantities import cldr


def test_the_committed_table_regenerates_byte_identically() -> None:
    babel = pytest.importorskip("babel")
    committed = cldr.TABLE.read_text(encoding="utf-8")
    if f"Babel {babel.__version__};" not in committed:
        pytest.skip(f"the table was written with another Babel than {babel.__version__}")
    assert cldr.render(cldr.build_table()) == committed


def test_the_table_has_the_currencies_and_symbols_news_writes() -> None:
    table = json.loads(cldr.TABLE.read_text(encoding="utf-8"))
    rows = {row["code"]: row for row in table["currencies"]}
    assert sum(row["current"] for row in rows.values()) > 150
    assert {"Ksh"} <= set(rows["KES"]["symbols"]) and "KE" in rows["KES"]["territories"]
    assert {"R"} <= set(rows["ZAR"]["symbols"]) and "₦" in rows["NGN"]["symbols"]
    assert rows["INR"]["plural"] == "Indian rupees" and table["territories"]["KE"]["name"] == "Kenya"
