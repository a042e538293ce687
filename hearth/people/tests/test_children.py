import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.people import services
from hearth.people.models import Child, parse_hearth_id
from hearth.testing.journeys import at, new_child, new_contact

D = datetime.date


def test_a_child_born_in_the_future_is_refused_and_nothing_is_written(staff):
    with pytest.raises(ValidationError) as refused:
        services.child_create(
            actor=staff.screener,
            first_name="Fin",
            last_name="Future",
            date_of_birth=D.today() + datetime.timedelta(days=2),
        )
    assert refused.value.message_dict["date_of_birth"] == [services.ERROR_BIRTH_IN_FUTURE]
    assert not Child.objects.exists()


def test_the_add_child_form_rejects_a_date_that_does_not_exist(staff, client_for):
    response = client_for(staff.screener).post(
        reverse("people:child_create"),
        {
            "first_name": "Ada",
            "last_name": "Example",
            "date_of_birth_day": "31",
            "date_of_birth_month": "2",
            "date_of_birth_year": "2016",
            "sex": "F",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a real date, for example 27 3 2025" in page
    assert 'href="#id_date_of_birth_day"' in page
    assert "govuk-input--error" in page
    assert not Child.objects.exists()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("H0000123", 123), ("h123", 123), (" 123 ", 123), ("Hx1", None), ("", None), ("H" + "9" * 13, None)],
)
def test_hearth_ids_are_read_as_people_type_them(typed, expected):
    assert parse_hearth_id(typed) == expected


def test_search_finds_by_part_of_a_name_and_by_hearth_id(staff, client_for):
    child = new_child(staff, "Morgana", "Fairweather")
    new_contact(staff, child, at(D(2025, 5, 1), 9))
    client = client_for(staff.screener)
    assert "Morgana Fairweather" in client.get(reverse("people:child_search"), {"q": "fair morg"}).content.decode()
    assert "Morgana Fairweather" in client.get(reverse("people:child_search"), {"q": child.hearth_id}).content.decode()
    assert "No child you can see matches" in client.get(reverse("people:child_search"), {"q": "zzz"}).content.decode()
