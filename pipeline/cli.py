"""The `claims` command: thin wrappers, one per subcommand, around plain functions.

Whatever a user gets wrong (a typo in a path or an option, a bad ``--set``, a
damaged model file, a missing extra) ends in one ``claims: error:`` line and a
non-zero exit, never a traceback: ``main`` turns usage errors, ``ClaimsError``
and ``OSError`` into that line, and anything else is a bug, shown as one line
too unless ``-vv`` asks for its traceback.
"""

from __future__ import annotations

import copy
import json
import logging
import shutil
import sys
from pathlib import Path
from typing import List, Optional

import typer
from typer.core import TyperArgument, TyperGroup, TyperOption

try:  # typer carries its own copy of click from 0.2x on; its errors are that copy's
    from typer._click.core import Context
    from typer._click.exceptions import ClickException, UsageError
    from typer._click.formatting import HelpFormatter
except ImportError:  # an earlier typer runs on the click package
    from click import ClickException, Context, HelpFormatter, UsageError

from pipeline.errors import (BrowserError, ClaimsError, ConfigError, DataError, EmbeddingError, Locked, MissingInput,
                             NoInputs, OutputOverInput, RunFileError, StoreError)

log = logging.getLogger("claims")
VERBOSE_HELP = "Show what the command does (-v), and more (-vv, with the traceback of a bug), on stderr."
_verbosity = 0


def _set_verbosity(level: int) -> None:
    global _verbosity
    _verbosity = level
    level = logging.WARNING if not _verbosity else logging.INFO if _verbosity == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="claims: %(levelname)s: %(message)s", stream=sys.stderr, force=True)
    log.setLevel(level)


def _more_verbose(ctx: Context, param, count: int) -> None:
    """``-v`` after the subcommand (``claims run seeds/ -v``) counts with any before it."""
    if count and not ctx.resilient_parsing:
        _set_verbosity(_verbosity + count)


class _Argument(TyperArgument):
    """Shown by its name (``INPUT...``), not as ``{inputs}... <list[str]>``."""

    def _name(self, usage: bool = False) -> str:
        name = self.metavar or (self.name or "").upper()
        name = name if self.nargs == 1 or name.endswith("...") else name + "..."
        return f"[{name}]" if usage and not self.required else name

    def display_type_rich(self, ctx: Context) -> None:
        return None

    def _rich_display_name(self) -> str:
        return self._name()

    def _usage_display_name(self) -> str:
        return self._name(usage=True)

    def get_usage_pieces(self, ctx: Context) -> list[str]:
        return [self._name(usage=True)]


# typer's (and click's) names of value types, as help shows them: --workers N, not --workers <int range>
TYPE_NAMES = {"int": "N", "int range": "N", "integer": "N", "integer range": "N", "float": "NUMBER",
              "float range": "NUMBER", "str": "TEXT", "text": "TEXT", "path": "PATH", "list[str]": "TEXT",
              "list[path]": "PATH"}


class _Option(TyperOption):
    """An option's value shown as a word (``--out FILE``, ``--workers N``), not as ``<path>``."""

    def display_type_rich(self, ctx: Context) -> str | None:
        if self.metavar is not None:
            return self.metavar or None
        click_type = getattr(getattr(self, "type", None), "name", None)  # typer before its own click
        name = click_type or self.display_type(ctx).strip("<>")
        return TYPE_NAMES.get(name.lower(), name.upper())


def _tidy(command) -> None:
    """Help that reads cleanly: each parameter by a word, not by typer's ``<list[str]>``."""
    for param in command.params:
        if type(param) is TyperArgument:
            param.__class__ = _Argument
        elif type(param) is TyperOption:
            param.__class__ = _Option


def _verbose_everywhere(command, verbose) -> None:
    """Give ``command`` and everything under it a copy of the top-level ``-v`` that adds to it."""
    if not any(p.name == "verbose" for p in command.params):
        extra = copy.copy(verbose)
        extra.callback, extra.expose_value = _more_verbose, False
        command.params.append(extra)
    for sub in getattr(command, "commands", {}).values():
        _verbose_everywhere(sub, verbose)


