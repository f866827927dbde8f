"""Training: reproducible, no pickle, a model card, thresholds from cross-validation."""

import hashlib
import json

import numpy as np
import pytest

from conftest import REPO
from pipeline.stages.classifier import TrainedClassifier
from pipeline.config import load_config, build_pipeline
from pipeline.evaluation.scoring import load_gold
from pipeline.errors import ConfigError
from pipeline.learning.train import (TrainingSet, best_threshold, document_folds, fit_models, gazetteer_rows,
                                     held_out_splits, second_stage_features)
from pipeline.records import CLAIM_LABELS

SETTINGS = {"max_ngram": 1, "min_df": 1, "C": 4.0, "cue_weight": 0.5, "pattern_ngram": 3, "pattern_weight": 0.5}
TOGETHER = {**SETTINGS, "subject_weight": 0.5, "held_out": "file", "second_stage": True, "second_stage_C": 0.3}


@pytest.fixture(scope="module")
def few_docs():
    docs = list(load_gold(REPO / "data" / "gold" / "corpus.jsonl").values())
    return docs[:8]


def fit(docs, out, settings=SETTINGS, regions=None):
    make = lambda pinned_ner=False: build_pipeline(load_config(overrides={  # noqa: E731
        "paths.models": str(out), "components.claims_classifier.model": None,
        **({"components.ner.model": None} if pinned_ner else {})}))
    return fit_models(docs, make, out, settings, seed=7, folds=3, log=lambda m: None, regions=regions)


def test_same_data_and_seed_give_the_same_model(tmp_path, few_docs):
    card_a = fit(few_docs, tmp_path / "a")
    card_b = fit(few_docs, tmp_path / "b")
    assert card_a["thresholds"] == card_b["thresholds"]
    a = TrainedClassifier.load(tmp_path / "a" / "classifier")
    b = TrainedClassifier.load(tmp_path / "b" / "classifier")
    from pipeline.stages.classifier import SentenceView
    views = [SentenceView("China will build 30 hubs by 2027."), SentenceView("Output grew 25 percent.")]
    assert a.predict_scores(views) == b.predict_scores(views)
    for name in ("linear.json", "weights.safetensors"):
        assert (tmp_path / "a" / "classifier" / name).read_bytes() == (tmp_path / "b" / "classifier" / name).read_bytes()


