"""The batch run: same bytes whatever the engine, resumable after a kill, incremental, hostile-input safe."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from commands import claims
from commands import run as run_command
from conftest import REPO
from pipeline.batch.processing import PipelineSpec
from pipeline.batch.manifest import manifest_path_for, read_journal
from pipeline.batch.runner import RunOptions, errors_path_for, part_path, run, texts_dir_for

ARTICLES = {
    "a1": "China's digital economy grew 10 percent in 2024, the ministry said.\n"
          "The NDA will build 50 computing hubs by 2027.\n",
    "a2": "Beijing issued a guideline on data markets on Monday.\r\n"
          "Li Qiang said the plan aims to double output by 2030.\r\n",
    "a3": "The EU designated six gatekeepers under the Digital Markets Act. "
          "Apple and Meta were fined 500 million euros.",
}


def write_corpus(folder: Path, articles: dict[str, str] = ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / f"{name}.txt").write_bytes(text.encode("utf-8"))
    return folder


def output_bytes(out: Path) -> tuple[bytes, bytes]:
    return out.read_bytes(), errors_path_for(out).read_bytes()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def reference(nlp, corpus, tmp_path_factory):
    """The corpus run once, in this process, with one worker: what every other run must write."""
    out = tmp_path_factory.mktemp("ref") / "claims.jsonl"
    summary = run(nlp, [str(corpus)], out)
    assert summary.documents == 3 and summary.errors == 0
    return output_bytes(out)


# ------------------------------------------------------------ engines --

def test_two_workers_write_the_same_bytes_in_the_same_order(corpus, reference, tmp_path):
    out = tmp_path / "claims.jsonl"
    run(PipelineSpec(), [str(corpus)], out, options=RunOptions(workers=2, batch_size=1))
    assert output_bytes(out) == reference


@pytest.mark.ray
def test_ray_engine_writes_the_same_bytes_as_the_local_one(corpus, reference, tmp_path):
    out = tmp_path / "claims.jsonl"
    summary = run(PipelineSpec(), [str(corpus)], out,
                  options=RunOptions(engine="ray", workers=2, batch_size=1, window=2))
    assert summary.processed == 3
    assert output_bytes(out) == reference


# ------------------------------------------------------- incremental --

def test_manifest_records_versions_hashes_counts_and_offsets(nlp, corpus, tmp_path):
    out = tmp_path / "claims.jsonl"
    run(nlp, [str(corpus)], out)
    journal = read_journal(manifest_path_for(out))
    assert {"pipeline_version", "spacy_version", "model_version", "config_hash"} <= journal.header.keys()
    assert [e.doc_id for e in journal.entries] == ["a1", "a2", "a3"]
    data = out.read_bytes()
    for e in journal.entries:
        lines = data[e.out[0]:e.out[1]].decode().splitlines()
        assert len(lines) == e.sentences and all(json.loads(x)["doc_id"] == e.doc_id for x in lines)
        assert len(e.sha256) == 64 and e.status == "processed"
    assert journal.summary["documents"] == 3 and journal.summary["out_bytes"] == len(data)
    assert not part_path(out).exists() and not part_path(manifest_path_for(out)).exists()


def test_rerun_skips_unchanged_documents_and_redoes_changed_ones(nlp, tmp_path):
    corpus = write_corpus(tmp_path / "in")
    out = tmp_path / "out" / "claims.jsonl"
    first = run(nlp, [str(corpus)], out)
    assert (first.processed, first.reused) == (3, 0)
    again = run(nlp, [str(corpus)], out)
    assert (again.processed, again.reused) == (0, 3)
    (corpus / "a2.txt").write_text("The ministry will publish a new data law in 2026.", encoding="utf-8")
    changed = run(nlp, [str(corpus)], out)
    assert (changed.processed, changed.reused) == (1, 2)
    fresh = tmp_path / "fresh" / "claims.jsonl"
    run(nlp, [str(corpus)], fresh)
    assert output_bytes(out) == output_bytes(fresh)
    forced = run(nlp, [str(corpus)], out, options=RunOptions(force=True))
    assert (forced.processed, forced.reused) == (3, 0)
    assert output_bytes(out) == output_bytes(fresh)


def test_another_config_reuses_nothing(nlp, rules_nlp, corpus, tmp_path):
    out = tmp_path / "claims.jsonl"
    run(nlp, [str(corpus)], out)
    assert run(rules_nlp, [str(corpus)], out).reused == 0


# ------------------------------------------------------ crash safety --

def _crash_state(out: Path, journal_lines: int, out_extra: bytes, journal_extra: bytes) -> None:
    """Turn a finished run's files into what a run killed mid-way leaves behind."""
    manifest = manifest_path_for(out)
    lines = manifest.read_bytes().splitlines(keepends=True)
    kept = lines[:journal_lines]
    entries = [json.loads(x) for x in kept if json.loads(x)["type"] == "document"]
    out_end = entries[-1]["out"][1] if entries else 0
    err_end = entries[-1]["err"][1] if entries else 0
    part_path(out).write_bytes(out.read_bytes()[:out_end] + out_extra)
    part_path(errors_path_for(out)).write_bytes(errors_path_for(out).read_bytes()[:err_end])
    part_path(manifest).write_bytes(b"".join(kept) + journal_extra)
    for path in (out, errors_path_for(out), manifest):
        path.unlink()


