"""The embedded SQL store: every run loaded into one DuckDB file, queryable across runs.

A run is identified by the hash of its run file, so loading the same output
twice adds nothing, and two different runs of the same articles sit side by
side (compare a model with the next). Each table of ``tables.TABLES`` is kept
whole as ``all_TABLE`` with a ``run_id`` column in front, and ``runs`` says
where each run came from and when it was last loaded. The plain names
(``claims``, ``sentences``...) are views of the latest run of each output
file: a daily rerun into the same ``--out`` replaces what the obvious query
counts instead of doubling it, and ``all_claims`` keeps the history. A load
is one transaction: a crash leaves the store as it was.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from pipeline.analytics.tables import TABLES, Column, read_run, run_tables
from pipeline.errors import RunFileError, StoreError
from pipeline.hashing import file_sha256

DEFAULT_DB = Path("outputs/claims.duckdb")

RUN_COLUMNS = (
    Column("run_id", "string", "VARCHAR", "sha256 of the run file, first 16 hex digits"),
    Column("source", "string", "VARCHAR", "the run file's path when it was loaded"),
    Column("loaded_at", "datetime64[us, UTC]", "TIMESTAMPTZ", "when it was loaded"),
    Column("documents", "Int64", "INTEGER", "documents in the run"),
    Column("sentences", "Int64", "INTEGER", "sentence records in the run"),
    Column("claims", "Int64", "INTEGER", "claim labels in the run (rows of `claims`)"),
)
PRIMARY_KEYS = {
    "runs": ("run_id",),
    "sentences": ("run_id", "doc_id", "sent_id"),
    "claims": ("run_id", "doc_id", "sent_id", "label"),
    "entities": (),  # keyed to their sentence by (run_id, doc_id, sent_id)
    "quantities": (),
    "claim_groups": ("run_id", "claim_group"),
    "figures": (),  # keyed to their quantity by (run_id, doc_id, start)
    "series": (),  # a series' points: (run_id, series, label, period), period null for undated figures
    "target_progress": (),
}


def run_id_of(run_path: str | Path) -> str:
    """A run's id: the same file content always gets the same id."""
    return file_sha256(run_path)[:16]


def table_columns(table: str) -> tuple[Column, ...]:
    """The store's columns of ``table``: ``run_id`` first, then the export schema."""
    if table == "runs":
        return RUN_COLUMNS
    return (RUN_COLUMNS[0], *TABLES[table])


def stored_name(table: str) -> str:
    """Where a table's rows of every run live: ``claims`` -> ``all_claims`` (``runs`` is itself)."""
    return table if table == "runs" else f"all_{table}"


def create_statements() -> list[str]:
    """Tables for every run, from the declared schema, and views of the latest run of each output."""
    out = []
    for table in PRIMARY_KEYS:
        cols = ", ".join(f'"{c.name}" {c.sql}' for c in table_columns(table))
        keys = ", ".join(f'"{k}"' for k in PRIMARY_KEYS[table])
        key = f", PRIMARY KEY ({keys})" if keys else ""
        out.append(f"CREATE TABLE IF NOT EXISTS {stored_name(table)} ({cols}{key})")
    out.append("CREATE OR REPLACE VIEW latest_runs AS SELECT * FROM runs "
               "QUALIFY row_number() OVER (PARTITION BY source ORDER BY loaded_at DESC, run_id) = 1")
    out += [f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM {stored_name(table)} "
            f"WHERE run_id IN (SELECT run_id FROM latest_runs)" for table in TABLES]
    return out


def migrate_tables(con) -> None:
    """A store written before the views kept each table under its plain name: rename it."""
    kinds = dict(con.execute("SELECT table_name, table_type FROM information_schema.tables").fetchall())
    for table in TABLES:
        if kinds.get(table) == "BASE TABLE" and stored_name(table) not in kinds:
            con.execute(f"ALTER TABLE {table} RENAME TO {stored_name(table)}")


LOCK_RETRIES = (0.2, 0.5, 1.0, 2.0, 4.0)  # seconds between tries while another process holds the store


def _connect_with_retry(duckdb, db_path: Path, read_only: bool, config: dict):
    """Another process (a long `claims query`) may hold the file for a while: wait, then give up clearly."""
    import time

    for pause in (*LOCK_RETRIES, None):
        try:
            return duckdb.connect(str(db_path), read_only=read_only, config=config)
        except duckdb.Error as err:
            if pause is None or "lock" not in str(err).lower():
                held = " (another process holds it)" if "lock" in str(err).lower() else ""
                raise StoreError(f"cannot open {db_path}{held}: {str(err).splitlines()[0]}") from None
            time.sleep(pause)


