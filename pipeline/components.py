"""Import every stage so that its factory is registered with spaCy."""

from . import boilerplate, claims, entities, sentences  # noqa: F401
