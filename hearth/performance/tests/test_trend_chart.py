import datetime
from decimal import Decimal

import time_machine
from django.urls import reverse

from hearth.performance.catalogue import CATALOGUE_BY_ID
from hearth.performance.charts import IN_A_ROW, Point, line_chart
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


def twelve_months(values: list) -> list[Point]:
    labels = [f"{month} 2025" for month in "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()]
    return [
        Point(label, None if value is None else Decimal(value)) for label, value in zip(labels, values, strict=True)
    ]


def test_the_chart_labels_every_third_month_back_from_the_latest_and_carries_its_own_colours():
    """Twelve months: Mar, Jun, Sep and Dec are labelled (the latest always, no two side by side),
    the value axis at 0, 50% and 100%. Colours are attributes, as WeasyPrint reads no stylesheet
    in an SVG: the line is unfilled (a filled polyline drew black triangles in the PDF)."""
    svg = line_chart(twelve_months([None] * 8 + ["40", "50", "45", "60"]), title="A01", unit="%", target=Decimal("80"))
    labels = [text.split(">", 1)[1] for text in svg.split("<text ")[1:]]
    assert [label.split("<", 1)[0] for label in labels] == [
        "0%",
        "50%",
        "100%",
        "Mar 2025",
        "Jun 2025",
        "Sep 2025",
        "Dec 2025",
    ]
    assert '<g fill="none" stroke="#1d70b8"' in svg and 'stroke="#d4351c"' in svg  # the line, the target
    assert svg.count('class="hearth-chart__point"') == 4 and svg.count('class="hearth-chart__grid"') == 5


def test_the_chart_in_a_row_leaves_the_months_to_the_table_columns():
    """In the PDF's table of trends the columns name the months: the chart labels only 0 and the top
    of its axis, and still draws every value and the target, with its accessible name."""
    svg = line_chart(
        twelve_months(["10", "20", None, "30"] + [None] * 8),
        title="B01",
        unit="count",
        target=Decimal("25"),
        size=IN_A_ROW,
    )
    assert [text.split(">", 1)[1].split("<", 1)[0] for text in svg.split("<text ")[1:]] == ["0", "50"]
    assert "<title>B01</title>" in svg and 'viewBox="0 0 320 88"' in svg
    assert svg.count('class="hearth-chart__point"') == 3 and 'class="hearth-chart__target"' in svg


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
