"""Every error the pipeline reports to a user, under one base.

Each message is complete on its own (what failed, where, what to do), so the
command line prints it as one ``claims: error:`` line; ``except ClaimsError``
catches them all. Living here, apart from the modules that raise them, they
create no import cycles.
"""


class ClaimsError(Exception):
    """Base of the errors a user sees; the message says what and where."""


class ConfigError(ClaimsError, RuntimeError):
    """A bad config or missing model: reported once, at start-up."""


class ModelFileError(ConfigError):
    """A model file that is missing, changed, unreadable or not on its folder's card; the message names it."""


class EmbeddingError(ConfigError):
    """A missing, changed or unusable sentence encoder; the message names the file."""


class MissingExtra(ClaimsError, RuntimeError):
    """A command that needs an optional part of the install (a pip extra) that is not installed."""


class DataError(ClaimsError, ValueError):
    """A data file that cannot be read as what it should hold; the message says where."""


class GoldError(DataError):
    """A gold or prediction file that breaks the spec; the message says where."""


class StandoffError(DataError):
    """A standoff record whose article is missing or is not the annotated text."""


class RunFileError(DataError):
    """A run file that cannot be read as spec §6 records; the message says where."""


class AnnotationError(DataError):
    """Tasks that cannot become gold (or a source that cannot become tasks); the message says which."""


class OutputOverInput(ClaimsError, ValueError):
    """An output that is, or lies among, the run's inputs: a run would overwrite or reread itself."""


class NoInputs(ClaimsError, ValueError):
    """The inputs name no document at all: refused before anything is written."""


class MissingInput(ClaimsError, ValueError):
    """An input path that does not exist, or a glob that matches nothing: refused before anything
    runs (a typo must not pass as a run with one document fewer), unless ``--keep-going``."""


class Locked(ClaimsError, RuntimeError):
    """Another live process holds the lock: two runs must not append to the same files."""


class StoreError(ClaimsError, RuntimeError):
    """The store cannot be opened or a query failed; the message says why."""


class BrowserError(ClaimsError, RuntimeError):
    """No browser, or the browser failed; the message says which."""


class OffsetError(ClaimsError, ValueError):
    """A span whose offsets do not reproduce its text: a bug, never data."""
