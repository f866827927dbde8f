"""Import every stage so that its factory is registered with spaCy."""

from . import attribution, boilerplate, claims, entities, quantities, sentences  # noqa: F401