def test_claims_train_rebuilds_the_shipped_models_byte_for_byte(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    result = CliRunner().invoke(app, ["train", "--set", f"paths.models={tmp_path}"])
    assert result.exit_code == 0, result.output
    for name in ("classifier/linear.json", "classifier/weights.safetensors",
                 "classifier/thresholds.json", "classifier/card.json", "classifier/passage/linear.json",
                 "classifier/passage/weights.safetensors", "entities/patterns.jsonl",
                 "entities/verifier/linear.json", "entities/verifier/weights.safetensors", "entities/verifier.json",
                 "entities/card.json", "ner/ner.msgpack", "ner/config.json", "ner/card.json"):
        # digests, not bytes: pytest's diff of two differing multi-megabyte files takes many minutes
        built, shipped = (hashlib.sha256((folder / name).read_bytes()).hexdigest() for folder in (tmp_path, REPO / "models"))
        assert built == shipped, f"models/{name} is not what `claims train` builds from the repo's data"


def test_card_records_data_settings_and_figures(tmp_path, few_docs):
    fit(few_docs, tmp_path)
    card = json.loads((tmp_path / "classifier" / "card.json").read_text())
    assert card["data"]["documents"] == 8
    assert card["settings"]["seed"] == 7
    assert set(card["cross_validation"]["f1"]) == {"metric", "target", "policy", "micro"}
    assert "date" not in card  # a rebuild must be byte-identical on any day
    patterns = (tmp_path / "entities" / "patterns.jsonl").read_text().splitlines()
    assert card["gazetteer"]["organisations"] == len(patterns) > 0


def test_each_folder_s_card_vouches_for_every_file_training_wrote_there(tmp_path, few_docs):
    from pipeline.stages.formats.cards import CARD, Card

    fit(few_docs, tmp_path)
    for folder in ("classifier", "entities", "ner"):
        written = sorted(p.relative_to(tmp_path / folder).as_posix() for p in (tmp_path / folder).rglob("*")
                         if p.is_file() and p.name != CARD)
        card = Card.of(tmp_path / folder)
        assert sorted(card.files) == written
        assert all(card.read(name) for name in written)  # each matches its sha256


def test_shipped_model_card_matches_the_training_data():
    from confection import Config

    from pipeline.learning.train import data_hash
    card = json.loads((REPO / "models" / "classifier" / "card.json").read_text())
    listed = Config().from_disk(REPO / "configs" / "train.cfg")["paths"]["gold"]
    assert [f["path"] for f in card["data"]["files"]] == listed, "the card names the data as the repo does"
    for f in card["data"]["files"]:
        assert f["sha256"] == data_hash(REPO / f["path"]), f"models/ are stale for {f['path']}: run `claims train`"


def test_a_second_stage_is_saved_beside_the_first_and_reads_its_scores_in_context(tmp_path, few_docs):
    from pipeline.stages.classifier import SentenceView, in_label_order, model_columns
    from pipeline.stages.formats.cards import Card
    from pipeline.stages.passage import PASSAGE, passage_features

    regions = {d.doc_id: f"region{i % 3}.jsonl" for i, d in enumerate(few_docs)}
    card = fit(few_docs, tmp_path, TOGETHER, regions)
    assert card["cross_validation"]["grouped_by"] == "file"
    assert {"passage/linear.json", "passage/weights.safetensors"} <= set(Card.of(tmp_path / "classifier").files)
    model = TrainedClassifier.load(tmp_path / "classifier")
    assert model.second is not None
    views = [SentenceView("The ministry will spend 4 billion yuan on chips."), SentenceView("Output grew 25 percent."),
             SentenceView("The State Council issued a guideline.")]
    first = in_label_order(model.model, model.model.probabilities(model_columns(views)))
    expected = in_label_order(model.second, model.second.probabilities({PASSAGE: passage_features(first, [0, 0, 1])}))
    got = np.array([[s[label] for label in CLAIM_LABELS] for s in model.predict_scores(views, [0, 0, 1])])
    assert np.allclose(got, expected)
    apart = np.array([[s[label] for label in CLAIM_LABELS] for s in model.predict_scores(views, [0, 1, 2])])
    assert not np.allclose(got, apart), "a sentence's neighbours must count"


def test_the_label_set_constraints_are_learnt_when_asked_and_read_at_run_time(tmp_path, few_docs):
    from pipeline.stages.classifier import SentenceView, cue_features, in_label_order, model_columns
    from pipeline.stages.passage import PASSAGE, passage_features

    regions = {d.doc_id: f"region{i % 3}.jsonl" for i, d in enumerate(few_docs)}
    fit(few_docs, tmp_path, {**TOGETHER, "constraints": ["planned", "instrument"]}, regions)
    model = TrainedClassifier.load(tmp_path / "classifier")
    vocabulary = set(model.second.dict_blocks[0].vocabulary)
    assert {"metric*planned", "policy*instrument:before"} <= vocabulary
    assert not any(name.startswith(("who:", "target*", "metric*target")) for name in vocabulary)
    views = [SentenceView("The ministry will spend 4 billion yuan on chips."), SentenceView("It covers 30 firms.")]
    first = in_label_order(model.model, model.model.probabilities(model_columns(views)))
    cues = [cue_features(v) for v in views]
    expected = in_label_order(model.second, model.second.probabilities(
        {PASSAGE: passage_features(first, [0, 0], cues)}))
    got = np.array([[s[label] for label in CLAIM_LABELS] for s in model.predict_scores(views, [0, 0])])
    assert np.allclose(got, expected)


def test_an_unknown_constraint_is_a_user_error():
    with pytest.raises(ConfigError, match="unknown planed; known: planned"):
        second_stage_features(None, np.zeros((0, 3)), {"constraints": ["planed"]})


def test_kept_fold_models_predict_their_held_out_file_again_as_cross_validation_did(tmp_path):
    from pipeline.batch.runner import run as run_batch
    from pipeline.learning.train import leave_one_file_out

    lines = (REPO / "data" / "gold" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()[:9]
    files = []
    for k in range(3):  # three small regions
        files.append(tmp_path / f"region{k}.jsonl")
        files[-1].write_text("\n".join(lines[3 * k:3 * k + 3]) + "\n", encoding="utf-8")

    def make(models_dir, classifier=True, pinned_ner=False):
        over = {"paths.models": str(models_dir)}
        if not classifier:
            over["components.claims_classifier.model"] = None
        if pinned_ner:
            over["components.ner.model"] = None
        return build_pipeline(load_config(overrides=over))

    held = leave_one_file_out(files, make, SETTINGS, seed=7, folds=3, out=tmp_path / "cv", log=lambda m: None,
                              keep=tmp_path / "kept")
    assert sorted(p.name for p in (tmp_path / "kept").iterdir()) == ["region0", "region1", "region2"]
    gold, pred = sorted(held.items())[1]
    docs = load_gold(gold)
    inputs = tmp_path / "inputs.jsonl"
    inputs.write_text("".join(json.dumps({"id": d, "text": docs[d].text}) + "\n" for d in sorted(docs)))
    again = tmp_path / "again.jsonl"
    run_batch(make(tmp_path / "kept" / gold.stem), [str(inputs)], again)
    assert again.read_text() == pred.read_text()


def test_out_of_fold_scores_hold_out_each_gold_file_when_asked():
    sources = np.array(["a", "a", "b", "b", "c", "c", "c"], dtype=object)
    ts = TrainingSet([], np.zeros((7, 3), dtype=int), np.array([0, 1, 2, 3, 4, 5, 6]), sources)
    by_file = held_out_splits(ts, {"held_out": "file"}, folds=5)
    assert sorted(tuple(sorted(set(sources[test]))) for _, test in by_file) == [("a",), ("b",), ("c",)]
    assert all(not set(train) & set(test) for train, test in by_file)
    assert len(held_out_splits(ts, {"held_out": "document"}, folds=5)) == 5
    two_files = TrainingSet([], ts.labels, ts.groups, np.array(["a"] * 3 + ["b"] * 4, dtype=object))
    assert len(held_out_splits(two_files, {"held_out": "file"}, folds=5)) == 5, "too few files: documents"


def test_best_threshold_maximises_f1():
    y = np.array([1, 1, 0, 0, 1])
    p = np.array([0.9, 0.7, 0.6, 0.1, 0.65])
    t = best_threshold(y, p, window=0)
    assert 0.6 < t <= 0.65


def test_best_threshold_prefers_a_broad_top_to_a_lone_spike():
    # F1 is 0.786 for every cut up to 0.675, 0.815 at 0.7 alone, 0.769 from 0.725 on
    y = np.array([1] * 20 + [1] * 2 + [0] * 2 + [0] * 10)
    p = np.array([0.95] * 20 + [0.7125] * 2 + [0.6875] * 2 + [0.85] * 10)
    assert best_threshold(y, p, window=0) == 0.7
    assert best_threshold(y, p) < 0.675


def test_folds_partition_the_documents():
    folds = document_folds([f"d{i}" for i in range(11)], 5, seed=1)
    assert sorted(d for f in folds for d in f) == sorted(f"d{i}" for i in range(11))
    assert document_folds([f"d{i}" for i in range(11)], 5, seed=1) == folds


def test_gazetteer_keeps_organisations_only(few_docs):
    rows = gazetteer_rows(few_docs)
    assert rows and all(r["label"] == "ORG" for r in rows)
    assert all(not r["pattern"].islower() for r in rows)


def test_reference_organisations_join_the_gazetteer_unless_the_gold_says_otherwise(tmp_path, few_docs):
    from pipeline.learning.train import read_names

    person = next(d.text[s:e] for d in few_docs for s, e, label in d.entities if label == "PERSON")
    listed = tmp_path / "orgs.txt"
    listed.write_text(f"# comment\n\nQualcomm\n{person}\n", encoding="utf-8")
    names = read_names(listed)
    assert names == ["Qualcomm", person]
    patterns = {r["pattern"] for r in gazetteer_rows(few_docs, names)}
    assert "Qualcomm" in patterns and person not in patterns
    assert {r["pattern"] for r in gazetteer_rows(few_docs)} < patterns


def test_the_shipped_reference_list_is_clean():
    from pipeline.learning.train import read_names

    names = read_names(REPO / "data" / "gazetteer" / "organisations.txt")
    assert len(names) == len(set(names)) > 100
    assert not [n for n in names if n.startswith(("the ", "The ")) or n.endswith("'s") or n != n.strip()]
