import datetime

import pytest
from django.utils import timezone

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
