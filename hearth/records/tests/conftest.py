import datetime

import pytest
from django.utils import timezone

from hearth.records.services import alert_raise, note_draft_save, note_finalise
from hearth.testing.journeys import allocated_case, at, new_child


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def family(staff, today):
    """Two sisters in the North team's cases (Nina Tester holds both), and a cousin in the South
    team's case, whose record Nina cannot see."""
    opened = at(today - datetime.timedelta(days=60), 9)
    ava = new_child(staff, "Ava", "Marchbank", born=datetime.date(2014, 2, 3))
    bea = new_child(staff, "Bea", "Marchbank", born=datetime.date(2017, 9, 12))
    cousin = new_child(staff, "Cal", "Marchbank", born=datetime.date(2016, 1, 20))
    allocated_case(staff, ava, opened)
    allocated_case(staff, bea, opened)
    allocated_case(staff, cousin, opened, worker=staff.other_social_worker)
    return {"ava": ava, "bea": bea, "cousin": cousin}


@pytest.fixture
def history(staff, family, today):
    """Ava has an alert (risk to staff) and a phone call note from last week."""
    worker = staff.social_worker.user
    alert_raise(
        actor=worker,
        child_id=family["ava"].pk,
        alert_type_code="STAFF_RISK",
        reason="Uncle shouted at the last worker: visit in pairs",
        raised_on=today - datetime.timedelta(days=20),
        review_on=today + datetime.timedelta(days=70),
    )
    note = note_draft_save(
        actor=worker,
        child_ids=[family["ava"].pk],
        note_type_code="PHONE_CALL",
        event_date=today - datetime.timedelta(days=7),
        text="Mum rang to say the school trip is paid for",
    )
    note_finalise(actor=worker, note_id=note.pk, version=note.version)
    return family
