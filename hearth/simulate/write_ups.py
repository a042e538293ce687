"""Plausible write-ups for the demo council's visits, assessments and conferences: the wording fits
the child's sex (he or she; the first name when not known) and age (a baby says nothing; a teenager
talks about college, not nursery), and where the child lives (at home, or in a placement).

Each is chosen by a generator seeded from the child and the day, not the simulation's own random
draws, so the council it builds is otherwise the one it built before these were recorded."""

import datetime
import random
from dataclasses import dataclass

from hearth.simulate.draws import case_key

BABY, YOUNG, PRIMARY, TEENAGER = "baby", "young", "primary", "teenager"


@dataclass(frozen=True)
class Words:
    """How to speak of this child: pronouns by sex, and the age band the wording is drawn from."""

    he: str
    his: str
    him: str
    band: str

    @property
    def He(self) -> str:  # noqa: N802 (the sentence-initial form reads naturally in the templates)
        return self.he[:1].upper() + self.he[1:]

    @property
    def His(self) -> str:  # noqa: N802
        return self.his[:1].upper() + self.his[1:]


def words_for(child, on: datetime.date) -> Words:
    """He or she by the child's recorded sex; when it is not known, the child's first name (the
    sentences' verbs agree with a singular subject, which "they" would not)."""
    pronouns = {"F": ("she", "her", "her"), "M": ("he", "his", "him")}.get(
        child.sex, (child.first_name, f"{child.first_name}'s", child.first_name)
    )
    return Words(*pronouns, band=_band(child.date_of_birth, on))


def band_of(child, on: datetime.date) -> str:
    return _band(child.date_of_birth, on)


def _band(born: datetime.date | None, on: datetime.date) -> str:
    if born is None:
        return PRIMARY
    years = (on - born).days / 365.25
    if years < 2:
        return BABY
    if years < 5:
        return YOUNG
    if years < 12:
        return PRIMARY
    return TEENAGER


# The child's voice by age band; {carer} is "mum" at home and "the carers" in a placement.
VOICES = {
    BABY: [
        "Too young to talk; {he} was settled on {carer}'s lap, babbling and making good eye contact.",
        "Too young to talk; {he} reached for {carer} when I came in and settled quickly when picked up.",
        "Too young to talk; {he} was alert and smiley, feeding well during the visit.",
    ],
    YOUNG: [
        'Showed me {his} toys and said "I like the park"; pointed to {carer} when I asked who makes tea.',
        "Chatty; told me about {his} best friend at nursery and the painting {he} did that morning.",
        "Shy at first; then showed me {his} favourite book and said {he} likes bath time.",
    ],
    PRIMARY: [
        "Said things are calmer at home and {he} has stopped worrying at night.",
        "Told me {he} likes {his} teacher and wants to join the after-school football club.",
        "Did not want to talk much; nodded when I asked if school was better. Smiled when we played Uno.",
        "Said {he} misses {his} dad and would like to see more of dad at weekends.",
    ],
    TEENAGER: [
        'Said {he} is fed up with people asking questions but that college is "alright actually".',
        "Wants more say in the plan; said {he} feels listened to when we meet away from the house.",
        "Talked about {his} part-time job and GCSE options; said home feels more settled.",
        "Did not want to talk about home; we talked about music and {his} phone instead.",
    ],
}
OBSERVATIONS_AT_HOME = {
    BABY: "The home was warm and clean; the cot made up, bottles sterilised and nappies in. {carer_cap} responded "
    "quickly when {he} cried.",
    YOUNG: "The home was tidy enough and warm; food in the cupboards. {carer_cap} was patient and praised {him}.",
    PRIMARY: "The home was warm with food in; {his} uniform was clean and ready for school. Warm exchanges between "
    "{him} and {carer}.",
    TEENAGER: "The home was calm; {he} came down when asked and joked with {carer}. Some tension over phone rules.",
}
OBSERVATIONS_ELSEWHERE = {
    BABY: "Seen with {carer} at the family centre: clean, well dressed, meeting developmental milestones.",
    YOUNG: "Seen at nursery with {his} key worker: joining in, confident with the other children.",
    PRIMARY: "Seen at school with {his} teacher's agreement: appropriately dressed, engaged, happy to chat.",
    TEENAGER: "Seen at college in a quiet room: relaxed, on time for lessons, talked openly.",
}
OBSERVATIONS_IN_PLACEMENT = {
    BABY: "Settled with the carers; feeding and sleeping routines in place; warm, attentive care.",
    YOUNG: "Settled in the placement; the carers have a clear routine and {he} goes to them for comfort.",
    PRIMARY: "Settled in the placement; {his} room has {his} own things in it. Good rapport with the carers.",
    TEENAGER: "Settled; {he} has more independence in the placement and gets on with the carers most of the time.",
}
BEDROOM = {
    BABY: " The cot was safe, with no loose bedding.",
    YOUNG: " {His} bedroom was warm with a proper bed and {his} toys.",
    PRIMARY: " {His} bedroom had a bed, a desk and {his} drawings on the wall.",
    TEENAGER: " {His} bedroom was {his} own space, with posters and a desk for homework.",
}
OTHERS_AT_HOME = ["Mother", "Mother and her partner", "Mother; maternal grandmother", "Both parents"]
OTHERS_IN_PLACEMENT = ["Both foster carers", "Foster carer", "Foster carer and the carers' own son", "Key worker"]
NEXT_STEPS = {
    BABY: "Health visitor to check weight next week; next visit within the plan's timescale.",
    YOUNG: "Nursery to share attendance at the core group; next visit within the plan's timescale.",
    PRIMARY: "School to share attendance and any concerns; next visit within the plan's timescale.",
    TEENAGER: "Referral to the youth service; agree where we meet next time; next visit within the plan's timescale.",
}


