"""HTML articles: the article's text, extracted once, is the document.

Offsets in the output refer to the extracted text, which the runner saves
beside the output (``NAME.texts/``), because the HTML itself has no offsets a
reader could check. Extraction is deterministic (trafilatura without its
cross-document deduplication), so every worker and every rerun extracts the
same text from the same bytes.
"""

from __future__ import annotations


def extract_article(html: str) -> str | None:
    """The main text of an HTML page (no menus, comments or tables), or None if it has none."""
    import trafilatura  # imported here: only HTML inputs pay for it

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False,
                                   deduplicate=False, output_format="txt")
    except Exception:  # lxml raises several types for hostile markup
        return None
    return text or None
