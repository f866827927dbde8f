"""The decisions over the labels (``stages.decisions``): each spec construction alone, and what
the classifier stage stores once they are taken."""

import pytest
import spacy

from pipeline.stages.classifier import ClaimStage, RuleClassifier
from pipeline.stages.decisions import (is_analysts_forecast, is_attributed_forecast, is_dated_call, is_obligation_only,
                                       is_open_question, is_predicted_outcome, is_reported_outcome,
                                       is_unplanned_expectation, lays_a_duty, states_a_goal, states_a_rank,
                                       states_planned_values, with_list_items)
from pipeline.records import Quantity
from test_classifier import Q, view


def last_labels(texts: list[str], scores: dict[str, float]) -> list[str]:
    """The labels ``ClaimStage`` stores for the last of ``texts``, each scored ``scores``."""
    doc = spacy.blank("en")(" ".join(texts))
    views = [(doc.text.index(t), view(t, [Q] if "$" in t else [])) for t in texts]
    ClaimStage(RuleClassifier())._store(doc, {start: scores for start, _ in views}, views)
    return doc._.claim_labels[views[-1][0]]


def list_labels(sentences):
    views = [(i * 100, view(text)) for i, (text, _) in enumerate(sentences)]
    return list(with_list_items(views, {i * 100: labels for i, (_, labels) in enumerate(sentences)}).values())


def test_items_of_a_list_of_objectives_are_its_targets():
    assert list_labels([
        ("The strategy sets eight objectives:", ["policy"]),
        ("1. Attracting talent for the jobs of the future", []),
        ("2. Establishing an incubator for start-ups", ["policy"]),
        ("Officials said more would follow.", []),
        ("- A note after the list", []),
    ]) == [["policy"], ["policy", "target"], ["policy", "target"], [], []]


def test_a_lead_that_refers_back_speaks_with_the_sentence_before_it():
    assert list_labels([
        ("The minister named seven key goals of the budget.", ["policy"]),
        ("The others are:", []),
        ("* A digital skills programme;", []),
    ]) == [["policy"], [], ["policy", "target"]]
    assert list_labels([
        ("The minister named seven key goals of the budget.", ["policy"]),
        ("Delegates came from:", []),  # a lead of its own: the sentence before says nothing of the list
        ("* Ruritania and Zenda", []),
    ]) == [["policy"], [], []]


def test_items_take_nothing_from_a_lead_without_a_colon_nor_when_they_are_clauses():
    assert list_labels([
        ("The ministry set out its goals.", ["policy", "target"]),
        ("- Attracting talent", []),
    ]) == [["policy", "target"], []]
    assert list_labels([
        ("Its goals include:", ["target"]),
        ("- Exports were 10 percent higher", ["metric"]),
        ("- Building 20 data hubs", []),
    ]) == [["target"], ["metric"], ["target"]]


@pytest.mark.parametrize("text, dated", [
    ("The guideline says that by 2028, the share of smart farms should exceed 40 percent.", True),
    ("By 2030, the plan calls for every village to have broadband.", True),
    ("The minister said more efforts should be made to open up data.", False),  # a call alone: policy
    ("By 2030, the share will exceed 40 percent.", False),  # no call: the model decides
    ("Zenco is committing $4 billion to new plants by 2031.", True),  # a duty taken
    ("Licence holders face a requirement to cover 95% of homes by the end of 2027.", True),  # a duty laid
    ("Zenco is committed to its customers.", False),  # no year
])
def test_a_call_with_a_deadline_is_a_dated_call(text, dated):
    assert is_dated_call(view(text)) == dated


