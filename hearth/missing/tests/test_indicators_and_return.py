"""L18, L18E and L19 on Tue 30 Sep 2025, and the 903 Missing file for 2024-25 and 2025-26, worked by
hand from one set of episodes (Europe/London times; 72 hours are true elapsed hours).

Ada, looked after from Mon 2 Jun 2025:
  1. missing Tue 1 Jul 22:00, back Wed 2 Jul 09:00; interview offered Fri 4 Jul 08:00 (due Sat 5 Jul
     09:00): in time.
  2. away Sun 10 Aug 18:00, back 23:00; offered Thu 14 Aug 10:00 (due Wed 13 Aug 23:00): late.
Ben, looked after from Wed 1 Feb 2023:
  3. missing Thu 20 Mar 2025 10:00, back Fri 21 Mar 10:00: all last year (in no figure, not in 2025-26).
  4. missing Mon 31 Mar 2025 20:00, back Tue 1 Apr 02:00, no interview offered (due Fri 4 Apr 02:00):
     started last year (not in L18 or L18E), came back this year: late in L19; open at the end of
     2024-25 (blank MIS_END there), and in 2025-26 with its start of 31/03/2025.
  5. missing Sun 28 Sep 21:00, back Mon 29 Sep 08:00, no offer yet: due Thu 2 Oct 08:00, still running
     at the end of 30 Sep, so out of L19; in L18E.
  6. missing Tue 30 Sep 23:30, not back: in L18E; an open episode in the Missing file.
Dee, looked after Tue 1 Apr 2025 to Thu 31 Jul 2025 (returned home):
  7. missing Wed 30 Jul 20:00, back Sat 2 Aug 12:00, after care ended: MIS_END 31/07/2025 (the end of
     care); offered Sun 3 Aug 09:00, in time.
Cal, looked after from Mon 1 Sep 2025, never missing: in nothing.

L18 = 3 children (Ada, Ben, Dee). L18E = 5 episodes (1, 2, 5, 6, 7). L19: returns 4, 1, 2, 7 known
(5 still running): offered in time 1 and 7, so 2 of 4 (50%).
"""

import datetime

import pytest

from hearth.care import services as care_services
from hearth.missing.indicators import INDICATORS
from hearth.missing.return903 import COLUMNS, missing_rows
from hearth.performance.catalogue import CATALOGUE_BY_ID
from hearth.performance.selectors import indicator_result
from hearth.testing.journeys import at, looked_after_child, make_staff, new_child
from hearth.testing.missing_journeys import came_back, interview_offered, went_missing

D = datetime.date
AS_OF = D(2025, 9, 30)
pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return make_staff()


@pytest.fixture
def children(staff):
    ada = looked_after_child(staff, new_child(staff, "Ada", "Brightwater", D(2012, 1, 10)), D(2025, 6, 2))
    ben = looked_after_child(staff, new_child(staff, "Ben", "Coldharbour", D(2010, 5, 3)), D(2023, 2, 1))
    dee = looked_after_child(staff, new_child(staff, "Dee", "Eastgate", D(2009, 11, 20)), D(2025, 4, 1))
    looked_after_child(staff, new_child(staff, "Cal", "Dunmore", D(2014, 2, 2)), D(2025, 9, 1))
    one = went_missing(staff, ada, at(D(2025, 7, 1), 22), at(D(2025, 7, 2), 9))
    interview_offered(staff, one, at(D(2025, 7, 4), 8))
    two = went_missing(staff, ada, at(D(2025, 8, 10), 18), at(D(2025, 8, 10), 23), kind="A")
    interview_offered(staff, two, at(D(2025, 8, 14), 10), response="declined")
    went_missing(staff, ben, at(D(2025, 3, 20), 10), at(D(2025, 3, 21), 10))
    went_missing(staff, ben, at(D(2025, 3, 31), 20), at(D(2025, 4, 1), 2))
    went_missing(staff, ben, at(D(2025, 9, 28), 21), at(D(2025, 9, 29), 8))
    went_missing(staff, ben, at(D(2025, 9, 30), 23, 30))
    seven = went_missing(staff, dee, at(D(2025, 7, 30), 20))
    dee.refresh_from_db()
    care_services.care_end(
        actor=staff.social_worker.user, period_id=dee.pk, version=dee.version, ended_on=D(2025, 7, 31), reason="E4A"
    )
    seven = came_back(staff, seven, at(D(2025, 8, 2), 12))
    interview_offered(staff, seven, at(D(2025, 8, 3), 9))
    return {"ada": ada.child, "ben": ben.child, "dee": dee.child}


