"""The command line: version, quiet and verbose output, records to stdout."""

import json
import subprocess
import sys

from conftest import REPO
from pipeline import __version__

SEED = sorted((REPO / "seeds").glob("*.txt"))[0]


def claims(*args, cwd, stdin=None):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True,
                          input=stdin, timeout=600)


def test_version(tmp_path):
    proc = claims("--version", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.strip() == f"claims {__version__}"


def test_out_dash_writes_records_to_stdout_and_errors_to_stderr(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00broken")
    proc = claims("run", str(SEED), "bad.txt", "--out", "-", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert rows and {r["doc_id"] for r in rows} == {SEED.stem}
    text = SEED.read_text(encoding="utf-8")
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)
    errors = [json.loads(line) for line in proc.stderr.splitlines() if line.startswith("{")]
    assert [e["source"].endswith("bad.txt") for e in errors] == [True]
    assert "2 documents" in proc.stderr or "1 documents" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt"], "nothing is left behind"


def test_quiet_prints_nothing_on_success_and_verbose_shows_the_log(tmp_path):
    quiet = claims("run", str(SEED), "--out", "q/claims.jsonl", "--quiet", cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    loud = claims("-v", "run", str(SEED), "--out", "v/claims.jsonl", "--no-db", cwd=tmp_path)
    assert loud.returncode == 0
    assert "claims: INFO: built the pipeline" in loud.stderr and "1 processed" in loud.stderr
