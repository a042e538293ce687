"""A drill-down lists the children behind the figure a page at a time (issue 22: F01 listed every
contact of the year on one page), those not counted first, with the count of all of them."""

import datetime

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hearth.duties.models import CareReview
from hearth.performance import views
from hearth.performance.catalogue import CATALOGUE_BY_ID
from hearth.testing.care_duty_journeys import review
from hearth.testing.journeys import at, looked_after_child, new_child, new_contact, screen

D = datetime.date


@time_machine.travel(datetime.datetime(2025, 6, 10, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_the_f01_drilldown_comes_a_page_at_a_time_those_not_counted_first(staff, client_for, monkeypatch):
    # The page size is a setting of the view; three to a page here rather than a hundred contacts.
    monkeypatch.setattr(views, "DRILLDOWN_ROWS_PER_PAGE", 3)
    child = new_child(staff)
    in_time = []
    for day in (2, 3, 4):
        contact = new_contact(staff, child, at(D(2025, 4, day), 9))
        screen(staff, contact, at(D(2025, 4, day), 11))
        in_time.append(contact)
    late = new_contact(staff, child, at(D(2025, 5, 23), 16, 30))
    screen(staff, late, at(D(2025, 5, 27), 9))  # after a weekend and a bank holiday: late
    as_of = {"as_of_day": "2", "as_of_month": "6", "as_of_year": "2025"}
    client = client_for(staff.performance_officer)

    first = client.get(reverse("performance:drilldown", args=["F01"]), as_of).content.decode()
    behind = first.split("Behind the figure")[1]
    assert "(1 to 3 of 4)" in behind
    assert behind.index(f"Contact {late.pk}<") < behind.index(f"Contact {in_time[0].pk}<")
    assert f"Contact {in_time[2].pk}<" not in behind
    assert 'rel="next"' in behind and "page=2" in behind and "as_of_year=2025" in behind

    second = client.get(reverse("performance:drilldown", args=["F01"]), {**as_of, "page": "2"}).content.decode()
    behind = second.split("Behind the figure")[1]
    assert "(4 to 4 of 4)" in behind and f"Contact {in_time[2].pk}<" in behind
    assert f"Contact {late.pk}<" not in behind


@time_machine.travel(datetime.datetime(2025, 9, 30, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_a_looked_after_drilldown_counts_its_own_indicator_only(staff, client_for):
    """L03's drill-down and its trend of twelve month-ends count L03 alone: no query counts the other
    looked-after measures with it (as a report does, for all of them at once), and the figure as of
    the date is worked out once, not again for the trend."""
    ada = looked_after_child(staff, new_child(staff, "Ada", "Brightwater", D(2015, 1, 10)), D(2025, 6, 2))
    review(staff, ada, D(2025, 6, 27))
    client = client_for(staff.performance_officer)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("performance:drilldown", args=["L03"])).content.decode()
    assert "Ada Brightwater" in page
    with CaptureQueriesContext(connection) as alone:
        CATALOGUE_BY_ID["L03"].figure(D(2025, 9, 30))
    reviews = CareReview._meta.db_table

    def figures(captured) -> list[str]:
        return [query["sql"] for query in captured if "COUNT(" in query["sql"] and reviews in query["sql"]]

    [l03_alone] = figures(alone.captured_queries)
    assert len(figures(queries.captured_queries)) == 12  # the date's, and eleven unpublished month-ends
    # Each counts what L03 alone counts, not the fifteen looked-after measures' counts as well.
    assert {sql.count("COUNT(") for sql in figures(queries.captured_queries)} == {l03_alone.count("COUNT(")}