class ClaimsGroup(TyperGroup):
    """A command group with plain help (Rich markup ate ``[distill]``) and ``-v`` after any subcommand."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _tidy(self)
        for command in self.commands.values():
            _tidy(command)
        verbose = next((p for p in self.params if p.name == "verbose"), None)
        if verbose is not None:  # the top level: every subcommand gets -v too
            for command in self.commands.values():
                _verbose_everywhere(command, verbose)

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        """Each command with its whole first sentence, wrapped, not cut at 45 characters."""
        rows = [(name, command.get_short_help_str(limit=300)) for name in self.list_commands(ctx)
                if (command := self.get_command(ctx, name)) is not None and not command.hidden]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _typer(**settings) -> typer.Typer:
    """A Typer app as every part of the command has it: plain help text, no pretty tracebacks."""
    return typer.Typer(cls=ClaimsGroup, rich_markup_mode=None, pretty_exceptions_enable=False,
                       add_completion=False, no_args_is_help=True, **settings)


app = _typer(help="Extract metric, target and policy claims, PERSON/ORG entities and quantities "
                  "from news articles (spec: ANNOTATION.md).")


def Flag(*names: str, **settings):  # noqa: N802 (reads as typer.Option)
    """A plain on/off flag: help shows ``--strict``, not ``--strict <bool>``, so nobody types ``--strict true``."""
    return typer.Option(False, *names, metavar="", **settings)


def _print_version(value: bool) -> None:
    if value:
        from pipeline import __version__

        typer.echo(f"claims {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    verbose: int = typer.Option(0, "--verbose", "-v", count=True, metavar="", show_default=False,
                                help=VERBOSE_HELP),
    version: bool = Flag("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Global options; -v also works after the subcommand (claims run seeds/ -v)."""
    _set_verbosity(verbose)


ConfigOpt = typer.Option(None, "--config", "-c", metavar="FILE", help="Pipeline config (default: configs/default.cfg).")
SetOpt = typer.Option(None, "--set", metavar="KEY=VALUE",
                      help="Override a pipeline setting, e.g. --set components.claims_entities.rules=false "
                           "(repeatable); a key the pipeline does not have is refused with the list of those it has.")
TrainSetOpt = typer.Option(None, "--set", metavar="KEY=VALUE",
                           help="Override a training setting of configs/train.cfg, e.g. --set classifier.C=4 "
                                "(repeatable).")


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"claims: error: {message}", err=True)
    raise typer.Exit(code)


def _load_nlp(config: Optional[Path], overrides: Optional[List[str]]):
    from pipeline.config import load

    try:
        return load(config, _overrides(overrides))
    except ConfigError as err:
        _fail(str(err))


