"""The child's voice on the demo council's care plans, looked-after reviews and pathway plans, as its
visits already record it. Chosen from the day, the child and the participation, not the simulation's
random draws, so the council it builds is otherwise the one it built before these were recorded."""

import datetime

CARE_PLAN_VOICES = (
    "Said she wants to stay with her carers and keep going to the same school.",
    "Wants to see his mum every week, not every fortnight; happy with the plan otherwise.",
    "Asked to be told sooner when her social worker changes.",
    "Too young to say; settled with the carers, reaching for them when upset.",
)
REVIEW_VOICES = (
    "Chaired part of the meeting herself; said her placement feels like home.",
    "Wrote a letter for the review: wants more time on his phone and to join the football club.",
    "Told the IRO beforehand that contact with dad makes him anxious; wants it supervised.",
    "Drew a picture of her carers' house and said she likes the dog.",
)
PATHWAY_VOICES = (
    "Wants her own flat near college, not supported lodgings.",
    "Said he wants help finding an apprenticeship and learning to budget.",
    "Worried about money when staying put ends; wants to know about the bursary.",
    "Wants to stay in touch with his old carers and have them at his review.",
)
# How the child took part in a review in which they had nothing of their own to say (903 PN codes).
WITHOUT_A_VOICE = frozenset({"PN0", "PN4", "PN7"})


def voice_for(choices: tuple[str, ...], day: datetime.date, child_id: int) -> str:
    return choices[(day.toordinal() + child_id) % len(choices)]


def review_voice(day: datetime.date, child_id: int, participation: str) -> str:
    return "" if participation in WITHOUT_A_VOICE else voice_for(REVIEW_VOICES, day, child_id)
