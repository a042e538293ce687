"""The child's home postcode: written as a postcode is written, and a way to find a record that
may already be this child's when the surname differs."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hearth.people.identifiers import postcode_is_valid, postcode_normalise
from hearth.people.matching import possible_matches
from hearth.people.services import ERROR_POSTCODE_INVALID, child_create

D = datetime.date


@pytest.mark.parametrize(
    ("typed", "stored"), [("sw1a1aa", "SW1A 1AA"), (" M1 1AE ", "M1 1AE"), ("b33  8th", "B33 8TH"), ("", "")]
)
def test_a_postcode_is_stored_in_capitals_with_one_space(typed, stored):
    assert postcode_normalise(typed) == stored


@pytest.mark.parametrize("typed", ["12345", "SW1A", "ZZ 999", "SW1A 1A"])
def test_a_postcode_of_the_wrong_shape_is_refused_and_nothing_written(staff, typed):
    assert not postcode_is_valid(postcode_normalise(typed))
    with pytest.raises(ValidationError) as refused:
        child_create(actor=staff.screener, first_name="Pip", last_name="Shape", date_of_birth=None, postcode=typed)
    assert refused.value.message_dict["postcode"] == [ERROR_POSTCODE_INVALID]


@pytest.fixture
def jayden(staff):
    return child_create(
        actor=staff.screener,
        first_name="Jayden",
        last_name="Smith",
        date_of_birth=D(2015, 3, 1),
        postcode="LS1 4AP",
    )


def test_a_similar_first_name_at_the_same_postcode_is_offered_though_the_surname_differs(jayden):
    # Known at school by a step-parent's surname; the birth date is not given in the contact.
    [match] = possible_matches(first_name="Jaiden", last_name="Brown", date_of_birth=None, postcode="ls14ap")
    assert match.child == jayden and match.reasons == ["same home postcode", "similar first name"]


def test_a_brother_or_sister_at_the_same_postcode_is_not_offered(jayden):
    assert possible_matches(first_name="Jayla", last_name="Brown", date_of_birth=None, postcode="LS1 4AP") == []
    # A similar first name born on another day: a different child at the same address.
    assert (
        possible_matches(first_name="Jaiden", last_name="Brown", date_of_birth=D(2019, 8, 9), postcode="LS1 4AP") == []
    )


def test_adding_that_child_asks_first_and_the_postcode_is_kept(staff, jayden):
    with pytest.raises(ValidationError) as refused:
        child_create(
            actor=staff.screener, first_name="Jaiden", last_name="Brown", date_of_birth=None, postcode="LS1 4AP"
        )
    assert refused.value.code == "possible_duplicate" and jayden.hearth_id in refused.value.message
    created = child_create(
        actor=staff.screener,
        first_name="Jaiden",
        last_name="Brown",
        date_of_birth=None,
        postcode="ls1 4ap",
        not_a_duplicate=True,
    )
    assert created.postcode == "LS1 4AP"