@app.command()
def run(
    inputs: List[str] = typer.Argument(..., metavar="INPUT...",
                                       help="Files, folders (*.txt, *.html, *.jsonl inside), globs, "
                                            "or '-' for JSONL records {\"id\", \"text\"} on stdin."),
    out: Path = typer.Option(Path("outputs/claims.jsonl"), "--out", "-o", metavar="FILE",
                             help="Output JSONL, one sentence per line; '-' writes the records to stdout "
                                  "(errors and the summary to stderr; nothing kept, no store)."),
    config: Optional[Path] = ConfigOpt,
    set_: Optional[List[str]] = SetOpt,
    strict: bool = Flag("--strict", help="Exit non-zero when any document failed."),
    keep_going: bool = Flag("--keep-going", help="Run even if an input does not exist (it becomes an error "
                                                 "record); without it such an input is refused before anything runs."),
    quiet: bool = Flag("--quiet", "-q", help="Print nothing but errors."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, metavar="N",
                                help="Worker processes (Ray actors with --engine ray)."),
    engine: str = typer.Option("local", "--engine", metavar="local|ray",
                               help="'local' (this machine) or 'ray' (Ray Data)."),
    address: Optional[str] = typer.Option(None, "--address", metavar="HOST:PORT",
                                          help="Ray cluster address; none starts a local Ray."),
    force: bool = Flag("--force", help="Redo every document; reuse nothing from earlier runs."),
    max_chars: int = typer.Option(1_000_000, "--max-chars", min=1, metavar="N",
                                  help="Longer documents become error records."),
    batch_size: int = typer.Option(64, "--batch-size", min=1, metavar="N",
                                   help="Documents per batch, and per checkpoint."),
    db: Optional[Path] = typer.Option(None, "--db", metavar="FILE", help="DuckDB store the run is loaded into "
                                      "(default: the output's name with .duckdb: outputs/claims.duckdb)."),
    no_db: bool = Flag("--no-db", help="Do not load the run into the DuckDB store."),
) -> None:
    """Run the pipeline over articles and write spec §6 records (errors go to NAME.errors.jsonl).

    Resumable (rerun the same command after a crash), incremental (unchanged
    documents are reused, see NAME.manifest.jsonl) and streaming. An input
    that does not exist stops the run before it starts (exit 2), unless
    --keep-going.
    """
    import tempfile
    from concurrent.futures.process import BrokenProcessPool
    from contextlib import nullcontext

    from pipeline.batch.io import count_documents, store_path_for
    from pipeline.batch.processing import PipelineSpec
    from pipeline.batch.progress import ProgressBar
    from pipeline.batch.runner import RunOptions, errors_path_for, run as run_batch

    if engine not in ("local", "ray"):
        _fail(f"unknown engine {engine!r}: use 'local' or 'ray'")
    if str(out) != "-":
        _refuse_file_as_folder(out)
    overrides = _overrides(set_)
    if overrides:  # a typo in a key is refused now, before anything is read or written
        _check_pipeline_overrides(config, overrides)
    spec = PipelineSpec(str(config) if config else None, tuple(overrides.items()))
    options = RunOptions(workers=workers, engine=engine, address=address, force=force, max_chars=max_chars,
                         batch_size=batch_size, keep_going=keep_going)
    shown = not quiet and sys.stderr.isatty()  # counting reads every input once more: only for a bar
    bar = ProgressBar(count_documents(inputs) if shown else None, enabled=shown)
    to_stdout = str(out) == "-"
    with tempfile.TemporaryDirectory(prefix="claims-stdout-") if to_stdout else nullcontext() as tmp:
        target = Path(tmp) / "claims.jsonl" if to_stdout else out
        try:
            summary = run_batch(spec, inputs, target, options=options, progress=bar)
        except (ConfigError, Locked, MissingInput, NoInputs, OutputOverInput) as err:
            _fail(str(err))
        except BrokenProcessPool as err:
            _fail(f"a worker process died ({err}); run the same command again to resume", code=1)
        except OSError as err:  # a folder that cannot be written, a full disk
            where = f" ({err.filename})" if err.filename else ""
            _fail(f"{err.strerror or err}{where}; fix that and run the same command again to resume", code=1)
        finally:
            bar.close()
        if to_stdout:  # records to stdout; error records to stderr, beside the summary
            _copy_to(target, sys.stdout)
            _copy_to(errors_path_for(target), sys.stderr)
    log.info("%s processed, %s reused unchanged, %s resumed", summary.processed, summary.reused, summary.resumed)
    if not quiet:
        typer.echo(summary.line(), err=True)
        if not to_stdout:
            typer.echo(f"wrote {out} (errors: {errors_path_for(out)})", err=True)
    if summary.documents == 0 or (strict and summary.errors):
        raise typer.Exit(1)
    if not no_db and not to_stdout:  # beside the output by default: a run writes nothing outside its folder
        _load_into_store(out, db or store_path_for(out), quiet)


def _refuse_file_as_folder(out: Path) -> None:
    """``--out notes.txt/claims.jsonl``, where ``notes.txt`` is a file: say so, not "File exists"."""
    for folder in out.parents:
        if folder.exists():
            if not folder.is_dir():
                _fail(f"--out {out}: {folder} is a file, not a folder")
            return


def _check_pipeline_overrides(config: Optional[Path], overrides: dict) -> None:
    """Refuse a ``--set`` key the pipeline does not have, naming it and listing the keys it has;
    a training setting (``classifier.C``) is pointed to the commands that take it."""
    from pipeline.config import check_pipeline_overrides, leaves, load_train_config

    try:
        training = {key for key, _ in leaves(load_train_config())}
    except ConfigError:  # an installed package has no training config
        training = set()
    hints = {key: "it is a training setting, of configs/train.cfg: give it to `claims train` or `claims cross-validate`"
             for key in overrides if key in training}
    try:
        check_pipeline_overrides(config, overrides, hints)
    except ConfigError as err:
        _fail(str(err))


def _copy_to(path: Path, stream) -> None:
    if path.is_file():
        stream.flush()
        with path.open("rb") as f:
            shutil.copyfileobj(f, stream.buffer)
        stream.buffer.flush()


def _overrides(pairs: Optional[List[str]]) -> dict:
    from pipeline.config import parse_overrides

    try:
        return parse_overrides(pairs)
    except ConfigError as err:
        _fail(str(err))


def _load_into_store(out: Path, db: Path, quiet: bool = False) -> None:
    """Load a finished run into the analytics store; the output is already safe on disk."""
    from pipeline.analytics.store import load_run

    try:
        run_id = load_run(out, db)
    except StoreError as err:
        _fail(f"{out} is written, but loading it into {db} failed: {err} "
              f"(retry with the same command, or --no-db)", code=1)
    if not quiet:
        typer.echo(f"loaded run {run_id} into {db}", err=True)


