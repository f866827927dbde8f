"""The config: a wrong override is named as it was typed, with what is wrong and what there is."""

import shutil

import pytest

from conftest import REPO
from pipeline.config import load, load_config, load_train_config, parse_overrides, pipeline_settings
from pipeline.errors import ConfigError


def test_the_pipeline_settings_include_the_stages_defaults():
    keys = pipeline_settings()
    assert {"paths.models", "components.claims_entities.rules", "components.claims_quantities.from_ner",
            "components.claims_classifier.model"} <= set(keys)
    assert not [k for k in keys if k.endswith(".factory") or "@" in k]


def test_an_unknown_key_is_named_with_a_near_miss_and_every_key():
    with pytest.raises(ConfigError) as err:
        load(overrides=parse_overrides(["components.claims_entities.rulez=false"]))
    message = str(err.value)
    assert message.startswith("--set components.claims_entities.rulez=false: the pipeline has no setting")
    assert "did you mean components.claims_entities.rules?" in message and "paths.models" in message
    assert "\n" not in message


def test_a_value_of_the_wrong_type_is_named_as_typed_not_dumped_with_the_config():
    with pytest.raises(ConfigError) as err:
        load(overrides=parse_overrides(["components.claims_quantities.from_ner=abc"]))
    assert str(err.value) == "--set components.claims_quantities.from_ner=abc: 'abc' is not bool"


def test_an_override_of_a_section_the_file_lacks_names_the_override_not_the_file():
    with pytest.raises(ConfigError) as err:
        load_config(overrides={"classifier.C": "abc"})
    assert str(err.value) == "--set classifier.C=abc: default.cfg has no section classifier"


def test_training_overrides_must_name_a_setting_and_keep_its_kind():
    assert load_train_config(overrides={"classifier.C": 4})["classifier"]["C"] == 4
    with pytest.raises(ConfigError, match=r"^--set classifier.C=abc: classifier.C takes a number"):
        load_train_config(overrides={"classifier.C": "abc"})
    with pytest.raises(ConfigError, match=r"did you mean classifier.C\?"):
        load_train_config(overrides={"classifier.Cc": 4})


def test_a_damaged_model_file_is_a_config_error_not_a_traceback(tmp_path, monkeypatch):
    models = tmp_path / "models"
    for part in ("classifier", "entities"):
        shutil.copytree(REPO / "models" / part, models / part)
    (models / "static").symlink_to(REPO / "models" / "static")
    (models / "ner").symlink_to(REPO / "models" / "ner")
    (models / "classifier" / "thresholds.json").write_text("{not json")
    monkeypatch.chdir(tmp_path)  # a relative --set paths.models is where the user typed it from
    with pytest.raises(ConfigError, match="thresholds.json|JSONDecodeError"):
        load(overrides={"paths.models": "models"})
