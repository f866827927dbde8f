"""Import every stage so that its factory is registered with spaCy."""

from pipeline.stages import (attribution, boilerplate, classifier, entities, figures, ner,  # noqa: F401
                             quantities, sentences)
