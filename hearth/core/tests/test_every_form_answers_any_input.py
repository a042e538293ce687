"""Property-based: whatever is typed into any of Hearth's forms, the answer is a page (the form
again with its errors, or the next page), never a server error."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearth.assessment.services import assessment_start
from hearth.people.services import relationship_add
from hearth.testing.journeys import allocated_case, at, new_child

typed = st.text(max_size=30)
anything = st.one_of(typed, st.integers(-10, 5000).map(str), st.just(""))
HYPOTHESIS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Each form: its URL name, the arguments of the URL, the fields it posts, the method.
FORMS = [
    (
        "people:child_create",
        None,
        ["first_name", "last_name", "date_of_birth_day", "date_of_birth_month", "date_of_birth_year", "sex"]
        + ["nhs_number", "upn"],
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
        "people:child_identity_edit",
        "child",
        ["first_name", "last_name", "date_of_birth_day", "date_of_birth_month", "date_of_birth_year", "sex"]
        + ["nhs_number", "upn", "version"],
        "post",
    ),
    (
        "people:former_name_add",
        "child",
        ["first_name", "last_name", "used_until_day", "used_until_month", "used_until_year"],
        "post",
    ),
    (
        "people:relationship_add",
        "child",
        ["relationship", "sibling_hearth_id", "first_name", "last_name", "date_of_birth_day", "date_of_birth_month"]
        + ["date_of_birth_year", "address", "phone", "has_parental_responsibility", "lives_in_household"]
        + ["started_on_day", "started_on_month", "started_on_year"],
        "post",
    ),
    ("people:relationship_end", "relationship", ["ended_on_day", "ended_on_month", "ended_on_year", "reason"], "post"),
    ("documents:upload", "child_documents", ["document_type", "title", "dated_on_day", "dated_on_month"], "post"),
]


@pytest.fixture
def objects(staff):
    child = new_child(staff, "Form", "Fuzzcase")
    referral = allocated_case(staff, child, at(datetime.date(2025, 5, 1), 9))
    assessment = assessment_start(
        actor=staff.social_worker.user, referral_id=referral.pk, started_on=datetime.date(2025, 5, 2)
    )
    relationship = relationship_add(
        actor=staff.social_worker.user,
        child_id=child.pk,
        relationship_code="FATHER",
        person={"first_name": "Fergus", "last_name": "Fuzzcase"},
    )
    return {
        "child": {"pk": child.pk},
        "child_documents": {"child_id": child.pk},
        "relationship": {"relationship_id": relationship.pk},
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