def _result(indicator_id):
    return indicator_result(CATALOGUE_BY_ID[indicator_id], AS_OF)


def test_the_indicators_worked_by_hand(children):
    l18, l18e, l19 = _result("L18"), _result("L18E"), _result("L19")
    assert (l18.numerator, l18.value) == (3, 3)
    assert sorted(row.child_name for row in l18.rows) == ["Ada Brightwater", "Ben Coldharbour", "Dee Eastgate"]
    assert (l18e.numerator, l18e.value) == (5, 5)
    assert (l19.numerator, l19.denominator, l19.value) == (2, 4, 0.5)
    late = sorted((row.child_name, row.started) for row in l19.rows if not row.counted)
    assert late == [("Ada Brightwater", at(D(2025, 8, 10), 23)), ("Ben Coldharbour", at(D(2025, 4, 1), 2))]


def test_the_indicators_are_in_the_panels_looked_after_section_in_order():
    assert {i.corporate_parenting_section for i in INDICATORS} == {"Looked-after children"}
    ids = list(CATALOGUE_BY_ID)
    assert ids.index("L16") < ids.index("L18") < ids.index("L18E") < ids.index("L19")


def test_the_missing_file_for_2025_26_worked_by_hand(children):
    ada, ben, dee = (children[name].hearth_id for name in ("ada", "ben", "dee"))
    rows = missing_rows(D(2025, 4, 1), D(2026, 3, 31))
    assert all(tuple(row) == COLUMNS for row in rows)
    expected = [
        {"CHILD": ada, "DOB": "10/01/2012", "MISSING": "M", "MIS_START": "01/07/2025", "MIS_END": "02/07/2025"},
        {"CHILD": ada, "DOB": "10/01/2012", "MISSING": "A", "MIS_START": "10/08/2025", "MIS_END": "10/08/2025"},
        {"CHILD": ben, "DOB": "03/05/2010", "MISSING": "M", "MIS_START": "31/03/2025", "MIS_END": "01/04/2025"},
        {"CHILD": ben, "DOB": "03/05/2010", "MISSING": "M", "MIS_START": "28/09/2025", "MIS_END": "29/09/2025"},
        {"CHILD": ben, "DOB": "03/05/2010", "MISSING": "M", "MIS_START": "30/09/2025", "MIS_END": ""},
        {"CHILD": dee, "DOB": "20/11/2009", "MISSING": "M", "MIS_START": "30/07/2025", "MIS_END": "31/07/2025"},
    ]
    assert (
        sorted(rows, key=lambda r: (r["CHILD"], r["MIS_START"][6:] + r["MIS_START"][3:5] + r["MIS_START"][:2]))
        == expected
    )


def test_the_missing_file_for_2024_25_leaves_an_episode_open_at_the_year_end_open(children):
    ben = children["ben"].hearth_id
    rows = missing_rows(D(2024, 4, 1), D(2025, 3, 31))
    assert rows == [
        {"CHILD": ben, "DOB": "03/05/2010", "MISSING": "M", "MIS_START": "20/03/2025", "MIS_END": "21/03/2025"},
        {"CHILD": ben, "DOB": "03/05/2010", "MISSING": "M", "MIS_START": "31/03/2025", "MIS_END": ""},
    ]
