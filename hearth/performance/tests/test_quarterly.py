import datetime
from decimal import Decimal

import time_machine
from django.urls import reverse

from hearth.performance import services
from hearth.performance.selectors import quarter_month_ends, quarter_report
from hearth.testing.journeys import authorised_assessment, new_child

D = datetime.date


def test_statutory_quarters_run_april_to_march():
    assert quarter_month_ends(2025, 1) == [D(2025, 4, 30), D(2025, 5, 31), D(2025, 6, 30)]
    assert quarter_month_ends(2025, 4) == [D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 31)]


@time_machine.travel(datetime.datetime(2025, 10, 10, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_the_quarter_shows_each_month_end_preferring_the_published_figure(staff, client_for):
    """Q2 2025-26 (July to September). An assessment authorised on time in May, one late in August.
    July is published; a correction afterwards would not move July's figure."""
    authorised_assessment(staff, new_child(staff, "May"), D(2025, 5, 1), D(2025, 5, 30))
    services.snapshot_publish(actor=staff.performance_officer, month=D(2025, 7, 1))
    authorised_assessment(staff, new_child(staff, "Aug"), D(2025, 5, 1), D(2025, 8, 29))
    a01 = next(q for q in quarter_report(2025, 2) if q.indicator_id == "A01")
    assert [(end, value, published) for end, value, _, _, published in a01.monthly] == [
        (D(2025, 7, 31), Decimal("100.0"), True),
        (D(2025, 8, 31), Decimal("50.0"), False),
        (D(2025, 9, 30), Decimal("50.0"), False),
    ]
    page = client_for(staff.performance_officer).get(reverse("performance:quarterly"), {"quarter": "2025-Q2"})
    assert "Q2 2025-26" in page.content.decode() and "published" in page.content.decode()
    councillor = client_for(staff.councillor).get(reverse("performance:quarterly"), {"quarter": "2025-Q2"})
    assert "100.0%" not in councillor.content.decode()  # 1 of 1: suppressed for aggregate readers
