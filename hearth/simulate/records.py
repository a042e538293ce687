"""The case record in the synthetic council: case notes and alerts, written as the allocated social
workers and their managers would write them (through the services, or the same rows in bulk on the
larger sizes: hearth/simulate/records_writes.py).

For each open case: a few notes a month over the last weeks of the case (visits, calls, meetings,
direct work), some covering a brother or sister in the same team's care, a manager's oversight
note, some amended, most visit notes signed off, a few drafts left half written; and alerts on a
few children. Everything is invented and follows from the seed.
"""

import datetime
from collections import defaultdict

from django.db.models import Exists, OuterRef

from hearth.frontdoor.models import Referral
from hearth.simulate.records_writes import records_writer
from hearth.workforce.models import Allocation

# Only the recent weeks of each case are written, which keeps the demo build quick; a real record
# goes back to the referral.
RECORDING_WINDOW_DAYS = 42
NOTE_MIX = {"HOME_VISIT": 30, "PHONE_CALL": 28, "MEETING": 14, "DIRECT_WORK": 12, "OFFICE_VISIT": 8, "OTHER": 8}
SHARED_WITH_SIBLINGS = {"HOME_VISIT", "MEETING", "DIRECT_WORK", "OFFICE_VISIT"}

SETTINGS = ["the family home", "the child's school", "the family hub", "the office", "the foster home"]
HOME_STATES = [
    "The home was warm and clean, with food in the fridge",
    "The home was cluttered but there were no hazards I could see",
    "The kitchen was bare; mum said money is short until the end of the month",
    "The home was tidy; the child's room had a bed, clothes and toys",
]
TOPICS = [
    "school attendance and the plan to get to school on time",
    "the safety plan agreed at the last meeting",
    "how the family manages arguments at home",
    "contact with dad and how it is arranged",
    "support from the early help worker",
    "routines at bedtime and in the morning",
    "the referral to CAMHS and the waiting time",
    "the family's housing and the letter from the landlord",
]
# What the child said, by age (each list as long as the others, so the draws are the same at any age).
VOICES = {
    "young": [
        "said {they} liked nursery and showed me {their} painting",
        "sat on mum's knee and told me about {their} new shoes",
        "said {they} does not like it when the grown-ups shout",
        "drew a picture of the family and put {them}self next to nan",
        "said {they} misses dad and wants to see dad more",
        "did not want to talk today and played with the cars; {they} smiled when I said goodbye",
        "showed me {their} bedroom and {their} favourite teddy",
        "asked whether I would be coming back and said {they} wanted to",
    ],
    "primary": [
        "said {they} liked {their} new teacher and that school is 'mostly fine'",
        "told me {they} feels safe at home when mum is there",
        "said {they} worries when the grown-ups shout, and goes to {their} room",
        "drew a picture of the family and put {them}self next to nan",
        "said {they} misses dad and would like to see dad more often",
        "did not want to talk today and played a card game; {they} smiled when I said goodbye",
        "said the best thing this week was football and the worst thing was being told off",
        "asked whether I would be coming back and said {they} wanted to",
    ],
    "teenager": [
        "said school is 'alright' and {they} wants to do well in {their} exams",
        "told me {they} feels safe at home when mum is there",
        "said {they} stays in {their} room with headphones on when the arguments start",
        "said {they} wants more say in the plan and to meet away from the house",
        "said {they} misses dad and would like to see dad more often",
        "did not want to talk today; {they} answered a few questions about college and {their} friends",
        "said the best thing this week was football and the worst thing was a row about {their} phone",
        "asked what happens next and said {they} would rather text than have visits at home",
    ],
}
BABY_VOICE = "Too young to tell me in words. I saw {name} settled and responsive in mum's arms, feeding well."
MEETING_KINDS = ["core group", "team around the family meeting", "professionals' meeting", "school meeting"]
PROFESSIONALS = ["class teacher", "health visitor", "school nurse", "family support worker", "GP", "police officer"]
ALERT_REASONS = {
    "STAFF_RISK": "Adult in the household has been aggressive to professionals. Visit in pairs; tell the duty manager.",
    "CSE_RISK": "Seen with older males in cars near the station; missing overnight twice. Police aware.",
    "OTHER_LA_PLAN": "Subject of a child protection plan in a neighbouring council until the family moved here.",
    "OTHER": "Large dog at the address: ask for it to be shut away before entering.",
}


def simulate_records(sim) -> dict:
    return _RecordWriter(sim).run()