def _evaluate_docs(gold: Path, docs: Path, config, overrides, lenient: bool, mismatches: list) -> dict:
    """Run the pipeline on ``docs`` into a folder that is gone afterwards, and score it."""
    import tempfile

    from pipeline.evaluation.scoring import evaluate_files
    from pipeline.batch.runner import run as run_batch

    nlp = _load_nlp(config, overrides)
    with tempfile.TemporaryDirectory(prefix="claims-eval-") as tmp:
        pred = Path(tmp) / "pred.jsonl"
        run_batch(nlp, [str(docs)], pred)
        return evaluate_files(gold, pred, lenient=lenient, mismatches=mismatches)


@app.command()
def evaluate(
    gold: Path = typer.Option(..., "--gold", help="Gold JSONL (spec §5)."),
    pred: Optional[Path] = typer.Option(None, "--pred", help="Predictions JSONL (spec §6)."),
    docs: Optional[Path] = typer.Option(None, "--docs", help="Run the pipeline on the gold texts instead."),
    as_json: bool = Flag("--json", help="Print all figures as one JSON object."),
    errors: bool = Flag("--errors", help="List false positives and negatives."),
    lenient: bool = Flag("--lenient", help="Score despite text mismatches."),
    config: Optional[Path] = ConfigOpt,
    set_: Optional[List[str]] = SetOpt,
) -> None:
    """Score predictions against gold (spec §7), as ../shared/tools/score.py does."""
    from pipeline.evaluation.scoring import coverage_note, evaluate_files, render_mismatches, render_table

    if (pred is None) == (docs is None):
        _fail("give exactly one of --pred FILE or --docs DIR")
    mismatches: list = []
    try:
        if docs is None:
            res = evaluate_files(gold, pred, lenient=lenient, mismatches=mismatches)
        else:
            res = _evaluate_docs(gold, docs, config, set_, lenient, mismatches)
    except DataError as err:
        _fail(str(err))
    note = coverage_note(res)
    if note:
        typer.echo(f"claims: note: {note}", err=True)
    if as_json:
        typer.echo(json.dumps(res, sort_keys=True))
    else:
        typer.echo(render_table(res))
    if errors:
        typer.echo("\n" + render_mismatches(mismatches))


@app.command()
def train(
    config: Path = typer.Option(None, "--config", "-c", metavar="FILE",
                                help="Training config (default: configs/train.cfg)."),
    set_: Optional[List[str]] = TrainSetOpt,
) -> None:
    """Rebuild models/ (NER, entity gazetteer and verifier, claim classifier) from the annotated training data.

    With --set fine_tune.enabled=true (needs ".[train-encoder]") it also fine-tunes the accurate
    configuration's encoder into models/fine_tuned/."""
    from pipeline.learning.train import train as train_models

    cfg, paths, make_nlp = _training_setup(config, set_)
    train_models(lambda **kw: make_nlp(str(paths["models"]), classifier=False, **kw),
                 paths["gold"], paths["models"], _settings(cfg),
                 seed=int(cfg["training"]["seed"]), folds=int(cfg["training"]["folds"]),
                 log=lambda m: typer.echo(m, err=True), reference=_reference_names(paths),
                 encoder=_encoder(paths))


@app.command()
def distill(
    out: Path = typer.Option(Path("models/static"), "--out", "-o", metavar="DIR",
                             help="Folder for the static encoder."),
    dims: int = typer.Option(256, "--dims", min=8, metavar="N", help="Vector size (PCA)."),
) -> None:
    """Make the static sentence encoder from all-MiniLM-L6-v2 (training-time step; needs ".[distill]")."""
    from pipeline.learning.distill import distill_static

    try:
        card = distill_static(out, dims)
    except EmbeddingError as err:
        _fail(str(err))
    except ImportError as err:  # model2vec's distiller, or torch under it
        missing = f" ({err.name} is missing)" if err.name else ""
        _fail(f"claims distill needs its extra{missing}: pip install -e \".[distill]\" (or \"claims[distill]\")")
    typer.echo(f"wrote {out} ({card['dims']} dimensions, from {card['source']['name']})", err=True)


def _encoder(paths: dict):
    """The sentence encoder the training config names, or None when it names none."""
    from pipeline.stages.formats.embeddings import SentenceEncoder

    if not paths.get("embeddings"):
        return None
    try:
        return SentenceEncoder(paths["embeddings"])
    except EmbeddingError as err:
        _fail(str(err))


