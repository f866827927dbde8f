"""The progress bar of a batch run: documents, sentences per second, errors, ETA.

Shown only on a terminal, as spaCy's own ``apply`` command does: a log file
or a pipe gets the one summary line at the end instead of bar redraws.
"""

from __future__ import annotations

import sys
import time
from typing import IO


class ProgressBar:
    """A tqdm bar over input items, fed with the run's summary after each chunk."""

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
        self._bar.n = summary.items
        elapsed = max(1e-9, time.perf_counter() - self._started)
        self._bar.set_postfix_str(f"{summary.sentences / elapsed:,.0f} sent/s, {summary.errors} errors",
                                  refresh=False)
        self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
