import datetime
from decimal import Decimal

import time_machine
from django.urls import reverse

from hearth.performance.catalogue import CATALOGUE_BY_ID
from hearth.performance.charts import Point, line_chart
from hearth.performance.selectors import monthly_trend
from hearth.testing.journeys import authorised_assessment, new_child

D = datetime.date


def test_the_chart_draws_each_value_leaves_gaps_and_shows_the_target():
    points = [
        Point("Jan 2025", Decimal("80")),
        Point("Feb 2025", None),
        Point("Mar 2025", Decimal("90")),
        Point("Apr 2025", Decimal("95")),
    ]
    svg = line_chart(points, title="A01 by month", unit="%", target=Decimal("98"))
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title>A01 by month</title>" in svg
    assert svg.count('class="hearth-chart__point"') == 3  # the empty month has no point
    assert svg.count('class="hearth-chart__line"') == 1  # Jan stands alone; Mar-Apr is one line
    assert 'class="hearth-chart__target"' in svg


def test_text_in_the_chart_is_escaped():
    svg = line_chart([Point("<b>", Decimal("1"))], title="x & <script>", unit="count")
    assert "<script>" not in svg and "&lt;script&gt;" in svg


@time_machine.travel(datetime.datetime(2025, 9, 10, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_the_trend_is_the_indicator_at_each_month_end(staff, client_for):
    authorised_assessment(staff, new_child(staff), D(2025, 5, 1), D(2025, 5, 30))
    points = monthly_trend(CATALOGUE_BY_ID["A01"], D(2025, 9, 10))
    assert len(points) == 12
    assert [p.label for p in points[-3:]] == ["Jul 2025", "Aug 2025", "Sep 2025"]
    assert points[-1].value == Decimal("100.0")
    assert [p.value for p in points if p.label == "Apr 2025"] == [None]  # nothing authorised by 30 April
    page = client_for(staff.performance_officer).get(reverse("performance:drilldown", args=["A01"])).content.decode()
    assert 'class="hearth-chart"' in page and "The same figures as a table" in page


def test_the_drill_down_groups_the_figure_by_worker_most_deficits_first():
    from hearth.performance.catalogue import Row
    from hearth.performance.selectors import by_worker

    def row(worker, counted):
        return Row(
            subject="x",
            child_id=1,
            child_name="c",
            worker=worker,
            team="North",
            started=D(2025, 5, 1),
            due=None,
            stopped=None,
            counted=counted,
        )

    lines = by_worker([row("Ann", True), row("Ann", False), row("Bo", False), row("Bo", False), row("Cy", True)])
    assert [(line.worker, line.total, line.counted, line.not_counted) for line in lines] == [
        ("Bo", 2, 0, 2),
        ("Ann", 2, 1, 1),
        ("Cy", 1, 1, 0),
    ]