def _settings(cfg) -> dict:
    """The classifier's settings, which entity labels the learned verifier checks, and how the NER is fitted."""
    return {**cfg["classifier"], "verify": list(cfg.get("entities", {}).get("verify", ["PERSON", "ORG"])),
            "ner": dict(cfg.get("ner", {})), "fine_tune": dict(cfg.get("fine_tune", {}))}


def _reference_names(paths: dict) -> list:
    from pipeline.learning.train import read_names

    path = paths.get("organisations")
    if path is not None and not path.is_file():
        _fail(f"reference organisations not found: {path}")
    return read_names(path)


def _training_setup(config: Optional[Path], overrides: Optional[List[str]]):
    """The training config, its resolved paths, and a pipeline factory around a models folder."""
    from pipeline.config import REPO_ROOT, build_pipeline, load_config, load_train_config
    from pipeline.extras import require
    from pipeline.learning.fine_tune import MODULES as FINE_TUNE_MODULES
    from pipeline.learning.train import FINE_TUNED

    require("train", "sklearn")  # before any work: a run-only install has no scikit-learn

    try:
        cfg = load_train_config(config, _overrides(overrides))
    except (ConfigError, OSError) as err:
        _fail(str(err))
    if cfg.get("fine_tune", {}).get("enabled"):  # before the NER and the classifier take minutes
        require("train-encoder", *FINE_TUNE_MODULES)

    def resolve(v: str) -> Path:
        return REPO_ROOT / v if not Path(v).is_absolute() else Path(v)

    paths = {k: ([resolve(x) for x in v] if isinstance(v, (list, tuple)) else resolve(v))
             for k, v in cfg["paths"].items() if v}  # an empty path (embeddings = "") switches a part off
    paths["gold"] = paths["gold"] if isinstance(paths["gold"], list) else [paths["gold"]]
    for file in paths["gold"]:
        if not file.is_file():
            _fail(f"training gold not found: {file}")

    def make_nlp(models_dir: str, classifier: bool = True, pinned_ner: bool = False):
        # Features come from the pipeline without a classifier, so training needs no model;
        # the NER is fitted from the package's own (``pinned_ner``).
        over = {"paths.models": models_dir}
        if not classifier:
            over["components.claims_classifier.model"] = None
        if pinned_ner:
            over["components.ner.model"] = None
        if paths.get("embeddings"):  # the encoder stays where it is; models_dir may be a fold's
            over["components.claims_classifier.embeddings"] = str(paths["embeddings"])
        if classifier and cfg.get("fine_tune", {}).get("enabled"):  # the accurate configuration, fold by fold
            over["components.claims_classifier.fine_tuned"] = str(Path(models_dir) / FINE_TUNED)
        return build_pipeline(load_config(paths["pipeline_config"], over))

    return cfg, paths, make_nlp


@app.command("cross-validate")
def cross_validate(
    config: Path = typer.Option(None, "--config", "-c", metavar="FILE",
                                help="Training config (default: configs/train.cfg)."),
    set_: Optional[List[str]] = TrainSetOpt,
    by: str = typer.Option("document", "--by", metavar="document|file",
                           help="'document': k folds of articles; 'file': hold out each gold file "
                                "(a region's slice) in turn, train on the others."),
    fractions: str = typer.Option("1.0", metavar="SHARES",
                                  help="Shares of the training articles, e.g. 0.25,0.5,0.75,1.0 for the "
                                       "learning curve."),
    out: Path = typer.Option(Path("outputs/cv"), "--out", metavar="DIR",
                             help="Folder for the out-of-fold predictions."),
    keep_models: Optional[Path] = typer.Option(
        None, "--keep-models", metavar="DIR",
        help="Keep each fold's models in DIR/<held-out gold file> (--by file) or DIR/fold-K, to run "
             "them again without a refit: claims run ARTICLES --set paths.models=DIR/<name>."),
    as_json: bool = Flag("--json", help="Print the figures as JSON."),
) -> None:
    """Cross-validation over the training articles, scored as `claims evaluate` does."""
    from pipeline.evaluation.scoring import evaluate_files, render_table
    from pipeline.learning.train import cross_validate as run_cv, leave_one_file_out

    if by not in ("document", "file"):
        _fail(f"unknown --by {by!r}: use 'document' or 'file'")
    shares = _shares(fractions)
    if keep_models is not None and len(shares) > 1:
        _fail("--keep-models keeps the models of one share: give one value to --fractions")
    cfg, paths, make_nlp = _training_setup(config, set_)
    out.mkdir(parents=True, exist_ok=True)
    reference, results = _reference_names(paths), {}
    args = dict(seed=int(cfg["training"]["seed"]), folds=int(cfg["training"]["folds"]),
                log=lambda m: typer.echo(m, err=True), reference=reference, encoder=_encoder(paths),
                keep=keep_models)
    for share in shares:
        if by == "document":
            pred = run_cv(paths["gold"], make_nlp, _settings(cfg), out=out / f"cv-{share:.2f}.jsonl",
                          fraction=share, **args)
            runs = {f"{args['folds']}-fold cross-validation, {share:.0%} of the training articles":
                    (paths["gold"], pred)}
        else:
            held = leave_one_file_out(paths["gold"], make_nlp, _settings(cfg), out=out, fraction=share,
                                      **args)
            runs = {f"held out {gold.stem}, trained on the other files ({share:.0%})": (gold, pred)
                    for gold, pred in held.items()}
        for name, (gold, pred) in runs.items():
            results[name] = evaluate_files(gold, pred)
            if not as_json:
                typer.echo(f"\n== {name} ==")
                typer.echo(render_table(results[name]))
    if keep_models is not None:
        _with_encoder(keep_models, paths.get("embeddings"))
    if as_json:
        typer.echo(json.dumps(results, sort_keys=True))
    else:
        typer.echo("\nClaim labels micro F1: " + "; ".join(
            f"{k}: {v['labels.micro.f1']:.3f}" for k, v in results.items()))


