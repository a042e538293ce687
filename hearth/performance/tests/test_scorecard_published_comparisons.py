"""The scorecard's comparisons (last month-end, same point last year) come from the published month
where the comparison date ends one: the figure the panel was sent, whatever was corrected since.
The figures as of the date itself are always the record's; any other date is worked out live."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from hearth.assessment.models import Assessment
from hearth.performance import services
from hearth.performance.models import SnapshotFigure
from hearth.performance.selectors import scorecard
from hearth.testing.journeys import at, authorised_assessment, new_child, new_contact

D = datetime.date


def travel(day: datetime.date):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 12, 0, tzinfo=datetime.UTC), tick=False)


@pytest.fixture(autouse=True)
def in_september_2025():
    with travel(D(2025, 9, 10)):
        yield


@pytest.fixture
def august_published_then_corrected(staff):
    """A01 for August 2025 published as 1 of 2 (50%); then the on-time assessment's authorisation
    is corrected to 29 August, late: the record now gives 0 of 2 for 31 August."""
    on_time = authorised_assessment(staff, new_child(staff, "Ontime"), D(2025, 5, 1), D(2025, 5, 30))
    authorised_assessment(staff, new_child(staff, "Late"), D(2025, 5, 1), D(2025, 7, 30))
    snapshot = services.snapshot_publish(actor=staff.performance_officer, month=D(2025, 8, 1))
    Assessment.objects.filter(pk=on_time.pk).update(authorised_on=D(2025, 8, 29))
    return snapshot


def line_for(lines, indicator_id):
    return next(line for line in lines if line.result.indicator.id == indicator_id)


def test_the_last_month_end_is_the_published_figure_and_the_date_itself_the_record(august_published_then_corrected):
    a01 = line_for(scorecard(D(2025, 9, 10)), "A01")
    assert (a01.result.numerator, a01.result.denominator, a01.value) == (0, 2, Decimal("0.0"))
    assert a01.last_period.published == august_published_then_corrected
    assert (a01.last_period.numerator, a01.last_period.denominator) == (1, 2)
    assert a01.last_period_value == Decimal("50.0")
    assert a01.travel_since_last_period == "worsening"
    # 10 September 2024 ends no published month: worked out from the record.
    assert a01.last_year.published is None and a01.last_year.as_of == D(2024, 9, 10)


def test_on_the_published_month_end_itself_the_figure_is_still_the_record(august_published_then_corrected):
    a01 = line_for(scorecard(D(2025, 8, 31)), "A01")
    assert (a01.result.numerator, a01.result.denominator) == (0, 2)
    # 31 July was not published: the record as it stands (the late one, authorised 30 July).
    assert a01.last_period.published is None
    assert (a01.last_period.numerator, a01.last_period.denominator) == (0, 1)


def test_the_same_point_last_year_comes_from_a_month_published_then(staff, august_published_then_corrected):
    with travel(D(2026, 9, 10)):
        a01 = line_for(scorecard(D(2026, 8, 31)), "A01")
    assert a01.last_year.as_of == D(2025, 8, 31) and a01.last_year.published == august_published_then_corrected
    assert a01.last_year_value == Decimal("50.0")
    assert a01.last_period.published is None  # 31 July 2026: not published


def test_a_published_count_reads_as_a_count_and_a_later_entry_leaves_it_alone(staff):
    for day in (4, 5):
        new_contact(staff, new_child(staff, f"August{day}"), at(D(2025, 8, day), 10))
    services.snapshot_publish(actor=staff.performance_officer, month=D(2025, 8, 1))
    new_contact(staff, new_child(staff, "Latecomer"), at(D(2025, 8, 6), 10))  # entered after publication
    f02 = line_for(scorecard(D(2025, 9, 10)), "F02")
    assert f02.result.numerator == 3
    assert f02.last_period.published is not None and f02.last_period_value == Decimal(2)
    assert str(f02.last_period_value) == "2"  # as the live figure prints, not "2.0"


def test_an_indicator_the_month_did_not_publish_is_worked_out_from_the_record(staff, august_published_then_corrected):
    figure = SnapshotFigure.objects.get(snapshot=august_published_then_corrected, indicator_id="A02")
    figure.rows.all().delete()
    figure.delete()  # as if A02 had been added to the catalogue after August was published
    a02 = line_for(scorecard(D(2025, 9, 10)), "A02")
    assert a02.last_period.published is None
    assert (a02.last_period.numerator, a02.last_period.denominator) == (0, 2)
    assert line_for(scorecard(D(2025, 9, 10)), "A01").last_period.published is not None


def test_the_page_and_the_data_say_which_comparisons_are_published(staff, client, august_published_then_corrected):
    client.force_login(staff.performance_officer)
    url = reverse("performance:index")
    page = client.get(url, {"as_of_day": 10, "as_of_month": 9, "as_of_year": 2025}).content.decode()
    assert "published for" in page and "August 2025" in page
    assert reverse("performance:published_month", args=[august_published_then_corrected.pk]) in page
    assert "Published</span>" in page
    earlier = client.get(url, {"as_of_day": 15, "as_of_month": 8, "as_of_year": 2025}).content.decode()
    assert "no comparison date here ends a published month" in earlier and "Published</span>" not in earlier

    figures = client.get(reverse("api_indicators"), {"as_of": "2025-09-10"}).json()["indicators"]
    a01 = next(item for item in figures if item["id"] == "A01")
    assert (a01["value"], a01["last_period"], a01["last_period_published"]) == (0.0, 50.0, True)
    assert a01["same_point_last_year_published"] is False
