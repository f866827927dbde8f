"""What the spec settles from a sentence's own words, over the classifier's labels.

The classifier scores words; some of the spec's lines are drawn by constructions a bag of words
does not see, and the training articles, mostly China's plans, have too few of them for the model
to learn: a call or a duty with a deadline is a plan's goal (§8), a forecast is metric and not
target however it is worded (§2, §8), a stated rank is metric (§8), a question or an obligation
states no intention (§2), a goal stated outright is a target (§2), a duty laid on those a rule
governs is policy (§2), and a list's items say what its lead says of them. Each decision reads a
sentence's ``SentenceView`` (its text, lower-cased text, quantities and the classifier's cues), so
none needs a model, and each was measured on the regions' fold models held fixed (docs/accuracy.md,
"Ranks, forecasts and open questions, decided over the labels").
"""

from __future__ import annotations

import re
from typing import Protocol, Sequence

from pipeline.patterns import quick_search


class SentenceView(Protocol):
    """What a decision reads of a sentence: the classifier's ``SentenceView`` (which imports this
    module) has it."""

    text: str
    quantities: tuple

    @property
    def lower(self) -> str: ...

    @property
    def cues(self) -> dict[str, float]: ...


# a duty taken or laid on someone: a commitment, a pledge, a requirement, an obligation
DUTY = re.compile(r"\b(?:commit\w*|pledg\w*|promis\w*|requir\w*|obligat\w*|obliged|mandat\w*)\b")


def is_dated_call(view: SentenceView) -> bool:
    """A call or a duty with a deadline is a plan's goal (spec §2, §8): ``the guideline stipulates
    that by 2027, the rate should exceed 70 percent``, ``X is committing $50 billion by 2030``, ``a
    requirement to cover 98% of households by the end of 2022`` are targets, and their numbers planned
    values, not metric. Without a year, a call on others to act is policy alone (spec §2)."""
    return bool(view.cues["cue:by_year"] and (view.cues["cue:should"] or DUTY.search(view.lower)))


def names_an_intention(view: SentenceView) -> bool:
    """A verb of intention before ``to`` (``plans to``) or a goal word: what the decisions that take a
    target away leave alone, since the sentence says what someone means to do."""
    return bool(view.cues["cue:future_intent"] or view.cues["cue:goal_word"])


# an estimate's words beyond the forecast cue, a source that states it, and a promise (``would`` is
# neither: it reports an intention as often as a forecast)
ESTIMATE = re.compile(r"\b(?:poised|could|predict\w*|forecasts?|projections?)\b")
STATED_BY = re.compile(r"\b(?:according to|said|says|report\w*|stud(?:y|ies)|survey|analys\w+|research\w*|"
                       r"data\s+(?:from|show\w*|released|published|compiled|cited))\b")
PROMISE = re.compile(r"\b(?:will|shall)\b")


def is_attributed_forecast(view: SentenceView) -> bool:
    """An expectation a source states, with no word of intention: a forecast, metric and not
    target (spec §8: ``is poised to spend US$9 billion by 2024, according to a research firm``)."""
    if names_an_intention(view):
        return False
    lower = view.lower
    return bool((view.cues["cue:forecast"] or ESTIMATE.search(lower)) and STATED_BY.search(lower)
                and not PROMISE.search(lower))


# a verb of prediction or belief, and the modal of the clause it governs; a warning about what
# the one who warns will do is a threat, an intention (``warned that it will retaliate``)
PREDICTION = re.compile(r"\b(?:forecast(?:s|ed)?|predict(?:s|ed)?|believe[sd]?|"
                        r"warn(?:s|ed)?\s+that(?!\s+(?:it|we|they|he|she|the\s+(?:country|government))\b))"
                        r"(?:\s+that)?\s+[^.;:]{0,150}?\b(?:will|would|could)\b")
MODAL = re.compile(r"\b(?:will|would|shall)\b")


# analysts, economists or experts as the ones who state it: who forecasts, not who acts
ANALYSTS = re.compile(r"\b(?:analysts?|economists?|experts?|critics?|observers?)\s+(?:\w+\s+)?(?:said|say|says|"
                      r"expect\w*|estimat\w*|predict\w*|believe\w*|forecast\w*|project(?:s|ed)|note[sd]?|wrote|warn\w*|"
                      r"argue[sd]?|fear\w*)\b|"
                      r"\b(?:an?|the)\s+(?:\w+\s+)?(?:analyst|economist)\s+(?:at|with|from)\b|"
                      r"\baccording\s+to\s+(?:\w+\s+)?(?:analysts|economists|experts)\b")


