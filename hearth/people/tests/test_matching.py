"""Finding a possible existing record: tolerant of spelling, short names, a missing birth date and
day and month swapped; and a new record never made over a possible match without saying so."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.people import services
from hearth.people.matching import possible_matches
from hearth.people.models import Child
from hearth.testing.journeys import new_child

D = datetime.date


@pytest.fixture
def jayden(staff):
    return new_child(staff, "Jayden", "Smith", D(2015, 3, 1))


@pytest.mark.parametrize(
    ("first", "last", "born", "why"),
    [
        ("Jaden", "Smyth", D(2015, 3, 1), "same date of birth"),
        ("Jayden", "Smith", None, "date of birth not known on one record"),
        ("Jayden", "Smith", D(2015, 1, 3), "date of birth with day and month swapped"),
        ("Jay", "Smith", D(2015, 3, 1), "same date of birth"),
        ("Oliver", "Smith", D(2015, 3, 1), "same date of birth"),
        ("Jayden", "Smíth", D(2015, 3, 1), "same date of birth"),
    ],
)
def test_a_possible_existing_record_is_found(jayden, first, last, born, why):
    [match] = possible_matches(first_name=first, last_name=last, date_of_birth=born)
    assert match.child == jayden and why in match.reasons


@pytest.mark.parametrize(
    ("first", "last", "born"),
    [
        ("Zara", "Jones", D(2012, 1, 1)),
        ("Jayden", "Smith", D(2016, 3, 1)),  # same name, another child born a year later
        ("Oliver", "Jones", D(2015, 3, 1)),  # same birthday, nothing else alike
    ],
)
def test_other_children_are_not_matched(jayden, first, last, born):
    assert possible_matches(first_name=first, last_name=last, date_of_birth=born) == []


def test_the_service_refuses_a_possible_duplicate_until_told_it_is_not(staff, jayden):
    with pytest.raises(ValidationError) as refused:
        services.child_create(actor=staff.screener, first_name="Jaden", last_name="Smyth", date_of_birth=D(2015, 3, 1))
    assert refused.value.code == "possible_duplicate" and jayden.hearth_id in refused.value.messages[0]
    assert Child.objects.count() == 1
    services.child_create(
        actor=staff.screener, first_name="Jaden", last_name="Smyth", date_of_birth=D(2015, 3, 1), not_a_duplicate=True
    )
    assert Child.objects.count() == 2


def test_the_add_child_page_shows_the_possible_match_and_creates_only_when_confirmed(staff, jayden, client_for):
    client = client_for(staff.screener)
    details = {
        "first_name": "Jaden",
        "last_name": "Smyth",
        "date_of_birth_day": "1",
        "date_of_birth_month": "3",
        "date_of_birth_year": "2015",
        "sex": "M",
    }
    page = client.post(reverse("people:child_create"), details).content.decode()
    assert "1 record may already be this child" in page and jayden.hearth_id in page
    assert f"?child={jayden.hearth_id}" in page  # use the existing record
    assert "None of these is the child: create a new record" in page
    assert Child.objects.count() == 1
    unconfirmed = client.post(reverse("people:child_create"), {**details, "not_a_duplicate": ""})
    assert unconfirmed.status_code == 200 and Child.objects.count() == 1
    confirmed = client.post(reverse("people:child_create"), {**details, "not_a_duplicate": "on"})
    assert confirmed.status_code == 302 and Child.objects.count() == 2


def test_a_restricted_record_is_never_offered_as_a_match(staff, jayden):
    services.child_restrict(
        actor=staff.service_manager,
        child_id=jayden.pk,
        reason="Staff member's child",
        allowed_user_ids=[staff.social_worker.user.pk],
    )
    assert possible_matches(first_name="Jayden", last_name="Smith", date_of_birth=D(2015, 3, 1)) == []


def test_a_record_without_a_date_of_birth_is_found_by_a_search_that_gives_one(staff):
    unborn_then = new_child(staff, "Jayden", "Smith", None)
    [match] = possible_matches(first_name="Jayden", last_name="Smyth", date_of_birth=D(2015, 3, 1))
    assert match.child == unborn_then and match.reasons == ["similar name", "date of birth not known on one record"]


def test_a_match_is_found_however_many_records_share_the_initial(jayden):
    # 2,100 children whose names sort before Smith's and begin with S, born on other days: the
    # search used to read the first 2,000 records with the initial and so never reached Jayden.
    Child.objects.bulk_create(
        Child(first_name="Sam", last_name=f"Sa{number:04d}", date_of_birth=D(2010, 1, 1)) for number in range(2100)
    )
    [match] = possible_matches(first_name="Jaden", last_name="Smith", date_of_birth=D(2015, 3, 1))
    assert match.child == jayden and "same date of birth" in match.reasons
