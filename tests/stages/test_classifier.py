import pytest

from pipeline.stages.classifier import (RuleClassifier, SentenceView, cue_features, labels_from_scores,
                                        normalised_text, rule_scores)
from pipeline.records import Quantity


def view(text, quantities=()):
    return SentenceView(text=text, quantities=tuple(quantities))


Q = Quantity(0, 2, "10", 10.0, "%")


@pytest.mark.parametrize("text,quantities,expected", [
    ("The digital economy grew 10 percent last year.", [Q], {"metric"}),
    ("By 2027, China aims to build several smart cities.", [], {"target"}),
    ("The State Council issued a guideline on data property rights.", [], {"policy"}),
    ("Liu stressed the significance of infrastructure.", [], set()),
])
def test_keyword_rules_follow_the_spec_cues(text, quantities, expected):
    scores = rule_scores(view(text, quantities))
    assert set(labels_from_scores(scores, RuleClassifier.thresholds)) == expected
    assert all(0.0 <= p <= 1.0 for p in scores.values())


@pytest.mark.parametrize("scores,stated,expected", [
    ({"metric": 0.4, "target": 0.1, "policy": 0.7}, True, {"metric", "policy"}),  # nearer its cut
    ({"metric": 0.2, "target": 0.3, "policy": 0.1}, True, {"target"}),
    ({"metric": 0.4, "target": 0.1, "policy": 0.7}, False, {"policy"}),  # no quantity: the cuts alone
    ({"metric": 0.9, "target": 0.1, "policy": 0.1}, True, {"metric"}),  # one passes: nothing added
])
def test_a_sentence_stating_a_quantity_claims_a_value(scores, stated, expected):
    thresholds = {"metric": 0.8, "target": 0.5, "policy": 0.5}
    assert set(labels_from_scores(scores, thresholds, stated)) == expected


def test_numbers_and_years_are_folded():
    assert normalised_text("In 2024 it rose 41.06%") == normalised_text("In 2019 it rose 3.2%")


def test_cues_are_numeric_and_stable():
    feats = cue_features(view("China will issue 30 measures by 2027.", [Q]))
    assert feats["cue:future_will"] == 1.0 and feats["cue:by_year"] == 1.0 and feats["q:any"] == 1.0
    assert all(isinstance(v, float) for v in feats.values())


@pytest.mark.parametrize("text, found", [
    ("The regulator fined Acme 1.8 billion euros for abusing its dominance.", True),
    ("Acme must pay a fine of 500 million euros.", True),
    ("A federal judge ruled that Zenco had violated antitrust law.", True),
    ("The ministry will ban exports of the machines without a licence.", True),
    ("Zenco's revenue grew 10 percent last year.", False),
    ("The fine-tuned model ran on a permit-free cluster.", False),  # words inside words are not the cue
])
def test_enforcement_of_rules_is_a_cue(text, found):
    assert cue_features(view(text))["cue:enforcement"] == float(found)


def test_trained_model_scores_in_unit_interval_and_respects_thresholds(nlp):
    doc = nlp("China's digital economy grew 10 percent in 2024. By 2027, the NDA aims to build 30 data hubs.")
    assert doc._.claim_scores, "body sentences must be scored"
    for start, scores in doc._.claim_scores.items():
        assert set(scores) == {"metric", "target", "policy"}
        assert all(0.0 <= p <= 1.0 for p in scores.values())
        assert doc._.claim_labels[start] == sorted(doc._.claim_labels[start])
    labels = list(doc._.claim_labels.values())
    assert "metric" in labels[0] and "target" in labels[1]


def test_boilerplate_gets_no_scores(nlp):
    doc = nlp("Home | Technology\n\nThe digital economy grew 10 percent last year.")
    starts = set(doc._.claim_scores)
    assert 0 not in starts and len(starts) == 1


def test_cues_on_lower_cased_text_are_the_case_insensitive_cues():
    import re

    from conftest import REPO
    from pipeline.evaluation.scoring import load_gold
    from pipeline.stages.classifier import CUE_FOUND, CUES, LOWER_CUES

    assert all(not re.search(r"(?<!\\)[A-Z]", p.pattern) for p in CUES.values()), "cues must be lower-case"
    docs = load_gold(REPO / "data" / "gold" / "corpus.jsonl")
    texts = [d.text[s.start:s.end] for d in docs.values() for s in d.sentences]
    texts += ["WILL PLAN TO", "The Ministry ISSUED Rules", "K\u212aLVIN", "By 2030 The EU Will"]
    for text in texts:
        for name, pattern in CUES.items():
            assert bool(pattern.search(text)) == bool(LOWER_CUES[name].search(text.lower())), (name, text)
            assert CUE_FOUND[name](text.lower()) == bool(LOWER_CUES[name].search(text.lower())), (name, text)


def test_marker_vectors_sit_beside_the_sentence_vectors_and_are_zero_without_a_marker():
    import numpy as np

    from conftest import REPO
    from pipeline.stages.actors import Actors
    from pipeline.stages.classifier import sentence_vectors
    from pipeline.stages.formats.embeddings import SentenceEncoder

    encoder = SentenceEncoder(REPO / "models" / "static")
    views = [SentenceView("The ministry will build 30 data hubs.", actors=Actors(subjects="ministry", actions="build")),
             SentenceView("Output grew 25 percent.")]
    plain = sentence_vectors(encoder, views, [0, 0])
    both = sentence_vectors(encoder, views, [0, 0], {"subjects": 0.5, "actions": 0.25})
    dims = encoder.encode(["x"]).shape[1]
    assert both.shape == (2, plain.shape[1] + 2 * dims)
    assert np.allclose(both[:, :plain.shape[1]], plain)
    actions, subjects = both[:, plain.shape[1]:plain.shape[1] + dims], both[:, plain.shape[1] + dims:]
    assert np.allclose(subjects[0], 0.5 * encoder.encode(["ministry"])[0])
    assert np.allclose(actions[0], 0.25 * encoder.encode(["build"])[0])
    assert not both[1, plain.shape[1]:].any(), "no marker, no subject: zeros"
