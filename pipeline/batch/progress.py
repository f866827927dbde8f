"""The progress bar of a batch run: documents, sentences per second, errors, ETA.

Shown only on a terminal, as spaCy's own ``apply`` command does: a log file
or a pipe gets the one summary line at the end instead of bar redraws.

The runner calls it after every document it writes. Documents are processed a
batch at a time (``--batch-size``), so processed documents arrive a batch at
once, while reused and resumed ones stream past one by one; tqdm redraws at
most ten times a second either way.
"""

from __future__ import annotations

import sys
import time
from typing import IO


class ProgressBar:
    """A tqdm bar over input items (``12/1,000 doc``), fed with the run's summary after each document."""

    def __init__(self, total: int | None, *, stream: IO[str] | None = None, enabled: bool | None = None):
        stream = stream or sys.stderr
        self.enabled = stream.isatty() if enabled is None else enabled
        self._bar = None
        self._started = time.perf_counter()
        if self.enabled:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="doc", file=stream, dynamic_ncols=True, smoothing=0.1)

    def __call__(self, summary) -> None:
        if self._bar is None:
            return
        elapsed = max(1e-9, time.perf_counter() - self._started)
        self._bar.set_postfix_str(f"{summary.sentences / elapsed:,.0f} sent/s, {summary.errors} errors",
                                  refresh=False)
        self._bar.update(summary.items - self._bar.n)  # redrawn when tqdm's interval has passed

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
