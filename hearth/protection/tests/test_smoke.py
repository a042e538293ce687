import datetime

from hearth.testing.journeys import new_child
from hearth.testing.protection_journeys import child_on_plan


def test_smoke(staff):
    plan = child_on_plan(staff, new_child(staff), datetime.date(2025, 5, 1), datetime.date(2025, 5, 20))
    assert plan.started_on == datetime.date(2025, 5, 20)
