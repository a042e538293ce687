"""The fostering sufficiency indicators (FS01-FS06) and the adopters' (AS04, AS05), worked by hand
on a small council of households, with each SQL figure equal to its rows."""

import datetime

import pytest

from hearth.care import services as care
from hearth.fostering import services
from hearth.fostering.selectors import sufficiency
from hearth.performance.catalogue import CATALOGUE_BY_ID
from hearth.performance.selectors import figure_from_rows, indicator_result
from hearth.testing.adoption_journeys import decide, match, place_for_adoption, placement_order
from hearth.testing.fostering_journeys import approved_household, change_status
from hearth.testing.journeys import foster_placement, looked_after_child, new_child

D = datetime.date
AS_OF = D(2026, 3, 31)  # the year from 1 April 2025


def _result(indicator_id, as_of=AS_OF):
    indicator = CATALOGUE_BY_ID[indicator_id]
    result = indicator_result(indicator, as_of)
    assert indicator.figure(as_of) == figure_from_rows(indicator, as_of)  # the SQL and the rows agree
    return result


@pytest.fixture
def households(staff):
    """Fernhill (approved Jan 2025, 2 places, 0-10): Amy and Ben placed, full. Birch (Jun 2025, one
    place, 0-2): empty. Ash (May 2024, 3 places): resigned 1 Sep 2025. Cedar (May 2025, 2 places):
    on hold from 10 Jan 2026. Elm (Jan 2024, 2 places, 12-17): Yan, placed at 17, staying put after
    18 from 20 Jan 2025, one place free. Adopters: the Oakes (approved 10 Apr 2025) waiting; Mr and
    Mrs Adoptive (approved 1 May 2025) matched with Zed on 1 Sep 2025 (123 days), placed 1 Oct."""
    approved_household(staff, "Mr and Mrs Fernhill", D(2025, 1, 10), places=2, ages=(0, 10))
    for name, born, on in (("Amy", D(2018, 1, 1), D(2025, 2, 1)), ("Ben", D(2019, 1, 1), D(2025, 3, 1))):
        looked_after_child(staff, new_child(staff, name, born=born), on)
    approved_household(staff, "Ms Birch", D(2025, 6, 1), places=1, ages=(0, 2), bedrooms=1)
    ash = approved_household(staff, "Mr Ash", D(2024, 5, 1), places=3, ages=(11, 17))
    change_status(staff, ash, "RESIGNED", D(2025, 9, 1), reason="Moving abroad")
    cedar = approved_household(staff, "Ms Cedar", D(2025, 5, 1), places=2)
    change_status(staff, cedar, "ON_HOLD", D(2026, 1, 10), reason="New baby")
    elm = approved_household(staff, "Mr and Mrs Elm", D(2024, 1, 1), places=2, ages=(12, 17))
    yan = new_child(staff, "Yan", born=D(2007, 1, 15))
    period = looked_after_child(staff, yan, D(2024, 6, 1), placement=foster_placement(carer="Mr and Mrs Elm"))
    care.care_end(
        actor=staff.social_worker.user,
        period_id=period.pk,
        version=period.version,
        ended_on=D(2025, 1, 20),
        reason="E17",
    )
    services.staying_put_start(
        actor=staff.social_worker.user,
        approval_id=elm.pk,
        young_person_hearth_id=yan.hearth_id,
        started_on=D(2025, 1, 20),
    )
    approved_household(staff, "Mr and Mrs Oakes (adopters)", D(2025, 4, 10), places=1, ages=(0, 5), placement_type="A6")
    approved_household(staff, "Mr and Mrs Adoptive", D(2025, 5, 1), places=1, ages=(0, 6), placement_type="A6")
    zed = looked_after_child(
        staff,
        new_child(staff, "Zed", "Quill", born=D(2021, 2, 1)),
        D(2025, 1, 6),
        placement=foster_placement("Ms Hazel"),
    )
    decision = decide(staff, zed, on=D(2025, 3, 1))
    placement_order(staff, zed, on=D(2025, 5, 1))
    match(staff, decision, on=D(2025, 9, 1))
    place_for_adoption(staff, zed, on=D(2025, 10, 1))


def test_approvals_and_endings_since_1_april(households):
    fs01, fs02 = _result("FS01"), _result("FS02")
    assert (fs01.value, sorted(r.child_name for r in fs01.rows)) == (2, ["Ms Birch", "Ms Cedar"])
    assert (fs02.value, [r.subject for r in fs02.rows]) == (1, ["Resigned 1 Sep 2025: Moving abroad"])
    assert all(r.child_id is None and r.link.startswith("/fostering/households/") for r in fs01.rows + fs02.rows)
    # A year earlier: Ash (May 2024) and Fernhill (Jan 2025) were approved in 2024-25, nothing ended.
    assert (_result("FS01", D(2025, 3, 31)).value, _result("FS02", D(2025, 3, 31)).value) == (2, 0)


def test_places_free_occupancy_one_place_and_staying_put(households):
    # Free: Birch 1, Elm 1 (Fernhill full, Cedar on hold, Ash resigned).
    free = _result("FS03")
    assert (free.value, sorted(r.child_name for r in free.rows)) == (2, ["Mr and Mrs Elm", "Ms Birch"])
    # Places of households approved (active or on hold): Fernhill 2 + Birch 1 + Cedar 2 + Elm 2 = 7;
    # taken: Amy, Ben, Yan = 3.
    occupancy = _result("FS04")
    assert (occupancy.numerator, occupancy.denominator) == (3, 7)
    assert _result("FS05").value == 1  # Birch
    staying = _result("FS06")
    assert (staying.value, [r.child_name for r in staying.rows]) == (1, ["Yan Example"])
    # Before Cedar went on hold, its 2 places were free too.
    assert _result("FS03", D(2026, 1, 9)).value == 4


def test_the_sufficiency_page_reads_the_same_places_by_age_band(households):
    report = sufficiency(AS_OF, D(2025, 4, 1))
    assert (report.places, report.taken, report.free) == (7, 3, 2)
    # Under 5: Fernhill 2 (0-10), Birch 1 (0-2), Cedar 2 (0-17; on hold, none free); free: Birch 1.
    bands = {band.label: (band.approved, band.free) for band in report.bands}
    assert bands == {"Under 5": (5, 1), "5 to 9": (4, 0), "10 to 15": (6, 1), "16 and 17": (4, 1)}
    assert ([h.approval.provider.name for h in report.one_place], len(report.staying_put)) == (["Ms Birch"], 1)


def test_adopters_waiting_and_approval_to_match(households):
    waiting = _result("AS04")
    assert (waiting.value, [r.child_name for r in waiting.rows]) == (1, ["Mr and Mrs Oakes (adopters)"])
    to_match = _result("AS05")
    assert (to_match.numerator, to_match.denominator, [r.days for r in to_match.rows]) == (123, 1, [123])
    # On 31 August 2025 the match had not been made: both were waiting and none was matched.
    assert (_result("AS04", D(2025, 8, 31)).value, _result("AS05", D(2025, 8, 31)).denominator) == (2, 0)