@pytest.mark.parametrize("text, forecast", [
    ("Ruritania is poised to spend $2 billion on broadband by 2027, according to a research firm.", True),
    ("Sales in the region are expected to reach $5 billion by 2026, a consultancy's report said.", True),
    ("Ruritania aims to spend $2 billion on broadband by 2027, according to the ministry.", False),  # an aim
    ("The ministry said it will spend $2 billion on broadband by 2027.", False),  # a promise
    ("Zenco expects to invest $1 billion next year, the company said.", False),  # an actor's intention
    ("Exports are expected to double by 2027.", False),  # no source: the model decides
])
def test_an_attributed_forecast_is_no_target(text, forecast):
    assert is_attributed_forecast(view(text)) == forecast


@pytest.mark.parametrize("text, predicted", [
    ("The minister forecast that the digital economy will reach 15 percent of GDP in 2028.", True),
    ("Analysts predict the new levy would cut exports by a third.", True),
    ("Experts believe the new agency will help modernise the registry.", True),
    ("The grid operator warned that delays will hold back new data centres.", True),
    ("The ministry warned that it will retaliate against the tariffs.", False),  # a threat: an intention
    ("The ministry will build 40 hubs, and analysts predict demand will double.", False),  # a promise first
    ("Zenco plans to open two plants, and analysts forecast they will be profitable.", False),  # an intention
    ("Sales grew 20 percent last year, the forecast showed.", False),  # no modal after it
])
def test_an_outcome_someone_predicts_is_no_target(text, predicted):
    assert is_predicted_outcome(view(text)) == predicted


@pytest.mark.parametrize("text, forecast", [
    ("Analysts said the market will grow 10 percent.", True),
    ("“Demand will double this year,” Mira Holt, an analyst at Zenco Research, wrote in a note.", True),
    ("Cloud revenue will reach $4 billion by 2030, according to economists.", True),
    ("Analysts said Zenco plans to build two plants.", False),  # an intention, reported
    ("The ministry will hire 500 data analysts by 2027.", False),  # analysts hired, not a source
    ("The agency will train 300 experts next year.", False),
    ("Critics say the rules will stifle innovation.", True),  # an opinion of an outcome, no one's goal
])
def test_what_analysts_say_will_happen_is_no_target(text, forecast):
    assert is_analysts_forecast(view(text)) == forecast


@pytest.mark.parametrize("text, plan_nearby, forecast", [
    ("Worldwide shipments of tablets will grow 3 percent this year, Zenco Research said.", False, True),
    ("According to Zenco, cloud spending will total $5 billion in 2027.", False, True),
    ("Zenco expects 5G connections in Ruritania to reach 26 million by 2030.", False, True),
    ("According to the plan, cloud spending will total $5 billion in 2027.", True, False),  # a plan sets it
    ("Zenco said it will reach 10 million customers by 2027.", False, False),  # its own act
    ("Zenco said the fund will double its capacity to 40 GW.", False, False),  # no outcome verb: an intention
    ("Cloud spending will total $5 billion in 2027.", False, False),  # no source: the model decides
    ("It is estimated that the industry will surpass 5 billion yuan in 2027.", False, False),  # no one named
])
def test_an_outcome_a_source_reports_is_no_target(text, plan_nearby, forecast):
    assert is_reported_outcome(view(text, [Q]), plan_nearby) == forecast


@pytest.mark.parametrize("text, plan_nearby, forecast", [
    ("The market is expected to reach $3 billion by 2031.", False, True),
    ("Exports are likely to double by 2029.", False, True),
    ("The market is expected to reach $3 billion by 2031.", True, False),  # the passage presents a plan
    ("The agency is expected to open 12 offices and will hire 300 staff.", False, False),  # a promise too
    ("The ministry is expected to set a target of 40 hubs.", False, False),  # a goal word
])
def test_an_expectation_with_no_plan_nearby_is_no_target(text, plan_nearby, forecast):
    assert is_unplanned_expectation(view(text), plan_nearby) == forecast


@pytest.mark.parametrize("text, duty", [
    ("Operators are required to store user data within the country.", True),
    ("Platforms will be barred from showing ads to children.", True),
    ("Zenco is required to pay a fine of $5 million.", True),
    ("The new plant is expected to open in 2026.", False),
    ("Users required more storage.", False),  # no duty laid: a verb of need
])
def test_a_duty_laid_on_those_a_rule_governs_is_policy(text, duty):
    assert lays_a_duty(view(text)) == duty


