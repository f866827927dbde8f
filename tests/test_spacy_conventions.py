"""The pipeline behaves as a spaCy pipeline: saved and loaded, packaged, serialised, multi-process."""

import json
import os
import sys

import pytest
from spacy.tokens import Doc, DocBin

from commands import build_isolation, run
from conftest import REPO
from pipeline.extensions import doc_to_records

TEXT = ("China's digital economy grew 10 percent to $5 billion in 2024, NDA head Liu Liehong said.\n"
        "By 2027, Alibaba aims to build 30 data hubs under a State Council guideline.")
RECORDS = ("import json, sys; import spacy; nlp = spacy.load(sys.argv[1]); "
           "from pipeline.extensions import doc_to_records; "
           "print(json.dumps([r.to_json() for r in doc_to_records(nlp(sys.argv[2]), 'd')]))")


def records(nlp, text=TEXT):
    return [r.to_json() for r in doc_to_records(nlp(text), "d")]


@pytest.fixture(scope="module")
def saved(nlp, tmp_path_factory):
    """The pipeline saved, with its config's model paths pointing nowhere: as on another machine."""
    folder = tmp_path_factory.mktemp("saved") / "claims_pipeline"
    nlp.to_disk(folder)
    config = folder / "config.cfg"
    config.write_text(config.read_text().replace(str(REPO / "models"), "/nonexistent/models"))
    assert "/nonexistent/models" in config.read_text()
    return folder


def test_a_saved_pipeline_loads_in_a_fresh_process_and_gives_the_same_records(nlp, saved, tmp_path):
    out = run([sys.executable, "-c", RECORDS, saved, TEXT], cwd=tmp_path)
    assert json.loads(out.stdout) == records(nlp)


def test_spacy_package_builds_an_installable_pipeline(nlp, saved, tmp_path):
    built = tmp_path / "built"
    built.mkdir()
    run([sys.executable, "-m", "spacy", "package", saved, built, "--name", "claims_test", "--version", "0.0.1",
         "--force"])
    [sdist] = built.glob("*/dist/en_claims_test-0.0.1.tar.gz")
    target = tmp_path / "site"
    # a setup.py sdist: pip builds it with setuptools and wheel (fetched unless both are here)
    run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", *build_isolation(["setuptools>=40.8.0", "wheel"]),
         "--target", target, sdist])
    out = run([sys.executable, "-c", RECORDS, "en_claims_test", TEXT], cwd=tmp_path,
              env={**os.environ, "PYTHONPATH": str(target)})
    assert json.loads(out.stdout) == records(nlp)


def test_spec_entities_and_quantities_are_span_groups(nlp):
    doc = nlp(TEXT)
    assert {(s.text, s.label_) for s in doc.spans["claims_entities"]} == {
        (e.text, e.label) for e in doc._.claim_entities}
    assert [(s.text, s.label_) for s in doc.spans["quantities"]][:2] == [("10 percent", "%"), ("$5 billion", "USD")]


def test_docs_survive_docbin_and_to_bytes(nlp):
    doc = nlp(TEXT)
    box = DocBin(store_user_data=True)
    box.add(doc)
    [back] = DocBin(store_user_data=True).from_bytes(box.to_bytes()).get_docs(nlp.vocab)
    assert [r.to_json() for r in doc_to_records(back, "d")] == records(nlp)
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert again._.quantities == doc._.quantities and again._.attribution == doc._.attribution


def test_nlp_pipe_with_two_processes_gives_what_one_does(nlp):
    texts = [TEXT, "The NDA said output grew 5%.", "Tencent will invest $1 billion by 2026."] * 2
    one = [doc_to_records(d, "d") for d in nlp.pipe(texts)]
    two = [doc_to_records(d, "d") for d in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert two == one
