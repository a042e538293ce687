"""The child's identity details (optimistic version check, identifiers) and their family."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.people import services
from hearth.people.matching import possible_matches
from hearth.people.models import Child, FormerName, Relationship
from hearth.testing.journeys import allocated_case, at, new_child, referred_case

D = datetime.date


@pytest.fixture
def child(staff):
    child = new_child(staff, "Ruby", "Hartley", born=D(2016, 2, 10))
    allocated_case(staff, child, at(D(2025, 5, 1), 9))
    child.refresh_from_db()
    return child


def identity(child, **changes):
    details = {
        "first_name": child.first_name,
        "last_name": child.last_name,
        "date_of_birth": child.date_of_birth,
        "sex": child.sex,
        "nhs_number": child.nhs_number,
        "upn": child.upn,
        "postcode": child.postcode,
    }
    return details | changes


def test_identifiers_are_stored_as_digits_and_upper_case_and_the_change_is_audited(staff, child):
    updated = services.child_identity_update(
        actor=staff.social_worker.user,
        child_id=child.pk,
        expected_version=child.version,
        **identity(child, nhs_number="999 000 0018", upn="t999123415001"),
    )
    assert (updated.nhs_number, updated.upn, updated.version) == ("9990000018", "T999123415001", child.version + 1)
    event = AuditEvent.objects.get(action="child.identity_update", child=child)
    assert event.detail["changed"]["nhs_number"] == ["", "9990000018"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nhs_number", "999 000 0017", services.ERROR_NHS_NUMBER_INVALID),
        ("nhs_number", "12345", services.ERROR_NHS_NUMBER_INVALID),
        ("upn", "A999123415001", services.ERROR_UPN_INVALID),
        ("first_name", "  ", services.ERROR_NAME_REQUIRED),
        ("date_of_birth", D(2099, 1, 1), services.ERROR_BIRTH_IN_FUTURE),
    ],
)
def test_bad_identity_details_are_refused_and_nothing_is_written(staff, child, field, value, message):
    with pytest.raises(ValidationError) as refused:
        services.child_identity_update(
            actor=staff.social_worker.user,
            child_id=child.pk,
            expected_version=child.version,
            **identity(child, **{field: value}),
        )
    assert refused.value.message_dict[field] == [message]
    assert Child.objects.get(pk=child.pk).version == child.version


def test_an_edit_on_a_page_opened_before_someone_elses_change_is_refused(staff, child):
    opened_at = child.version
    services.child_identity_update(
        actor=staff.team_manager.user, child_id=child.pk, expected_version=opened_at, **identity(child, sex="F")
    )
    with pytest.raises(ValidationError) as refused:
        services.child_identity_update(
            actor=staff.social_worker.user,
            child_id=child.pk,
            expected_version=opened_at,
            **identity(child, first_name="Rubie"),
        )
    assert refused.value.messages == [services.ERROR_CHANGED_MEANWHILE]
    assert Child.objects.get(pk=child.pk).first_name == "Ruby"


def test_the_edit_page_refuses_a_stale_version_and_shows_the_current_details(staff, child, client_for):
    services.child_identity_update(
        actor=staff.team_manager.user, child_id=child.pk, expected_version=child.version, **identity(child, sex="F")
    )
    response = client_for(staff.social_worker.user).post(
        reverse("people:child_identity_edit", args=[child.pk]),
        {"first_name": "Rubie", "last_name": "Hartley", "sex": "M", "version": child.version},
        follow=True,
    )
    page = response.content.decode()
    assert "Someone else changed this child" in page
    assert Child.objects.get(pk=child.pk).first_name == "Ruby"
    assert f'name="version" value="{child.version + 1}"' in page


def test_one_nhs_number_belongs_to_one_child(staff, child):
    other = new_child(staff, "Other", "Child")
    referred_case(staff, other, at(D(2025, 5, 3), 9), team=staff.north)  # so the north worker may see it
    services.child_identity_update(
        actor=staff.service_manager,
        child_id=other.pk,
        expected_version=other.version,
        **identity(other, nhs_number="9990000018"),
    )
    with pytest.raises(ValidationError) as refused:
        services.child_identity_update(
            actor=staff.social_worker.user,
            child_id=child.pk,
            expected_version=child.version,
            **identity(child, nhs_number="9990000018"),
        )
    assert refused.value.message_dict["nhs_number"] == [
        services.ERROR_NHS_NUMBER_TAKEN.format(hearth_id=other.hearth_id)
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        Child.objects.filter(pk=child.pk).update(nhs_number="9990000018")


def test_a_number_held_by_a_record_the_user_cannot_see_is_refused_without_naming_it(staff, child):
    hidden = new_child(staff, "Hidden", "Elsewhere")
    referred_case(staff, hidden, at(D(2025, 5, 3), 9), team=staff.south)
    services.child_identity_update(
        actor=staff.service_manager,
        child_id=hidden.pk,
        expected_version=hidden.version,
        **identity(hidden, nhs_number="9990000018"),
    )
    with pytest.raises(ValidationError) as refused:
        services.child_identity_update(
            actor=staff.social_worker.user,
            child_id=child.pk,
            expected_version=child.version,
            **identity(child, nhs_number="9990000018"),
        )
    [message] = refused.value.message_dict["nhs_number"]
    assert hidden.hearth_id not in message and "one you cannot open" in message


def test_the_database_refuses_a_malformed_nhs_number(staff, child):
    with pytest.raises(IntegrityError), transaction.atomic():
        Child.objects.filter(pk=child.pk).update(nhs_number="99900-0018")


def test_a_change_of_name_keeps_the_old_name_as_a_former_name(staff, child):
    services.child_identity_update(
        actor=staff.social_worker.user,
        child_id=child.pk,
        expected_version=child.version,
        **identity(child, last_name="Osei"),
    )
    former = FormerName.objects.get(child=child)
    assert (former.first_name, former.last_name) == ("Ruby", "Hartley")


def test_an_nhs_number_match_is_a_strong_possible_duplicate_whatever_the_name(staff, child):
    services.child_identity_update(
        actor=staff.social_worker.user,
        child_id=child.pk,
        expected_version=child.version,
        **identity(child, nhs_number="9990000018"),
    )
    [match] = possible_matches(first_name="Rubina", last_name="Khan", date_of_birth=None, nhs_number="999 000 0018")
    assert match.child == child and match.strong and match.reasons == ["same NHS number"]
    # A child with the same name and birthday but a different NHS number is a different child.
    assert (
        possible_matches(first_name="Ruby", last_name="Hartley", date_of_birth=D(2016, 2, 10), nhs_number="9990000050")
        == []
    )


# Family --------------------------------------------------------------------------------------


def test_a_parent_with_parental_responsibility_in_the_household(staff, child, client_for):
    mother = services.relationship_add(
        actor=staff.social_worker.user,
        child_id=child.pk,
        relationship_code="MOTHER",
        person={"first_name": "Dawn", "last_name": "Hartley", "phone": "07700 900123"},
        has_parental_responsibility=True,
        lives_in_household=True,
    )
    services.relationship_add(
        actor=staff.social_worker.user,
        child_id=child.pk,
        relationship_code="STEP_PARENT",
        person={"first_name": "Gary", "last_name": "Pike"},
        lives_in_household=True,
    )
    assert AuditEvent.objects.filter(action="relationship.add", child=child).count() == 2
    page = client_for(staff.social_worker.user).get(reverse("people:child_detail", args=[child.pk])).content.decode()
    household = page.split("Household: who the child lives with")[1].split("</table>")[0]
    assert "Dawn Hartley" in household and "Gary Pike" in household
    assert mother.has_parental_responsibility


def test_siblings_are_linked_both_ways_and_ended_both_ways(staff, child):
    brother = new_child(staff, "Leo", "Hartley", born=D(2018, 7, 1))
    referred_case(staff, brother, at(D(2025, 5, 3), 9), team=staff.north)
    link = services.relationship_add(
        actor=staff.social_worker.user,
        child_id=child.pk,
        relationship_code="SIBLING",
        other_child_id=brother.pk,
        lives_in_household=True,
    )
    mirror = Relationship.objects.get(child=brother, other_child=child)
    assert mirror.relationship_type.code == "SIBLING" and mirror.ended_on is None
    services.relationship_end(
        actor=staff.social_worker.user, relationship_id=link.pk, ended_on=D(2025, 6, 1), reason="Moved to father's"
    )
    mirror.refresh_from_db()
    assert mirror.ended_on == D(2025, 6, 1)
    assert AuditEvent.objects.filter(action="relationship.end").count() == 2


def test_a_sibling_the_user_cannot_see_is_shown_only_as_existing(staff, child, client_for):
    sister = new_child(staff, "Maisie", "Hartley", born=D(2012, 1, 1))
    referred_case(staff, sister, at(D(2025, 5, 3), 9), team=staff.south)
    services.relationship_add(
        actor=staff.service_manager, child_id=child.pk, relationship_code="HALF_SIBLING", other_child_id=sister.pk
    )
    north_page = client_for(staff.social_worker.user).get(reverse("people:child_detail", args=[child.pk]))
    text = north_page.content.decode()
    assert "A half-sibling whose record you cannot open" in text
    assert "Maisie" not in text and sister.hearth_id not in text
    manager_page = client_for(staff.service_manager).get(reverse("people:child_detail", args=[child.pk]))
    assert "Maisie Hartley" in manager_page.content.decode() and "South" in manager_page.content.decode()


@pytest.mark.parametrize(
    ("arguments", "field", "message"),
    [
        ({"relationship_code": "MOTHER", "other_child": True}, "relationship_code", "SIBLING_NEEDS"),
        (
            {"relationship_code": "SIBLING", "other_child": True, "has_parental_responsibility": True},
            "has_parental_responsibility",
            "PR",
        ),
        ({"relationship_code": "NOPE", "person": {"last_name": "X"}}, "relationship_code", "UNKNOWN"),
        ({"relationship_code": "FATHER", "person": {"last_name": " "}}, "last_name", "NAME"),
    ],
)
def test_bad_relationships_are_refused(staff, child, arguments, field, message):
    sibling = new_child(staff, "Sib", "Hartley")
    referred_case(staff, sibling, at(D(2025, 5, 3), 9), team=staff.north)
    messages = {
        "SIBLING_NEEDS": services.ERROR_SIBLING_NEEDS_A_CHILD_TYPE,
        "PR": services.ERROR_PR_NOT_FOR_CHILDREN,
        "UNKNOWN": services.ERROR_RELATIONSHIP_UNKNOWN,
        "NAME": services.ERROR_PERSON_NAME_REQUIRED,
    }
    arguments = dict(arguments)
    if arguments.pop("other_child", False):
        arguments["other_child_id"] = sibling.pk
    with pytest.raises(ValidationError) as refused:
        services.relationship_add(actor=staff.social_worker.user, child_id=child.pk, **arguments)
    assert refused.value.message_dict[field] == [messages[message]]
    assert not Relationship.objects.exists()


def test_a_child_the_user_cannot_see_cannot_be_linked_as_a_sibling(staff, child):
    stranger = new_child(staff, "Stranger", "Elsewhere")
    referred_case(staff, stranger, at(D(2025, 5, 3), 9), team=staff.south)
    with pytest.raises(ValidationError) as refused:
        services.relationship_add(
            actor=staff.social_worker.user, child_id=child.pk, relationship_code="SIBLING", other_child_id=stranger.pk
        )
    assert refused.value.message_dict["other_child"] == [services.ERROR_SIBLING_NOT_FOUND]


def test_ending_a_relationship_needs_a_reason_a_sensible_date_and_happens_once(staff, child):
    link = services.relationship_add(
        actor=staff.social_worker.user,
        child_id=child.pk,
        relationship_code="GP",
        person={"last_name": "Dr Okoro", "address": "Vale Surgery"},
        started_on=D(2024, 1, 10),
    )
    with pytest.raises(ValidationError) as refused:
        services.relationship_end(
            actor=staff.social_worker.user, relationship_id=link.pk, ended_on=D(2024, 1, 1), reason="x"
        )
    assert refused.value.message_dict["ended_on"] == [services.ERROR_END_BEFORE_START.format(started="10 January 2024")]
    with pytest.raises(ValidationError) as refused:
        services.relationship_end(
            actor=staff.social_worker.user, relationship_id=link.pk, ended_on=D(2025, 1, 1), reason=" "
        )
    assert refused.value.message_dict["reason"] == [services.ERROR_END_REASON_REQUIRED]
    services.relationship_end(
        actor=staff.social_worker.user, relationship_id=link.pk, ended_on=D(2025, 1, 1), reason="Changed GP"
    )
    with pytest.raises(ValidationError) as refused:
        services.relationship_end(
            actor=staff.social_worker.user, relationship_id=link.pk, ended_on=D(2025, 1, 2), reason="Again"
        )
    assert refused.value.messages == [services.ERROR_ALREADY_ENDED]


def test_the_database_refuses_parental_responsibility_for_a_sibling_link(staff, child):
    sibling = new_child(staff, "Sib", "Hartley")
    with pytest.raises(IntegrityError), transaction.atomic():
        Relationship.objects.create(
            child=child,
            relationship_type_id="SIBLING",
            other_child=sibling,
            has_parental_responsibility=True,
            recorded_by=staff.service_manager,
        )


def test_adding_and_ending_through_the_pages(staff, child, client_for):
    client = client_for(staff.social_worker.user)
    response = client.post(
        reverse("people:relationship_add", args=[child.pk]),
        {"relationship": "FATHER", "first_name": "Tom", "last_name": "Hartley", "has_parental_responsibility": "on"},
    )
    assert response.status_code == 302
    link = Relationship.objects.get(child=child)
    assert link.has_parental_responsibility and link.person.first_name == "Tom"
    response = client.post(
        reverse("people:relationship_end", args=[link.pk]),
        {"ended_on_day": "1", "ended_on_month": "6", "ended_on_year": "2025", "reason": "Moved away"},
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.ended_on == D(2025, 6, 1)
    empty = client.post(reverse("people:relationship_add", args=[child.pk]), {"relationship": "FATHER"})
    assert "Enter the person&#x27;s last name, or a sibling&#x27;s Hearth ID" in empty.content.decode()


def test_adding_a_child_whose_nhs_number_is_known_offers_that_record_first(staff, child, client_for):
    services.child_identity_update(
        actor=staff.service_manager,
        child_id=child.pk,
        expected_version=child.version,
        **identity(child, nhs_number="9990000018"),
    )
    client = client_for(staff.screener)
    form = {"first_name": "Rubi", "last_name": "Hartly", "sex": "F", "nhs_number": "999 000 0018"}
    page = client.post(reverse("people:child_create"), form).content.decode()
    assert "Same NHS number" in page and child.hearth_id in page
    confirmed = client.post(reverse("people:child_create"), form | {"not_a_duplicate": "on"})
    assert "has this NHS number" in confirmed.content.decode()
    assert Child.objects.filter(nhs_number="9990000018").count() == 1
