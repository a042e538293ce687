"""Correcting previous permanence recorded wrongly: the correction is saved with an audit row naming
what changed; bad input is refused with the recording rules (worked by hand) and changes nothing; a
correction on a page opened before someone else's change is refused as stale."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.core.forms import ERROR_MISSING_VERSION
from hearth.permanence import services
from hearth.permanence.models import PreviousPermanence
from hearth.testing.adoption_journeys import child_in_care

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(staff):
    # Born 10 January 2020; looked after from 8 January 2024.
    return child_in_care(staff)


@pytest.fixture
def record(staff, period):
    return services.previous_permanence_record(actor=staff.social_worker.user, period_id=period.pk, option="Z1")


def _correct(staff, record, version=1, **fields):
    return services.previous_permanence_correct(
        actor=staff.social_worker.user, previous_permanence_id=record.pk, version=version, **fields
    )


def _values(record) -> tuple:
    record.refresh_from_db()
    return (record.option, record.la_code, record.order_year, record.order_month, record.order_day, record.version)


def test_none_is_corrected_to_a_special_guardianship_order_with_an_audit_row(staff, record):
    _correct(staff, record, option="P2", la_code=" 316 ", order_year=2022, order_month=5)
    assert _values(record) == ("P2", "316", 2022, 5, None, 2)
    event = AuditEvent.objects.get(action="permanence.previous_permanence_correct")
    assert (event.object_id, event.child_id) == (str(record.pk), record.child_id)
    assert event.detail == {"changed": ["la_code", "option", "order_month", "order_year"]}


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"option": "Z1", "la_code": "316"}, "option", services.ERROR_NONE_WITH_DETAILS),
        ({"option": "P1", "la_code": "123"}, "la_code", services.ERROR_LA_CODE),
        ({"option": "P9"}, "option", services.ERROR_OPTION),
        ({"option": "P1", "order_month": 3}, "order_month", services.ERROR_MONTH_WITHOUT_YEAR),
        # Care started on 8 January 2024: an order that day is not before it (rule 632).
        (
            {"option": "P3", "order_year": 2024, "order_month": 1, "order_day": 8},
            "order_year",
            services.ERROR_ORDER_NOT_BEFORE_CARE.format(date="8 January 2024"),
        ),
        # Born 10 January 2020.
        (
            {"option": "P2", "order_year": 2019, "order_month": 12},
            "order_year",
            services.ERROR_ORDER_BEFORE_BIRTH.format(date="10 January 2020"),
        ),
    ],
)
def test_a_bad_correction_is_refused_and_changes_nothing(staff, record, fields, field, message):
    with pytest.raises(ValidationError) as refused:
        _correct(staff, record, **fields)
    assert refused.value.message_dict[field] == [message]
    assert _values(record) == ("Z1", "", None, None, None, 1)
    assert not AuditEvent.objects.filter(action="permanence.previous_permanence_correct").exists()


def test_a_stale_correction_is_refused_and_the_first_stays(staff, record):
    _correct(staff, record, option="P4")
    with pytest.raises(ValidationError) as refused:
        _correct(staff, record, option="P1")
    assert refused.value.messages == [services.ERROR_PREVIOUS_CHANGED_MEANWHILE]
    assert _values(record)[0::5] == ("P4", 2)


def test_an_iro_cannot_correct(staff, record):
    with pytest.raises(ValidationError):
        services.previous_permanence_correct(actor=staff.iro, previous_permanence_id=record.pk, version=1, option="P4")
    assert _values(record)[0] == "Z1"


def test_previous_permanence_is_corrected_through_its_page(staff, period, record, client):
    client.force_login(staff.social_worker.user)
    url = reverse("permanence:previous_permanence_correct", args=[record.pk])
    assert url in client.get(reverse("care:period", args=[period.pk])).content.decode()
    assert 'name="version" value="1"' in client.get(url).content.decode()
    refused = client.post(url, {"option": "P2", "la_code": "316", "order_year": "2024", "version": "1"})
    assert refused.status_code == 200 and "rule 632" in refused.content.decode()
    no_version = client.post(url, {"option": "P4"})
    assert ERROR_MISSING_VERSION in no_version.content.decode()
    assert _values(record)[0] == "Z1"
    done = client.post(url, {"option": "P2", "la_code": "316", "order_year": "2022", "version": "1"})
    assert done.status_code == 302
    page = client.get(reverse("care:period", args=[period.pk])).content.decode()
    assert "P2: special guardianship order: order dated 2022, arranged by council code 316" in page
    stale = client.post(url, {"option": "P4", "version": "1"})
    assert "Someone else changed this previous permanence" in stale.content.decode()
    assert PreviousPermanence.objects.get().option == "P2"


def test_a_worker_who_cannot_see_the_child_cannot_correct(staff, record, client):
    client.force_login(staff.other_social_worker.user)
    assert client.get(reverse("permanence:previous_permanence_correct", args=[record.pk])).status_code == 403
