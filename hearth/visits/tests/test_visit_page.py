"""The visit form as a page: the answers of "Did the visit happen?" reveal their own questions
(GOV.UK conditional radios, all shown without JavaScript), and the branch not chosen is dropped."""

import datetime

import pytest
from django.urls import reverse

from hearth.testing.cin_journeys import child_on_cin_plan
from hearth.testing.journeys import new_child
from hearth.visits.models import Visit
from hearth.visits.services import ERROR_BEDROOM_REQUIRED, ERROR_OBSERVATIONS_REQUIRED

D = datetime.date
pytestmark = pytest.mark.django_db


def _date(day):
    return {"visited_on_day": str(day.day), "visited_on_month": str(day.month), "visited_on_year": str(day.year)}


@pytest.fixture
def plan(staff):
    return child_on_cin_plan(staff, new_child(staff, "Wren", "Pageley"), D(2025, 6, 2))


def test_each_answer_reveals_its_own_questions(staff, client_for, plan):
    page = client_for(staff.social_worker.user).get(reverse("visits:record", args=[plan.referral_id]))
    html = page.content.decode()
    assert 'data-reveals="conditional-happened-yes"' in html
    assert 'data-reveals="conditional-happened-no"' in html
    assert "hearth/conditional-reveal.js" in html
    yes_branch = html.split('id="conditional-happened-yes"')[1].split('id="conditional-happened-no"')[0]
    no_branch = html.split('id="conditional-happened-no"')[1]
    assert "Where did the visit take place?" in yes_branch and "What you saw" in yes_branch
    assert "Why could the visit not happen?" in no_branch and "What you saw" not in no_branch


def test_a_visit_that_could_not_happen_drops_the_write_up_typed_before_no_was_chosen(staff, client_for, plan):
    response = client_for(staff.social_worker.user).post(
        reverse("visits:record", args=[plan.referral_id]),
        {
            "visitor": staff.social_worker.pk,
            "happened": "no",
            "not_possible_reason": "NOT_HOME",
            "seen": "yes",  # answered under "Yes" before changing to "No": hidden, so not kept
            "observations": "Typed under Yes",
        }
        | _date(D(2025, 6, 9)),
    )
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert (visit.happened, visit.seen, visit.observations) == (False, False, "")


def test_a_write_up_missing_answers_is_refused_with_messages_and_nothing_written(staff, client_for, plan):
    response = client_for(staff.social_worker.user).post(
        reverse("visits:record", args=[plan.referral_id]),
        {
            "visitor": staff.social_worker.pk,
            "happened": "yes",
            "place": "HOME",
            "seen": "yes",
            "seen_alone": "yes",
            "child_voice": "Showed me his Lego.",
            "next_steps": "Next visit in four weeks.",
        }
        | _date(D(2025, 6, 9)),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert ERROR_BEDROOM_REQUIRED.replace("'", "&#x27;") in html and ERROR_OBSERVATIONS_REQUIRED in html
    assert 'href="#id_bedroom_seen_0"' in html  # the error summary leads to the question
    assert not Visit.objects.exists()
