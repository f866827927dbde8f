"""The command line: version, quiet and verbose output, records to stdout."""

import json
import sys

from commands import claims, run
from conftest import REPO
from pipeline import __version__

SEED = sorted((REPO / "seeds").glob("*.txt"))[0]


def test_version(tmp_path):
    proc = claims("--version", cwd=tmp_path)
    assert proc.stdout.strip() == f"claims {__version__}"


def test_out_dash_writes_records_to_stdout_and_errors_to_stderr(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00broken")
    proc = claims("run", str(SEED), "bad.txt", "--out", "-", cwd=tmp_path)
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert rows and {r["doc_id"] for r in rows} == {SEED.stem}
    text = SEED.read_text(encoding="utf-8")
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)
    errors = [json.loads(line) for line in proc.stderr.splitlines() if line.startswith("{")]
    assert [e["source"].endswith("bad.txt") for e in errors] == [True]
    assert "1 document, " in proc.stderr and "; 1 error (" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt"], "nothing is left behind"


def test_quiet_prints_nothing_on_success_and_verbose_shows_the_log(tmp_path):
    quiet = claims("run", str(SEED), "--out", "q/claims.jsonl", "--quiet", cwd=tmp_path)
    assert quiet.stdout == "" and quiet.stderr == ""
    loud = claims("-v", "run", str(SEED), "--out", "v/claims.jsonl", "--no-db", cwd=tmp_path)
    assert "claims: INFO: built the pipeline" in loud.stderr and "1 processed" in loud.stderr


def test_help_shows_flags_as_flags_not_as_options_taking_a_value(tmp_path):
    for command in ("run", "evaluate", "cross-validate", "score-attribution"):
        proc = claims(command, "--help", cwd=tmp_path)
        options = [line for line in proc.stdout.splitlines() if "--help" not in line]  # click's own
        assert not any("<bool>" in line for line in options), command


def test_inputs_without_documents_are_one_line_that_creates_nothing(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "pdfs").mkdir()
    (tmp_path / "pdfs" / "a.pdf").write_bytes(b"%PDF")
    proc = claims("run", "empty", "pdfs", "--out", "out/claims.jsonl", cwd=tmp_path, expect=2)
    assert proc.stderr.strip().splitlines() == [
        "claims: error: no input documents found in empty, pdfs (looked for *.txt, *.html, *.htm, *.jsonl, *.ndjson)"]
    assert not (tmp_path / "out").exists()


def test_the_summary_names_the_first_errors_and_counts_in_good_english(tmp_path):
    proc = claims("run", "nope/", "--out", "x/c.jsonl", cwd=tmp_path, expect=1)
    assert "0 documents, 0 sentences" in proc.stderr and "; 1 error (" in proc.stderr
    assert "  not_found: nope: " in proc.stderr


def test_every_file_of_a_run_shares_its_name(tmp_path):
    claims("run", str(SEED), "--out", "x/c.jsonl", cwd=tmp_path)
    assert {p.name for p in (tmp_path / "x").iterdir()} >= {"c.jsonl", "c.errors.jsonl", "c.manifest.jsonl",
                                                           "c.duckdb"}
    assert not (tmp_path / "x" / "claims.duckdb").exists()


def test_refusals_and_bad_files_are_one_line_never_a_traceback(tmp_path):
    claims("run", str(SEED), "--out", "o/claims.jsonl", "--no-db", "-q", cwd=tmp_path)
    over = claims("export", "o/claims.jsonl", "--format", "jsonl", "--out", "o", cwd=tmp_path, expect=2)
    (tmp_path / "bad.jsonl").write_text('{"x": 1\n')
    bad = claims("annotate", "import", "bad.jsonl", "--format", "prodigy", "--out", "g.jsonl", cwd=tmp_path, expect=2)
    for proc, words in ((over, "would write over the run's own file"), (bad, "line 1: malformed JSON")):
        assert "Traceback" not in proc.stderr
        assert proc.stderr.strip().splitlines() == [proc.stderr.strip()] and words in proc.stderr


def test_an_error_a_command_does_not_catch_is_still_one_line(tmp_path, monkeypatch, capsys):
    import pytest

    import pipeline.analytics.tables as tables
    from pipeline.cli import main
    from pipeline.errors import StoreError

    def broken(*args, **kwargs):
        raise StoreError("the store went away")

    monkeypatch.setattr(tables, "export_run", broken)
    monkeypatch.setattr(sys, "argv", ["claims", "export", str(tmp_path / "r.jsonl"), "--out", str(tmp_path / "t")])
    with pytest.raises(SystemExit) as stop:
        main()
    assert stop.value.code == 1
    assert capsys.readouterr().err == "claims: error: the store went away\n"


def test_an_unchanged_rerun_imports_neither_spacy_nor_pandas(tmp_path):
    """A rerun only copies lines: loading the pipeline (or the analytics stack) would be most of its time."""
    claims("run", str(SEED), "--out", "r/claims.jsonl", "--no-db", "-q", cwd=tmp_path)
    code = ("import sys; sys.argv = ['claims', 'run', sys.argv[1], '--out', 'r/claims.jsonl', '--no-db', '-q']\n"
            "from pipeline.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('spacy', 'pandas') if m in sys.modules))")
    out = run([sys.executable, "-c", code, SEED], cwd=tmp_path)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stderr