def _with_encoder(keep: Path, encoder: Optional[Path]) -> None:
    """Each kept fold's folder gets the sentence encoder its classifier read, where the run config
    looks for it (``${paths.models}/static``): ``--set paths.models=`` then runs it as the fold ran."""
    import shutil

    if encoder is None:
        return
    for folder in sorted(p for p in keep.iterdir() if p.is_dir()):
        shutil.copytree(encoder, folder / "static", dirs_exist_ok=True)


def _shares(fractions: str) -> list[float]:
    """``0.25,0.5,1.0`` as numbers in (0, 1], or a usage error that quotes the bad one."""
    shares = []
    for part in fractions.split(","):
        try:
            share = float(part)
        except ValueError:
            share = -1.0
        if not 0 < share <= 1:
            _fail(f"--fractions {fractions}: {part.strip()!r} is not a share between 0 and 1 (e.g. 0.25,0.5,1.0)")
        shares.append(share)
    return shares


@app.command("validate-gold")
def validate_gold(files: List[Path] = typer.Argument(..., help="Gold JSONL files (spec §5), and attribution "
                                                               "side files with the gold they annotate.")) -> None:
    """Check gold files: offsets, sentence tiling and overlaps, labels, quantities in body sentences."""
    from pipeline.evaluation.validation import problem_lines, summary_line, validate_files

    reports = validate_files(files)
    for report in reports:
        for line in problem_lines(report):
            typer.echo(line)
        typer.echo(summary_line(report), err=True)
    if any(r.problems for r in reports):
        raise typer.Exit(1)


annotate_app = _typer(help="Round trip to Label Studio and Prodigy: export "
                           "sentences as tasks, import finished ones as gold.")
app.add_typer(annotate_app, name="annotate")


@annotate_app.command("export")
def annotate_export(
    source: Path = typer.Argument(..., help="A `claims run` output (its manifest beside it) or a gold file."),
    fmt: str = typer.Option(..., "--format", "-f", help="label-studio or prodigy."),
    out: Path = typer.Option(..., "--out", "-o", help="Tasks file: JSON list (Label Studio) or JSONL (Prodigy)."),
    order: str = typer.Option("document", "--order", help="'document', or 'uncertain': the sentences whose "
                                                          "scores lie nearest their thresholds first (runs only)."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Only the first N tasks (after ordering); "
                                        "import them with --into SOURCE."),
) -> None:
    """Write one task per sentence, with the run's or the gold's annotations as pre-annotations."""
    from pipeline.evaluation.annotate import export_tasks, order_tasks, tasks_from_gold, tasks_from_run

    try:
        if _is_run_file(source):
            tasks = tasks_from_run(source, _thresholds())
            version = f"claims-run:{source.name}"
        else:
            tasks, version = tasks_from_gold(source), f"gold:{source.name}"
        tasks = order_tasks(tasks, order)[:limit]
        n = export_tasks(tasks, fmt, out, version)
    except DataError as err:  # a bad gold or run file, or tasks that cannot be made
        _fail(str(err))
    typer.echo(f"wrote {n} tasks to {out}", err=True)