@pytest.mark.parametrize("text, goal", [
    ("Our goal is for the sector to reach 15% of exports.", True),
    ("It is a step towards the country's goal to become a chip hub.", True),
    ("The city aspires to position itself as a data hub.", True),
    ("Zenco announced its intention to close two plants.", True),
    ("Key objectives include faster permits for data centres.", True),
    ("The data show half of the 2030 goals are on track to be met.", False),  # a goal's state
    ("We don't want to import solutions.", False),
    ("Many users want to pay less for data.", False),  # a wish of no one who acts
    ("The goals for 2030 were missed.", False),
    ("The eight objectives include:", False),  # a list's lead: its items say the goals
])
def test_a_goal_stated_outright_is_a_target(text, goal):
    assert states_a_goal(view(text)) == goal


@pytest.mark.parametrize("text, number, planned", [
    ("Norland aims for its digital economy to make up 30 percent of GDP by 2030.", "30 percent", True),
    ("Zenco plans to invest 1.2 billion yuan over the next five years.", "1.2 billion yuan", True),
    ("The department is hoping for funding of R340-million.", "R340-million", True),
    ("Zenco, which sold 5 million kettles, plans to build a plant.", "5 million", False),  # a value before
    ("Zenco aims to double sales by 2027 after they reached $2 billion in 2023.", "$2 billion", False),  # earlier
    ("Zenco, the world's largest maker of kettles, plans to open 50 shops.", "50", False),  # a rank too
    ("Zenco called a halt to plans for 30 data centres.", "30", False),  # the noun ``plans``
])
def test_numbers_after_a_verb_of_intention_are_planned_values(text, number, planned):
    start = text.index(number)
    assert states_planned_values(view(text, [Quantity(start, start + len(number), number, None, None)])) == planned


@pytest.mark.parametrize("text, obliged", [
    ("Zenco will have to apply for a permit.", True),
    ("Users will now be able to move their data.", True),
    ("Zenco will no longer be allowed to export kettles.", True),
    ("Zenco will have to apply for a permit and will build a plant.", False),  # an intention too
    ("Each operator will have to build 500 masts by the end of 2027.", False),  # a dated duty
    ("Zenco will build a plant.", False),
])
def test_an_obligation_or_an_ability_alone_is_no_intention(text, obliged):
    assert is_obligation_only(view(text)) == obliged


@pytest.mark.parametrize("text, open_question", [
    ("How will the ministry pay for the new hubs?", True),
    ("“Who will pay for it?”", True),
    ("It is still unclear when the levy will apply, or whether the agency will enforce it.", True),
    ("The agency will clarify the unclear rules by 2027.", False),  # the doubt follows the promise
    ("Despite uncertain demand, Zenco will build a plant.", False),  # an adjective: no doubt of the plan
    ("The ministry will build 40 hubs by 2027.", False),
    ("The government has not said how it will fund the programme.", True),  # left open by whoever would answer
    ("Zenco declined to say when it will open the plant.", True),
    ("It did not say the plant will close.", False),  # a denial, no question
])
def test_an_open_question_states_no_goal(text, open_question):
    assert is_open_question(view(text)) == open_question


@pytest.mark.parametrize("text, rank", [
    ("Zenco, the world's largest maker of kettles, opened a plant.", True),
    ("The penalty is the largest privacy fine ever imposed.", True),
    ("Ruritania is the region's second-largest market for phones.", True),
    ("Its broadband network ranks third in the world.", True),
    ("Zenda remains the second-strongest exporter after Ruritania.", True),
    ("Zenco is the largest kettle maker in the region.", True),
    ("The deal pits market leader Zenco against two rivals.", True),
    ("The grant will help Zenco to produce the most efficient kettles in the world.", False),  # a goal
    ("Zenco runs one of the world's largest data campuses.", False),  # vague praise
    ("As one of the towns with the most data centres and the most favourable grid links in the world, Zenda grew.",
     False),
    ("The province aims to become the country's biggest data hub.", False),  # a goal
    ("The world's leaders met in Zenda.", False),
    ("Zenda praised its leading role in the region.", False),  # praise
])
def test_a_position_stated_outright_is_a_rank(text, rank):
    assert states_a_rank(view(text)) == rank


