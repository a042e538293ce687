"""Property-based, as the shared form test does, for the forms only a looked-after review's chair may
use (the quality checklist, raising a concern, and resolving or escalating its stage): whatever is
typed, the answer is a page, never a server error."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearth.duties.checklist import questions
from hearth.duties.services import review_concern_raise
from hearth.iro.services import iro_appoint
from hearth.testing.care_duty_journeys import review
from hearth.testing.journeys import looked_after_child, new_child

anything = st.one_of(st.text(max_size=30), st.integers(-10, 5000).map(str), st.just(""), st.sampled_from(["yes", "no"]))
HYPOTHESIS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
DATE = ["_day", "_month", "_year"]
REVIEW_CHAIR_FORMS = [
    (
        "duties:review_checklist",
        "review",
        [f"completed_on{part}" for part in DATE] + [key for key, _ in questions()] + ["comments"],
    ),
    ("duties:review_concern_raise", "review", [f"raised_on{part}" for part in DATE] + ["concern", "with_whom"]),
    (
        "protection:escalation_step",
        "step",
        [f"closed_on{part}" for part in DATE] + ["outcome", "outcome_detail", "next_with_whom", "version"],
    ),
]


@pytest.fixture
def objects(staff):
    period = looked_after_child(staff, new_child(staff, "Review", "Fuzzcase"), datetime.date(2025, 6, 2))
    iro_appoint(
        actor=staff.team_manager.user,
        period_id=period.pk,
        iro_id=staff.iro.pk,
        started_on=datetime.date(2025, 6, 4),
        current_id=0,
    )
    held = review(staff, period, datetime.date(2025, 6, 25))
    concern = review_concern_raise(
        actor=staff.iro, review_id=held.pk, raised_on=datetime.date(2025, 6, 26), concern="c", with_whom="w"
    )
    return {"review": {"pk": held.pk}, "step": {"pk": concern.escalation.steps.get().pk}}


@pytest.mark.parametrize(("url_name", "target", "fields"), REVIEW_CHAIR_FORMS, ids=[f[0] for f in REVIEW_CHAIR_FORMS])
@HYPOTHESIS
@given(data=st.data())
def test_the_review_chairs_form_answers_any_input_with_a_page(staff, objects, client, url_name, target, fields, data):
    client.force_login(staff.iro)
    values = {field: data.draw(anything, label=field) for field in fields}
    response = client.post(reverse(url_name, kwargs=objects[target]), values)
    assert response.status_code in (200, 302), (url_name, values, response.status_code)
