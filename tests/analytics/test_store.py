"""The DuckDB store: runs loaded once, tables queryable, the `query` command's formats."""

import json

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.analytics.tables import TABLES
from pipeline.analytics.store import load_run, query, run_id_of
from pipeline.errors import StoreError
from runfile import RECORDS, write_run


@pytest.fixture
def db(tmp_path):
    run = write_run(tmp_path / "run.jsonl")
    path = tmp_path / "claims.duckdb"
    return path, run, load_run(run, path)


def test_every_table_is_there_with_run_id(db):
    path, run, run_id = db
    assert run_id == run_id_of(run) and len(run_id) == 16
    for table, columns in TABLES.items():
        cols = query(f"SELECT * FROM {table} LIMIT 0", path).columns.tolist()
        assert cols == ["run_id"] + [c.name for c in columns]
    runs = query("SELECT * FROM runs", path)
    assert runs[["documents", "sentences", "claims"]].values.tolist() == [[2, len(RECORDS), 4]]


def test_reloading_the_same_run_adds_nothing(db):
    path, run, run_id = db
    before = {t: query(f"SELECT count(*) n FROM {t}", path)["n"][0] for t in [*TABLES, "runs"]}
    assert load_run(run, path) == run_id
    after = {t: query(f"SELECT count(*) n FROM {t}", path)["n"][0] for t in [*TABLES, "runs"]}
    assert before == after


def test_a_second_run_sits_beside_the_first(db, tmp_path):
    path, run, run_id = db
    other = tmp_path / "other.jsonl"
    other.write_text("".join(json.dumps({**r, "doc_id": "c" + r["doc_id"]}) + "\n" for r in RECORDS))
    assert load_run(other, path) != run_id
    counts = query("SELECT run_id, count(*) n FROM claims GROUP BY 1", path)
    assert sorted(counts["n"]) == [4, 4]


def test_join_claims_to_quantities(db):
    path, _, _ = db
    rows = query("""SELECT c.doc_id, q.value FROM claims c JOIN quantities q
                    USING (run_id, doc_id, sent_id) WHERE q.unit = 'zettabyte' ORDER BY 1""", path)
    assert rows.values.tolist() == [["a", 41.06], ["b", 41.06]]


