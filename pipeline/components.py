"""Import every stage so that its factory is registered with spaCy."""

from pipeline.stages import attribution, boilerplate, classifier, entities, ner, quantities, sentences  # noqa: F401
