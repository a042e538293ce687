"""Property-based: whatever is typed into any of Hearth's forms, the answer is a page (the form
again with its errors, or the next page), never a server error."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearth.assessment.services import assessment_start
from hearth.records.services import alert_raise, note_draft_save, note_finalise
from hearth.testing.journeys import allocated_case, at, new_child

typed = st.text(max_size=30)
anything = st.one_of(typed, st.integers(-10, 5000).map(str), st.just(""))
HYPOTHESIS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Each form: its URL name, the arguments of the URL, the fields it posts, the method.
FORMS = [
    (
        "people:child_create",
        None,
        ["first_name", "last_name", "date_of_birth_day", "date_of_birth_month", "date_of_birth_year", "sex"],
        "post",
    ),
    ("people:child_restriction", "child", ["reason", "allowed_users"], "post"),
    ("workforce:allocate", "referral", ["worker", "started_on_day", "started_on_month", "started_on_year"], "post"),
    ("assessment:start", "referral", ["started_on_day", "started_on_month", "started_on_year"], "post"),
    (
        "assessment:authorise",
        "assessment",
        ["authorised_on_day", "authorised_on_month", "authorised_on_year", "outcome"],
        "post",
    ),
    ("performance:index", None, ["as_of_day", "as_of_month", "as_of_year"], "get"),
    ("performance:drilldown", "indicator", ["as_of_day", "as_of_month", "as_of_year"], "get"),
    ("people:child_search", None, ["q"], "get"),
    (
        "records:note_new",
        "child_id",
        ["children", "other_children", "note_type", "event_date_day", "event_date_month", "event_date_year"]
        + ["present", "childs_voice", "text", "version", "action"],
        "post",
    ),
    (
        "records:note_edit",
        "draft",
        ["children", "other_children", "note_type", "event_date_day", "event_date_month", "event_date_year"]
        + ["present", "childs_voice", "text", "version", "action"],
        "post",
    ),
    ("records:note_amend", "note", ["text", "reason"], "post"),
    ("records:note_detail", "note", ["action"], "post"),
    (
        "records:alert_new",
        "child_id",
        ["alert_type", "reason", "raised_on_day", "raised_on_month", "raised_on_year"]
        + ["review_on_day", "review_on_month", "review_on_year"],
        "post",
    ),
    (
        "records:alert_update",
        "alert",
        ["action", "review-review_on_day", "review-review_on_month", "review-review_on_year"]
        + ["end-ended_on_day", "end-ended_on_month", "end-ended_on_year", "end-end_reason"],
        "post",
    ),
    ("records:chronology", "child_id", ["kinds"], "get"),
]


@pytest.fixture
def objects(staff):
    child = new_child(staff, "Form", "Fuzzcase")
    referral = allocated_case(staff, child, at(datetime.date(2025, 5, 1), 9))
    assessment = assessment_start(
        actor=staff.social_worker.user, referral_id=referral.pk, started_on=datetime.date(2025, 5, 2)
    )
    manager = staff.service_manager
    draft = note_draft_save(actor=manager, child_ids=[child.pk], text="A draft")
    note = note_draft_save(
        actor=manager, child_ids=[child.pk], note_type_code="MEETING", event_date=datetime.date(2025, 5, 3), text="Met"
    )
    note = note_finalise(actor=manager, note_id=note.pk, version=note.version)
    alert = alert_raise(
        actor=manager,
        child_id=child.pk,
        alert_type_code="OTHER",
        reason="Dog at the address",
        raised_on=datetime.date(2025, 5, 3),
        review_on=datetime.date(2025, 6, 3),
    )
    return {
        "child": {"pk": child.pk},
        "child_id": {"child_id": child.pk},
        "draft": {"pk": draft.pk},
        "note": {"pk": note.pk},
        "alert": {"pk": alert.pk},
        "referral": {"referral_id": referral.pk},
        "assessment": {"pk": assessment.pk},
        "indicator": {"indicator_id": "A01"},
        None: {},
    }


@pytest.mark.parametrize(("url_name", "target", "fields", "method"), FORMS, ids=[f[0] for f in FORMS])
@HYPOTHESIS
@given(data=st.data())
def test_the_form_answers_any_input_with_a_page(staff, objects, client, url_name, target, fields, method, data):
    client.force_login(staff.service_manager)
    values = {field: data.draw(anything, label=field) for field in fields}
    response = getattr(client, method)(reverse(url_name, kwargs=objects[target]), values)
    assert response.status_code in (200, 302), (url_name, values, response.status_code)
