"""The command line: version, quiet and verbose output, records to stdout."""

import json
import re
import shutil
import subprocess
import sys

import pytest

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
    proc = claims("run", "nope/", "--out", "x/c.jsonl", "--keep-going", cwd=tmp_path, expect=1)
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


# ------------------------------------------------- every mistake, one line --

@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A folder with what the mistakes below need: a run file, a malformed file, a broken config,
    a copy of models/ with a damaged thresholds file, and a file where a folder is expected."""
    from runfile import write_run

    root = tmp_path_factory.mktemp("mistakes")
    write_run(root / "run.jsonl")
    (root / "bad.jsonl").write_text('{"x": 1\n')
    (root / "bad.cfg").write_text("not a config [\n")
    (root / "afile").write_text("a file, not a folder\n")
    (root / "docs").mkdir()
    shutil.copy(SEED, root / "docs")
    damaged = root / "damaged-models"
    for part in ("classifier", "entities"):
        shutil.copytree(REPO / "models" / part, damaged / part)
    (damaged / "static").symlink_to(REPO / "models" / "static")
    (damaged / "ner").symlink_to(REPO / "models" / "ner")
    (damaged / "classifier" / "thresholds.json").write_text('{"thresholds": {"metric": 0.5,')
    return root


SEED_ARG = str(SEED)
MISTAKES = {
    # the command line itself
    "unknown command": ["runn", SEED_ARG],
    "unknown option": ["run", SEED_ARG, "--bogus"],
    "missing argument": ["run"],
    "option value of the wrong type": ["run", SEED_ARG, "--workers", "abc"],
    "option value out of range": ["run", SEED_ARG, "--workers", "0"],
    # run
    "input that does not exist": ["run", "typo.txt", "--out", "o1/c.jsonl"],
    "good input and a typo": ["run", SEED_ARG, "typo.txt", "--out", "o2/c.jsonl"],
    "unknown engine": ["run", SEED_ARG, "--engine", "spark", "--out", "o3/c.jsonl"],
    "typo in a --set key": ["run", SEED_ARG, "--set", "components.claims_entities.rulez=false", "--out", "o4/c.jsonl"],
    "training setting on run": ["run", SEED_ARG, "--set", "classifier.C=abc", "--out", "o5/c.jsonl"],
    "--set without a value": ["run", SEED_ARG, "--set", "nothing", "--out", "o6/c.jsonl"],
    "--set value of the wrong type": ["run", SEED_ARG, "--set", "components.claims_quantities.from_ner=abc",
                                      "--out", "o7/c.jsonl"],
    "config that does not exist": ["run", SEED_ARG, "--config", "missing.cfg", "--out", "o8/c.jsonl"],
    "config that is not a config": ["run", SEED_ARG, "--config", "bad.cfg", "--out", "o9/c.jsonl"],
    "damaged model file": ["run", SEED_ARG, "--set", "paths.models=damaged-models", "--out", "o10/c.jsonl"],
    "damaged model file, two workers": ["run", SEED_ARG, "--set", "paths.models=damaged-models", "--workers", "2",
                                        "--out", "o11/c.jsonl"],
    "output over its input": ["run", "docs", "--out", "docs/c.jsonl"],
    "output under a file": ["run", SEED_ARG, "--out", "afile/c.jsonl"],
    # evaluate, score-attribution
    "evaluate without gold": ["evaluate", "--pred", "run.jsonl"],
    "evaluate, gold missing": ["evaluate", "--gold", "missing.jsonl", "--pred", "run.jsonl"],
    "evaluate, gold malformed": ["evaluate", "--gold", "bad.jsonl", "--pred", "run.jsonl"],
    "evaluate, both --pred and --docs": ["evaluate", "--gold", "bad.jsonl", "--pred", "run.jsonl", "--docs", "docs"],
    "evaluate, bad --set": ["evaluate", "--gold", "bad.jsonl", "--docs", "docs", "--set", "paths.modelz=x"],
    "score-attribution, gold missing": ["score-attribution", "--gold", "missing.jsonl"],
    "score-attribution, gold malformed": ["score-attribution", "--gold", "bad.jsonl"],
    # training: each would write its models into the workspace, never over the repository's, if it ran
    "train, config missing": ["train", "--config", "missing.cfg"],
    "train, --set of the wrong type": ["train", "--set", "classifier.C=abc", "--set", "paths.models={ws}/m"],
    "train, typo in a --set key": ["train", "--set", "classifier.Cc=4", "--set", "paths.models={ws}/m"],
    "cross-validate, unknown --by": ["cross-validate", "--by", "region", "--set", "paths.models={ws}/m"],
    "cross-validate, bad --fractions": ["cross-validate", "--fractions", "0.5,abc", "--set", "paths.models={ws}/m"],
    "cross-validate, models kept of two shares": ["cross-validate", "--fractions", "0.5,1.0", "--keep-models", "{ws}/k",
                                                  "--set", "paths.models={ws}/m"],
    "distill, bad --dims": ["distill", "--dims", "abc"],
    # gold files
    "validate-gold, file missing": ["validate-gold", "missing.jsonl"],
    "validate-gold, file malformed": ["validate-gold", "bad.jsonl"],
    # analytics
    "export, run missing": ["export", "missing.jsonl", "--out", "t1"],
    "export, run malformed": ["export", "bad.jsonl", "--out", "t2"],
    "export, unknown format": ["export", "run.jsonl", "--format", "xml", "--out", "t3"],
    "export into the run file": ["export", "run.jsonl", "--format", "csv", "--out", "run.jsonl"],
    "query, no store": ["query", "SELECT 1", "--db", "missing.duckdb"],
    "query, unknown format": ["query", "SELECT 1", "--format", "xml"],
    "report, run missing": ["report", "missing.jsonl", "--out", "r.html"],
    "report, run malformed": ["report", "bad.jsonl", "--out", "r.html"],
    "report over its run": ["report", "run.jsonl", "--out", "run.jsonl"],
    "report into a folder": ["report", "run.jsonl", "--out", "docs"],
    # annotation round trips
    "annotate, unknown subcommand": ["annotate", "exprot", "run.jsonl"],
    "annotate export, source missing": ["annotate", "export", "missing.jsonl", "--format", "prodigy",
                                        "--out", "x.jsonl"],
    "annotate export, unknown format": ["annotate", "export", "run.jsonl", "--format", "xml", "--out", "x.jsonl"],
    "annotate export, unknown order": ["annotate", "export", "run.jsonl", "--format", "prodigy", "--out", "x.jsonl",
                                       "--order", "random"],
    "annotate import, file missing": ["annotate", "import", "missing.json", "--format", "prodigy", "--out", "g.jsonl"],
    "annotate import, file malformed": ["annotate", "import", "bad.jsonl", "--format", "label-studio",
                                        "--out", "g.jsonl"],
    "annotate import, unknown format": ["annotate", "import", "run.jsonl", "--format", "xml", "--out", "g.jsonl"],
}


def arguments(mistake: str, workspace) -> list[str]:
    return [a.replace("{ws}", str(workspace)) for a in MISTAKES[mistake]]


@pytest.mark.parametrize("mistake", MISTAKES)
def test_every_mistake_is_one_line_and_a_non_zero_exit_never_a_traceback(workspace, mistake):
    run_before = (workspace / "run.jsonl").read_bytes()
    proc = claims(*arguments(mistake, workspace), cwd=workspace, expect=None)
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode != 0, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    assert len(lines) == 1, proc.stderr
    if MISTAKES[mistake][0] != "validate-gold":  # its report is the problems themselves, on stdout
        assert lines[0].startswith("claims: error: "), proc.stderr
    assert (workspace / "run.jsonl").read_bytes() == run_before
    refused_run = [a for a in MISTAKES[mistake] if a.startswith("o") and a.endswith("/c.jsonl")]
    for out in refused_run:  # a run refused or failed before its first line leaves nothing behind
        assert not (workspace / out).parent.exists(), sorted(p.name for p in (workspace / out).parent.iterdir())


def test_a_setting_the_config_file_writes_out_is_checked_without_importing_spacy():
    """A rerun over an unchanged corpus with ``--set`` stays as quick as one without; a factory's own
    argument, which the file leaves at its default, is looked up in the stages themselves."""
    code = ("import sys; from pipeline.cli import _check_pipeline_overrides as check; "
            "check(None, {'components.claims_figures.enabled': False}); print('spacy' in sys.modules); "
            "check(None, {'components.claims_entities.rules': False}); print('spacy' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert proc.stdout.split() == ["False", "True"]


def test_messages_point_at_the_cause(workspace):
    """The override that is wrong, why, and what there is instead; never a config file it did not touch."""
    def error(mistake):
        return claims(*arguments(mistake, workspace), cwd=workspace, expect=None).stderr.strip()

    training = error("training setting on run")
    assert training.startswith("claims: error: --set classifier.C=abc: the pipeline has no setting classifier.C")
    assert "training setting" in training and "claims train" in training and "default.cfg" not in training
    assert "components.claims_entities.rules" in training and "paths.models" in training  # the keys run has
    typo = error("typo in a --set key")
    assert "--set components.claims_entities.rulez=false" in typo
    assert "did you mean components.claims_entities.rules?" in typo
    value = error("--set value of the wrong type")
    assert value == "claims: error: --set components.claims_quantities.from_ner=abc: 'abc' is not bool"
    assert "is not a share" in error("cross-validate, bad --fractions")
    assert "--keep-models keeps the models of one share" in error("cross-validate, models kept of two shares")
    assert "classifier.C takes a number" in error("train, --set of the wrong type")
    assert "input not found: typo.txt" in error("good input and a typo")
    assert "afile is a file, not a folder" in error("output under a file")
    assert "is a file: give a folder" in error("export into the run file")
    assert "a worker process died" not in error("damaged model file, two workers")
    assert re.search("thresholds.json|JSONDecodeError", error("damaged model file"))


def test_distill_without_its_extra_is_one_line(tmp_path, monkeypatch, capsys):
    from pipeline.cli import main

    monkeypatch.setitem(sys.modules, "model2vec.distill", None)  # as if model2vec[distill] were not installed
    with pytest.raises(SystemExit) as stop:
        main(["distill", "--out", str(tmp_path / "static")])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and err.count("\n") == 1
    assert err.startswith("claims: error: claims distill needs its extra") and '".[distill]"' in err
    assert not (tmp_path / "static").exists()


def test_a_bug_is_one_line_and_minus_vv_shows_its_traceback(tmp_path, monkeypatch, capsys):
    import pipeline.analytics.tables as tables
    from pipeline.cli import main

    def bug(*args, **kwargs):
        raise KeyError("sent_id")

    monkeypatch.setattr(tables, "export_run", bug)
    with pytest.raises(SystemExit) as stop:
        main(["export", str(tmp_path / "r.jsonl"), "--out", str(tmp_path / "t")])
    assert stop.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("claims: error: unexpected KeyError: 'sent_id' (a bug; run again with -vv")
    with pytest.raises(KeyError):
        main(["export", str(tmp_path / "r.jsonl"), "--out", str(tmp_path / "t"), "-vv"])


def test_help_reads_cleanly(tmp_path):
    top = claims("--help", cwd=tmp_path).stdout
    assert '".[distill]"' in top  # not eaten as markup
    assert "[default: 0]" not in top
    commands = ["run", "evaluate", "train", "distill", "cross-validate", "validate-gold", "export", "query",
                "score-attribution", "report", "annotate", "annotate export", "annotate import"]
    for command in commands:
        proc = claims(*command.split(), "--help", cwd=tmp_path)
        for junk in ("<bool>", "<list[", "<path>", "<int", "<str>", "{"):
            assert junk not in proc.stdout.replace('{"id", "text"}', "").replace("{doc_id,", ""), (command, junk)
        assert "-v, --verbose" in proc.stdout, command
    usage = claims("run", "--help", cwd=tmp_path).stdout.splitlines()[0]
    assert usage == "Usage: claims run [OPTIONS] INPUT..."


def test_verbose_goes_after_the_subcommand_too(tmp_path):
    proc = claims("run", str(SEED), "-v", "--out", "v/claims.jsonl", "--no-db", cwd=tmp_path)
    assert "claims: INFO: built the pipeline" in proc.stderr


def test_a_missing_input_stops_the_run_unless_keep_going(tmp_path):
    refused = claims("run", str(SEED), "typo.txt", "--out", "o/claims.jsonl", cwd=tmp_path, expect=2)
    assert refused.stderr.startswith("claims: error: input not found: typo.txt")
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "nothing is created"
    kept = claims("run", str(SEED), "typo.txt", "--out", "o/claims.jsonl", "--no-db", "--keep-going", cwd=tmp_path)
    errors = [json.loads(line) for line in (tmp_path / "o" / "claims.errors.jsonl").read_text().splitlines()]
    assert [(e["source"], e["kind"]) for e in errors] == [("typo.txt", "not_found")]
    assert {json.loads(line)["doc_id"] for line in (tmp_path / "o" / "claims.jsonl").read_text().splitlines()} == {
        SEED.stem}


def test_readme_set_examples_work_with_the_command_they_are_shown_with():
    """Each ``claims CMD ... --set key=value`` in the README names a key CMD has."""

    from pipeline.config import leaves, load_train_config, pipeline_settings

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    code = [" ".join(span.split()) for span in re.findall(r"`+([^`]+)`+", readme)]
    examples = [found for span in code for found in re.findall(r"claims ([a-z-]+) .*?--set ([a-z][\w.@-]*)=", span)]
    assert examples, "the README shows --set with a command"
    keys = {"train": {k for k, _ in leaves(load_train_config())}}
    keys["cross-validate"] = keys["train"]
    for command in ("run", "evaluate", "score-attribution"):
        keys[command] = set(pipeline_settings())
    for command, key in examples:
        assert key in keys[command], f"README: claims {command} ... --set {key}=: {command} has no setting {key}"