def visit_write_up(child, day: datetime.date, *, seen: bool, in_care: bool) -> dict:
    """The service arguments of a visit's write-up (place, bedroom_seen, child_voice, others_seen,
    observations, next_steps) for a visit that happened."""
    rng = random.Random(f"visit-{case_key(child, day)}")
    words = words_for(child, day)
    where_they_live = "PLACEMENT" if in_care else "HOME"
    place = where_they_live if rng.random() < 0.85 else ("SCHOOL" if words.band != BABY else "OFFICE")
    carer = "the carers" if in_care else "mum"
    fill = {
        "he": words.he,
        "his": words.his,
        "him": words.him,
        "He": words.He,
        "His": words.His,
        "carer": carer,
        "carer_cap": carer.capitalize(),
    }
    bedroom_seen = None
    if place == where_they_live:
        observations = (OBSERVATIONS_IN_PLACEMENT if in_care else OBSERVATIONS_AT_HOME)[words.band]
        if seen:
            bedroom_seen = rng.random() < 0.85
            if bedroom_seen:
                observations += BEDROOM[words.band]
        others = rng.choice(OTHERS_IN_PLACEMENT if in_care else OTHERS_AT_HOME)
    else:
        observations = OBSERVATIONS_ELSEWHERE[words.band]
        others = "Teacher" if place == "SCHOOL" else "Family support worker"
    if not seen:
        observations = f"{words.He} was asleep or out when I called; " + (
            "the carers gave an update." if in_care else "mum gave an update."
        )
    return {
        "place": place,
        "bedroom_seen": bedroom_seen,
        "child_voice": rng.choice(VOICES[words.band]).format(**fill) if seen else "",
        "others_seen": others,
        "observations": observations.format(**fill),
        "next_steps": NEXT_STEPS[words.band],
    }


# An assessment's narrative, by age band: what the worker found in each domain, the analysis and
# the recommendation (which follows the outcome the simulation chose).
DEVELOPMENT = {
    BABY: "Meeting milestones; immunisations up to date; the health visitor reports good weight gain.",
    YOUNG: "Speech a little delayed; attends nursery three days a week; toilet training under way.",
    PRIMARY: "Attendance {attendance}%; reading below the expected level; healthy; makes friends easily.",
    TEENAGER: "Attendance {attendance}%; anxious about exams; some late nights out; healthy, no substance use known.",
}
PARENTING = [
    "Basic care is good; routines slip when mum's mental health is low and there is no plan for those times.",
    "Warm and loving care; parents argue in front of the children and have not accepted the impact.",
    "Both parents provide good basic care; supervision is inconsistent and boundaries are unclear.",
    "Mother meets basic needs but struggles with guidance and boundaries since her separation.",
]
FAMILY = [
    "Rented flat, rent arrears; maternal grandmother nearby and supportive.",
    "Housing overcrowded; father works shifts; family isolated since moving to the borough.",
    "Stable housing; benefits recently sanctioned; good support from the church and a neighbour.",
    "Domestic abuse in the past (police callouts in 2023); the perpetrator no longer lives at the home.",
]
ANALYSIS = {
    "NFA": "{His} needs are being met; the concerns in the referral were not substantiated and the family "
    "have support around them.",
    "EARLY_HELP": "{His} needs are met most of the time; the family would benefit from support with routines "
    "and money, which early help can give.",
    "CIN_PLAN": "{His} needs are not consistently met; without a coordinated plan the drift is likely to "
    "continue and affect {his} development.",
    "STRATEGY": "There is reasonable cause to suspect {he} is suffering or likely to suffer significant harm; "
    "the risk is not reduced by the parents' current engagement.",
}
RECOMMENDATION = {
    "NFA": "No further action; advice to the family and to the referrer.",
    "EARLY_HELP": "Step down to early help: family support worker for routines and money advice.",
    "CIN_PLAN": "A child in need plan: support for the parent, school involvement, reviewed in three months.",
    "STRATEGY": "A strategy discussion today, with police and health.",
}
AUTHORISATION_REASONS = {
    "NFA": "Agree: the analysis shows needs are met; no role for children's social care.",
    "EARLY_HELP": "Agree with stepping down: needs are met with support, and the family have consented.",
    "CIN_PLAN": "Agree: clear analysis of the impact on the child; the plan must name who does what.",
    "STRATEGY": "Agree: threshold for a strategy discussion met; arranged for today.",
}


