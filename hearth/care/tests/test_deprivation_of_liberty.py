"""Deprivation of liberty orders on a period of care (the SSDA903's DoLo file from 2026-27): each
bad-input rule of the two writers, that a refusal writes nothing, and the page that records them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.care import services
from hearth.care.models import DeprivationOfLiberty
from hearth.testing.journeys import looked_after_child, new_child

pytestmark = pytest.mark.django_db
D = datetime.date
START = D(2025, 3, 3)
TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def _state():
    return (
        list(DeprivationOfLiberty.objects.values_list("started_on", "ended_on")),
        AuditEvent.objects.filter(action__startswith="care.deprivation").count(),
    )


def refused(call, **kwargs) -> dict:
    before = _state()
    with pytest.raises(ValidationError) as raised:
        call(**kwargs)
    assert _state() == before
    error = raised.value
    return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}


def test_an_order_is_recorded_and_ended_one_at_a_time(staff):
    period = looked_after_child(staff, new_child(staff), START)
    write = dict(actor=staff.social_worker.user, period_id=period.pk)
    assert refused(services.deprivation_of_liberty_record, **write, started_on=D(2025, 3, 2)) == {
        "started_on": [services.ERROR_DOLO_BEFORE_PERIOD.format(date="3 March 2025")]
    }
    assert refused(services.deprivation_of_liberty_record, **write, started_on=TOMORROW) == {
        "started_on": [services.ERROR_DATE_IN_FUTURE]
    }
    assert refused(services.deprivation_of_liberty_end, **write, ended_on=D(2025, 6, 1)) == {
        "__all__": [services.ERROR_DOLO_NONE_OPEN]
    }
    order = services.deprivation_of_liberty_record(**write, started_on=D(2025, 5, 1))
    assert (order.started_on, order.ended_on) == (D(2025, 5, 1), None)
    assert refused(services.deprivation_of_liberty_record, **write, started_on=D(2025, 9, 1)) == {
        "started_on": [services.ERROR_DOLO_ALREADY_OPEN.format(date="1 May 2025")]
    }
    for day in (D(2025, 5, 1), D(2025, 4, 30)):  # rule 702: the end after the start
        assert refused(services.deprivation_of_liberty_end, **write, ended_on=day) == {
            "ended_on": [services.ERROR_DOLO_END_NOT_AFTER_START.format(date="1 May 2025")]
        }
    services.deprivation_of_liberty_end(**write, ended_on=D(2025, 8, 1))
    # Rule 705: the next order cannot start before the last one ended; on its end day it can.
    assert refused(services.deprivation_of_liberty_record, **write, started_on=D(2025, 7, 31)) == {
        "started_on": [services.ERROR_DOLO_OVERLAPS.format(date="1 August 2025")]
    }
    services.deprivation_of_liberty_record(**write, started_on=D(2025, 8, 1))
    assert list(DeprivationOfLiberty.objects.values_list("started_on", "ended_on")) == [
        (D(2025, 5, 1), D(2025, 8, 1)),
        (D(2025, 8, 1), None),
    ]
    assert list(
        AuditEvent.objects.filter(action__startswith="care.deprivation", child=period.child).values_list(
            "action", flat=True
        )
    ) == ["care.deprivation_of_liberty_record", "care.deprivation_of_liberty_end", "care.deprivation_of_liberty_record"]


def test_only_case_workers_record_orders(staff):
    period = looked_after_child(staff, new_child(staff), START)
    assert refused(
        services.deprivation_of_liberty_record, actor=staff.iro, period_id=period.pk, started_on=D(2025, 5, 1)
    ) == {"__all__": [services.ERROR_NOT_CASE_WORKER]}


def test_the_page_records_an_order_then_its_end(staff, client_for):
    period = looked_after_child(staff, new_child(staff), START)
    url = reverse("care:deprivation_of_liberty", args=[period.pk])
    worker = client_for(staff.social_worker.user)
    assert "Record a deprivation of liberty order" in worker.get(url).content.decode()
    bad = worker.post(url, {"started_on_day": "2", "started_on_month": "3", "started_on_year": "2025"})
    assert services.ERROR_DOLO_BEFORE_PERIOD.format(date="3 March 2025") in bad.content.decode()
    assert not DeprivationOfLiberty.objects.exists()
    made = {"started_on_day": "1", "started_on_month": "5", "started_on_year": "2025"}
    assert worker.post(url, made).status_code == 302
    page = worker.get(reverse("care:period", args=[period.pk])).content.decode()
    assert "Deprivation of liberty orders" in page and "1 May 2025" in page and "In force" in page
    assert "The order made on 1 May 2025 is in force" in worker.get(url).content.decode()
    ended = {"ended_on_day": "1", "ended_on_month": "8", "ended_on_year": "2025"}
    assert worker.post(url, ended).status_code == 302
    assert DeprivationOfLiberty.objects.get().ended_on == D(2025, 8, 1)


def test_no_order_overlaps_a_placement_rule_710_forbids_under_one(staff):
    """Rule 710: a child under an order cannot be placed in a secure children's home, with parents,
    in a young offender institution or in supported accommodation (K1, P1, R5, K3). The validator
    cannot run it (docs/returns-903.md), so recording refuses it, with the rule's own overlap: an
    order and a placement overlap when each starts on or before the other ends (a placement ending
    on the day an order starts still overlaps it)."""
    from hearth.care.models import Placement
    from hearth.testing.journeys import foster_placement

    period = looked_after_child(staff, new_child(staff, "Rae", "Example", D(2010, 5, 1)), START)
    write = dict(actor=staff.social_worker.user, period_id=period.pk)

    def move(changed_on, placement):
        period.refresh_from_db()
        return services.placement_change(
            **write, version=period.version, changed_on=changed_on, reason="CARPL", placement=placement
        )

    with_parents = foster_placement(
        carer="Ms Example (parent)", placement_type="P1", postcode="KV3 9ZZ", home_postcode="KV3 9ZZ"
    )
    childrens_home = foster_placement(carer="Larch House", placement_type="K2", provider="PR4", urn="SC111111")
    move(D(2025, 5, 1), with_parents)
    in_p1 = services.ERROR_DOLO_IN_FORBIDDEN_PLACEMENT.format(
        placement="with parents or another person with parental responsibility", code="P1", date="1 May 2025"
    )
    assert refused(services.deprivation_of_liberty_record, **write, started_on=D(2025, 6, 1)) == {"started_on": [in_p1]}
    move(D(2025, 7, 1), childrens_home)
    assert refused(services.deprivation_of_liberty_record, **write, started_on=D(2025, 7, 1)) == {"started_on": [in_p1]}
    services.deprivation_of_liberty_record(**write, started_on=D(2025, 7, 2))

    placements = Placement.objects.count()
    back_home = foster_placement(
        carer="Ms Example (parent)", placement_type="P1", postcode="KV3 9ZZ", home_postcode="KV3 9ZZ"
    )
    under_the_order = services.ERROR_PLACEMENT_FORBIDDEN_UNDER_AN_ORDER.format(date="2 July 2025")
    with pytest.raises(ValidationError) as raised:
        move(D(2025, 9, 1), back_home)
    assert raised.value.message_dict["placement_type"] == [under_the_order]
    services.deprivation_of_liberty_end(**write, ended_on=D(2025, 9, 1))
    with pytest.raises(ValidationError) as raised:  # the order's last day is still under it
        move(D(2025, 9, 1), back_home)
    assert raised.value.message_dict["placement_type"] == [under_the_order]
    assert Placement.objects.count() == placements
    assert move(D(2025, 9, 2), back_home).placement_type == "P1"
