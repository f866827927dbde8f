"""The learned entity verifier: trained out of fold, drops what it does not believe."""

import json


from conftest import REPO
from pipeline.records import Candidate
from pipeline.evaluation.scoring import load_gold
from pipeline.stages.verifier import candidate_features, load_verifier


def test_features_see_the_name_its_neighbours_and_its_line():
    text = "Headline About Artificial General Intelligence (AGI) Today\nThe ministry said."
    start = text.index("AGI")
    f = candidate_features(text, Candidate(start, start + 3, "ORG", "rule"), {})
    assert f["ORG|in_brackets"] == 1.0 and f["ORG|title_line"] == 1.0
    assert f["ORG|prev=intelligence"] == 1.0 and f["ORG|next=today"] == 1.0
    assert f["ORG|source=rule"] == 1.0 and f["ORG|shape=XX"] == 1.0


def test_the_shipped_verifier_keeps_people_and_the_organisations_the_gold_names():
    """Fitted on the mentions of the NER fitted on the same articles, nearly all right there, the shipped
    verifier keeps nearly every mention (docs/accuracy.md): what it must not do is drop a real name."""
    verifier = load_verifier(REPO / "models" / "entities")
    assert verifier is not None and verifier.thresholds["PERSON"] == 0.0
    text = ("China Unveils Plan to Boost Digital Economy\nThe National Data Administration said on Monday, "
            "according to Xinhua.\nLiu Liehong spoke at the Digital China Summit.")
    names = {"Digital Economy": "ORG", "National Data Administration": "ORG", "Xinhua": "ORG",
             "Liu Liehong": "PERSON", "Digital China": "ORG"}
    found = [Candidate(text.index(n), text.index(n) + len(n), label, "model") for n, label in names.items()]
    kept = {text[c.start:c.end] for c in verifier.keep(text, found, {})}
    assert {"National Data Administration", "Xinhua", "Liu Liehong"} <= kept


def test_fit_verifier_writes_a_model_and_out_of_fold_thresholds(tmp_path):
    from pipeline.config import load
    from pipeline.learning.train import fit_verifier, ner_spans

    docs = list(load_gold(REPO / "data" / "gold" / "corpus.jsonl").values())[:12]
    pinned = load(overrides={"components.ner.model": None})  # the NER fitted on these articles is right on them
    figures = fit_verifier(docs, ner_spans(pinned, docs), [], seed=3, folds=3, out=tmp_path, verify=("ORG",))
    meta = json.loads((tmp_path / "verifier.json").read_text())
    assert meta["thresholds"]["PERSON"] == 0.0 and 0.0 <= meta["thresholds"]["ORG"] <= 0.8
    assert figures["ORG"]["after"] >= figures["ORG"]["before"]
    assert json.loads((tmp_path / "verifier" / "linear.json").read_text())["format"] == "claims.linear.v1"
    assert load_verifier(tmp_path).thresholds == meta["thresholds"]


def test_no_verifier_is_fitted_when_every_proposed_mention_is_right(tmp_path):
    from pipeline.learning.train import fit_verifier

    docs = list(load_gold(REPO / "data" / "gold" / "corpus.jsonl").values())[:3]
    gold_orgs = [[(s, e, label) for s, e, label in d.entities if label == "ORG"] for d in docs]
    figures = fit_verifier(docs, gold_orgs, [], seed=3, folds=3, out=tmp_path, verify=("ORG",))
    assert figures["ORG"]["threshold"] == 0.0 and figures["ORG"]["after"] == figures["ORG"]["before"] > 0.9
    assert load_verifier(tmp_path) is None  # every mention kept
