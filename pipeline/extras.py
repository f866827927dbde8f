"""The optional parts of the install, and the one line a command prints when its part is missing.

A run needs the base install alone. Training fits scikit-learn models: the
``train`` extra, with scipy, joblib and threadpoolctl about 200 MB that a run
never imports. A command that needs an extra checks for it before doing
anything, so a missing one is a ``MissingExtra`` naming the pip command, not an
ImportError halfway in.
"""

from __future__ import annotations

from importlib import import_module

from pipeline.errors import MissingExtra


def require(extra: str, *modules: str) -> None:
    """Import each of ``modules``; the first that cannot be imported stops the command, naming ``extra``."""
    for name in modules:
        try:
            import_module(name)
        except ImportError as err:
            raise MissingExtra(f"this command needs the {extra!r} extra, and {err.name or name} is not installed: "
                               f'pip install -e ".[{extra}]"') from None
