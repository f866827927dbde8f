"""Characters a reader never sees, or sees as a plain space, must not change what the pipeline reads.

Bidi isolates (U+2066..U+2069), zero-width spaces and joiners, soft hyphens
and terminal escape sequences (``ESC [31m``) come with pasted and scraped
text. Left in, ``$5`` + U+2066 + `` billion`` is read as 5 USD, a colour code
``ESC [31m`` as 31 million, and an entity keeps the controls around its name.
The stages therefore match on the *visible* text and map offsets back, so a
span still satisfies ``text[start:end] == span`` in the original document.

No-break, thin and other Unicode spaces, tabs, and the ``\r`` of a Windows
line ending are seen as a space, but spaCy's tokenizer splits on U+0020 only:
a no-break space glues ``Liu\u00a0Liehong`` into one token and the NER,
trained on plain spaces, no longer sees a name (PERSON F1 halves). Each is
read as a plain space instead, one character for one (``spaces_read_as_spaces``),
so the offsets of what the stages read are the document's.
"""

from __future__ import annotations

import re

# Unicode's format characters (category Cf) and controls (Cc) other than
# tab, line feed and carriage return; an ANSI escape sequence as a whole.
FORMAT_CHARS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
CONTROL_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
INVISIBLE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, clear screen
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window titles, links
    rf"|[{CONTROL_CHARS}{FORMAT_CHARS}]+"
)
# The characters an invisible run can start with. A text without one has none, and one class is
# found by a fast scan where the alternation above is tried at every position.
INVISIBLE_START = re.compile(rf"[\x1b{CONTROL_CHARS}{FORMAT_CHARS}]")

# Unicode's space separators (category Zs) but U+0020 itself, and the tab; Windows line endings.
SPACE_LIKE = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
WINDOWS_LINE_ENDINGS = re.compile("(?:\r\n)+")


def spaces_read_as_spaces(text: str) -> str:
    """``text`` with every space-like character as U+0020, and each run of ``\r\n`` as its spaces
    then its ``\n`` (``\r\n\r\n`` as ``  \n\n``: of the same-length forms, the one whose
    tokens the NER reads most nearly as it reads ``\n\n``; one ``\r\n`` gives the same tokens).

    Same length, same offsets: only what the stages read changes; the
    document, and every span's text, stay as they were.
    """
    if SPACE_LIKE.search(text):
        text = SPACE_LIKE.sub(" ", text)
    if "\r\n" in text:
        text = WINDOWS_LINE_ENDINGS.sub(lambda m: " " * (len(m.group()) // 2) + "\n" * (len(m.group()) // 2), text)
    return text


def invisible_runs(text: str) -> list[re.Match[str]]:
    """Each run of invisible characters in ``text``, in order."""
    return list(INVISIBLE.finditer(text)) if INVISIBLE_START.search(text) else []


def visible(text: str) -> tuple[str, list[int] | None]:
    """``text`` without invisible characters, and each kept character's offset in ``text``
    (None when nothing was removed: the offsets are the identity)."""
    runs = invisible_runs(text)
    if not runs:
        return text, None
    positions: list[int] = []
    kept: list[str] = []
    last = 0
    for m in runs:
        kept.append(text[last:m.start()])
        positions.extend(range(last, m.start()))
        last = m.end()
    kept.append(text[last:])
    positions.extend(range(last, len(text)))
    return "".join(kept), positions


def original_span(positions: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """The offsets in the original text of ``visible[start:end]``."""
    if positions is None:
        return start, end
    return positions[start], positions[end - 1] + 1


def trim_invisible(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without invisible characters at either edge."""
    while start < end and INVISIBLE.match(text, start, start + 1):
        start += 1
    while end > start and INVISIBLE.match(text, end - 1, end):
        end -= 1
    return start, end