def is_analysts_forecast(view: SentenceView) -> bool:
    """What analysts, economists or critics say will happen, with no word of intention, is a forecast
    or an opinion, no one's goal (spec §8: attributed to an analyst or a research firm): ``analysts
    said the market will grow 10 percent``, ``critics say the rules will stifle innovation``."""
    return not names_an_intention(view) and ANALYSTS.search(view.lower) is not None


# a source the sentence names as reporting it (not ``it is estimated``, a plan's own voice as often), and
# a modal whose verb states where a quantity will stand or how it will move (intransitive: not ``will
# double its capacity``, an intention), after no pronoun (``it will reach``: the speaker's own act)
REPORTED = re.compile(r"\baccording\s+to\b|\b(?:said|says|told|estimates|forecasts|predicts|projects)\b")
MOVES = r"reach|total|grow|rise|fall|decline|exceed|surpass|top|hit|climb|drop|shrink|contract"
OUTCOME = re.compile(r"(?<!\bit )(?<!\bwe )(?<!\bthey )(?<!\bhe )(?<!\bshe )\b(?:will|would)\s+(?:\w+ly\s+)?"
                     rf"(?:{MOVES}|be\s+worth|amount\s+to|stand\s+at)\b")

# what someone expects a quantity to do (``expects 5G connections to reach 226 million``): a source's outlook
EXPECTS_OUTCOME = re.compile(rf"\bexpect(?:s|ed)?\s+(?!to\b)(?:[\w.'’-]+\s+){{1,8}}?to\s+(?:{MOVES}|remain|stay)\b")


def is_reported_outcome(view: SentenceView, plan_nearby: bool) -> bool:
    """Where a quantity will stand or how it will move, as a named source reports it and with no
    plan in the passage, is a forecast (spec §2: an outcome nobody steers; §8: attributed to an
    analyst, a research firm or a company's market outlook): ``worldwide shipments will grow 3
    percent this year, Zenco Research said``, ``Zenco expects 5G connections to reach 226 million``."""
    if plan_nearby or names_an_intention(view) or not view.quantities:
        return False
    lower = view.lower
    if EXPECTS_OUTCOME.search(lower):
        return True
    found = OUTCOME.search(lower)
    return found is not None and not MODAL.search(lower, 0, found.start()) and REPORTED.search(lower) is not None


def is_predicted_outcome(view: SentenceView) -> bool:
    """A sentence whose first modal stands in what someone forecasts, predicts or believes states an
    outcome, not an intention: a forecast, metric and not target (spec §2, §8: ``the minister
    forecast that the digital economy will contribute 20 percent of GDP in 2026``)."""
    if names_an_intention(view):
        return False
    found = PREDICTION.search(view.lower)
    return bool(found) and not MODAL.search(view.lower, 0, found.start())


EXPECTED = re.compile(r"\b(?:is|are|was|were|be|been)\s+(?:\w+ly\s+|also\s+|now\s+)?(?:expected|projected|forecast|"
                      r"estimated|predicted|anticipated|likely|poised)\s+to\b")


def is_planned_expectation(view: SentenceView) -> bool:
    """An expectation with a deadline, stated by no source, in a passage that presents a plan: the
    plan's goal, target and not metric (spec §8: ``the exchange is expected to serve about 100,000
    entities by 2025`` under the city's plan for it)."""
    return bool(view.cues["cue:by_year"] and EXPECTED.search(view.lower) and not REPORTED.search(view.lower)
                and not ESTIMATE.search(view.lower))


EARLIER = re.compile(r"\b(?:last|past|previous)\s+(?:year|month|quarter)\b")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")  # a year as a word (the classifier reads it too)


def states_an_earlier_value(view: SentenceView) -> bool:
    """Whether the sentence dates something before its deadline too: two years (``peaked in 2021 and is
    expected to shrink ... by 2050``) or a past period (``last year``)."""
    return len(set(YEAR.findall(view.text))) > 1 or EARLIER.search(view.lower) is not None


