"""When the synthetic council's facts were recorded, for their audit rows.

The generator writes fifteen months of a council's work in a few minutes. Stamped with the moment
each row is written, the whole audit trail would say everything was recorded the afternoon the demo
was built, and the home page's "what changed since the previous working day" would list hundreds of
the build's rows. In a real council the trail's time is the time a person recorded the fact, which
is what the home page must read (a visit written up today about Friday is news today); so it is the
simulated trail that is made true to its simulation, not the home page that is made to read the
facts' own dates: while the council is generated, each row is stamped with the moment the simulation
says the fact was recorded (hearth/audit/services.py: `simulated_recording_times`), never after the
moment it is written. No other code stamps a row with anything but now.

The moment is the fact's own: a contact's time received, a screening decision's, a partner check's
asked and answered; a dated fact (a visit, an authorisation, a conference) during working hours on
its day, at a time drawn from the action, the child and the day (so both ways of writing the
council, services and bulk, stamp one row alike). The child is keyed by what the seed drew for it, its
name and date of birth (hearth/simulate/draws.py), never its database id: ids depend on what the
database held before, so a time drawn from one made the same seed stamp a different trail. A fact
with no date of its own (a record's identifiers, a family link) is stamped as the child's first contact
was, or the scene the generator sets (a new child's record, just before the contact about them).
"""

import datetime
import zlib

from hearth.core.services import london_datetime
from hearth.frontdoor.models import Contact
from hearth.people.models import Child
from hearth.simulate.draws import child_key

# The fact's moment for an action: attribute paths on the audited object, the first present wins.
MOMENTS = {
    "contact.record": ("received_at",),
    "contact.rate": ("received_at",),
    "contact.screen": ("decided_at",),
    "partner_check.request": ("asked_at",),
    "partner_check.answer": ("answered_at",),
    "referral.open": ("contact.decided_at",),
    "case.allocate": ("started_on",),
    "case.close": ("closed_on",),
    "case.transfer": ("transferred_on",),
    "assessment.start": ("started_on",),
    "assessment.record": ("child_seen_on", "started_on"),
    "assessment.submit": ("submitted_on",),
    "assessment.authorise": ("authorised_on",),
    "conference.book": ("section47.outcome_on", "section47.started_on"),
    "conference.checklist_complete": ("conference.held_on",),
    "conference_checklist.complete": ("conference.held_on",),
    "section47.conclude": ("outcome_on",),
    "note.finalise": ("event_date",),
    "note.draft_create": ("event_date",),
    "note.amend": ("event_date",),
    "note.sign_off": ("event_date",),
    "care.start": ("started_on",),
    "care.end": ("ended_on",),
}
# Days after the fact's date that the action is recorded (a sign-off follows the note).
DAYS_AFTER = {"note.sign_off": 3, "note.amend": 2}
# Otherwise: the fact's own date, by the names Hearth's models give one (an ending's first).
ENDINGS = ("ended_on", "closed_on", "returned_on", "withdrawn_on", "ceased_on")
DATES = (
    "held_on",
    "visited_on",
    "reviewed_on",
    "done_on",
    "completed_on",
    "agreed_on",
    "raised_on",
    "approved_on",
    "decided_on",
    "matched_on",
    "contacted_on",
    "requested_on",
    "appointed_on",
    "changed_on",
    "transferred_on",
    "audited_on",
    "supervised_on",
    "started_on",
    "event_date",
    "applies_from",
    "recorded_on",
    "started_at",
    "ended_at",
)
WORKING_DAY_MINUTES = (9 * 60, 17 * 60)


class RecordingTimes:
    """`moment_of(action, obj, child)` for `simulated_recording_times`; `scene` is the moment the
    generator is at, for facts recorded with no date of their own (a new child's record)."""

    def __init__(self):
        self.scene = None

    def __call__(self, action, obj, child):
        if action == "child.create" and self.scene is not None:
            return self.scene
        for path in MOMENTS.get(action, ()):
            value = _follow(obj, path)
            if value is not None:
                return self._moment(value, action, child, DAYS_AFTER.get(action, 0))
        ending = any(word in action.rsplit(".", 1)[-1] for word in ("end", "close", "return", "withdraw"))
        for name in (ENDINGS if ending else ()) + DATES:
            value = getattr(obj, name, None)
            if isinstance(value, datetime.date):
                return self._moment(value, action, child)
        if self.scene is not None:
            return self.scene
        child_id = child if isinstance(child, int) else getattr(child, "pk", None)
        first = (
            Contact.objects.filter(child_id=child_id).order_by("received_at").values_list("received_at", flat=True)[:1]
        )
        return first[0] if child_id is not None and first else None

    @staticmethod
    def _moment(value, action, child, days_after: int = 0) -> datetime.datetime:
        if isinstance(value, datetime.datetime):
            return value
        day = value + datetime.timedelta(days=days_after)
        low, high = WORKING_DAY_MINUTES
        minutes = low + zlib.crc32(f"{action}|{_child_key(child)}|{day}".encode()) % (high - low)
        return london_datetime(day, datetime.time(minutes // 60, minutes % 60))


def _child_key(child) -> str:
    """The child's draw key; a child given by id (a bulk writer's row) is read for it. None: no child."""
    if child is None:
        return ""
    if isinstance(child, int):
        child = Child.objects.only("first_name", "last_name", "date_of_birth").get(pk=child)
    return child_key(child)


def _follow(obj, path: str):
    for name in path.split("."):
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj
