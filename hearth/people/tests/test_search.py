"""Finding a child: tolerant of spelling and partial names, by date of birth as typed, by
identifiers and former names, and only among the children the user may see."""

import datetime

import pytest
from django.urls import reverse

from hearth.people import services
from hearth.people.search import search_terms
from hearth.people.selectors import child_search
from hearth.testing.journeys import allocated_case, at, new_child, referred_case

D = datetime.date
TODAY = D(2026, 11, 23)


@pytest.fixture
def john(staff):
    """John Smith, born 3 May 2015, in the north team's open case (so the north worker sees him)."""
    child = new_child(staff, "John", "Smith", born=D(2015, 5, 3))
    allocated_case(staff, child, at(D(2025, 5, 1), 9))
    child.refresh_from_db()
    return services.child_identity_update(
        actor=staff.social_worker.user,
        child_id=child.pk,
        expected_version=child.version,
        first_name="John",
        last_name="Smith",
        date_of_birth=D(2015, 5, 3),
        sex="M",
        nhs_number="9990000018",
        upn="T999123415001",
        postcode="",
    )


@pytest.fixture
def others(staff):
    """Children the north worker also sees, to show what a search leaves out."""
    children = []
    for first, last, born in [("Joanna", "Smithson", D(2016, 1, 9)), ("Amir", "Jones", D(2015, 5, 3))]:
        child = new_child(staff, first, last, born=born)
        referred_case(staff, child, at(D(2025, 5, 2), 9), team=staff.north)
        children.append(child)
    return children


def found(staff, query, user=None):
    return [str(child) for child in child_search(user=user or staff.social_worker.user, query=query)]


@pytest.mark.parametrize("query", ["Jon Smyth", "john smith", "Jhon Smiht", "SMITH", "smith, john"])
def test_a_misspelt_or_differently_typed_name_finds_the_child(staff, john, others, query):
    assert "John Smith" in found(staff, query)
    assert "Amir Jones" not in found(staff, query)


def test_part_of_a_name_finds_the_child(staff, john, others):
    assert found(staff, "Jo Smi") == ["John Smith", "Joanna Smithson"]
    assert found(staff, "Smit") == ["John Smith", "Joanna Smithson"]


def test_the_exact_name_comes_first(staff, john, others):
    assert found(staff, "Smith")[0] == "John Smith"


@pytest.mark.parametrize("typed", ["3/5/2015", "03-05-2015", "3 May 2015", "3rd May 2015", "03.05.15", "2015-05-03"])
def test_a_date_of_birth_as_people_type_it_finds_the_children_born_that_day(staff, john, others, typed):
    assert found(staff, typed) == ["Amir Jones", "John Smith"]


def test_a_name_and_a_date_of_birth_together_narrow_the_search(staff, john, others):
    assert found(staff, "Jones 3/5/2015") == ["Amir Jones"]
    assert found(staff, "Smith 9 Jan 2016") == ["Joanna Smithson"]


def test_a_date_that_cannot_exist_is_said_to_be_wrong_and_finds_nobody(staff, john):
    terms = search_terms("31/2/2015", TODAY)
    assert terms.problems == ["31/2/2015 is not a real date"]
    assert found(staff, "31/2/2015") == []


def test_a_two_digit_year_is_never_in_the_future():
    assert search_terms("3/5/15", TODAY).date_of_birth == D(2015, 5, 3)
    assert search_terms("3/5/98", TODAY).date_of_birth == D(1998, 5, 3)


@pytest.mark.parametrize("query", ["999 000 0018", "9990000018", "999-000-0018"])
def test_the_nhs_number_finds_the_child(staff, john, others, query):
    assert found(staff, query) == ["John Smith"]


def test_a_mistyped_nhs_number_says_so(staff, john):
    assert search_terms("999 000 0017", TODAY).problems == [
        "That is not a valid NHS number: check for a mistyped digit"
    ]
    assert found(staff, "9990000017") == []


def test_the_upn_and_the_hearth_id_find_the_child(staff, john, others):
    assert found(staff, "t999123415001") == ["John Smith"]
    assert found(staff, john.hearth_id) == ["John Smith"]
    assert found(staff, john.hearth_id.lower()) == ["John Smith"]


def test_a_former_name_finds_the_child_and_is_shown(staff, john, client_for):
    services.former_name_add(
        actor=staff.social_worker.user, child_id=john.pk, first_name="Johnny", last_name="Baxter", used_until=None
    )
    assert found(staff, "Baxter") == ["John Smith"]
    assert found(staff, "Johnny Baxtor") == ["John Smith"]  # misspelt former name too
    page = client_for(staff.social_worker.user).get(reverse("people:child_search"), {"q": "baxter"}).content.decode()
    assert "John Smith" in page and "Johnny Baxter" in page


def test_a_changed_name_keeps_the_old_one_findable(staff, john):
    services.child_identity_update(
        actor=staff.social_worker.user,
        child_id=john.pk,
        expected_version=john.version,
        first_name="John",
        last_name="Adebayo-Smith",
        date_of_birth=john.date_of_birth,
        sex=john.sex,
        nhs_number=john.nhs_number,
        upn=john.upn,
        postcode=john.postcode,
    )
    assert found(staff, "John Smith") == ["John Adebayo-Smith"]
    assert found(staff, "Adebayo") == ["John Adebayo-Smith"]


def test_another_teams_child_is_not_found_by_name_or_identifier(staff, john):
    assert found(staff, "Smith", user=staff.other_social_worker.user) == []
    assert found(staff, "9990000018", user=staff.other_social_worker.user) == []
    assert found(staff, john.hearth_id, user=staff.other_social_worker.user) == []


def test_a_restricted_child_is_found_only_by_the_people_named(staff, john):
    services.child_restrict(
        actor=staff.service_manager,
        child_id=john.pk,
        reason="Parent works here",
        allowed_user_ids=[] + [staff.team_manager.user.pk],
    )
    assert found(staff, "Smith", user=staff.social_worker.user) == []
    assert found(staff, "9990000018", user=staff.director) == []
    assert found(staff, "Smith", user=staff.team_manager.user) == ["John Smith"]


def test_the_search_page_shows_the_nhs_number_and_is_audited(staff, john, client_for):
    from hearth.audit.models import AuditEvent

    page = client_for(staff.social_worker.user).get(reverse("people:child_search"), {"q": "Jon Smyth"})
    assert "999 000 0018" in page.content.decode()
    assert AuditEvent.objects.filter(action="child.search", actor=staff.social_worker.user).exists()
