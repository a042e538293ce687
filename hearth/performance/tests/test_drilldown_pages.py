"""A drill-down lists the children behind the figure a page at a time (issue 22: F01 listed every
contact of the year on one page), those not counted first, with the count of all of them."""

import datetime

import time_machine
from django.urls import reverse

from hearth.performance import views
from hearth.testing.journeys import at, new_child, new_contact, screen

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
