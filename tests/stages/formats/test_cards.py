"""Every file a run reads from models/ is on its folder's card and refused, by name, when changed or missing."""

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from commands import claims, run
from conftest import REPO
from pipeline.config import load
from pipeline.errors import ConfigError, ModelFileError
from pipeline.stages.formats.cards import CARD, Card, write_card

# What a run reads from models/ besides the cards, by path inside models/; test_a_run_reads_these_and_the_cards
# keeps the list true. (static/card.json is pinned by the classifier's thresholds.json:
# test_a_classifier_refuses_a_changed_encoder_card.)
RUN_FILES = ["classifier/thresholds.json", "classifier/linear.json", "classifier/weights.safetensors",
             "classifier/passage/linear.json", "classifier/passage/weights.safetensors",
             "entities/patterns.jsonl", "entities/verifier.json", "entities/verifier/linear.json",
             "entities/verifier/weights.safetensors", "ner/config.json", "ner/ner.msgpack",
             "static/config.json", "static/model.safetensors", "static/tokenizer.json"]


@pytest.fixture
def models(tmp_path):
    shutil.copytree(REPO / "models", tmp_path / "models")
    return tmp_path / "models"


def load_from(models: Path):
    return load(overrides={"paths.models": str(models)})


def card_for(models: Path, name: str) -> tuple[Path, str]:
    """The folder whose card lists ``name`` (a path inside models/), and the path the card knows it by."""
    folder, _, inside = name.partition("/")
    return models / folder, inside


OPENED: list[str] | None = None


def record_opens(event, args):
    """An audit hook (it cannot be removed): records the files opened while ``OPENED`` is a list."""
    if event == "open" and OPENED is not None and isinstance(args[0], (str, Path)):
        OPENED.append(str(args[0]))


sys.addaudithook(record_opens)


def test_a_run_reads_these_and_the_cards(models):
    global OPENED
    OPENED = []
    try:
        load_from(models)("China will build 30 data hubs by 2027, the NDA said.")
        opened = {Path(p).resolve().relative_to(models.resolve()).as_posix() for p in OPENED
                  if Path(p).resolve().is_relative_to(models.resolve()) and Path(p).is_file()}
    finally:
        OPENED = None
    assert opened == set(RUN_FILES) | {f"{folder}/{CARD}" for folder in ("classifier", "entities", "ner", "static")}


@pytest.mark.parametrize("name", RUN_FILES)
def test_every_file_a_run_reads_is_on_its_folders_card(name):
    folder, inside = card_for(REPO / "models", name)
    assert Card.of(folder).lists(inside)


@pytest.mark.parametrize("name", RUN_FILES)
def test_a_changed_model_file_is_refused_with_its_name(models, name):
    file = models / name
    data = file.read_bytes()
    file.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # one bit of the last byte
    refusal = f"model file {file} does not match the sha256 its card recorded: refusing to load it"
    with pytest.raises(ModelFileError, match=re.escape(refusal)):
        load_from(models)


@pytest.mark.parametrize("name", RUN_FILES)
def test_a_missing_model_file_is_refused_with_its_name(models, name):
    (models / name).unlink()
    with pytest.raises(ModelFileError, match=re.escape(f"model file missing: {models / name}")):
        load_from(models)


def lower_the_target_threshold(file: Path) -> None:
    """A hand edit of the kind the issue found: the target threshold set to 0.05, the rest as it was."""
    edited = json.loads(file.read_text())
    assert edited["thresholds"]["target"] != 0.05
    edited["thresholds"]["target"] = 0.05
    file.write_text(json.dumps(edited, indent=2) + "\n")


def test_a_threshold_changed_by_hand_is_refused(models):
    """The issue's case: ``target`` 0.55 -> 0.05 changed the output and nothing said so."""
    file = models / "classifier" / "thresholds.json"
    lower_the_target_threshold(file)
    with pytest.raises(ModelFileError, match="thresholds.json does not match the sha256"):
        load_from(models)