def _is_run_file(path: Path) -> bool:
    """A run file has one record per sentence (``sent_id``); a gold file one per document."""
    try:
        with open(path, encoding="utf-8-sig") as f:
            first = next((line for line in f if line.strip()), "")
    except OSError as err:
        _fail(f"cannot read {path}: {err.strerror or err}")
    try:
        return "sent_id" in json.loads(first or "{}")
    except json.JSONDecodeError:
        _fail(f"{path} line 1 is not JSON: give a run output or a gold file")


def _thresholds() -> dict:
    from pipeline.config import load_config

    models = Path(load_config()["paths"]["models"])
    return json.loads((models / "classifier" / "thresholds.json").read_text())["thresholds"]


@annotate_app.command("import")
def annotate_import(
    file: Path = typer.Argument(..., help="Finished tasks exported from the tool."),
    fmt: str = typer.Option(..., "--format", "-f", help="label-studio or prodigy."),
    out: Path = typer.Option(..., "--out", "-o", help="Gold JSONL (spec §5; standoff where the article allows)."),
    into: Optional[Path] = typer.Option(None, "--into", help="The gold or run the tasks were exported from: "
                                        "each task replaces its sentence there, and every document of it is "
                                        "written (needed when the export was cut by --limit)."),
) -> None:
    """Turn finished annotations back into spec gold, one record per document."""
    from pipeline.evaluation.annotate import import_tasks, tasks_from_gold, tasks_from_run
    from pipeline.batch.io import write_text_atomic

    try:
        base = None if into is None else tasks_from_run(into) if _is_run_file(into) else tasks_from_gold(into)
        result = import_tasks(file, fmt, base)
    except DataError as err:  # malformed JSON lines, or tasks that cannot become gold
        _fail(str(err))
    write_text_atomic(out, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in result.records))
    what = (f"({result.tasks} sentences)" if into is None else
            f"({result.tasks} sentences from the tasks, {result.kept} kept from {into} as they were)")
    note = f"; {result.unreviewed} had no human annotation and kept their pre-annotations" if result.unreviewed else ""
    typer.echo(f"wrote {len(result.records)} documents {what} to {out}{note}", err=True)


@app.command()
def export(
    run_file: Path = typer.Argument(..., metavar="RUN", help="A `claims run` output file (JSONL)."),
    fmt: str = typer.Option("parquet", "--format", "-f", metavar="parquet|csv|jsonl", help="The tables' format."),
    out: Path = typer.Option(Path("outputs/tables"), "--out", "-o", metavar="DIR", help="Folder for the tables."),
) -> None:
    """Write the run as tables: claims, sentences, entities, quantities, claim_groups, figures, series,
    target_progress."""
    from pipeline.analytics.tables import FORMATS, export_run

    if fmt not in FORMATS:
        _fail(f"--format must be one of {', '.join(FORMATS)}")
    if out.exists() and not out.is_dir():
        _fail(f"--out {out} is a file: give a folder for the tables (one file per table)")
    try:
        paths = export_run(run_file, out, fmt)
    except (RunFileError, OutputOverInput) as err:
        _fail(str(err))
    for name, path in paths.items():
        typer.echo(f"wrote {path}", err=True)


DbOpt = typer.Option(Path("outputs/claims.duckdb"), "--db", metavar="FILE", help="The DuckDB store.")


@app.command()
def query(
    sql: str = typer.Argument(..., metavar="SQL",
                              help='One SQL statement, e.g. "SELECT label, count(*) FROM claims GROUP BY 1".'),
    db: Path = DbOpt,
    fmt: str = typer.Option("table", "--format", "-f", metavar="table|csv|json",
                            help="table (for people), csv or json (for machines)."),
) -> None:
    """Query the store that `claims run` fills (tables: runs, sentences, claims, entities, quantities,
    claim_groups, figures, series, target_progress)."""
    from pipeline.analytics.store import query as run_query

    if fmt not in ("table", "csv", "json"):
        _fail("--format must be one of table, csv, json")
    try:
        frame = run_query(sql, db)
    except StoreError as err:
        _fail(str(err))
    if fmt == "csv":
        typer.echo(frame.to_csv(index=False), nl=False)
    elif fmt == "json":
        typer.echo(frame.to_json(orient="records", force_ascii=False, date_format="iso"))
    else:
        typer.echo(terminal_safe(frame).to_string(index=False, max_colwidth=60, na_rep="NULL")
                   if len(frame) else "(no rows)")


def terminal_safe(frame):
    """Article text may hold escape sequences (``ESC ]0;...``): shown, not obeyed, on a terminal."""
    import unicodedata

    def visible(value):
        if not isinstance(value, str):
            return value
        return "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in value)

    return frame.apply(lambda column: column.map(visible))


