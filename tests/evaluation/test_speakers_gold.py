"""Corpus 2's speakers kept apart from the gold: merged into it by sentence, and measured for agreement."""

import json
import shutil

import pytest

from conftest import REPO
from pipeline.errors import DataError, GoldError
from pipeline.evaluation.speakers_gold import SPEAKERS_DIR, agreement, main, merge, read_speakers

TEXT = "Liu said output grew 9 percent. The NDA plans to build 20 hubs by 2027. Hubs are useful."
FIRST, SECOND = (0, 31), (32, 71)
LIU, NDA = {"start": 0, "end": 3, "label": "PERSON"}, {"start": 36, "end": 39, "label": "ORG"}


def gold_file(folder):
    folder.mkdir(exist_ok=True)
    record = {"doc_id": "d", "text": TEXT, "quantities": [],
              "entities": [dict(LIU), dict(NDA)],
              "sentences": [{"start": 0, "end": 31, "labels": ["metric"], "boilerplate": False},
                            {"start": 32, "end": 71, "labels": ["target"], "boilerplate": False},
                            {"start": 72, "end": len(TEXT), "labels": [], "boilerplate": False}]}
    path = folder / "g.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def write_rows(path, *rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps({"doc_id": "d", "start": s, "end": e, "speaker": sp, "deadline": dl}) + "\n"
                            for (s, e), sp, dl in rows), encoding="utf-8")


def test_merge_puts_each_row_on_its_sentence_and_running_it_again_changes_nothing(tmp_path):
    gold = gold_file(tmp_path / "gold")
    write_rows(tmp_path / "speakers" / "g.jsonl", (FIRST, LIU, None), (SECOND, NDA, 2027))
    report = merge(gold.parent, tmp_path / "speakers")[0]
    assert (report.sentences, report.speakers, report.deadlines, report.changed) == (2, 2, 1, 2)
    sentences = json.loads(gold.read_text(encoding="utf-8"))["sentences"]
    assert (sentences[0]["speaker"], sentences[1]["speaker"], sentences[1]["deadline"]) == (LIU, NDA, 2027)
    assert "speaker" not in sentences[2]  # not a labelled sentence
    before = gold.read_bytes()
    assert merge(gold.parent, tmp_path / "speakers")[0].changed == 0 and gold.read_bytes() == before


@pytest.mark.parametrize("rows, problem", [
    ([(FIRST, LIU, None)], r"no row for the labelled sentence \['d', 32, 71\]"),
    ([(FIRST, {"start": 0, "end": 2, "label": "PERSON"}, None), (SECOND, NDA, 2027)], "is not a gold mention"),
    ([(FIRST, NDA, None), (SECOND, NDA, 2027)], "is outside its sentence"),
    ([(FIRST, LIU, 2025), (SECOND, NDA, 2027)], "deadline 2025 on a sentence that is not a target"),
    ([(FIRST, LIU, None), (SECOND, NDA, 2027), ((72, len(TEXT)), None, None)], "is not a labelled body sentence"),
])
def test_merge_refuses_a_row_that_does_not_fit_the_gold_and_leaves_it_untouched(tmp_path, rows, problem):
    gold = gold_file(tmp_path / "gold")
    before = gold.read_bytes()
    write_rows(tmp_path / "speakers" / "g.jsonl", *rows)
    with pytest.raises(GoldError, match=problem):
        merge(gold.parent, tmp_path / "speakers")
    assert gold.read_bytes() == before


def test_speaker_files_are_checked_line_by_line(tmp_path):
    bad = tmp_path / "g.jsonl"
    write_rows(bad, (FIRST, LIU, 27))
    with pytest.raises(DataError, match="g.jsonl line 1.deadline: 27 is not a year"):
        read_speakers(bad)
    write_rows(bad, (FIRST, LIU, None), (FIRST, None, None))
    with pytest.raises(DataError, match="line 2: sentence .* is given twice"):
        read_speakers(bad)


def test_agreement_counts_same_spans_and_years(tmp_path, capsys):
    write_rows(tmp_path / "first" / "g.jsonl", (FIRST, LIU, None), (SECOND, NDA, 2027))
    write_rows(tmp_path / "second" / "g.jsonl", (FIRST, LIU, None), (SECOND, None, 2030))
    counts = agreement(tmp_path / "first", tmp_path / "second")
    assert counts["g.jsonl"] == counts["all"] == {"n": 2, "speaker": 1, "deadline": 1}
    assert main(["agreement", "--first", str(tmp_path / "first"), "--second", str(tmp_path / "second")]) == 0
    assert "1 (0.500)" in capsys.readouterr().out


def test_the_committed_gold_carries_exactly_the_committed_speaker_files(tmp_path):
    """data/gold must be re-derivable from data/annotation/speakers: a merge changes nothing."""
    gold = tmp_path / "gold"
    shutil.copytree(REPO / "data" / "gold", gold)
    reports = merge(gold, SPEAKERS_DIR)
    assert [r.gold.name for r in reports] == sorted(p.name for p in SPEAKERS_DIR.glob("*.jsonl"))
    assert all(r.changed == 0 for r in reports)
    assert sum(r.sentences for r in reports) == 972
