"""Speaker and deadline rules (GUIDE.md) as (sentence, expected) tables, and their scoring."""

import pytest

from conftest import REPO, shared_file
from pipeline.stages.attribution import attribute_sentence, find_deadline, find_speaker
from pipeline.evaluation.attribution import (AttributionItem, AttributionPrediction, load_attribution_gold,
                                       predict_from_run, score_attribution)
from pipeline.records import Entity


def mentions(text: str, *names: str) -> list[Entity]:
    """Entities at the first occurrence of each name, labelled by a simple guess."""
    out = []
    for name in names:
        start = text.index(name)
        label = "ORG" if name.isupper() or any(w in name for w in ("Ministry", "Administration", "Union",
                                                                  "Council", "Institute", "Mobile", "Academy")) else "PERSON"
        out.append(Entity(start, start + len(name), name, label))
    return out


@pytest.mark.parametrize("text, names, target, expected", [
    ("There is a pressing need to deepen reforms, Hao said.", ["Hao"], False, "Hao"),
    ("Liu Liehong, head of the National Data Administration, said that China has rolled out 30 measures.",
     ["Liu Liehong", "National Data Administration"], False, "Liu Liehong"),
    ("Yang Jie, chairman of China Mobile, the world's largest carrier by subscribers, said data matter.",
     ["Yang Jie", "China Mobile"], False, "Yang Jie"),
    ("Output reached 41 zettabytes, according to the National Data Administration.",
     ["National Data Administration"], False, "National Data Administration"),
    ("Output grew 25 percent, according to a report released by the NDA on Friday.", ["NDA"], False, "NDA"),
    ("Statistics from the National Data Institute show that data firms surpassed 400,000.",
     ["National Data Institute"], False, "National Data Institute"),
    ("Chandrasekhar on Thursday forecast that the economy will grow.", ["Chandrasekhar"], False, "Chandrasekhar"),
    ("\u201cThe program will help,\u201d said U.S. Secretary of Commerce Gina Raimondo.", ["Gina Raimondo"], False,
     "Gina Raimondo"),
    ("Looking ahead, the NDA plans to build data hubs.", ["NDA"], True, "NDA"),
    ("In a landmark decision, the European Union (EU) has designated six gatekeepers.",
     ["European Union", "EU"], True, "European Union"),
    ("Xinhua reported that the economy grew, citing the NDA.", ["Xinhua", "NDA"], False, "NDA"),
    ("He Wei (x), vice-head of the China Academy (CAICT) said at a meeting that output grew.",
     ["He Wei", "China Academy"], False, "He Wei"),
    # nobody named: pronouns, unnamed officials, documents
    ("He noted that capacity reached 780,000 PFlops.", [], False, None),
    ("China will intensify efforts, said officials and experts.", [], True, None),
    # a mention that is not the one speaking
    ("Since the establishment of the NDA, China has signed 26 MoUs.", ["NDA"], False, None),
    ("The plan, issued by the NDA and the Ministry of Finance, aims to make progress by 2027.",
     ["NDA", "Ministry of Finance"], True, None),
    ("The offices of the Central Committee and the State Council have unveiled guidelines.",
     ["State Council"], True, None),
    ("The existing Shanghai Data Exchange will be transformed into a national exchange.",
     ["Shanghai Data Exchange"], True, None),
])
def test_find_speaker(text, names, target, expected):
    speaker = find_speaker(text, mentions(text, *names), acts=target)
    assert (speaker.text if speaker else None) == expected


def test_speaker_offsets_are_document_offsets():
    text = "Hao said China will act."
    offset = 100
    ents = [Entity(offset, offset + 3, "Hao", "PERSON")]
    speaker, deadline = attribute_sentence(text, ents, offset, ["target"])
    assert speaker == ents[0] and deadline is None


