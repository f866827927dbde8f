"""Counts in good English, for the one-line summaries and reports that users read."""


def plural(n: int, word: str) -> str:
    """``1 document``, ``2 documents``, ``1,589 sentences``."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"
