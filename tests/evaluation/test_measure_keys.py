"""The measure-key agreement: which gold pairs are drawn, and how a judged pair is counted."""

import json

from pipeline.evaluation import measure_keys
from pipeline.evaluation.measure_keys import GoldMeasure, agreement, candidate_pairs


def m(doc, start, measure, head, key=None):
    return GoldMeasure(doc, (start, start + 5), measure, "", head, key)


def test_pairs_join_two_articles_on_the_head_noun_and_differ_in_writing():
    measures = [m("a", 0, "total computing power", "power"), m("b", 0, "computing power", "power"),
                m("b", 9, "Computing  Power", "power"), m("a", 9, "data output", "output"),
                m("c", 0, "computing power", "power")]
    pairs = candidate_pairs(measures)
    spellings = sorted(tuple(sorted((a.measure.lower(), b.measure.lower()))) for a, b in pairs)
    assert spellings == [("computing power", "total computing power")]  # one pair per two spellings
    assert all(a.doc_id != b.doc_id for a, b in pairs)
    assert candidate_pairs(measures) == pairs  # a fixed order


def test_a_judged_pair_counts_by_whether_its_keys_are_equal(tmp_path, monkeypatch):
    gold = [m("a", 0, "total computing power", "power", "computing power"),
            m("b", 0, "computing power", "power", "computing power"),
            m("c", 0, "green computing power", "power", "green computing power")]
    monkeypatch.setattr(measure_keys, "gold_measures", lambda: gold)
    ref = lambda g: {"doc_id": g.doc_id, "quantity": list(g.quantity), "measure": g.measure}  # noqa: E731
    rows = [{"pair": 0, "a": ref(gold[0]), "b": ref(gold[1]), "same": True},
            {"pair": 1, "a": ref(gold[1]), "b": ref(gold[2]), "same": False},
            {"pair": 2, "a": ref(gold[0]), "b": ref(gold[2]), "same": True}]
    path = tmp_path / "judged.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = agreement(path)
    assert (result.same, result.same_keyed, result.different, result.different_keyed) == (2, 1, 1, 1)
    assert agreement(path, first=1).same == 1
