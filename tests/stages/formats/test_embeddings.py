"""The static sentence encoder: checked against its card, vectors in context."""

import shutil

import numpy as np
import pytest

from conftest import REPO
from pipeline.errors import EmbeddingError, ModelFileError
from pipeline.stages.formats.embeddings import SentenceEncoder, context_vectors

STATIC = REPO / "models" / "static"


@pytest.fixture(scope="module")
def encoder():
    return SentenceEncoder(STATIC)


def test_encoder_gives_unit_vectors_that_place_like_sentences_together(encoder):
    v = encoder.encode(["The EU adopted new rules on artificial intelligence.",
                        "Brussels passed a regulation governing AI systems.",
                        "Shares of the carmaker fell 3 percent on Monday."])
    assert v.shape == (3, encoder.card["dims"])
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0)
    assert v[0] @ v[1] > v[0] @ v[2]


def test_a_changed_encoder_file_is_refused_and_named(tmp_path):
    copy = tmp_path / "static"
    shutil.copytree(STATIC, copy)
    (copy / "config.json").write_text((copy / "config.json").read_text() + " ")
    with pytest.raises(ModelFileError, match="config.json does not match the sha256"):
        SentenceEncoder(copy)
    shutil.rmtree(copy)
    with pytest.raises(EmbeddingError, match="claims distill"):
        SentenceEncoder(copy)


def test_context_vectors_add_the_previous_sentence_and_the_document():
    vectors = np.eye(4)[[0, 1, 2, 3]]
    groups = np.array([0, 0, 1, 1])
    ctx = context_vectors(vectors, groups, weight=0.5)
    assert ctx.shape == (4, 12)
    assert np.array_equal(ctx[:, :4], vectors)
    assert not ctx[0, 4:8].any() and not ctx[2, 4:8].any()  # a document's first sentence has no predecessor
    assert np.array_equal(ctx[1, 4:8], vectors[0] * 0.5)
    assert np.allclose(ctx[0, 8:], ctx[1, 8:]) and not np.allclose(ctx[0, 8:], ctx[2, 8:])


def test_a_classifier_refuses_an_encoder_it_was_not_trained_with(tmp_path):
    from pipeline.stages.classifier import TrainedClassifier
    from pipeline.errors import ConfigError

    other = tmp_path / "static"
    shutil.copytree(STATIC, other)
    card = other / "card.json"
    card.write_text(card.read_text().replace('"claims sentence encoder"', '"another encoder"'))
    with pytest.raises(ConfigError, match="another sentence encoder"):
        TrainedClassifier.load(REPO / "models" / "classifier", other)
    with pytest.raises(ConfigError, match="trained with sentence vectors"):
        TrainedClassifier.load(REPO / "models" / "classifier", None)


def test_the_vectors_are_model2vecs_without_importing_it(encoder):
    """The encoder reimplements model2vec's mean of token vectors; the result must be the same bits."""
    import sys

    from model2vec import StaticModel

    from commands import run

    texts = ["China will build 30 data hubs by 2027.", "", "zzzz qqq", "Output grew " * 600,
             "The EU adopted the AI Act.", "Kenya's mobile money hit 1.2 trillion shillings."]
    reference = StaticModel.from_pretrained(str(REPO / "models" / "static")).encode(texts, show_progress_bar=False)
    assert np.array_equal(encoder.token_means(texts), reference)
    code = ("import sys; from pipeline.config import load; load()('China will build hubs.'); "
            "print(sorted(m for m in ('model2vec', 'huggingface_hub') if m in sys.modules))")
    out = run([sys.executable, "-c", code], cwd=REPO)
    assert out.stdout.strip().splitlines()[-1] == "[]"
