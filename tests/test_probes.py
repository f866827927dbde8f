"""benchmarks/probes.py: made-up sentences in the forms of news outside the training articles."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "probes.py"
FIELDS = {"area", "text", "labels", "speaker", "deadline", "entities", "figures"}


@pytest.fixture(scope="module")
def probes_module():
    spec = importlib.util.spec_from_file_location("probes", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_probe_says_what_it_checks(probes_module):
    probes = probes_module.read_probes()
    assert len(probes) >= 100
    for probe in probes:
        assert set(probe) <= FIELDS and set(probe) - {"area", "text"}, probe
        for quantity, figure in probe.get("figures", {}).items():
            assert quantity in probe["text"] and len(figure) == 4 and figure[3] in ("level", "change", "share")


def test_a_check_compares_each_given_field_and_each_figure(probes_module):
    probe = {"area": "x", "text": "t", "labels": ["metric"], "deadline": None,
             "figures": {"5%": ["sales", None, 2024, "change"]}}
    got = {"labels": ["metric"], "speaker": None, "deadline": 2027, "entities": [],
           "figures": {"5%": ["sales", None, 2024, "change"]}}
    assert [(field, ok) for field, ok, _, _ in probes_module.checks(probe, got)] == [
        ("labels", True), ("deadline", False), ("figure", True)]


def test_the_probes_come_back_as_one_sentence_each_and_mostly_pass(probes_module, nlp):
    passed, total, failures = probes_module.run_probes(nlp, probes_module.read_probes())
    assert not [f for f in failures if f[1] == "sentence"]
    assert sum(passed.values()) >= 0.85 * sum(total.values())  # 257 of 271 measured
