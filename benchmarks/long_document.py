"""Memory and time of `claims run` on one long document, against a short one.

    python benchmarks/long_document.py --chars 100000,990000,2500000

Builds one document of each length from ../shared/corpus/*.txt (articles
joined by blank lines), runs `claims run` on it in a fresh process with
``--max-chars`` raised to fit, and prints seconds and peak RSS. Documents are
processed in sections (``pipeline.batch.engines.SECTION_CHARS``), so memory should
stay near the short document's while time grows with the length.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import CORPUS, measure  # noqa: E402


def long_text(chars: int) -> str:
    articles = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    parts, total, i = [], 0, 0
    while total < chars:
        parts.append(articles[i % len(articles)])
        total += len(parts[-1]) + 2
        i += 1
    return "\n\n".join(parts)[:chars]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chars", default="100000,990000,2500000", help="document lengths, comma-separated")
    args = parser.parse_args()
    print("| characters | seconds | peak RSS (MB) | lines |")
    print("| ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory(prefix="claims-long-") as tmp:
        for chars in (int(c) for c in args.chars.split(",")):
            doc = Path(tmp) / f"long{chars}.txt"
            doc.write_text(long_text(chars), encoding="utf-8")
            out = Path(tmp) / f"out{chars}" / "claims.jsonl"
            seconds, rss, _ = measure([sys.executable, "-m", "pipeline", "run", str(doc), "--out", str(out),
                                       "--quiet", "--no-db", "--max-chars", str(chars + 1)])
            lines = sum(1 for _ in out.open(encoding="utf-8"))
            errors = out.with_name("claims.errors.jsonl")
            if errors.is_file() and errors.stat().st_size:
                sys.exit(f"{chars:,} characters: error records: {errors.read_text()[:500]}")
            print(f"| {chars:,} | {seconds:.1f} | {rss:.0f} | {lines:,} |", flush=True)


if __name__ == "__main__":
    main()
