"""Property-based, as the shared form test does, for the forms only a conference's chair may use:
whatever is typed, the answer is a page, never a server error."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearth.protection.checklist import questions
from hearth.protection.services import escalation_raise
from hearth.testing.journeys import new_child
from hearth.testing.protection_journeys import child_on_plan

anything = st.one_of(st.text(max_size=30), st.integers(-10, 5000).map(str), st.just(""), st.sampled_from(["yes", "no"]))
HYPOTHESIS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
CHAIR_FORMS = [
    ("protection:checklist", "conference", [key for key, _ in questions()] + ["comments"]),
    (
        "protection:escalation_raise",
        "conference",
        ["raised_on_day", "raised_on_month", "raised_on_year", "concern", "with_whom"],
    ),
    (
        "protection:escalation_step",
        "step",
        [
            "closed_on_day",
            "closed_on_month",
            "closed_on_year",
            "outcome",
            "outcome_detail",
            "next_with_whom",
            "version",
        ],
    ),
]


@pytest.fixture
def objects(staff):
    plan = child_on_plan(
        staff, new_child(staff, "Chair", "Fuzzcase"), datetime.date(2025, 5, 1), datetime.date(2025, 5, 20)
    )
    step = escalation_raise(
        actor=staff.iro,
        conference_id=plan.initial_conference_id,
        raised_on=datetime.date(2025, 5, 21),
        concern="c",
        with_whom="w",
    ).steps.get()
    return {"conference": {"pk": plan.initial_conference_id}, "step": {"pk": step.pk}}


@pytest.mark.parametrize(("url_name", "target", "fields"), CHAIR_FORMS, ids=[f[0] for f in CHAIR_FORMS])
@HYPOTHESIS
@given(data=st.data())
def test_the_chairs_form_answers_any_input_with_a_page(staff, objects, client, url_name, target, fields, data):
    client.force_login(staff.iro)
    values = {field: data.draw(anything, label=field) for field in fields}
    response = client.post(reverse(url_name, kwargs=objects[target]), values)
    assert response.status_code in (200, 302), (url_name, values, response.status_code)
