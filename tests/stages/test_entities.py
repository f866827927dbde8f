import pytest

from pipeline.stages.entities import (find_entities, initials_match, is_organisation_name,
                                      person_span, trim_span)


def ents(text, model_spans, gazetteer=None):
    return [(e.text, e.label) for e in find_entities(text, model_spans, gazetteer)]


def span_of(text, part, label, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return (start, start + len(part), label)


@pytest.mark.parametrize("span,expected", [
    ("the National Data Administration", "National Data Administration"),
    ("China's", "China"),
    ("“AI Plus", "AI Plus"),
    ("NDA)", "NDA"),
])
def test_trim_span(span, expected):
    a, b = trim_span(span, 0, len(span))
    assert span[a:b] == expected


@pytest.mark.parametrize("span,expected", [
    ("Ms Khan", "Khan"),
    ("Dr. Ahmed Al-Sayed", "Ahmed Al-Sayed"),
    ("Chair Andrea Jelinek", "Andrea Jelinek"),
    ("Copyright Olivier Matthys", "Olivier Matthys"),
    ("Sheikh Mohammed bin Rashid", "Sheikh Mohammed bin Rashid"),  # a name, not a title before one
    ("Mr", "Mr"),  # nothing after it: not a title of anyone
    ("LARA", "LARA"),
    ("AI", None),
    ("AP", None),
])
def test_a_person_keeps_no_title_and_no_acronym_is_a_person(span, expected):
    found = person_span(span, 0, len(span))
    assert (found and span[found[0]:found[1]]) == expected


def test_a_title_and_an_acronym_found_as_people_by_the_model_are_fixed():
    text = "Ms Khan said AI will help.\nCopyright Olivier Matthys/AP"
    spans = [span_of(text, "Ms Khan", "PERSON"), span_of(text, "AI", "PERSON")]
    assert ents(text, spans) == [("Khan", "PERSON"), ("Olivier Matthys", "PERSON"), ("AP", "ORG")]


@pytest.mark.parametrize("name,is_org", [
    ("National Data Administration", True),
    ("Global Digital Economy Conference 2025", False),
    ("Digital China Summit", False),
    ("Belt and Road Initiative", False),
    ("United Nations Conference on Trade and Development", True),
    ("AI", False),
])
def test_events_plans_and_acronyms_are_not_organisations(name, is_org):
    assert is_organisation_name(name) is is_org


@pytest.mark.parametrize("acronym,long_form,ok", [
    ("NDA", "National Data Administration", True),
    ("CAICT", "China Academy of Information and Communications Technology", True),
    ("MoUs", "Memorandums of Understanding", True),
    ("XYZ", "National Data Administration", False),
])
def test_initials_match(acronym, long_form, ok):
    assert initials_match(acronym, long_form) is ok


def test_defined_acronym_is_org_everywhere():
    text = "Liu heads the National Data Administration (NDA). The NDA said it grew."
    spans = [span_of(text, "the National Data Administration", "ORG")]
    assert ents(text, spans) == [("National Data Administration", "ORG"), ("NDA", "ORG"), ("NDA", "ORG")]


def test_surname_refers_back_to_person():
    text = "Liu Liehong spoke. Later Liu said data matter. Wang agreed."
    spans = [span_of(text, "Liu Liehong", "PERSON"), span_of(text, "Liu", "ORG", nth=1)]
    assert ents(text, spans) == [("Liu Liehong", "PERSON"), ("Liu", "PERSON")]


def test_byline_and_credits_name_people_and_agencies():
    text = "By FAN FEIFEI and HU MEIDONG in Fuzhou | China Daily\nA robot writes. LIN SHANCHUAN/XINHUA\nAI Photo: VCG"
    found = ents(text, [])
    assert ("FAN FEIFEI", "PERSON") in found
    assert ("HU MEIDONG", "PERSON") in found
    assert ("LIN SHANCHUAN", "PERSON") in found
    assert ("XINHUA", "ORG") in found
    assert ("VCG", "ORG") in found


def test_split_name_is_joined():
    text = "the Standing Committee of the 14th National People's Congress met"
    spans = [span_of(text, "the Standing Committee of the", "ORG"), span_of(text, "National People's Congress", "ORG")]
    assert ents(text, spans) == [("Standing Committee of the 14th National People's Congress", "ORG")]


def test_gazetteer_adds_known_organisations():
    assert ents("Xinhua reported it.", [], {"Xinhua": "ORG"}) == [("Xinhua", "ORG")]


def test_event_named_by_model_is_dropped():
    text = "at the Global Digital Economy Conference 2025 in Beijing"
    assert ents(text, [span_of(text, "the Global Digital Economy Conference 2025", "ORG")]) == []


def test_name_cut_around_an_inner_acronym_is_joined():
    text = "Li, a member of the Political Bureau of the Communist Party of China (CPC) Central Committee, said."
    spans = [span_of(text, "the Political Bureau", "ORG"), span_of(text, "the Communist Party of China", "ORG"),
             span_of(text, "CPC", "ORG"), span_of(text, "Central Committee", "ORG")]
    assert ents(text, spans) == [
        ("Political Bureau of the Communist Party of China (CPC) Central Committee", "ORG")]


def test_two_organisations_joined_by_and_stay_apart():
    text = "Alibaba and Tencent Holdings invested."
    spans = [span_of(text, "Alibaba", "ORG"), span_of(text, "Tencent Holdings", "ORG")]
    assert ents(text, spans) == [("Alibaba", "ORG"), ("Tencent Holdings", "ORG")]


@pytest.mark.parametrize("bad", ["Artificial Intelligence (AI", "Biz / Tech", "USD$3.94 trillion"])
def test_text_that_is_no_name_is_dropped(bad):
    text = f"x {bad} y"
    assert ents(text, [span_of(text, bad, "ORG")]) == []


def test_an_acronym_and_a_surname_carry_the_name_they_stand_for():
    from pipeline.stages.entities import entity_keys

    text = "The National Data Administration (NDA) met. Liu Liehong spoke. Liu and the NDA agreed. Wang Wei and Wang Li."
    spans = [(text.index(n, i), text.index(n, i) + len(n), label) for n, label, i in [
        ("National Data Administration", "ORG", 0), ("NDA", "ORG", 0), ("Liu Liehong", "PERSON", 0),
        ("Liu", "PERSON", 60), ("Wang Wei", "PERSON", 0), ("Wang Li", "PERSON", 0), ("Wang", "PERSON", 100)]]
    keys = entity_keys(text, spans)
    assert keys["NDA", "ORG"] == "National Data Administration"
    assert keys["Liu", "PERSON"] == "Liu Liehong"
    assert keys["Wang", "PERSON"] == "Wang", "two full names share it: left alone"


def test_an_institution_keeps_the_place_it_is_named_for(nlp):
    doc = nlp("The Communications Authority of Kenya said mobile money transactions grew 10 percent to "
              "1.2 trillion shillings in 2024. The Central Bank of Nigeria agreed.")
    names = {e.text for e in doc._.claim_entities if e.label == "ORG"}
    assert {"Communications Authority of Kenya", "Central Bank of Nigeria"} <= names
    speakers = [speaker.text for speaker, _ in doc._.attribution.values() if speaker is not None]
    assert "Communications Authority of Kenya" in speakers


def test_a_byline_name_stops_at_the_line_break():
    text = "By Zhang Lijuan\n\nThe NDA has drawn attention. The move matters."
    assert ents(text, []) == [("Zhang Lijuan", "PERSON")]  # not "Zhang Lijuan\n\nThe", nor "The" after it