@pytest.mark.parametrize("text, year", [
    ("By 2027, China aims to achieve substantial progress.", 2027),
    ("The plan aims to make progress by the end of 2027.", 2027),
    ("China will make progress toward 5G services in 2022, the ministry noted.", 2022),
    ("It will boost investment by more than 25 percent for the period 2023-2027.", 2027),
    ("China has established 2027 and 2035 as crucial milestones.", 2027),
    ("The State Council on August 26, 2025 released a guideline, vowing to integrate AI by 2027.", 2027),
    ("China aims to grow 30 percent by 2025, according to a plan released in October 2023.", 2025),
    ("Shanghai plans to expand trading, according to its 2023-2025 master plan.", 2025),
    ("This year, over 10 systems will be introduced.", None),
])
def test_find_deadline(text, year):
    assert find_deadline(text) == year


def test_deadline_only_for_targets():
    text = "Output is expected to reach 50 percent by 2025."
    assert attribute_sentence(text, [], 0, ["metric"]) == (None, None)
    assert attribute_sentence(text, [], 0, ["metric", "target"]) == (None, 2025)


def test_scoring_counts_exact_spans_and_years():
    items = [AttributionItem("d", 0, 10, frozenset({"target"}), (0, 3, "ORG"), 2027),
             AttributionItem("d", 11, 20, frozenset({"metric"}), (11, 14, "PERSON"), None),
             AttributionItem("d", 21, 30, frozenset({"policy"}), None, None)]
    preds = [AttributionPrediction((0, 3, "ORG"), 2027),
             AttributionPrediction((11, 13, "PERSON"), None),
             AttributionPrediction((22, 25, "ORG"), 2025)]
    res = score_attribution(items, preds)
    assert (res["speaker.tp"], res["speaker.fp"], res["speaker.fn"]) == (1, 2, 1)
    assert (res["deadline.tp"], res["deadline.fp"], res["deadline.fn"]) == (1, 1, 0)
    assert res["deadline.p"] == 0.5 and res["deadline.r"] == 1.0


def test_run_records_are_matched_by_overlap():
    items = [AttributionItem("d", 0, 10, frozenset({"target"}), (0, 3, "ORG"), 2027)]
    records = [{"doc_id": "d", "start": 0, "end": 9, "speaker": {"start": 0, "end": 3, "text": "NDA", "label": "ORG"},
                "deadline": 2027}]
    assert predict_from_run(records, items) == [AttributionPrediction((0, 3, "ORG"), 2027)]
    assert predict_from_run([], items) == [AttributionPrediction(None, None)]


def test_seed_attribution_file_matches_the_shared_gold():
    gold, items = load_attribution_gold(shared_file("gold", "seeds.jsonl"), REPO / "data/gold/seeds_attribution.jsonl")
    labelled = [(d, s.start) for d, doc in gold.items() for s in doc.sentences if s.labels and not s.boilerplate]
    assert [(i.doc_id, i.start) for i in items] == labelled
    for i in items:
        if i.speaker:
            assert (i.speaker[0], i.speaker[1], i.speaker[2]) in set(gold[i.doc_id].entities)
        if i.deadline:
            assert "target" in i.labels


def test_training_gold_carries_attribution():
    _, items = load_attribution_gold(REPO / "data/gold/corpus.jsonl")
    assert len(items) > 100 and any(i.speaker for i in items) and any(i.deadline for i in items)


def test_stage_figures_stay_above_floors(nlp):
    """Measured 1.00/0.96 (seeds) and 0.91/0.86 (training) speaker P/R; floors sit below."""
    from pipeline.evaluation.attribution import predict_stage

    for gold_path, side, floor in ((shared_file("gold", "seeds.jsonl"), REPO / "data/gold/seeds_attribution.jsonl",
                                    0.85), (REPO / "data/gold/corpus.jsonl", None, 0.75)):
        gold, items = load_attribution_gold(gold_path, side)
        res = score_attribution(items, predict_stage(nlp, gold, items))
        low = {k: res[k] for k in ("speaker.p", "speaker.r", "deadline.p", "deadline.r") if res[k] < floor}
        assert not low, f"{gold_path.name}: {low}"