def is_continued_trend(view: SentenceView) -> bool:
    """An expectation the sentence sets beside an earlier value is that value's trend carried on, an
    estimate of an outcome (spec §8: a forecast, metric), even in a plan's passage: ``the population
    peaked at 1.41 billion in 2021 and is expected to shrink by 100 million by 2050``, ``is expected to
    account for 50 percent of GDP by 2025; last year, it exceeded 40 percent``."""
    return not names_an_intention(view) and is_planned_expectation(view) and states_an_earlier_value(view)


def is_unplanned_expectation(view: SentenceView, plan_nearby: bool) -> bool:
    """An expectation with no plan in its passage is a forecast: ``the market is expected to reach
    $1 trillion by 2030`` (spec §8: a target when the sentence or the passage it stands in presents
    the plan that sets it, a forecast otherwise). The passage is the sentence and the two before it."""
    if plan_nearby or names_an_intention(view):
        return False
    return bool(EXPECTED.search(view.lower)) and not MODAL.search(view.lower)


# a question's closing quotes and brackets, and a doubt that governs what follows it (``it is unclear
# when the rules will apply``; not an adjective, ``despite uncertain demand``)
CLOSING = " \t\r\n\"”’')"
DOUBT = re.compile(r"\b(?:is|are|was|were|remains?|remained|it['’]s)\s+(?:\w+\s+)?"
                   r"(?:unclear|uncertain|not\s+(?:yet\s+)?clear)\b|\bremains\s+to\s+be\s+seen\b|"
                   r"\b(?:unclear|uncertain)\s+(?:whether|when|how|if|what|who|why)\b|"
                   # a question left open by whoever would answer it: ``has not said how it will``
                   r"\b(?:(?:has|have|had|did)\s+not\s+(?:yet\s+)?(?:said|say|disclosed|disclose|specified|specify|"
                   r"decided|decide)|declined\s+to\s+(?:say|disclose|specify))\s+"
                   r"(?:how|when|whether|what|if|where|which)\b")
# the words every doubt above holds: where none is, no doubt is looked for
DOUBT_FOUND = quick_search(re.compile(r"(?:unclear|uncertain|not\s+(?:yet\s+)?clear|remains\s+to\s+be\s+seen|"
                                      r"not\s+(?:yet\s+)?(?:said|say|disclose|specif|decide)|declined\s+to)"))


def is_open_question(view: SentenceView) -> bool:
    """A question, or a doubt before the sentence's first modal, states no goal (spec §2: a target
    states what an actor intends): ``how will you control dropouts?``, ``it is unclear how the ban
    will be enforced``."""
    if view.text.rstrip(CLOSING).endswith("?"):
        return True
    if not DOUBT_FOUND(view.lower):
        return False
    doubt, modal = DOUBT.search(view.lower), MODAL.search(view.lower)
    return doubt is not None and modal is not None and doubt.start() < modal.start()


# what ``will`` says when it brings an obligation or an ability, not an intention
OBLIGED = re.compile(r"\bwill\s+(?:\w+\s+)?(?:have\s+to|need\s+to|be\s+(?:required|obliged|allowed|able)|"
                     r"no\s+longer\s+be\s+allowed)\b")


def is_obligation_only(view: SentenceView) -> bool:
    """A sentence whose every modal brings an obligation or an ability states no intention (spec §2:
    ``will`` + an intended action): ``the company will have to apply for a permit``, ``users will be
    able to share their data``. With a deadline it is a duty, a target (``is_dated_call``)."""
    if names_an_intention(view) or view.cues["cue:by_year"]:
        return False
    modals = [m.start() for m in MODAL.finditer(view.lower)]
    obliged = {m.start() for m in OBLIGED.finditer(view.lower)}
    return bool(modals) and all(start in obliged for start in modals)


