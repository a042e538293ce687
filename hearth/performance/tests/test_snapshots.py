"""Publishing a month: frozen figures that reproduce exactly, refused twice or early; corrections
after publication show beside the published figure; commentary; small-number suppression."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.assessment.models import Assessment
from hearth.performance import services
from hearth.performance.models import Snapshot, SnapshotFigure
from hearth.performance.selectors import published_with_live
from hearth.performance.suppression import value_shown
from hearth.testing.journeys import authorised_assessment, new_child

D = datetime.date


@pytest.fixture(autouse=True)
def in_september_2025():
    with time_machine.travel(datetime.datetime(2025, 9, 10, 12, 0, tzinfo=datetime.UTC), tick=False):
        yield


def test_a_published_month_is_frozen_with_its_children_and_commentary(staff):
    on_time = authorised_assessment(staff, new_child(staff, "Ontime"), D(2025, 5, 1), D(2025, 5, 30))
    authorised_assessment(staff, new_child(staff, "Late"), D(2025, 5, 1), D(2025, 7, 30))
    services.commentary_write(
        actor=staff.performance_officer,
        indicator_id="A01",
        month=D(2025, 8, 1),
        text="One late assessment: taken up with the worker",
    )
    snapshot = services.snapshot_publish(actor=staff.performance_officer, month=D(2025, 8, 1))
    assert snapshot.as_of == D(2025, 8, 31)
    figure = snapshot.figures.get(indicator_id="A01")
    assert (figure.numerator, figure.denominator, figure.value) == (1, 2, Decimal("50.0"))
    assert figure.commentary == "One late assessment: taken up with the worker"
    assert {(r.child.first_name, r.counted) for r in figure.rows.select_related("child")} == {
        ("Ontime", True),
        ("Late", False),
    }
    # A correction made later (the late one's authorisation date fixed) changes the live figure,
    # never the published one, and shows as a difference.
    Assessment.objects.filter(pk=on_time.pk).update(authorised_on=D(2025, 8, 29))
    [line] = [line for line in published_with_live(snapshot) if line.figure.indicator_id == "A01"]
    assert (line.figure.numerator, line.figure.denominator) == (1, 2)
    assert line.changed_since and (line.live_numerator, line.live_denominator) == (0, 2)
    assert SnapshotFigure.objects.get(pk=figure.pk).value == Decimal("50.0")


def test_a_month_is_published_once_and_only_after_it_ends(staff):
    services.snapshot_publish(actor=staff.performance_officer, month=D(2025, 8, 1))
    with pytest.raises(ValidationError, match="already published"):
        services.snapshot_publish(actor=staff.service_manager, month=D(2025, 8, 1))
    with pytest.raises(ValidationError, match="has not ended"):
        services.snapshot_publish(actor=staff.performance_officer, month=D(2025, 9, 1))
    with pytest.raises(ValidationError, match="Only the performance and quality team"):
        services.snapshot_publish(actor=staff.social_worker.user, month=D(2025, 7, 1))
    assert Snapshot.objects.count() == 1


def test_a_stale_commentary_edit_is_refused(staff):
    first = services.commentary_write(
        actor=staff.performance_officer, indicator_id="F01", month=D(2025, 8, 1), text="First words"
    )
    services.commentary_write(
        actor=staff.service_manager,
        indicator_id="F01",
        month=D(2025, 8, 1),
        text="Second words",
        expected_version=first.version,
    )
    with pytest.raises(ValidationError, match="Someone else changed this commentary"):
        services.commentary_write(
            actor=staff.performance_officer,
            indicator_id="F01",
            month=D(2025, 8, 1),
            text="Overwriting",
            expected_version=first.version,
        )


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (3, 40, Decimal("8")),  # a small numerator: 7.5% shown whole, its counts withheld
        (37, 40, Decimal("93")),  # three not counted: 92.5% shown whole, its counts withheld
        (3, 8, "c"),  # a small numerator of fewer than 20 children: the rate would give it away
        (4, 4, "c"),  # a small denominator
        (0, 40, Decimal("0.0")),  # a true zero is shown
        (20, 40, Decimal("50.0")),
    ],
)
def test_small_numbers_are_suppressed_for_aggregate_readers(settings, numerator, denominator, expected):
    settings.HEARTH_SMALL_NUMBERS_UP_TO = 5
    value = Decimal(numerator * 100) / denominator
    shown = value_shown(value.quantize(Decimal("0.1")), numerator, denominator, is_count=False)
    assert shown == expected


def test_the_councillor_sees_c_where_the_performance_officer_sees_the_count(staff, client_for):
    authorised_assessment(staff, new_child(staff), D(2025, 5, 1), D(2025, 5, 30))
    officer = client_for(staff.performance_officer).get(reverse("performance:index")).content.decode()
    assert "1 of 1" in officer
    councillor = client_for(staff.councillor).get(reverse("performance:index")).content.decode()
    # The value is "c", and the counts beside it are not shown at all (they would reveal it).
    assert "1 of 1" not in councillor and "<strong>c</strong>" in councillor