def test_the_passage_of_an_expectation_is_the_sentence_and_the_two_before():
    expectation = "Exports are expected to reach $3 billion by 2031."
    scores = {"metric": 0.2, "target": 0.9, "policy": 0.1}
    assert last_labels(["Zenda hosts many firms.", "The guideline was issued on Monday.", "Ruritania is large.",
                        expectation], scores) == ["target"]
    assert last_labels(["The guideline was issued on Monday.", "Zenda hosts many firms.", "Ruritania is large.",
                        expectation], scores) == ["metric"]


def test_an_expectation_with_a_deadline_in_a_plans_passage_is_the_plans_target():
    metric = {"metric": 0.9, "target": 0.4, "policy": 0.1}
    plan = "Under the plan, the exchange will be enlarged."
    # spec §8: target, and not metric (a planned value), where the passage presents the plan
    assert last_labels([plan, "Some 900 data products are expected to be listed on it by 2027."], metric) == ["target"]
    # beside a value stated for an earlier time, it is that value's trend carried on: a forecast
    assert last_labels([plan, "Listings peaked at 300 in 2021 and are expected to reach $4 billion by 2027."],
                       metric) == ["metric"]
    assert last_labels([plan, "Sales are expected to reach $4 billion by 2027; last year, they exceeded $1 billion."],
                       {"metric": 0.9, "target": 0.9, "policy": 0.1}) == ["metric"]
    # a source's expectation is a forecast, and so is one no plan is near
    assert last_labels([plan, "Listings are expected to reach 900 by 2027, according to a research firm."],
                       metric) == ["metric"]
    assert last_labels(["Zenda hosts many firms.", "Listings are expected to reach 900 by 2027."], metric) == ["metric"]


def test_data_are_a_source_when_they_come_from_someone_or_show_something_not_when_they_are_products():
    scores = {"metric": 0.2, "target": 0.9, "policy": 0.1}
    assert last_labels(["Sales of data products are expected to reach $3 billion by 2027, Zenco plans say."],
                       scores) == ["target"]
    assert last_labels(["Data from Zenco show sales are expected to reach $3 billion by 2027."], scores) == ["metric"]


@pytest.mark.parametrize("text, scores, stored", [
    # a dated call: a target whose numbers are planned
    ("The guideline says that by 2028, the share of smart farms should exceed $40 a month.",
     {"metric": 0.9, "target": 0.2, "policy": 0.7}, ["policy", "target"]),
    # what someone means to reach: a target whose numbers are planned
    ("Norland aims for its digital economy to reach $10 billion by 2030.",
     {"metric": 0.9, "target": 0.7, "policy": 0.1}, ["target"]),
    # an attributed forecast of a quantity: a metric
    ("Ruritania is poised to spend $2 billion on broadband by 2027, according to a research firm.",
     {"metric": 0.2, "target": 0.9, "policy": 0.1}, ["metric"]),
    # a rank: a metric
    ("Zenco, the world's largest maker of kettles, opened a plant in Zenda.",
     {"metric": 0.2, "target": 0.1, "policy": 0.1}, ["metric"]),
    # an open question: no target, and no metric gained
    ("How will the ministry spend $2 billion on the new hubs?",
     {"metric": 0.2, "target": 0.9, "policy": 0.7}, ["policy"]),
], ids=["dated call", "planned values", "attributed forecast", "rank", "open question"])
def test_what_the_stage_stores_once_the_words_have_decided(text, scores, stored):
    assert last_labels([text], scores) == stored