class _RecordWriter:
    def __init__(self, sim):
        self.sim = sim
        self.random = sim.random
        self.faker = sim.faker
        self.today = sim.today
        self.counts = defaultdict(int)
        # Through the services, or in bulk on the larger sizes (hearth/simulate/records_writes.py).
        self.write = records_writer(sim.bulk)

    def run(self) -> dict:
        cases = list(
            Referral.objects.filter(closed_on__isnull=True)
            .filter(Exists(Allocation.objects.filter(referral=OuterRef("pk"), ended_on__isnull=True)))
            .filter(child__seal__isnull=True)  # a sealed adoption record is not written in any more
            .select_related("child", "team")
            .prefetch_related("allocations__worker__user")
            .order_by("pk")
        )
        siblings = self._siblings(cases)
        for referral in cases:
            self._record_the_case(referral, siblings.get(referral.child_id))
        self._sign_off()
        self._alerts(cases)
        self.write.flush()
        return {
            "case notes": self.counts["notes"],
            "notes about siblings together": self.counts["sibling notes"],
            "oversight notes": self.counts["oversight"],
            "drafts in progress": self.counts["drafts"],
            "alerts": self.counts["alerts"],
        }

    @staticmethod
    def _siblings(cases) -> dict[int, object]:
        """Children of one surname in one team's open cases, taken as brothers and sisters (the
        synthetic council records no family links yet)."""
        groups = defaultdict(list)
        for referral in cases:
            groups[(referral.team_id, referral.child.last_name)].append(referral.child)
        pairs = {}
        for children in groups.values():
            if len(children) >= 2:
                for child in children:
                    pairs[child.pk] = next(other for other in children if other.pk != child.pk)
        return pairs

    def _record_the_case(self, referral, sibling) -> None:
        allocation = next(a for a in referral.allocations.all() if a.ended_on is None)
        worker = allocation.worker.user
        child = referral.child
        day = max(allocation.started_on, self.today - datetime.timedelta(days=RECORDING_WINDOW_DAYS))
        day += datetime.timedelta(days=self.random.randint(1, 6))
        notes = []
        while day <= self.today:
            note_type = self.sim._weighted(NOTE_MIX)
            with_sibling = sibling is not None and note_type in SHARED_WITH_SIBLINGS and self.random.random() < 0.5
            children = [child, sibling] if with_sibling else [child]
            notes.append(self._final_note(worker, children, note_type, day))
            self.counts["sibling notes"] += with_sibling
            day += datetime.timedelta(days=self.random.randint(6, 12))
        for note in notes:
            if self.random.random() < 0.05:
                self.write.amend(
                    actor=worker,
                    note=note,
                    text=self.random.choice(
                        [
                            "Correction: the health visitor was also present for the second half of the visit.",
                            "Addition: mum rang afterwards to say the appointment has been moved to next week.",
                            "Correction: the child's school is the primary on Heron Road, not the academy.",
                        ]
                    ),
                    reason=self.random.choice(["Left out of the original note", "Typed wrongly", "New information"]),
                )
        manager = self.sim.users["managers"][referral.team_id]
        if notes and self.random.random() < 0.7:
            oversight_day = self.today - datetime.timedelta(days=self.random.randint(0, RECORDING_WINDOW_DAYS // 2))
            if oversight_day >= allocation.started_on:
                self._final_note(manager, [child], "OVERSIGHT", oversight_day)
                self.counts["oversight"] += 1
        if self.random.random() < 0.04:
            self.write.draft(
                actor=worker,
                child=child,
                note_type_code="HOME_VISIT",
                event_date=self.today,
                present=f"{child.first_name}, mum",
                text=f"Visited {child.first_name} at home "
                f"{'after school' if _age(child, self.today) >= 5 else 'this afternoon'}. "
                f"{self.random.choice(HOME_STATES)}.",
            )
            self.counts["drafts"] += 1

    def _final_note(self, actor, children, note_type, day):
        note = self.write.final_note(
            actor=actor,
            children=children,
            note_type_code=note_type,
            event_date=day,
            present=self._present(children, note_type),
            childs_voice=self._voice(children, note_type, day),
            text=self._text(children, note_type, day),
        )
        self.counts["notes"] += 1
        return note

    def _present(self, children, note_type) -> str:
        names = " and ".join(c.first_name for c in children)
        if note_type == "PHONE_CALL":
            return f"By phone: mum ({self.faker.first_name_female()} {children[0].last_name})"
        if note_type == "MEETING":
            others = ", ".join(self.random.sample(PROFESSIONALS, k=3))
            return f"Mum, {others}, me"
        if note_type == "OVERSIGHT":
            return "Allocated social worker, team manager (supervision)"
        return f"{names}, mum"

    def _voice(self, children, note_type, day) -> str:
        if note_type in {"PHONE_CALL", "OVERSIGHT"}:
            return ""
        lines = []
        for child in children:
            age = (day - child.date_of_birth).days // 365 if child.date_of_birth else 8
            if age < 3:
                lines.append(BABY_VOICE.format(name=child.first_name))
                continue
            they, their, them = ("she", "her", "her") if child.sex == "F" else ("he", "his", "him")
            band = "young" if age < 5 else "primary" if age < 12 else "teenager"
            voice = self.random.choice(VOICES[band]).format(they=they, their=their, them=them)
            lines.append(f"{child.first_name} {voice}")
        return "\n".join(lines)

    def _text(self, children, note_type, day) -> str:
        names = " and ".join(c.first_name for c in children)
        topic = self.random.choice(TOPICS)
        under_school_age = all(_age(c, day) < 5 for c in children)
        if under_school_age and topic.startswith("school attendance"):
            topic = "nursery and the health visitor's appointments"
        if note_type == "HOME_VISIT":
            return (
                f"Announced home visit. Saw {names} at home. {self.random.choice(HOME_STATES)}. "
                f"We talked about {topic}. Mum engaged well and agreed the next steps.\n"
                f"Next visit within {self.random.choice([2, 3, 4])} weeks."
            )
        if note_type == "OFFICE_VISIT":
            return (
                f"{names} came to the office with mum. Discussed {topic}. Mum asked for help with a letter to school."
            )
        if note_type == "PHONE_CALL":
            mood = self.random.choice(["calmer", "difficult", "much the same"])
            return f"Phone call with mum about {topic}. She said things have been {mood} this week."
        if note_type == "MEETING":
            return (
                f"{self.random.choice(MEETING_KINDS).capitalize()} held at {self.random.choice(SETTINGS)}. "
                f"Reviewed {topic}. Actions agreed and shared with the family."
            )
        if note_type == "DIRECT_WORK" and under_school_age:
            return (
                f"Direct work with {names} through play at home: watched how {names} played and turned to mum "
                f"for comfort. Shared what I saw with mum."
            )
        if note_type == "DIRECT_WORK":
            return (
                f"Direct work with {names} using the 'three houses' tool: house of worries, house of good things and "
                f"house of dreams. Shared what {names} said with mum, with their agreement."
            )
        if note_type == "OVERSIGHT":
            return (
                f"Management oversight in supervision. Case progressing; plan remains proportionate. Actions: "
                f"complete the visit within the timescale; follow up {topic}; review in four weeks."
            )
        return f"Letter sent to mum confirming {topic}."

    def _sign_off(self) -> None:
        """Managers sign off most visit and direct-work notes more than a week old."""
        cut_off = self.today - datetime.timedelta(days=7)
        for note in self.write.waiting_for_sign_off():
            if note.event_date < cut_off and self.random.random() < 0.9:
                manager = self.sim.users["managers"][note.finalised_by.worker.team_id]
                self.write.sign_off(actor=manager, note=note)

    def _alerts(self, cases) -> None:
        for referral in cases:
            if self.random.random() >= 0.06:
                continue
            child = referral.child
            adolescent = self.sim._is_adolescent(child, datetime.datetime.combine(self.today, datetime.time()))
            kind = self.random.choice(
                ["CSE_RISK", "STAFF_RISK"] if adolescent else ["STAFF_RISK", "OTHER_LA_PLAN", "OTHER"]
            )
            raised_on = max(referral.referral_date, self.today - datetime.timedelta(days=self.random.randint(10, 200)))
            worker = next(a for a in referral.allocations.all() if a.ended_on is None).worker.user
            alert = self.write.raise_alert(
                actor=worker,
                child=child,
                alert_type_code=kind,
                reason=ALERT_REASONS[kind],
                raised_on=raised_on,
                review_on=raised_on + datetime.timedelta(days=90),  # some are now past review
            )
            self.counts["alerts"] += 1
            if kind == "OTHER" and self.random.random() < 0.5:
                self.write.end_alert(
                    actor=worker, alert=alert, ended_on=self.today, reason="The family has rehomed the dog"
                )


def _age(child, day) -> int:
    return (day - child.date_of_birth).days // 365 if child.date_of_birth else 8
