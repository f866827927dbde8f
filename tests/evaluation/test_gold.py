"""Standoff gold: the repository keeps annotations, the articles stay in ../shared."""

import json
import os
import re

import pytest

from commands import claims, run
from conftest import REPO, SHARED, shared_file
from pipeline.evaluation.scoring import load_gold
from pipeline.errors import GoldError
from pipeline.evaluation.gold import SHARED_ENV, text_sha256

GOLD = sorted((REPO / "data" / "gold").glob("corpus*.jsonl"))


def test_every_training_gold_file_is_standoff_and_loads_the_articles_it_names():
    shared_file("corpus2", "SOURCES.tsv")
    assert len(GOLD) == 4
    n = 0
    for path in GOLD:
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            assert "text" not in record and set(record) >= {"doc_id", "path", "sha256"}
        for doc_id, doc in load_gold(path).items():
            article = SHARED / doc.raw["path"]
            assert article.stem == doc_id
            assert doc.text == article.read_bytes().decode("utf-8")
            n += 1
    assert n == 27 + 122


def copy_shared(tmp_path, gold_line):
    """A private shared folder holding the one article of ``gold_line``."""
    record = json.loads(gold_line)
    target = tmp_path / "shared" / record["path"]
    target.parent.mkdir(parents=True)
    target.write_bytes((SHARED / record["path"]).read_bytes())
    gold = tmp_path / "gold.jsonl"
    gold.write_text(gold_line + "\n", encoding="utf-8")
    return gold, target


def test_a_changed_article_is_refused_with_one_error_that_names_it(tmp_path, monkeypatch):
    line = GOLD[1].read_text(encoding="utf-8").splitlines()[0]
    gold, article = copy_shared(tmp_path, line)
    monkeypatch.setenv(SHARED_ENV, str(tmp_path / "shared"))
    assert load_gold(gold)  # the untouched copy loads
    article.write_bytes(article.read_bytes().replace(b"the", b"teh", 1))
    with pytest.raises(GoldError, match=f"{article.name}.*text changed"):
        load_gold(gold)
    article.unlink()
    with pytest.raises(GoldError, match=f"{article.name} not found.*{SHARED_ENV}"):
        load_gold(gold)


def test_validate_gold_reports_a_changed_article_without_a_traceback(tmp_path, monkeypatch):
    line = GOLD[0].read_text(encoding="utf-8").splitlines()[0]
    gold, article = copy_shared(tmp_path, line)
    article.write_bytes(article.read_bytes() + b" ")
    result = claims("validate-gold", gold, env={**os.environ, SHARED_ENV: str(tmp_path / "shared")}, expect=1)
    assert "text changed" in result.stdout and "Traceback" not in result.stdout + result.stderr


def test_a_path_outside_the_shared_folder_is_refused(tmp_path):
    record = {"doc_id": "x", "path": "../../etc/passwd", "sha256": text_sha256(""), "sentences": []}
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(record) + "\n")
    with pytest.raises(GoldError, match="relative to the shared folder"):
        load_gold(gold)


def test_the_repository_holds_no_article_text_outside_seeds():
    """The opening of every longer sentence of every ../shared article is searched for in every
    tracked file, with string literals that a line break splits (``"... " "..."``) joined again:
    a test or a note may take a sentence's shape, never its words."""
    shared_file("corpus2", "SOURCES.tsv")
    probes = set()
    for article in sorted((SHARED / "corpus").glob("*.txt")) + sorted((SHARED / "corpus2").glob("*.txt")):
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", article.read_text(encoding="utf-8")):
            if len(sentence.strip()) >= 60:
                probes.add(sentence.strip()[:60])
    tracked = run(["git", "ls-files"], cwd=REPO).stdout.split()
    for name in tracked:
        if name.startswith("seeds/"):
            continue
        try:
            body = (REPO / name).read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue
        body = re.sub(r'"\s*\n\s*"', "", body)
        found = [p for p in probes if p in body]
        assert not found, f"{name} holds article text: {found[0]!r}"


def installed_layout(tmp_path, monkeypatch):
    """The package in a site-packages folder with no shared/ beside it, and a clone of the
    repository (with ../shared) as the working directory, as after `pip install .`."""
    import pipeline.config

    site = tmp_path / "venv" / "lib" / "site-packages"
    (site / "pipeline").mkdir(parents=True)
    clone = tmp_path / "work" / "claims"
    (clone / "data").mkdir(parents=True)
    (clone / "pyproject.toml").write_text("[project]\nname = 'claims'\n")
    monkeypatch.setattr(pipeline.config, "REPO_ROOT", site)
    monkeypatch.delenv(SHARED_ENV, raising=False)
    monkeypatch.chdir(clone / "data")
    return clone


def test_after_a_regular_install_the_shared_folder_is_found_beside_the_repository_worked_in(tmp_path, monkeypatch):
    line = GOLD[1].read_text(encoding="utf-8").splitlines()[0]
    gold, article = copy_shared(tmp_path / "work", line)
    clone = installed_layout(tmp_path, monkeypatch)
    assert (tmp_path / "work" / "shared").is_dir() and clone.parent == tmp_path / "work"
    assert load_gold(gold)[json.loads(line)["doc_id"]].text == article.read_text(encoding="utf-8")


def test_no_shared_folder_is_one_error_that_says_to_set_claims_shared(tmp_path, monkeypatch):
    line = GOLD[1].read_text(encoding="utf-8").splitlines()[0]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(line + "\n", encoding="utf-8")
    installed_layout(tmp_path, monkeypatch)
    with pytest.raises(GoldError, match=f"shared folder .* was not found .*work/shared.*: set {SHARED_ENV} to it"):
        load_gold(gold)
