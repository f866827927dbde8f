"""claims distill replaces an encoder folder, never any other folder."""

import pytest

from conftest import REPO
from pipeline.errors import EmbeddingError
from pipeline.learning.distill import distill_static, refuse_to_replace


def test_distill_refuses_to_replace_a_folder_that_is_not_an_encoder(tmp_path):
    articles = tmp_path / "seeds"
    articles.mkdir()
    (articles / "a.txt").write_text("An article.")
    with pytest.raises(EmbeddingError, match="is not a sentence encoder folder"):
        distill_static(articles)
    assert (articles / "a.txt").read_text() == "An article."


def test_distill_may_replace_an_encoder_folder_or_write_a_new_one(tmp_path):
    refuse_to_replace(REPO / "models" / "static")
    refuse_to_replace(tmp_path / "new")
