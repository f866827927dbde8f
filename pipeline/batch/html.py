"""HTML articles: the article's text, extracted once, is the document.

Offsets in the output refer to the extracted text, which the runner saves
beside the output (``NAME.texts/``), because the HTML itself has no offsets a
reader could check. Extraction is deterministic (trafilatura without its
cross-document deduplication), so every worker and every rerun extracts the
same text from the same bytes.

A page with no article (a section front, a menu) is an ``html`` error, not a
document: trafilatura falls back to whatever text a page has, so on such a
page it returns the menu (``Home | Tech``). Text made only of the words of
links and navigation landmarks is therefore no article, whatever the site.
"""

from __future__ import annotations

import re

WORD = re.compile(r"\w+")
# Where a page keeps its furniture: links, and the landmarks HTML has for navigation.
NAVIGATION = "//a | //nav | //header | //footer | //aside | //menu | //*[@role='navigation']"


def extract_article(html: str) -> str | None:
    """The main text of an HTML page (no menus, comments or tables), or None if it has none."""
    import trafilatura  # imported here: only HTML inputs pay for it

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False,
                                   deduplicate=False, output_format="txt")
    except Exception:  # lxml raises several types for hostile markup
        return None
    if not text or is_navigation(text, html):
        return None
    return text


def is_navigation(text: str, html: str) -> bool:
    """Whether every word of ``text`` is a word of the page's links or navigation landmarks."""
    words = {w.casefold() for w in WORD.findall(text)}
    if not words:
        return True
    try:
        import lxml.html

        tree = lxml.html.document_fromstring(html)
    except Exception:  # markup lxml cannot parse at all: trafilatura's text stands
        return False
    furniture: set[str] = set()
    for element in tree.xpath(NAVIGATION):
        furniture.update(w.casefold() for w in WORD.findall(element.text_content()))
        if words <= furniture:
            return True
    return False