# a position stated outright (spec §8, ranks without numbers): ``the world's largest X``, ``the
# largest fine ever``, ``ranks second``, ``the second-strongest``, ``the largest market in the region``,
# ``market leader``; not ``one of the world's largest`` (vague praise) nor a rank to become (a goal),
# nor ``leading`` or ``top`` in a scope (``its leading role in the region``: praise)
RANK = re.compile(
    r"\b(?:world|country|nation|globe|continent|region)['’]s\s+(?:[\w-]+\s+)?(?:largest|biggest|highest|"
    r"number\s+one|no\.\s*1|(?:second|third)[- ](?:largest|biggest))\b|"
    r"\b(?:largest|biggest|highest)\b[^.;:]{0,40}?\bever\b|"
    r"\brank(?:s|ed|ing)?\s+(?:as\s+)?(?:no\.?\s*\d+|first|second|third|fourth|fifth|top|\d+(?:st|nd|rd|th))\b|"
    r"\b(?:second|third|fourth|fifth)[- ](?:largest|biggest|strongest|highest|most)\b|"
    r"\b(?:the|its)\s+(?:largest|biggest)\s+[\w\s-]{0,40}?\b(?:in|of)\s+the\s+"
    r"(?:world|region|country)\b|"
    r"\bmarket\s+leader\b")
# a word every way of stating a rank above holds: where none is, no rank is looked for
RANK_WORD_FOUND = quick_search(re.compile(r"(?:largest|biggest|highest|strongest|most|leader|rank|number\s+one|no\.)"))
VAGUE_OR_AIMED = re.compile(r"\b(?:(?:one|some|many)\s+of|among)\b[^.;:]{0,100}$|"
                            r"\b(?:becom\w*|establish\w*|to\s+(?:be|build|make|create|produce|develop)|will\s+be)\b"
                            r"[^.;:]{0,40}$")


def states_a_rank(view: SentenceView) -> bool:
    """A sentence that states a position, not in praise nor as a goal, is metric (spec §8)."""
    lower = view.lower
    return RANK_WORD_FOUND(lower) and any(not VAGUE_OR_AIMED.search(lower, max(0, m.start() - 120), m.start())
                                          for m in RANK.finditer(lower))


# a goal or an intention stated outright: ``our goal is for the sector to``, ``the country's goal to
# become``, ``aspires to``, ``intends to``, ``wants to``, ``with the aim of``, ``its intention to``,
# ``key objectives include``, ``as milestones``; not a goal's state (``the goals are on track to be met``)
STATED_GOAL = re.compile(
    r"\b(?:goal|aim|ambition|objective|intention|aspiration)s?\s+(?:is|was|are|were)\s+(?:to|for)\s+\w|"
    r"\b(?:goal|ambition|intention|aspiration)s?\s+(?:to|of\s+becoming)\s+(?!be\s+met\b|date\b)\w|"
    r"\baspires?\s+to\b|\bintends?\s+to\b|(?<!n't )(?<!not )\b(?:wants|we\s+want)\s+to\b|"
    r"\bwith\s+the\s+(?:aim|goal|objective|intention)\s+of\b|\b(?:objectives|goals|milestones)\s+include\s+\w|"
    r"\bas\s+(?:\w+\s+){0,2}milestones\b")


# a word every way of stating a goal above holds
GOAL_WORD_FOUND = quick_search(re.compile(r"(?:goal|aim|ambition|objective|intention|aspiration|aspire|intend|want|"
                                          r"milestone)"))


def states_a_goal(view: SentenceView) -> bool:
    """A goal or an intention stated outright is a target (spec §2: ``aims to``, ``target of``)."""
    return GOAL_WORD_FOUND(view.lower) and STATED_GOAL.search(view.lower) is not None


# a duty or a ban laid on those a rule governs: ``operators are required to store data``, ``platforms will
# be barred from``
DUTY_LAID = re.compile(r"\b(?:is|are|will\s+be|would\s+be|shall\s+be)\s+(?:\w+ly\s+|now\s+|also\s+)?(?:required|"
                       r"obliged|obligated|mandated|compelled|prohibited|banned|barred|forbidden)\s+(?:to|from)\b")


def lays_a_duty(view: SentenceView) -> bool:
    """A duty or a ban laid on those a rule governs is regulation at work: policy (spec §2, policy (b))."""
    return DUTY_LAID.search(view.lower) is not None


# a verb of intention and what opens what it intends: ``aims to``, ``aims for``, ``plans to`` (not the noun
# ``plans for``), ``is targeting``
INTENTION = re.compile(r"\b(?:aims?|aiming|aimed|seeks?|seeking|intends?|intending|wants?|hopes?|hoping|"
                       r"targets?|targeting)\s+(?:to|for|at)\b|\b(?:plans?|planning)\s+to\b")


