"""claims: extract metric, target and policy claims from digital-economy news."""

from .config import load

__version__ = "0.1.0"
__all__ = ["load", "__version__"]
