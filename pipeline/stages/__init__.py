"""The pipeline's stages: each a spaCy component (or a function of Doc -> Doc) with its settings in config."""
