"""The synthetic council's case audits: written through the services, with a spread of grades,
actions for the case holders, some done and some overdue, and some for the demo social worker."""

import datetime

import pytest
import time_machine

from hearth.quality.models import AuditAction, CaseAudit, Grade
from hearth.simulate.council import Simulation

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 31)


@pytest.fixture(autouse=True)
def on_the_councils_today():
    with time_machine.travel(datetime.datetime(2026, 3, 31, 18, 0, tzinfo=datetime.UTC)):
        yield


def test_case_audits_are_recorded_each_month_with_actions_done_and_overdue():
    counts = Simulation(seed=7, today=TODAY, months=3, contacts_per_month=40).run()
    audits = CaseAudit.objects.all()
    assert audits.count() == counts["case audits"] >= 10
    assert len({a.audited_on.month for a in audits}) >= 3
    assert {a.grade for a in audits} >= {Grade.GOOD, Grade.REQUIRES_IMPROVEMENT}
    actions = AuditAction.objects.all()
    assert actions.count() == counts["audit actions"] and counts["audit actions done"] > 0
    assert actions.filter(completed_on__isnull=False).count() == counts["audit actions done"]
    assert actions.filter(completed_on__isnull=True, due_on__lt=TODAY).exists()  # some left overdue
    assert actions.filter(worker__user__username="sw", completed_on__isnull=True).exists()
    for audit in audits.prefetch_related("actions"):
        if audit.grade in (Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE):
            assert audit.actions.exists()
