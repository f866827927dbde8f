"""The `claims` command: thin wrappers, one per subcommand, around plain functions."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Extract metric, target and policy claims, PERSON/ORG entities and quantities "
         "from news articles (spec: ANNOTATION.md).",
)

ConfigOpt = typer.Option(None, "--config", "-c", help="Pipeline config (default: configs/default.cfg).")
SetOpt = typer.Option(None, "--set", help="Override a config setting: --set section.key=value (repeatable).")


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"claims: error: {message}", err=True)
    raise typer.Exit(code)


def _load_nlp(config: Optional[Path], overrides: Optional[List[str]]):
    from .config import ConfigError, load_config, build_pipeline, parse_overrides

    try:
        return build_pipeline(load_config(config, parse_overrides(overrides)))
    except ConfigError as err:
        _fail(str(err))


@app.command()
def run(
    inputs: List[str] = typer.Argument(..., help="Files, folders (*.txt, *.jsonl inside), globs, "
                                                 "or '-' for JSONL records {\"id\", \"text\"} on stdin."),
    out: Path = typer.Option(Path("outputs/claims.jsonl"), "--out", "-o", help="Output JSONL, one sentence per line."),
    config: Optional[Path] = ConfigOpt,
    set_: Optional[List[str]] = SetOpt,
    strict: bool = typer.Option(False, "--strict", help="Exit non-zero when any document failed."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Run the pipeline over articles and write spec §6 records (errors go to NAME.errors.jsonl)."""
    from .runner import errors_path_for, run as run_batch

    nlp = _load_nlp(config, set_)
    summary = run_batch(nlp, inputs, out)
    typer.echo(summary.line(), err=True)
    typer.echo(f"wrote {out} (errors: {errors_path_for(out)})", err=True)
    if summary.documents == 0 or (strict and summary.errors):
        raise typer.Exit(1)


@app.command()
def evaluate(
    gold: Path = typer.Option(..., "--gold", help="Gold JSONL (spec §5)."),
    pred: Optional[Path] = typer.Option(None, "--pred", help="Predictions JSONL (spec §6)."),
    docs: Optional[Path] = typer.Option(None, "--docs", help="Run the pipeline on the gold texts instead."),
    as_json: bool = typer.Option(False, "--json", help="Print all figures as one JSON object."),
    errors: bool = typer.Option(False, "--errors", help="List false positives and negatives."),
    lenient: bool = typer.Option(False, "--lenient", help="Score despite text mismatches."),
    config: Optional[Path] = ConfigOpt,
    set_: Optional[List[str]] = SetOpt,
) -> None:
    """Score predictions against gold (spec §7), as ../shared/tools/score.py does."""
    from .evaluate import GoldError, evaluate_files, render_mismatches, render_table

    if (pred is None) == (docs is None):
        _fail("give exactly one of --pred FILE or --docs DIR")
    if docs is not None:
        import tempfile

        from .runner import run as run_batch

        nlp = _load_nlp(config, set_)
        pred = Path(tempfile.mkdtemp(prefix="claims-eval-")) / "pred.jsonl"
        run_batch(nlp, [str(docs)], pred)
    mismatches: list = []
    try:
        res = evaluate_files(gold, pred, lenient=lenient, mismatches=mismatches)
    except GoldError as err:
        _fail(str(err))
    if as_json:
        typer.echo(json.dumps(res, sort_keys=True))
    else:
        typer.echo(render_table(res))
    if errors:
        typer.echo("\n" + render_mismatches(mismatches))


def main() -> None:
    try:
        app()
    except BrokenPipeError:  # `claims ... | head` is not an error
        sys.stderr.close()


if __name__ == "__main__":
    main()