def connect(db_path: str | Path, *, read_only: bool = False):
    """A DuckDB connection with the schema in place (read-only needs an existing file)."""
    import duckdb

    db_path = Path(db_path)
    if read_only and not db_path.is_file():
        raise StoreError(f"no store at {db_path}: run `claims run` first (or give --db)")
    if not read_only:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    # Queries reach the store and nothing else: no files read or written, no other
    # database attached, no extension installed, and the settings cannot be undone.
    locked = {"enable_external_access": False, "autoinstall_known_extensions": False,
              "autoload_known_extensions": False, "lock_configuration": True}
    con = _connect_with_retry(duckdb, db_path, read_only, locked if read_only else {})
    if not read_only:
        try:
            migrate_tables(con)
            for statement in create_statements():
                con.execute(statement)
        except duckdb.Error as err:
            con.close()
            raise StoreError(f"cannot use {db_path}: {str(err).splitlines()[0]}") from None
    return con


def _insert(con, table: str, frame: pd.DataFrame) -> None:
    names = ", ".join(f'"{c.name}"' for c in table_columns(table))
    con.register("incoming", frame)
    try:
        con.execute(f"INSERT INTO {stored_name(table)} ({names}) SELECT {names} FROM incoming")
    finally:
        con.unregister("incoming")


def _with_run_id(frame: pd.DataFrame, run_id: str) -> pd.DataFrame:
    frame = frame.copy()
    for column in frame.columns:  # categoricals load as plain text
        if isinstance(frame[column].dtype, pd.CategoricalDtype):
            frame[column] = frame[column].astype("string")
    frame.insert(0, "run_id", pd.array([run_id] * len(frame), dtype="string"))
    return frame


def load_run(run_path: Path, db_path: Path) -> str:
    """Load one run file into the store; returns its run id (nothing is added twice)."""
    import duckdb

    run_path, db_path = Path(run_path), Path(db_path)
    run_id = run_id_of(run_path)
    source, now = str(run_path.resolve()), pd.Timestamp(datetime.now(timezone.utc))
    con = connect(db_path)
    try:
        con.execute("BEGIN TRANSACTION")
        if con.execute("SELECT count(*) FROM runs WHERE run_id = ?", [run_id]).fetchall()[0][0]:
            # the same lines again: nothing added, but it is now the latest run of its output
            con.execute("UPDATE runs SET loaded_at = ?, source = ? WHERE run_id = ?", [now, source, run_id])
            con.execute("COMMIT")
            return run_id
        tables = run_tables(read_run(run_path))  # only for a run the store does not have yet
        run_row = pd.DataFrame([{
            "run_id": run_id, "source": source,
            "loaded_at": now,
            "documents": tables["sentences"]["doc_id"].nunique(),
            "sentences": len(tables["sentences"]), "claims": len(tables["claims"]),
        }]).astype({c.name: c.dtype for c in RUN_COLUMNS})
        _insert(con, "runs", run_row)
        for name, frame in tables.items():
            _insert(con, name, _with_run_id(frame, run_id))
        con.execute("COMMIT")
    except (duckdb.Error, RunFileError) as err:
        _roll_back(con)
        raise StoreError(f"cannot load {run_path} into {db_path}: {str(err).splitlines()[0]}") from None
    except BaseException:
        _roll_back(con)
        raise
    finally:
        con.close()
    return run_id


def _roll_back(con) -> None:
    """Undo the load; a store too broken to roll back has nothing of the load to undo."""
    import duckdb

    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        pass


def _nullable_dtype(arrow_type):
    """Arrow types as pandas' nullable dtypes, so a NULL year stays an integer column."""
    import pyarrow as pa

    return {pa.int8(): pd.Int64Dtype(), pa.int16(): pd.Int64Dtype(), pa.int32(): pd.Int64Dtype(),
            pa.int64(): pd.Int64Dtype(), pa.float64(): pd.Float64Dtype(), pa.bool_(): pd.BooleanDtype(),
            pa.string(): pd.StringDtype(), pa.large_string(): pd.StringDtype()}.get(arrow_type)


def query(sql: str, db_path: str | Path = DEFAULT_DB) -> pd.DataFrame:
    """The result of one SQL statement over the store, read-only."""
    import duckdb

    con = connect(db_path, read_only=True)
    try:
        statements = con.extract_statements(sql)
        if len(statements) != 1:
            raise StoreError(f"give one SQL statement, not {len(statements)}: claims query runs one at a time")
        relation = con.sql(sql)
        if relation is None:  # a statement without a result
            return pd.DataFrame()
        return relation.to_arrow_table().to_pandas(types_mapper=_nullable_dtype)
    except duckdb.Error as err:
        raise StoreError(str(err).splitlines()[0]) from None
    finally:
        con.close()