@app.command("score-attribution")
def score_attribution(
    gold: Path = typer.Option(..., "--gold", help="Gold JSONL (spec §5)."),
    attribution: Optional[Path] = typer.Option(
        None, "--attribution", help="Side file of {doc_id, start, end, speaker, deadline} rows "
                                    "(default: the speaker/deadline fields of the gold file)."),
    pred: Optional[Path] = typer.Option(None, "--pred", help="Score a run file end to end instead of "
                                                             "the stage on gold labels."),
    as_json: bool = Flag("--json", help="Print the figures as one JSON object."),
    errors: bool = Flag("--errors", help="List the sentences where gold and prediction differ."),
    config: Optional[Path] = ConfigOpt,
    set_: Optional[List[str]] = SetOpt,
) -> None:
    """Speaker (exact span) and deadline precision/recall on labelled gold sentences (GUIDE.md)."""
    from pipeline.evaluation.attribution import (attribution_errors, load_attribution_gold, predict_from_run,
                                                 predict_stage, render_attribution, score_attribution as score)
    from pipeline.analytics.tables import read_run

    try:
        gold_docs, items = load_attribution_gold(gold, attribution)
        preds = (predict_from_run(read_run(pred), items) if pred is not None
                 else predict_stage(_load_nlp(config, set_), gold_docs, items))
    except DataError as err:  # gold or run file
        _fail(str(err))
    res = score(items, preds)
    mode = "run file, end to end" if pred is not None else "attribution stage on gold labels"
    typer.echo(json.dumps(res, sort_keys=True) if as_json else render_attribution(res, f"{gold.name} ({mode})"))
    if errors:
        typer.echo("\n" + "\n".join(attribution_errors(gold_docs, items, preds)))


@app.command()
def report(
    run_file: Path = typer.Argument(..., metavar="RUN", help="A `claims run` output file (JSONL)."),
    out: Path = typer.Option(Path("outputs/report.html"), "--out", "-o", metavar="FILE",
                             help="The HTML page to write."),
    screenshot: Optional[Path] = typer.Option(None, "--screenshot", metavar="PNG", help="Also save a PNG of the page "
                                                                         "(needs Chromium)."),
) -> None:
    """One self-contained HTML page: claims by label and document, people and organisations, metrics, targets."""
    from pipeline.analytics.browser import screenshot as take_screenshot
    from pipeline.analytics.report import write_report

    try:
        write_report(run_file, out)
        typer.echo(f"wrote {out}", err=True)
        if screenshot is not None:
            typer.echo(f"wrote {take_screenshot(out, screenshot)}", err=True)
    except (RunFileError, BrowserError, OutputOverInput) as err:
        _fail(str(err))


def main(argv: Optional[List[str]] = None) -> None:
    """The ``claims`` script: whatever goes wrong, one ``claims: error:`` line and a non-zero exit."""
    _set_verbosity(0)
    try:
        code = typer.main.get_command(app).main(args=argv, prog_name="claims", standalone_mode=False)
    except UsageError as err:  # a typo in a command, an option or a value
        if type(err).__name__ == "NoArgsIsHelpError":  # `claims` alone: the help, as asked
            err.show()
            raise SystemExit(err.exit_code) from None
        where = f" (see {err.ctx.command_path} --help)" if err.ctx is not None else ""
        _exit_with(f"{' '.join(err.format_message().split())}{where}", err.exit_code)
    except ClickException as err:
        _exit_with(" ".join(err.format_message().split()), err.exit_code)
    except typer.Abort:  # Ctrl-C
        _exit_with("interrupted", 130)
    except BrokenPipeError:  # `claims ... | head` is not an error
        sys.stderr.close()
        raise SystemExit(0) from None
    except ClaimsError as err:  # one a command did not catch itself: still one line, never a traceback
        _exit_with(str(err), 1)
    except OSError as err:  # a file or folder the system refused
        where = f": {err.filename}" if err.filename else ""
        _exit_with(f"{err.strerror or err}{where}", 1)
    except Exception as err:  # a bug: one line, and the traceback with -vv
        if _verbosity >= 2:
            raise
        _exit_with(f"unexpected {type(err).__name__}: {' '.join(str(err).split())[:300]} "
                   "(a bug; run again with -vv for the traceback, and report it)", 1)
    raise SystemExit(code if isinstance(code, int) else 0)


def _exit_with(message: str, code: int) -> None:
    typer.echo(f"claims: error: {message}", err=True)
    raise SystemExit(code) from None


if __name__ == "__main__":
    main()
