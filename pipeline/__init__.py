"""claims: extract metric, target and policy claims from digital-economy news."""

from .config import load
from .export import load_claims

__version__ = "0.1.0"
__all__ = ["load", "load_claims", "__version__"]