@pytest.mark.parametrize("folder", ["classifier", "entities", "ner", "static"])
def test_a_missing_card_is_refused_with_its_name(models, folder):
    (models / folder / CARD).unlink()
    with pytest.raises(ConfigError, match=re.escape(str(models / folder / CARD))):
        load_from(models)


def test_a_card_without_hashes_is_refused(models):
    card = models / "classifier" / CARD
    stripped = json.loads(card.read_text())
    del stripped["files"]
    card.write_text(json.dumps(stripped))
    with pytest.raises(ModelFileError, match=re.escape(f"model card {card} records no sha256")):
        load_from(models)


def test_a_file_the_card_does_not_list_is_refused(models):
    card = models / "entities" / CARD
    listed = json.loads(card.read_text())
    del listed["files"]["verifier.json"]
    card.write_text(json.dumps(listed))
    unlisted = models / "entities" / "verifier.json"
    with pytest.raises(ModelFileError, match=re.escape(f"no sha256 recorded for {unlisted}")):
        load_from(models)


@pytest.mark.parametrize("name", ["classifier/thresholds.json", "entities/verifier.json", "entities/patterns.jsonl",
                                  "classifier/card.json"])
def test_a_damaged_json_model_file_is_one_clear_error(models, name):
    """Damaged and vouched for anyway (its card rewritten to match): the parse fails with the file's name."""
    file = models / name
    file.write_text(file.read_text()[:40])
    folder, inside = card_for(models, name)
    if inside != CARD:
        write_card(folder, {k: v for k, v in Card.of(folder).fields.items() if k != "files"}, Card.of(folder).files)
    with pytest.raises(ModelFileError, match=re.escape(str(file)) + ".* not valid JSON"):
        load_from(models)


def test_the_command_line_refuses_a_changed_model_file_in_one_line(models, tmp_path):
    file = models / "classifier" / "thresholds.json"
    lower_the_target_threshold(file)
    seed = sorted((REPO / "seeds").glob("*.txt"))[0]
    proc = claims("run", seed, "--out", "o/claims.jsonl", "--no-db", "-q", "--set", f"paths.models={models}",
                  cwd=tmp_path, expect=2)
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()] and f"{file} does not match" in proc.stderr


def test_a_saved_entity_stage_carries_its_card(nlp, tmp_path):
    """``spacy.load`` of a saved pipeline reads the entity files through their own card too."""
    stage = nlp.get_pipe("claims_entities")
    stage.to_disk(tmp_path)
    card = Card.of(tmp_path)
    assert sorted(card.files) == ["patterns.jsonl", "verifier.json", "verifier/linear.json",
                                  "verifier/weights.safetensors"]
    assert card.files == Card.of(REPO / "models" / "entities").files  # the same bytes as models/ holds
    again = type(stage)({}, verifier_folder=None).from_disk(tmp_path)
    assert again.gazetteer == stage.gazetteer and again.verifier.thresholds == stage.verifier.thresholds


def test_an_entity_folder_that_is_not_there_stops_the_build_in_one_line(models):
    shutil.rmtree(models / "entities")
    with pytest.raises(ConfigError, match="entity models not found"):
        load_from(models)


def test_a_classifier_refuses_a_changed_encoder_card(models):
    card = models / "static" / CARD
    card.write_text(card.read_text().replace('"claims sentence encoder"', '"another encoder"'))
    with pytest.raises(ConfigError, match="trained with another sentence encoder"):
        load_from(models)


def test_a_run_imports_neither_scikit_learn_nor_a_deserialiser_of_objects():
    """Models are plain data: loading them needs no library that can rebuild arbitrary objects."""
    code = ("import json, sys; from pipeline.config import load; nlp = load(); nlp('China will build 30 hubs.'); "
            "print(json.dumps([m for m in ('sklearn', 'scipy', 'skops') if m in sys.modules]))")
    out = run([sys.executable, "-c", code], cwd=REPO)
    assert json.loads(out.stdout.splitlines()[-1]) == []
