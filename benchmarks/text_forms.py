"""The same articles in the forms real files come in, scored against the same gold.

    python benchmarks/text_forms.py                       # seeds gold and the corpus gold
    python benchmarks/text_forms.py --gold data/gold/corpus.jsonl
    python benchmarks/text_forms.py --agreement --wrap 60,80

For each gold set and each form of ``pipeline.evaluation.text_forms.FORMS``
(as published, hard-wrapped at 72 columns, every space a no-break space,
Windows line endings), writes the texts in that form and the gold carried
over to it into a temporary folder, runs ``python -m pipeline evaluate
--docs`` on them in a fresh process, and prints one Markdown row: labels
micro F1, PERSON and ORG exact F1, sentence boundary F1. ``--wrap`` also
scores the hard-wrapped form at other widths. Issue 19 filed the first table.

``--agreement`` instead runs every article of the seeds and both corpora
(gold or not) in each form in this process and prints, per form, how many of
the sentences (with their boilerplate flag), sentence labels, entities and
quantities differ from those of the article as published (the symmetric
difference, over the as-published count; offsets of the Windows form mapped
back), as tests/test_text_as_it_comes.py checks on a sample.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from pipeline.evaluation.gold import resolve_text  # noqa: E402
from pipeline.evaluation.text_forms import (FORMS, annotations, crlf_offset_map, gold_in_form,  # noqa: E402
                                            hard_wrapped)

SHARED = REPO.parent / "shared"
SEEDS_GOLD = SHARED / "gold" / "seeds.jsonl"
CORPUS_GOLD = sorted(p for p in (REPO / "data" / "gold").glob("*.jsonl") if "attribution" not in p.name)
COLUMNS = (("labels micro", "labels.micro.f1"), ("PERSON", "entities.PERSON.f1"),
           ("ORG", "entities.ORG.f1"), ("sentences", "sentences.f1"))


def gold_records(paths: list[Path]) -> list[tuple[dict, str]]:
    records = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                records.append((record, resolve_text(record)))
    return records


def score_form(records: list[tuple[dict, str]], form: str, folder: Path) -> dict:
    docs = folder / "docs"
    docs.mkdir(parents=True)
    gold = folder / "gold.jsonl"
    with gold.open("w", encoding="utf-8", newline="") as out:
        for record, text in records:
            carried = gold_in_form(record, text, form)
            (docs / f"{record['doc_id']}.txt").write_bytes(carried["text"].encode("utf-8"))
            out.write(json.dumps(carried, ensure_ascii=False) + "\n")
    result = subprocess.run([sys.executable, "-m", "pipeline", "evaluate", "--gold", str(gold), "--docs", str(docs),
                             "--json"], cwd=REPO, capture_output=True, text=True, check=False)
    if result.returncode:
        sys.exit(f"{form}: evaluate failed: {result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def agreement() -> None:
    from pipeline.config import load

    nlp = load()
    files = sorted([*(REPO / "seeds").glob("*.txt"), *(SHARED / "corpus").glob("*.txt"),
                    *(SHARED / "corpus2").glob("*.txt")])
    texts = [p.read_bytes().decode("utf-8") for p in files]
    published = [annotations(doc) for doc in nlp.pipe(texts)]
    kinds = list(published[0])
    print(f"| form ({len(texts)} articles) | " + " | ".join(kinds) + " |")
    print("| --- |" + " ---: |" * len(kinds))
    for form, make in FORMS.items():
        if form == "as published":
            continue
        maps = [crlf_offset_map(t) if form == "Windows line endings" else (lambda i: i) for t in texts]
        found = [annotations(doc) for doc in nlp.pipe(make(t) for t in texts)]
        cells = []
        for kind in kinds:
            moved = [{(m(x[0]), x[1]) if kind == "labels" else (m(x[0]), m(x[1]), *x[2:]) for x in p[kind]}
                     for p, m in zip(published, maps)]
            differing = sum(len(a ^ f[kind]) for a, f in zip(moved, found))
            total = sum(len(a) for a in moved)
            cells.append(f"{differing}/{total} ({differing / total:.3f})")
        print(f"| {form} | " + " | ".join(cells) + " |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, action="append",
                        help="gold file(s); default: the seeds', then the corpus'")
    parser.add_argument("--wrap", default="", help="more wrap widths to score, comma-separated (e.g. 60,80)")
    parser.add_argument("--agreement", action="store_true",
                        help="count what differs from the as-published form, on every article")
    args = parser.parse_args()
    sets = [("seeds", [SEEDS_GOLD]), ("corpus", CORPUS_GOLD)] if not args.gold else [("given", args.gold)]
    for width in (int(w) for w in args.wrap.split(",") if w):
        FORMS[f"hard-wrapped at {width} columns"] = lambda text, w=width: hard_wrapped(text, w)
    if args.agreement:
        agreement()
        return
    print("| gold | form | " + " | ".join(name for name, _ in COLUMNS) + " |")
    print("| --- | --- |" + " ---: |" * len(COLUMNS))
    for name, paths in sets:
        records = gold_records(paths)
        for i, form in enumerate(FORMS):
            with tempfile.TemporaryDirectory(prefix="claims-forms-") as tmp:
                res = score_form(records, form, Path(tmp) / str(i))
            cells = " | ".join(f"{res[key]:.3f}" for _, key in COLUMNS)
            print(f"| {name} ({len(records)}) | {form} | {cells} |", flush=True)


if __name__ == "__main__":
    main()