@pytest.mark.parametrize("journal_lines,out_extra,journal_extra", [
    (0, b"", b""),                                   # killed before the header was flushed
    (1, b'{"doc_id": "a1", "sent_', b""),           # header only, a half output line
    (2, b"", b'{"type": "document", "seq": 1, "do'),  # one document, a half journal line
    (3, b'{"doc_id": "a3", "sent_id": 0}\n', b""),   # lines written but never journaled
    (4, b"", b""),                                   # every document journaled, no summary
])
def test_resume_after_a_kill_at_any_point_writes_identical_bytes(nlp, corpus, reference, tmp_path,
                                                                 journal_lines, out_extra, journal_extra):
    out = tmp_path / "claims.jsonl"
    run(nlp, [str(corpus)], out)
    _crash_state(out, journal_lines, out_extra, journal_extra)
    summary = run(nlp, [str(corpus)], out)
    assert summary.resumed == max(0, journal_lines - 1)
    assert output_bytes(out) == reference
    assert not part_path(out).exists()


def test_resume_with_fewer_inputs_keeps_only_what_they_describe(nlp, corpus, tmp_path):
    out = tmp_path / "claims.jsonl"
    run(nlp, [str(corpus)], out)
    _crash_state(out, 4, b"", b"")  # all three journaled, then a3 is gone before the rerun
    fewer = write_corpus(tmp_path / "fewer", {k: v for k, v in ARTICLES.items() if k != "a3"})
    summary = run(nlp, [str(corpus / "a1.txt"), str(corpus / "a2.txt")], out)
    assert summary.resumed == 2
    fresh = tmp_path / "fresh" / "claims.jsonl"
    run(nlp, [str(fewer)], fresh)
    assert output_bytes(out) == output_bytes(fresh)


def test_kill_between_the_final_renames_is_rolled_forward(nlp, corpus, reference, tmp_path):
    out = tmp_path / "claims.jsonl"
    run(nlp, [str(corpus)], out)
    manifest = manifest_path_for(out)
    os.replace(manifest, part_path(manifest))  # the output was renamed, the manifest was not yet
    summary = run(nlp, [str(corpus)], out)
    assert summary.processed == 0 and summary.reused == 3
    assert output_bytes(out) == reference and manifest.exists()