def assessment_narrative(rng: random.Random, child, on: datetime.date, outcome: str | None) -> dict[str, str]:
    words = words_for(child, on)
    fill = {"his": words.his, "His": words.His, "he": words.he, "attendance": rng.choice([82, 88, 91, 94])}
    return {
        "developmental_needs": DEVELOPMENT[words.band].format(**fill),
        "parenting_capacity": rng.choice(PARENTING),
        "family_environment": rng.choice(FAMILY),
        # An assessment the simulation leaves undecided is written up as most are: towards a plan.
        "analysis": ANALYSIS[outcome or "CIN_PLAN"].format(**fill),
        "recommendation": RECOMMENDATION[outcome or "CIN_PLAN"],
    }


# The reasons a child protection conference gives for its decision, by decision and category.
CATEGORY_WORDS = {
    "NEG": "neglect of the child's basic needs",
    "EMO": "the emotional harm of conflict and domestic abuse at home",
    "PHY": "physical harm with an explanation the conference did not accept",
    "SAB": "sexual abuse disclosed by the child",
    "MUL": "harm of more than one kind, none of which could be named as the main one",
}
CONFERENCE_REASONS = {
    "PLAN": "The child is likely to suffer significant harm from {category}; the parents' engagement so far has "
    "not reduced the risk. A plan gives the multi-agency oversight needed.",
    "NO_PLAN": "The concerns are real but the parents have acted on them; the child is not likely to suffer "
    "significant harm. Support continues under a child in need plan.",
    "CONTINUE": "Some progress, but the risk from {category} remains; the core group's actions are not complete.",
    "END": "The risk has reduced and been sustained for three months; the child is no longer likely to suffer "
    "significant harm. Support continues as a child in need.",
}


def conference_reasons(decision: str, category: str) -> str:
    return CONFERENCE_REASONS[decision].format(category=CATEGORY_WORDS.get(category, "the harm identified"))


# The reasons a child in need plan review gives for its decision: what changed for the child (by age
# band), then why the plan continues, changes or ends (the end by its reason).
CIN_PROGRESS = {
    BABY: "{his} weight gain is steady and every health visitor check has been kept",
    YOUNG: "{his} nursery attendance is up and speech and language therapy has started",
    PRIMARY: "{his} school attendance is up to {attendance}% and {his} teacher says {he} is more settled",
    TEENAGER: "{he} is back at college most days and has a trusted adult in the youth worker",
}
CIN_REVIEW_REASONS = {
    "CONTINUE": [
        "Since the last review {progress}. The plan's actions are under way but not finished, and mum asked for "
        "the support to carry on: the plan continues as agreed.",
        "Since the last review {progress}. Routines still slip when mum is unwell, and the plan's support is "
        "what holds them: it continues as it is.",
    ],
    "CHANGE": [
        "Since the last review {progress}, but mornings and bedtimes are still hard when mum is unwell. The "
        "family support worker will come twice a week instead of once.",
        "Since the last review {progress}; the money worries have grown. Money advice is added to the plan, "
        "and the school will share attendance weekly.",
    ],
    "NEEDS_MET": [
        "The plan's aims are met and have held for three months: {progress}. {His_or_name} needs are met "
        "without children's social care, and the family agree the plan ends.",
    ],
    "STEP_DOWN": [
        "Since the last review {progress}. What remains is help with routines and money, which early help "
        "can give; the family agree to step down and know how to ask for help again.",
    ],
}


def cin_review_reasons(child, day: datetime.date, decision: str, end_reason: str = "") -> str:
    """The reasons for a child in need plan review's decision, fitting the child's sex and age: a
    generator of its own, seeded from the child and the day, so the simulation's draws are unchanged."""
    rng = random.Random(f"cin-review-{case_key(child, day)}")
    words = words_for(child, day)
    fill = {"his": words.his, "he": words.he, "him": words.him, "attendance": rng.choice([88, 91, 93, 96])}
    progress = CIN_PROGRESS[words.band].format(**fill)
    key = (end_reason or "NEEDS_MET") if decision == "END" else decision
    return rng.choice(CIN_REVIEW_REASONS[key]).format(progress=progress, His_or_name=words.His)
