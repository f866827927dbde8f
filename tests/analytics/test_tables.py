"""Tables from a run file: one row per claim label, typed, the same in every format."""

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline import load_claims
from pipeline.cli import app
from pipeline.analytics.tables import FORMATS, TABLES, export_run, read_run, run_tables
from pipeline.errors import RunFileError
from pipeline.analytics.grouping import ClaimText, Figure, content_words, format_value, group_claims
from runfile import RECORDS, write_run


@pytest.fixture
def run_file(tmp_path):
    return write_run(tmp_path / "run.jsonl")


def test_one_claim_row_per_label_with_enrichment(run_file):
    claims = load_claims(run_file)
    assert list(claims.columns) == [c.name for c in TABLES["claims"]]
    assert len(claims) == sum(len(r["labels"]) for r in RECORDS) == 4
    target = claims[claims["label"] == "target"].iloc[0]
    assert (target["doc_id"], target["sent_id"], target["speaker"], target["deadline"]) == ("a", 1, "NDA", 2027)
    assert target["score"] == pytest.approx(0.9)


def test_dtypes_are_declared_ones(run_file):
    claims = load_claims(run_file)
    assert isinstance(claims["label"].dtype, pd.CategoricalDtype)
    assert list(claims["label"].cat.categories) == ["metric", "target", "policy"]
    assert str(claims["deadline"].dtype) == "Int64"
    assert str(claims["score"].dtype) == "Float64"
    assert str(claims["doc_id"].dtype) == "string"
    assert claims["deadline"].isna().sum() == 2  # the target sentence is also policy


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_round_trips_through_load_claims(run_file, tmp_path, fmt):
    paths = export_run(run_file, tmp_path / fmt, fmt)
    assert set(paths) == set(TABLES)
    expected = run_tables(read_run(run_file))["claims"]
    pd.testing.assert_frame_equal(load_claims(paths["claims"]), expected)
    pd.testing.assert_frame_equal(load_claims(tmp_path / fmt), expected)


def test_entities_and_quantities_are_keyed_to_their_sentence(run_file):
    tables = run_tables(read_run(run_file))
    ents = tables["entities"]
    assert ents[ents["text"] == "Xinhua"][["doc_id", "sent_id", "boilerplate"]].values.tolist() == [["a", 2, True]]
    quants = tables["quantities"]
    zb = quants[quants["unit"] == "zettabyte"]
    assert zb[["doc_id", "sent_id"]].values.tolist() == [["a", 0], ["b", 0]]
    sentences = tables["sentences"].set_index(["doc_id", "sent_id"])
    assert sentences.loc[("a", 1), "labels"] == "policy,target"
    assert sentences.loc[("a", 0), "speaker_start"] == 0


def test_repeated_figure_is_one_group_that_disagrees(run_file):
    tables = run_tables(read_run(run_file))
    groups = tables["claim_groups"].set_index("claim_group")
    claims = tables["claims"]
    shared = claims[claims["text"].str.contains("41.06")]["claim_group"].unique()
    assert len(shared) == 1
    row = groups.loc[shared[0]]
    assert (row["documents"], row["disagree"], row["disagree_units"]) == (2, True, "%")
    assert claims["claim_group"].nunique() == 2  # distinct claims


def test_export_command_writes_tables(run_file, tmp_path):
    result = CliRunner().invoke(app, ["export", str(run_file), "--format", "csv", "--out", str(tmp_path / "t")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == sorted(f"{t}.csv" for t in TABLES)


def test_a_bad_run_file_is_one_clear_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "a"}\n')
    with pytest.raises(RunFileError, match="bad.jsonl:1"):
        list(read_run(bad))
    result = CliRunner().invoke(app, ["export", str(bad), "--out", str(tmp_path / "t")])
    assert result.exit_code == 2 and "not a sentence record" in result.output


@pytest.mark.parametrize("value, text", [(4.9e13, "49 trillion"), (16000, "16,000"), (41.06, "41.06"),
                                         (4550000, "4.55 million"), (0.5, "0.5")])
def test_format_value(value, text):
    assert format_value(value) == text


@pytest.mark.parametrize("a, b, same", [
    # a shared figure and some shared words: one claim
    ("Data output reached 41.06 zettabytes in 2024.", "The country's data output hit 41.06 zettabytes.", True),
    # a shared figure but nothing else in common: two claims
    ("Exports rose 25 percent.", "Data output reached 41.06 zettabytes, a 25 percent increase.", False),
    # a rewrite with a changed figure: one claim
    ("The digital economy accounted for 10 percent of GDP in China.",
     "The digital economy accounted for 11 percent of GDP in China.", True),
])
def test_grouping_rules(a, b, same):
    def claim(doc, text):
        import re
        figs = tuple(Figure.of(float(m), "%") for m in re.findall(r"(\d+) percent", text))
        figs += tuple(Figure.of(float(m), "zettabyte") for m in re.findall(r"([\d.]+) zettabytes", text))
        return ClaimText(doc, 0, text, figs)

    groups = group_claims([claim("x", a), claim("y", b)])
    assert (len(groups) == 1) is same


def test_content_words_ignore_numbers_and_stopwords():
    assert content_words("The data output reached 41.06 zettabytes") == {"data", "output", "reached", "zettabyte"}


def test_csv_cells_that_a_spreadsheet_would_run_are_guarded(tmp_path):
    import pandas as pd

    from pipeline.analytics.tables import write_table

    frame = pd.DataFrame({"text": ['=HYPERLINK("http://x","y")', "+1", "-2 cmd", "@SUM(A1)", "plain", None],
                          "value": [1.0, -2.0, 3.0, 4.0, 5.0, 6.0]})
    write_table(frame, tmp_path / "t.csv", "csv")
    back = pd.read_csv(tmp_path / "t.csv")
    assert list(back["text"][:5]) == ["'=HYPERLINK(\"http://x\",\"y\")", "'+1", "'-2 cmd", "'@SUM(A1)", "plain"]
    assert list(back["value"]) == [1.0, -2.0, 3.0, 4.0, 5.0, 6.0]  # numbers stay numbers


def test_export_never_writes_over_the_run_it_reads(tmp_path):
    from pipeline.analytics.tables import export_run
    from pipeline.errors import OutputOverInput

    run = tmp_path / "claims.jsonl"
    write_run(run)
    before = run.read_bytes()
    with pytest.raises(OutputOverInput, match="would write over the run's own file"):
        export_run(run, tmp_path, "jsonl")
    assert run.read_bytes() == before
    assert set(export_run(run, tmp_path / "tables", "jsonl")) >= {"claims", "sentences"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_figure_tables_keep_their_types_in_every_format(tmp_path, fmt):
    from pipeline.analytics.tables import _read_table_file, typed_frame
    from runfile import write_figure_run

    run = write_figure_run(tmp_path / "figures.jsonl")
    paths = export_run(run, tmp_path / fmt, fmt)
    expected = run_tables(read_run(run))
    for table in ("figures", "series", "target_progress"):
        back = typed_frame(table, _read_table_file(paths[table]).to_dict("records"))
        pd.testing.assert_frame_equal(back, expected[table])
    assert len(expected["series"]) == 4 and len(expected["figures"]) == 5