def test_a_second_run_on_the_same_output_is_refused_while_the_first_is_live(nlp, corpus, tmp_path):
    from pipeline.batch.io import ExclusiveLock
    from pipeline.errors import Locked

    out = tmp_path / "claims.jsonl"
    with ExclusiveLock(out.with_name(out.name + ".lock")):
        with pytest.raises(Locked):
            run(nlp, [str(corpus)], out)
    assert not part_path(out).exists()
    assert run(nlp, [str(corpus)], out).documents == 3


def _journaled(out: Path) -> int:
    path = part_path(manifest_path_for(out))
    return path.read_bytes().count(b'"type": "document"') if path.exists() else 0


def test_sigkill_mid_run_then_same_command_finishes_byte_identical(tmp_path):
    """A real subprocess is killed twice mid-run; the third start finishes the job."""
    texts = sorted((REPO.parent / "shared" / "corpus").glob("*.txt")) or sorted((REPO / "seeds").glob("*.txt"))
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(24):
        src = texts[i % len(texts)]
        (corpus / f"d{i:02d}_{src.name}").write_bytes(src.read_bytes())
    out = tmp_path / "out" / "claims.jsonl"
    command = [sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(out), "--quiet", "--no-db",
               "--batch-size", "2"]
    expected = tmp_path / "expected" / "claims.jsonl"
    run_command(command[:6] + [str(expected)] + command[7:], cwd=REPO)
    for kill_after in (1, 9):
        proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 300
        while _journaled(out) < kill_after and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None, "the run ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert not out.exists() and part_path(out).exists()
    loud = [part for part in command if part != "--quiet"]  # the summary says what was resumed
    finish = run_command(loud, cwd=REPO)
    assert "resumed" in finish.stderr and " 0 resumed" not in finish.stderr
    assert output_bytes(out) == output_bytes(expected)


# ---------------------------------------------------- hostile inputs --

