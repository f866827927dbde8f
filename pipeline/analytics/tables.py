"""Tables for analysts: a run file flattened into claims, sentences, entities, quantities, figures.

A run file (``claims run`` output, spec §6) nests entities and quantities in
their sentence, which suits a reader of one article but not a spreadsheet or
a SQL engine. Here every nested list becomes its own table keyed by
``(doc_id, sent_id)``, with one declared schema per table (``TABLES``) that
the exporter, ``load_claims`` and the DuckDB store all use, so a column means
the same everywhere and its dtype survives a CSV round trip.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

import pandas as pd

from pipeline.analytics.grouping import ClaimText, Figure, group_claims
from pipeline.analytics.series import FigureRow, figure_label, in_series, progress_rows, series_id, series_rows
from pipeline.batch.io import atomic_path, read_jsonl, run_files
from pipeline.errors import DataError, OutputOverInput, RunFileError
from pipeline.records import CLAIM_LABELS

FORMATS = ("parquet", "csv", "jsonl")
LABEL_DTYPE = pd.CategoricalDtype(list(CLAIM_LABELS))


@dataclass(frozen=True)
class Column:
    name: str
    dtype: Any  # pandas dtype
    sql: str  # DuckDB type
    doc: str


def _key_columns() -> tuple[Column, ...]:
    return (Column("doc_id", "string", "VARCHAR", "document id (input file name without extension)"),
            Column("sent_id", "Int64", "INTEGER", "0-based sentence index in its document"))


def _span_columns(what: str) -> tuple[Column, ...]:
    return (Column("start", "Int64", "INTEGER", f"document offset where the {what} starts"),
            Column("end", "Int64", "INTEGER", f"document offset where the {what} ends (exclusive)"),
            Column("text", "string", "VARCHAR", f"the {what}'s text, document[start:end]"))


SPEAKER_COLUMNS = (
    Column("speaker", "string", "VARCHAR", "PERSON/ORG the claim is attributed to, or null"),
    Column("speaker_label", "string", "VARCHAR", "PERSON or ORG"),
    Column("deadline", "Int64", "INTEGER", "for targets: the year the target is set for, or null"),
    Column("claim_group", "string", "VARCHAR", "id of the group of sentences stating the same claim"),
)

TABLES: dict[str, tuple[Column, ...]] = {
    "sentences": (
        *_key_columns(), *_span_columns("sentence"),
        Column("labels", "string", "VARCHAR", "claim labels, comma-separated and sorted ('' for none)"),
        Column("boilerplate", "boolean", "BOOLEAN", "true when the sentence is not article body"),
        *(Column(f"score_{label}", "Float64", "DOUBLE", f"classifier probability of {label}")
          for label in CLAIM_LABELS),
        Column("speaker_start", "Int64", "INTEGER", "document offset of the speaker mention"),
        Column("speaker_end", "Int64", "INTEGER", "end offset of the speaker mention"),
        *SPEAKER_COLUMNS,
    ),
    "claims": (
        *_key_columns(),
        Column("label", LABEL_DTYPE, "VARCHAR", "one claim label: metric, target or policy"),
        Column("score", "Float64", "DOUBLE", "classifier probability of that label"),
        *_span_columns("sentence"),
        *SPEAKER_COLUMNS,
    ),
    "entities": (
        *_key_columns(), *_span_columns("mention"),
        Column("label", "string", "VARCHAR", "PERSON or ORG"),
        Column("entity_key", "string", "VARCHAR",
               "the name the mention stands for in its article (an acronym's long form, a surname's full name)"),
        Column("boilerplate", "boolean", "BOOLEAN", "true when the mention's sentence is boilerplate"),
    ),
    "quantities": (
        *_key_columns(), *_span_columns("quantity"),
        Column("value", "Float64", "DOUBLE", "normalised value (scale applied: 49 trillion -> 4.9e13)"),
        Column("unit", "string", "VARCHAR", "% / ISO 4217 code / lower-case unit word; null for a count"),
        Column("approx", "string", "VARCHAR", "approximator outside the span (more than, about), or null"),
        Column("min", "Float64", "DOUBLE", "lower bound the approximator implies, or null"),
        Column("max", "Float64", "DOUBLE", "upper bound the approximator implies, or null"),
    ),
    "claim_groups": (
        Column("claim_group", "string", "VARCHAR", "group id; one group per distinct claim"),
        Column("sentences", "Int64", "INTEGER", "claim sentences in the group"),
        Column("documents", "Int64", "INTEGER", "distinct documents stating it"),
        Column("doc_ids", "string", "VARCHAR", "those documents, comma-separated"),
        Column("figures", "string", "VARCHAR", "figures stated, '; '-separated (value unit)"),
        Column("disagree", "boolean", "BOOLEAN", "true when articles give different values for one unit"),
        Column("disagree_units", "string", "VARCHAR", "the units whose values differ, comma-separated"),
        Column("text", "string", "VARCHAR", "the first sentence stating it"),
    ),
    "figures": (
        *_key_columns(), *_span_columns("quantity"),
        Column("label", "string", "VARCHAR", "metric or target: a sentence that is both gives its deadline's "
                                              "figures to the target"),
        Column("measure", "string", "VARCHAR", "the words naming what the number measures (spec §9), or null"),
        Column("measure_key", "string", "VARCHAR", "the measure in one spelling, to join articles on "
                                                    "('core digital economy industry added value')"),
        Column("subject", "string", "VARCHAR", "the place, organisation or person the figure belongs to, or null"),
        Column("subject_key", "string", "VARCHAR", "the subject's entity key, or CLDR's name of its place "
                                                    "('U.S.', 'American' -> 'United States')"),
        Column("period", "Int64", "INTEGER", "the year the figure refers to (a target's deadline), or null"),
        Column("kind", "string", "VARCHAR", "level, change or share"),
        Column("value", "Float64", "DOUBLE", "the quantity's normalised value"),
        Column("unit", "string", "VARCHAR", "the quantity's unit; null for a count"),
        Column("speaker", "string", "VARCHAR", "PERSON/ORG the claim is attributed to, or null"),
        Column("series", "string", "VARCHAR", "id of its series (measure_key, subject_key, kind, unit; without "
                                               "a subject, within its document); null without a measure"),
    ),
    "series": (
        Column("series", "string", "VARCHAR", "series id: one per (measure_key, subject_key, kind, unit), and "
                                               "per document where subject_key is null"),
        Column("measure_key", "string", "VARCHAR", "what the series measures"),
        Column("subject_key", "string", "VARCHAR", "whose it is, or null"),
        Column("kind", "string", "VARCHAR", "level, change or share"),
        Column("unit", "string", "VARCHAR", "the unit; null for a count"),
        Column("label", "string", "VARCHAR", "metric or target: a point holds one or the other"),
        Column("period", "Int64", "INTEGER", "the point's year; null for a figure without one (a row each)"),
        Column("value", "Float64", "DOUBLE", "the value most of the point's articles give"),
        Column("values", "string", "VARCHAR", "every value given for the point, '; '-separated"),
        Column("disagree", "boolean", "BOOLEAN", "true when two articles give the period values that differ"),
        Column("figures", "Int64", "INTEGER", "figures giving the point"),
        Column("documents", "Int64", "INTEGER", "distinct documents giving the point"),
        Column("doc_ids", "string", "VARCHAR", "those documents, comma-separated"),
        Column("points", "Int64", "INTEGER", "the series' figures, an article's repeat of its own counted once"),
        Column("periods", "Int64", "INTEGER", "the series' distinct years"),
        Column("articles", "Int64", "INTEGER", "distinct documents in the whole series"),
    ),
    "target_progress": (
        *_key_columns(),
        Column("start", "Int64", "INTEGER", "document offset of the target's quantity (figures.start)"),
        Column("series", "string", "VARCHAR", "the series the target belongs to"),
        Column("measure_key", "string", "VARCHAR", "what it measures"),
        Column("subject_key", "string", "VARCHAR", "whose it is, or null"),
        Column("kind", "string", "VARCHAR", "level, change or share"),
        Column("unit", "string", "VARCHAR", "the unit; null for a count"),
        Column("target_year", "Int64", "INTEGER", "the target's deadline"),
        Column("target_value", "Float64", "DOUBLE", "the value set for it"),
        Column("latest_year", "Int64", "INTEGER", "the latest year before the deadline with a metric of the series"),
        Column("latest_value", "Float64", "DOUBLE", "the value most articles give for that year"),
        Column("latest_doc_ids", "string", "VARCHAR", "the documents giving it"),
        Column("distance", "Float64", "DOUBLE", "target_value - latest_value, in the unit"),
        Column("progress", "Float64", "DOUBLE", "latest_value / target_value"),
    ),
}


def read_run(path: str | Path) -> Iterator[dict]:
    """The records of a run file, one per sentence; a bad line raises RunFileError."""
    try:
        for lineno, obj in read_jsonl(path, "run"):
            if not {"doc_id", "sent_id", "labels"} <= obj.keys():
                raise RunFileError(f"{path}:{lineno}: not a sentence record of `claims run` (spec §6)")
            yield obj
    except DataError as err:
        raise RunFileError(f"{path}: {err}") from None


def typed_frame(table: str, rows: Iterable[dict]) -> pd.DataFrame:
    """Rows as a DataFrame with exactly the declared columns and dtypes of ``table``."""
    columns = TABLES[table]
    frame = pd.DataFrame(list(rows), columns=[c.name for c in columns])
    for c in columns:
        frame[c.name] = _coerce(frame[c.name], c.dtype)
    return frame


def _coerce(series: pd.Series, dtype: Any) -> pd.Series:
    """``series`` as ``dtype``, also from the strings a CSV file gives back."""
    if dtype in ("Int64", "Float64"):
        return pd.to_numeric(series, errors="raise").astype(dtype)
    if dtype == "boolean" and (series.dtype == object or pd.api.types.is_string_dtype(series)):
        series = series.map(lambda v: {"true": True, "false": False}.get(str(v).lower(), v))
    return series.astype(dtype)


def _speaker_fields(record: dict) -> dict:
    speaker = record.get("speaker") or {}
    return {"speaker": speaker.get("text"), "speaker_label": speaker.get("label"),
            "speaker_start": speaker.get("start"), "speaker_end": speaker.get("end"),
            "deadline": record.get("deadline")}


def _claim_texts(records: list[dict]) -> list[ClaimText]:
    return [ClaimText(r["doc_id"], r["sent_id"], r["text"],
                      tuple(Figure.of(q["value"], q.get("unit")) for q in r.get("quantities") or []
                            if q.get("value") is not None))
            for r in records if r["labels"]]


def _group_rows(records: list[dict]) -> tuple[dict[tuple[str, int], str], list[dict]]:
    members, rows = {}, []
    for group in group_claims(_claim_texts(records)):
        rows.append({
            "claim_group": group.group_id, "sentences": len(group.members),
            "documents": len(group.documents), "doc_ids": ",".join(group.documents),
            "figures": "; ".join(str(f) for f in group.figures),
            "disagree": bool(group.disagreements), "disagree_units": ",".join(group.disagreements),
            "text": group.members[0].text,
        })
        members.update({(m.doc_id, m.sent_id): group.group_id for m in group.members})
    return members, rows


def _figure_rows(record: dict) -> list[dict]:
    """The ``figures`` rows of one sentence record: its quantities that carry a figure."""
    rows = []
    for q in record.get("quantities") or []:
        figure = q.get("figure")
        label = figure and figure_label(record["labels"], figure.get("period"), record.get("deadline"))
        if not label:
            continue
        measure, subject = figure.get("measure") or {}, figure.get("subject") or {}
        row = {"doc_id": record["doc_id"], "sent_id": record["sent_id"],
               **{k: q.get(k) for k in ("start", "end", "text", "value", "unit")}, "label": label,
               "measure": measure.get("text"), "measure_key": figure.get("measure_key"),
               "subject": subject.get("text"), "subject_key": figure.get("subject_key"),
               "period": figure.get("period"), "kind": figure.get("kind"),
               "speaker": (record.get("speaker") or {}).get("text")}
        figure_row = _as_figure(row)
        row["series"] = series_id(figure_row.key) if in_series(figure_row) else None
        rows.append(row)
    return rows


def _as_figure(row: dict) -> FigureRow:
    return FigureRow(row["doc_id"], row["sent_id"], row["start"], row["label"], row["measure_key"],
                     row["subject_key"], row["kind"], row["unit"], row["period"], row["value"])


def run_tables(records: Iterable[dict]) -> dict[str, pd.DataFrame]:
    """Every table of ``TABLES`` built from the records of one run."""
    records = list(records)
    groups, group_rows = _group_rows(records)
    out: dict[str, list[dict]] = {name: [] for name in TABLES}
    out["claim_groups"] = group_rows
    for r in records:
        key = {"doc_id": r["doc_id"], "sent_id": r["sent_id"]}
        span = {"start": r["start"], "end": r["end"], "text": r["text"]}
        enrich = {**_speaker_fields(r), "claim_group": groups.get((r["doc_id"], r["sent_id"]))}
        scores = r.get("scores") or {}
        out["sentences"].append({
            **key, **span, **enrich, "labels": ",".join(r["labels"]), "boilerplate": r.get("boilerplate"),
            **{f"score_{label}": scores.get(label) for label in CLAIM_LABELS},
        })
        out["claims"].extend({**key, **span, **enrich, "label": label, "score": scores.get(label)}
                             for label in r["labels"])
        out["entities"].extend({**key, **{k: e[k] for k in ("start", "end", "text", "label")},
                                "entity_key": e.get("key") or e["text"],
                                "boilerplate": r.get("boilerplate")} for e in r.get("entities") or [])
        out["quantities"].extend({**key, **{k: q.get(k) for k in
                                            ("start", "end", "text", "value", "unit", "approx", "min", "max")}}
                                 for q in r.get("quantities") or [])
        out["figures"].extend(_figure_rows(r))
    figures = [_as_figure(row) for row in out["figures"]]
    out["series"], out["target_progress"] = series_rows(figures), progress_rows(figures)
    return {name: typed_frame(name, rows) for name, rows in out.items()}


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells a spreadsheet would run as a formula (``=HYPERLINK(...)``) get a leading ``'``."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_string_dtype(out[column]) or out[column].dtype == object:
            out[column] = out[column].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v)
    return out


def write_table(frame: pd.DataFrame, path: Path, fmt: str) -> Path:
    """One table in one format, written atomically."""
    with atomic_path(path) as tmp:
        if fmt == "parquet":
            frame.to_parquet(tmp, index=False)
        elif fmt == "csv":
            spreadsheet_safe(frame).to_csv(tmp, index=False)
        else:
            frame.to_json(tmp, orient="records", lines=True, force_ascii=False)
    return path


def export_run(run_path: str | Path, out_dir: str | Path, fmt: str = "parquet") -> dict[str, Path]:
    """Write every table of a run file to ``out_dir/TABLE.FORMAT``; returns the paths."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    targets = {name: out_dir / f"{name}.{fmt}" for name in TABLES}
    inputs = {p.resolve() for p in run_files(Path(run_path))}
    clash = sorted(str(t) for t in targets.values() if t.resolve() in inputs)
    if clash:
        raise OutputOverInput(f"exporting to {out_dir} would write over the run's own file {clash[0]}: "
                              f"choose another --out folder")
    tables = run_tables(read_run(run_path))
    return {name: write_table(frame, targets[name], fmt) for name, frame in tables.items()}


def _read_table_file(path: Path) -> pd.DataFrame:
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    return pd.read_json(path, lines=True, dtype=False)


def _is_run_file(path: Path) -> bool:
    with open(path, encoding="utf-8") as f:
        first = next((line for line in f if line.strip()), "{}")
    try:
        return "labels" in json.loads(first)
    except json.JSONDecodeError:
        return False


def load_claims(path: str | Path) -> pd.DataFrame:
    """One row per claim label, typed: ``pipeline.load_claims("outputs/claims.jsonl")``.

    ``path`` is a run file, an exported claims table (``claims.parquet``,
    ``.csv`` or ``.jsonl``) or the folder ``claims export`` wrote.
    """
    path = Path(path)
    if path.is_dir():
        found = [path / f"claims.{fmt}" for fmt in FORMATS if (path / f"claims.{fmt}").is_file()]
        if not found:
            raise FileNotFoundError(f"no claims.parquet, claims.csv or claims.jsonl in {path}")
        path = found[0]
    if path.suffix in (".jsonl", ".ndjson") and _is_run_file(path):
        return run_tables(read_run(path))["claims"]
    return typed_frame("claims", _read_table_file(path).to_dict("records"))
