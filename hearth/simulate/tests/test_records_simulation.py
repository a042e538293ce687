"""The synthetic council's case notes and alerts: written through the services, deterministic."""

import datetime

import pytest
import time_machine
from django.db import transaction

from hearth.core.roles import Role, has_role
from hearth.records.models import Alert, CaseNote, NoteStatus
from hearth.simulate.council import Simulation

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 31)


@pytest.fixture(autouse=True)
def on_the_councils_today():
    with time_machine.travel(datetime.datetime(2026, 3, 31, 18, 0, tzinfo=datetime.UTC)):
        yield


class RollBack(Exception):
    pass


def notes_written(seed):
    try:
        with transaction.atomic():
            counts = Simulation(seed=seed, today=TODAY, months=2, contacts_per_month=30).run()
            written = list(
                CaseNote.objects.order_by("pk").values_list("event_date", "note_type", "status", "text", "version")
            )
            raise RollBack
    except RollBack:
        return counts, written


def test_the_notes_are_the_same_for_a_seed():
    counts, first = notes_written(5)
    assert counts["case notes"] > 0 and len(first) >= counts["case notes"]
    assert notes_written(5)[1] == first


def test_the_simulated_record_reads_like_a_real_one():
    counts = Simulation(seed=11, today=TODAY, months=2, contacts_per_month=30).run()
    final = CaseNote.objects.filter(status=NoteStatus.FINAL)
    assert final.count() == counts["case notes"] and counts["oversight notes"] > 0
    assert not final.filter(event_date__gt=TODAY).exists()
    assert {note.note_type_id for note in final} >= {"HOME_VISIT", "PHONE_CALL", "MEETING"}
    for note in final.filter(management_oversight=True).select_related("finalised_by"):
        assert has_role(note.finalised_by, Role.TEAM_MANAGER)
    signed = final.filter(signed_off_at__isnull=False).select_related("signed_off_by")
    assert signed.exists() and all(has_role(n.signed_off_by, Role.TEAM_MANAGER) for n in signed)
    assert CaseNote.objects.filter(status=NoteStatus.DRAFT).count() == counts["drafts in progress"]
    assert Alert.objects.count() == counts["alerts"]