def _files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def test_hostile_inputs_are_processed_or_one_clear_error_and_stay_inside_out(nlp, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "huge.txt").write_bytes(b"word " * 10_000_000)  # 50 MB on one line
    (src / "nul.txt").write_bytes(b"Growth was 5%.\x00\x00 More text.")
    (src / "bom.txt").write_bytes(b"\xef\xbb\xbfChina's output grew 5 percent in 2024.")
    (src / "crlf.txt").write_bytes(b"First line here.\r\nThe NDA will build hubs.\r\n")
    (src / "utf16.txt").write_bytes("The ministry said exports rose 8 percent.".encode("utf-16"))
    (src / "chinese.txt").write_bytes("中国数字经济规模达到50.2万亿元。占GDP比重41.5%。".encode("utf-8"))
    (src / "page.html").write_text(
        "<html><body><nav>Home | News</nav><article><h1>Data hubs</h1>"
        "<p>China's digital economy grew 10 percent in 2024, the NDA said.</p>"
        "<p>The government will build 50 hubs by 2027.</p></article><footer>(c) 2024</footer></body></html>",
        encoding="utf-8")
    (src / "ids.jsonl").write_text("\n".join(json.dumps(r) for r in [
        {"id": "../../etc/x", "text": "The plan aims to add 5 GW of capacity."},
        {"id": "/abs/path", "text": "Tencent said revenue rose 9 percent."},
        {"id": "nul-inside", "text": "Bad\u0000text."},
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out" / "claims.jsonl"
    before = _files_under(tmp_path)
    summary = run(nlp, [str(src)], out)
    created = _files_under(tmp_path) - before
    assert created and all(out.parent in p.parents for p in created)

    errors = {e["doc_id"]: e for e in map(json.loads, errors_path_for(out).read_text().splitlines())}
    assert errors["huge"]["kind"] == "too_long" and "limit" in errors["huge"]["message"]
    assert errors["nul"]["kind"] == "binary" and errors["nul-inside"]["kind"] == "binary"
    assert set(errors) == {"huge", "nul", "nul-inside"} and summary.errors == 3

    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    by_doc: dict[str, list[dict]] = {}
    for r in rows:
        by_doc.setdefault(r["doc_id"], []).append(r)
    assert {"bom", "crlf", "utf16", "chinese", "page", "../../etc/x", "/abs/path"} == set(by_doc)
    assert by_doc["bom"][0]["text"].startswith("China")  # the BOM is not text
    crlf = (src / "crlf.txt").read_bytes().decode()
    assert [crlf[r["start"]:r["end"]] for r in by_doc["crlf"]] == ["First line here.", "The NDA will build hubs."]
    saved = [p for p in created if texts_dir_for(out) in p.parents]
    assert len(saved) == 1
    page = saved[0].read_text(encoding="utf-8")
    assert "Home | News" not in page and "(c) 2024" not in page
    for r in by_doc["page"]:
        assert page[r["start"]:r["end"]] == r["text"]
        for span in r["entities"] + r["quantities"]:
            assert page[span["start"]:span["end"]] == span["text"]


def test_progress_moves_with_every_document_not_once_a_batch(nlp, corpus, tmp_path):
    seen = []
    run(nlp, [str(corpus)], tmp_path / "claims.jsonl", progress=lambda summary: seen.append(summary.items))
    assert seen == [1, 2, 3]
    seen.clear()
    run(nlp, [str(corpus)], tmp_path / "claims.jsonl", progress=lambda summary: seen.append(summary.items))
    assert seen == [1, 2, 3]  # reused documents too


def test_a_missing_input_is_refused_before_anything_is_written_unless_keep_going(nlp, corpus, tmp_path):
    from pipeline.errors import MissingInput

    out = tmp_path / "out" / "claims.jsonl"
    with pytest.raises(MissingInput, match="typo.txt"):
        run(nlp, [str(corpus), "typo.txt"], out)
    assert not out.parent.exists()
    summary = run(nlp, [str(corpus), "typo.txt"], out, options=RunOptions(keep_going=True))
    assert (summary.documents, summary.errors) == (3, 1)


def test_a_pipeline_that_cannot_be_built_leaves_nothing_behind(corpus, tmp_path):
    """No part file, no lock, no folder: the run never had a line to write."""
    from pipeline.errors import ConfigError

    out = tmp_path / "new" / "folder" / "claims.jsonl"
    broken = PipelineSpec(overrides=(("components.claims_classifier.model", str(tmp_path / "no-model")),))
    with pytest.raises(ConfigError, match="no-model"):
        run(broken, [str(corpus)], out)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_failed_start_keeps_an_interrupted_runs_parts_for_the_next_attempt(nlp, corpus, tmp_path, monkeypatch):
    import pipeline.batch.runner as runner_module
    from pipeline.errors import ConfigError

    out = tmp_path / "claims.jsonl"
    run(nlp, [str(corpus)], out)
    for path in (out, errors_path_for(out)):  # as a run killed before its renames leaves them
        path.rename(part_path(path))
    manifest = manifest_path_for(out)
    part_path(manifest).write_text("".join(manifest.read_text().splitlines(keepends=True)[:-1]))  # no summary
    manifest.unlink()
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    class Broken:
        """An engine whose pipeline cannot be built: it fails on the first batch it is given."""

        def map(self, chunks):
            raise ConfigError("the model went away")

        def close(self):
            pass

    monkeypatch.setattr(runner_module, "make_engine", lambda *args, **kwargs: Broken())
    with pytest.raises(ConfigError):
        run(nlp, [str(corpus)], out, options=RunOptions(force=True))
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_progress_bar_is_quiet_off_a_terminal_and_counts_on_one(nlp, corpus):
    import io

    from pipeline.batch.progress import ProgressBar
    from pipeline.batch.runner import RunSummary

    assert not ProgressBar(3, stream=io.StringIO()).enabled
    stream = io.StringIO()
    bar = ProgressBar(3, stream=stream, enabled=True)
    bar(RunSummary(items=2, sentences=10, errors=1))
    bar.close()
    assert "2/3" in stream.getvalue() and "1 errors" in stream.getvalue() and "sent/s" in stream.getvalue()


@pytest.mark.parametrize("layout", ["same file", "inside the input folder", "matches the input glob"])
def test_an_output_among_the_inputs_is_refused_before_anything_is_written(tmp_path, layout):
    from typer.testing import CliRunner

    from pipeline.cli import app

    arts = tmp_path / "arts"
    arts.mkdir()
    article = arts / "in.jsonl"
    original = '{"id": "a", "text": "China will build 30 data hubs by 2027."}\n'
    article.write_text(original)
    inputs, out = {"same file": ([str(article)], article),
                   "inside the input folder": ([str(arts)], arts / "claims.jsonl"),
                   "matches the input glob": ([str(arts / "*.jsonl")], arts / "claims.jsonl")}[layout]
    before = sorted(p.name for p in arts.iterdir())
    result = CliRunner().invoke(app, ["run", *inputs, "--out", str(out), "--no-db", "-q"])
    assert result.exit_code == 2
    assert result.output.startswith("claims: error: the output") and "Traceback" not in result.output
    assert article.read_text() == original
    assert sorted(p.name for p in arts.iterdir()) == before  # not even a lock file


def test_an_edited_manifest_range_means_reprocessing_never_wrong_lines(nlp, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(3):
        (docs / f"d{i}.txt").write_text(f"Article {i}.\nChina will build {i + 10} data hubs by 2027.\n")
    out = tmp_path / "out" / "claims.jsonl"
    run(nlp, [str(docs)], out)
    reference = out.read_bytes()
    manifest = manifest_path_for(out)
    rows = [json.loads(line) for line in manifest.read_text().splitlines()]
    edited = [r for r in rows if r["type"] == "document"][1]
    edited["out"] = [edited["out"][0], edited["out"][1] - 5]  # still valid JSON, still starts with its id
    manifest.write_text("".join(json.dumps(r) + "\n" for r in rows))
    summary = run(nlp, [str(docs)], out)
    assert (summary.reused, summary.processed) == (2, 1)
    assert out.read_bytes() == reference
    assert all(json.loads(line) for line in out.read_text().splitlines())


@pytest.mark.parametrize("failure", ["read-only folder", "full disk"])
def test_a_folder_that_cannot_be_written_is_one_clear_error(tmp_path, monkeypatch, failure):
    """Root ignores permissions, so the operating system's refusal is simulated where it arrives."""
    import errno

    from typer.testing import CliRunner

    import pipeline.batch.io as io_module
    from pipeline.cli import app

    if failure == "read-only folder":
        def refuse(self, *args):
            raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "out" / "claims.jsonl.lock"))
        monkeypatch.setattr(io_module.ExclusiveLock, "__enter__", refuse)
    else:
        def full(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")
        monkeypatch.setattr(io_module.AppendFile, "write_bytes", full)
    result = CliRunner().invoke(app, ["run", str(REPO / "seeds"), "--out", str(tmp_path / "out" / "claims.jsonl"),
                                      "--no-db", "-q"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # the CLI's own exit, not an escaped OSError
    lines = [line for line in result.output.splitlines() if line.startswith("claims: error:")]
    expected = "Permission denied" if failure == "read-only folder" else "No space left on device"
    assert len(lines) == 1 and expected in lines[0] and "run the same command again" in lines[0]


@pytest.mark.ray
def test_a_quiet_ray_run_prints_nothing(tmp_path):
    seed = sorted((REPO / "seeds").glob("*.txt"))[0]
    proc = claims("run", seed, "--out", tmp_path / "c.jsonl", "--engine", "ray", "--workers", "2", "--quiet", "--no-db",
                  cwd=tmp_path)
    assert proc.stdout == "" and proc.stderr == "", proc.stderr