def test_bad_sql_and_missing_store_are_store_errors(db, tmp_path):
    path, _, _ = db
    with pytest.raises(StoreError, match="nope"):
        query("SELECT nope FROM claims", path)
    with pytest.raises(StoreError, match="no store"):
        query("SELECT 1", tmp_path / "missing.duckdb")


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_command_formats(db, fmt):
    path, _, _ = db
    result = CliRunner().invoke(app, ["query", "SELECT label, count(*) AS n FROM claims GROUP BY 1 ORDER BY 1",
                                      "--db", str(path), "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert json.loads(result.output) == [{"label": "metric", "n": 2}, {"label": "policy", "n": 1},
                                             {"label": "target", "n": 1}]
    elif fmt == "csv":
        assert result.output.splitlines() == ["label,n", "metric,2", "policy,1", "target,1"]
    else:
        assert "metric" in result.output and "label" in result.output.splitlines()[0]


def test_query_command_reports_errors(tmp_path):
    result = CliRunner().invoke(app, ["query", "SELECT 1", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "no store" in result.output


def test_run_whose_store_cannot_be_opened_keeps_its_output(tmp_path):
    (tmp_path / "a.txt").write_text("China's digital economy grew 10 percent in 2024.", encoding="utf-8")
    out = tmp_path / "out" / "claims.jsonl"
    bad_db = tmp_path / "db_is_a_folder"
    bad_db.mkdir()
    result = CliRunner().invoke(app, ["run", str(tmp_path / "a.txt"), "--out", str(out), "--db", str(bad_db), "-q"])
    assert result.exit_code == 1
    assert "loading it into" in result.output
    assert out.is_file() and json.loads(out.read_text().splitlines()[0])["doc_id"] == "a"


def test_a_finished_run_goes_into_the_store(tmp_path):
    from pipeline import cli

    run = write_run(tmp_path / "run.jsonl")
    path = tmp_path / "claims.duckdb"
    cli._load_into_store(run, path)
    assert query("SELECT run_id FROM runs", path)["run_id"].tolist() == [run_id_of(run)]


def test_a_broken_store_is_one_clear_error_and_the_output_stays(tmp_path, capsys):
    import typer

    from pipeline import cli

    run = write_run(tmp_path / "run.jsonl")
    before = run.read_bytes()
    path = tmp_path / "claims.duckdb"
    path.write_bytes(b"not a database")
    with pytest.raises(typer.Exit) as exit_:
        cli._load_into_store(run, path)
    assert exit_.value.exit_code == 1
    assert "--no-db" in capsys.readouterr().err
    assert run.read_bytes() == before


def side_effects(tmp_path):
    """SQL that would reach beyond the store: (statement, the path it would touch)."""
    other = tmp_path / "other.duckdb"
    import duckdb

    duckdb.connect(str(other)).close()
    return [
        (f"COPY claims TO '{tmp_path / 'leak.csv'}'", tmp_path / "leak.csv"),
        (f"SELECT 1; COPY claims TO '{tmp_path / 'leak2.csv'}'", tmp_path / "leak2.csv"),
        (f"EXPORT DATABASE '{tmp_path / 'dump'}'", tmp_path / "dump"),
        ("SELECT * FROM read_csv('/etc/passwd')", None),
        ("SELECT * FROM glob('/etc/*')", None),
        (f"ATTACH '{other}' AS o; CREATE TABLE o.t AS SELECT 1 AS x", None),
        ("INSTALL httpfs", None),
        ("SET enable_external_access = true", None),
    ]


def test_queries_cannot_reach_beyond_the_store(db, tmp_path):
    path, _, _ = db
    for sql, touched in side_effects(tmp_path):
        result = CliRunner().invoke(app, ["query", sql, "--db", str(path)])
        assert result.exit_code == 2, sql
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("claims: error:"), (sql, result.output)
        assert "Traceback" not in result.output
        if touched is not None:
            assert not touched.exists(), sql
    import duckdb

    assert duckdb.connect(str(tmp_path / "other.duckdb")).execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 't'").fetchall() == [(0,)]
    assert query("SELECT count(*) AS n FROM claims", path)["n"][0] > 0  # ordinary queries still work


def test_a_truncated_store_is_one_clear_error_and_the_output_stays(tmp_path):
    from conftest import REPO

    seeds = [str(REPO / "seeds" / "000_ef4fed4dfbe7fc54.txt")]
    first = CliRunner().invoke(app, ["run", *seeds, "--out", str(tmp_path / "a" / "claims.jsonl"),
                                     "--db", str(tmp_path / "claims.duckdb"), "-q"])
    assert first.exit_code == 0, first.output
    store = tmp_path / "claims.duckdb"
    store.write_bytes(store.read_bytes()[: store.stat().st_size // 3])
    out = tmp_path / "b" / "claims.jsonl"
    result = CliRunner().invoke(app, ["run", *seeds, "--out", str(out), "--db", str(store), "-q"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("claims: error:")]
    assert len(errors) == 1 and "is written, but loading it into" in errors[0]
    assert out.read_text().count("\n") > 5


def test_a_broken_run_file_is_a_store_error_not_a_traceback(tmp_path):
    run = write_run(tmp_path / "run.jsonl")
    run.write_text(run.read_text() + '{"doc_id": "x", "sent_id": \n')
    with pytest.raises(StoreError, match="cannot load"):
        load_run(run, tmp_path / "claims.duckdb")


def test_query_shows_escape_sequences_instead_of_sending_them_to_the_terminal(db):
    path, _, _ = db
    sql = "SELECT chr(27) || ']0;owned' || chr(7) || chr(27) || '[2J' || 'text' AS t"
    result = CliRunner().invoke(app, ["query", sql, "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\u001b]0;owned\\u0007\\u001b[2Jtext" in result.output


def test_loading_waits_for_another_process_that_holds_the_store(db, tmp_path):
    import subprocess
    import sys

    path, _, _ = db
    holder = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys, time\n"
        f"con = duckdb.connect({str(path)!r})\n"
        "print('holding', flush=True)\n"
        "time.sleep(1.5)\n")], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding"
    second = write_run(tmp_path / "second.jsonl")
    second.write_text(second.read_text().replace('"doc_id": "d1"', '"doc_id": "d9"'))
    run_id = load_run(second, path)  # retried until the holder let go
    holder.wait(timeout=30)
    assert run_id in set(query("SELECT run_id FROM runs", path)["run_id"])


def test_a_rerun_into_the_same_output_replaces_what_the_obvious_query_counts(tmp_path):
    path, run = tmp_path / "c.duckdb", tmp_path / "c.jsonl"
    write_run(run)
    first = load_run(run, path)
    first_groups = set(query("SELECT claim_group FROM claim_groups", path)["claim_group"])
    extra = {**RECORDS[0], "doc_id": "zz-new", "sent_id": 0}
    run.write_text(run.read_text() + json.dumps(extra) + "\n")  # the daily rerun: one new article
    second = load_run(run, path)
    assert second != first
    latest = query("SELECT count(*) n FROM claims", path)["n"][0]
    history = query("SELECT run_id, count(*) n FROM all_claims GROUP BY 1 ORDER BY n", path)
    assert history["n"].tolist() == [4, latest] and latest > 4
    groups = set(query("SELECT claim_group FROM claim_groups", path)["claim_group"])
    assert first_groups <= groups  # the same claims keep their group ids
    assert query("SELECT run_id FROM latest_runs", path)["run_id"].tolist() == [second]


def test_a_store_from_before_the_views_is_migrated(tmp_path):
    import duckdb

    path, run = tmp_path / "old.duckdb", write_run(tmp_path / "c.jsonl")
    load_run(run, path)
    con = duckdb.connect(str(path))
    for table in TABLES:  # back to the old layout: plain tables, no views
        con.execute(f"DROP VIEW {table}")
        con.execute(f"ALTER TABLE all_{table} RENAME TO {table}")
    con.execute("DROP VIEW latest_runs")
    con.close()
    load_run(run, path)
    assert query("SELECT count(*) n FROM all_claims", path)["n"][0] == 4
    assert query("SELECT count(*) n FROM claims", path)["n"][0] == 4


def test_series_and_targets_across_articles_are_queryable(tmp_path):
    from runfile import write_figure_run

    path = tmp_path / "figures.duckdb"
    load_run(write_figure_run(tmp_path / "figures.jsonl"), path)
    rows = query("SELECT measure_key, subject_key, label, period, disagree, doc_ids FROM series "
                 "WHERE points > 1 ORDER BY period", path)
    assert rows.values.tolist() == [["digital economy", "China", "metric", 2022, False, "x"],
                                    ["digital economy", "China", "metric", 2023, True, "x,y"],
                                    ["digital economy", "China", "target", 2025, False, "x"]]
    progress = query("SELECT p.latest_year, f.text FROM target_progress p JOIN figures f "
                     "USING (run_id, doc_id, sent_id, start)", path)
    assert progress.values.tolist() == [[2023, "60 trillion yuan"]]
