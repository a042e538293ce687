"""The child's voice on the demo council's care plans, looked-after reviews, pathway plans and child
protection conferences, as its visits already record it (hearth/simulate/write_ups.py): worded for
the child's sex (he or she) and age (a baby says nothing; a toddler does not chair a meeting; a
pathway plan is about a young person of 16 or more). Chosen from the day and the child, not the
simulation's random draws, so the council it builds is otherwise the one it built before these were
recorded; each age band's list has as many entries as every other's, so a caller that draws one at
random draws the same numbers whatever the child's age."""

import datetime
import zlib

from hearth.simulate.draws import child_key
from hearth.simulate.write_ups import BABY, PRIMARY, TEENAGER, YOUNG, words_for

CARE_PLAN_VOICES = {
    BABY: ("Too young to say; settled with the carers, reaching for them when upset.",) * 4,
    YOUNG: (
        "Too young to say much; told the carers {he} likes {his} bedroom and the park.",
        "Too young to say much; settled with the carers and happy at nursery.",
        "Said {he} wants to see mummy; settled with the carers otherwise.",
        "Too young to say; goes to the carers for comfort and is sleeping well.",
    ),
    PRIMARY: (
        "Said {he} wants to stay with {his} carers and keep going to the same school.",
        "Wants to see {his} mum every week, not every fortnight; happy with the plan otherwise.",
        "Asked to be told sooner when {his} social worker changes.",
        "Said {he} likes {his} school and wants to keep seeing {his} brother.",
    ),
    TEENAGER: (
        "Said {he} wants to stay with {his} carers and keep going to the same school.",
        "Wants to see {his} mum every week, not every fortnight; happy with the plan otherwise.",
        "Asked to be told sooner when {his} social worker changes.",
        "Wants more say over contact and to be trusted to travel to school on {his} own.",
    ),
}
REVIEW_VOICES = {
    BABY: ("Too young to take part; the carers described {his} routines and progress.",) * 4,
    YOUNG: (
        "Too young to take part; the carers shared a drawing {he} made for the IRO.",
        "Met the IRO with the carers before the review; played happily and said {he} likes it there.",
        "Too young to take part; settled and happy at nursery, the carers said.",
        "Drew a picture of {his} carers' house and said {he} likes the dog.",
    ),
    PRIMARY: (
        "Met the IRO before the review; said {his} placement feels like home.",
        "Wrote a letter for the review: wants to join the football club and see {his} friends more.",
        "Told the IRO beforehand that contact with dad makes {him} anxious; wants it supervised.",
        "Drew a picture of {his} carers' house and said {he} likes the dog.",
    ),
    TEENAGER: (
        "Chaired part of the meeting {himself}; said {his} placement feels like home.",
        "Wrote a letter for the review: wants more time on {his} phone and to join the football club.",
        "Told the IRO beforehand that contact with dad makes {him} anxious; wants it supervised.",
        "Came for the first half; wants {his} views on college taken into the plan.",
    ),
}
# A pathway plan is for a young person of 16 or more: one list, worded for their sex.
PATHWAY_VOICES = (
    "Wants {his} own flat near college, not supported lodgings.",
    "Said {he} wants help finding an apprenticeship and learning to budget.",
    "Worried about money when staying put ends; wants to know about the bursary.",
    "Wants to stay in touch with {his} old carers and have them at {his} review.",
)
# What the child said for the child protection conference (its chair records it), by age band.
CONFERENCE_VIEWS = {
    BABY: ("Too young to give views; observed to be settled with the health visitor.",) * 4,
    YOUNG: (
        "Too young to give views in words; observed at nursery to be clingy and quiet.",
        "Too young to give views; seen by the social worker playing happily with {his} toys.",
        "Said {he} likes nursery and does not like the shouting at home.",
        "Too young to give views; the health visitor described {him} as watchful.",
    ),
    PRIMARY: (
        "Said {he} likes school and wants {his} mum to stop shouting.",
        "Told {his} teacher {he} is often hungry and wants more food at home.",
        "Views given through an advocate: wants to stay at home with help.",
        "Drew {his} three houses with the social worker: worried about dad's temper.",
    ),
    TEENAGER: (
        "Wrote to the conference: wants things to calm down at home, not to move.",
        "Told the social worker {he} is often hungry and looks after the younger ones.",
        "Views given through an advocate: wants to stay at home with help.",
        "Did not want to come; said through the social worker that {he} feels nobody listens.",
    ),
}
# How the child took part in a review in which they had nothing of their own to say (903 PN codes).
WITHOUT_A_VOICE = frozenset({"PN0", "PN4", "PN7"})


def worded(text: str, child, day: datetime.date) -> str:
    words = words_for(child, day)
    himself = {"she": "herself", "he": "himself"}.get(words.he, words.him)
    return text.format(he=words.he, his=words.his, him=words.him, himself=himself)


def for_age(choices, child, day: datetime.date) -> tuple[str, ...]:
    """The list for the child's age band, or the one list when the wording has no bands."""
    return choices[words_for(child, day).band] if isinstance(choices, dict) else choices


def voice_for(choices, day: datetime.date, child) -> str:
    # By the child's name and birth, not its id, which the seed does not fix (draws.py).
    return worded(
        for_age(choices, child, day)[(day.toordinal() + zlib.crc32(child_key(child).encode())) % 4], child, day
    )


def review_voice(day: datetime.date, child, participation: str) -> str:
    return "" if participation in WITHOUT_A_VOICE else voice_for(REVIEW_VOICES, day, child)