def states_planned_values(view: SentenceView) -> bool:
    """Every number after a verb of intention, and no earlier value or rank beside them: what someone
    means to reach, a target, whose numbers are planned values and not metric (spec §8: "planned values
    are not metric"; ``Vietnam aims for its digital economy to make up 30 percent of GDP by 2030``, ``Zenco
    plans to invest 1.2 billion yuan over the next five years``)."""
    if not view.quantities:
        return False
    found = INTENTION.search(view.lower)
    if found is None:
        return False
    starts = [view.text.find(q.text) for q in view.quantities]
    return all(start >= found.end() for start in starts) and not states_an_earlier_value(view) and \
        not states_a_rank(view)


def decided_labels(labels: list[str], view: SentenceView, plan_nearby: bool = True) -> list[str]:
    """A sentence's labels after what its own words settle over the scores: a dated call or duty is
    a target with no metric, a goal stated outright a target, an expectation with a deadline that no
    source states, with a plan nearby and no earlier value beside it, the plan's target, a stated rank
    a metric, a duty laid on those a rule governs policy; a forecast, attributed, predicted, reported,
    a trend carried on or with no plan nearby (``plan_nearby``: an instrument named in the sentence or
    the two before it), is no target, and metric where it states a quantity; an open question, and an
    obligation or an ability alone, is no target."""
    if is_dated_call(view):
        labels = sorted((set(labels) - {"metric"}) | {"target"})
    elif states_a_rank(view):
        labels = sorted(set(labels) | {"metric"})
    if states_a_goal(view):
        labels = sorted(set(labels) | {"target"})
    elif plan_nearby and is_planned_expectation(view) and not states_an_earlier_value(view):
        labels = sorted((set(labels) - {"metric"}) | {"target"})  # a planned value is no metric
    if states_planned_values(view):
        labels = sorted((set(labels) - {"metric"}) | {"target"})
    if lays_a_duty(view):
        labels = sorted(set(labels) | {"policy"})
    if "target" not in labels:
        return labels
    if is_attributed_forecast(view) or is_predicted_outcome(view) or is_analysts_forecast(view) or \
            is_reported_outcome(view, plan_nearby) or is_unplanned_expectation(view, plan_nearby) or \
            is_continued_trend(view):
        return sorted((set(labels) - {"target"}) | ({"metric"} if view.quantities else set()))
    return [label for label in labels if label != "target"] \
        if is_open_question(view) or is_obligation_only(view) else labels


# an item of a list (``1.``, ``-``, ``•`` at a sentence's start), and a word that makes a clause of it
LIST_ITEM = re.compile(r"^\s*(?:[-*•▪◦■►●▲]|\d{1,2}[.)])\s+")
REFERS_BACK = re.compile(r"^\W*(?:the\s+)?(?:others?|these|those|they|them|it|which)\b", re.I)
FINITE_WORD = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|shall|can|could|should|may|might|must|"
                         r"does|did)\b", re.I)


def with_list_items(views: Sequence[tuple[int, SentenceView]], labels: dict[int, list[str]]
                    ) -> dict[int, list[str]]:
    """The items of a list that a sentence opens with a colon say what that sentence says of them:
    an item that is no clause of its own (``1. Attracting talent``) takes the lead's policy and
    target labels, and target when the lead names goals (``The eight objectives include:``); a lead
    that refers back (``The others are:``) says it with the sentence before it. The words of an item
    alone rarely say that it is one of a strategy's objectives."""
    lead: tuple[set[str], bool] | None = None  # the lead's labels, and whether it names goals
    before: tuple[set[str], bool] = (set(), False)
    for start, view in views:
        said = (set(labels.get(start, ())), bool(view.cues["cue:goal_word"]))
        if not LIST_ITEM.match(view.text):
            lead = None
            if view.text.rstrip().endswith(":"):
                lead = (said[0] | before[0], said[1] or before[1]) if REFERS_BACK.match(view.text) else said
            before = said
            continue
        if lead is None or start not in labels or FINITE_WORD.search(view.text):
            continue
        taken = lead[0] & {"policy", "target"}
        if lead[1]:
            taken.add("target")
        labels[start] = sorted(set(labels[start]) | taken)
    return labels
