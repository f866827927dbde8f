"""claims: extract metric, target and policy claims from digital-economy news.

``load`` and ``load_claims`` are imported on first use: they pull in spaCy and
pandas, which a rerun over an unchanged corpus never needs (it only copies lines).
"""

__version__ = "0.1.0"
__all__ = ["load", "load_claims", "__version__"]


def __getattr__(name: str):
    if name == "load":
        from pipeline.config import load

        return load
    if name == "load_claims":
        from pipeline.analytics.tables import load_claims

        return load_claims
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
