"""The 903 Header, UASC, OC3 and Reviews files, hand-worked from small records: which children are
in each, and each derived column."""

import datetime

import pytest

from hearth.care.services import care_end
from hearth.people.characteristics_services import ethnicity_record, uasc_record, upn_unknown_record
from hearth.people.models import Sex
from hearth.people.services import relationship_add
from hearth.returns.ssda903.common import collection_bounds
from hearth.returns.ssda903.header import header_rows, uasc_rows
from hearth.returns.ssda903.oc3 import accommodation_code, oc3_rows
from hearth.returns.ssda903.reviews import review_rows
from hearth.testing.care_duty_journeys import review
from hearth.testing.care_leaver_journeys import care_leaver, contact
from hearth.testing.iro_journeys import appoint_iro
from hearth.testing.journeys import looked_after_child, new_child

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR = collection_bounds(2026)  # 1 April 2025 to 31 March 2026


def _end(staff, period, day, reason):
    period.refresh_from_db()
    care_end(actor=staff.social_worker.user, period_id=period.pk, version=period.version, ended_on=day, reason=reason)


def test_header_columns_hand_worked(staff):
    """Maya (a girl of 16, UPN not known: UN2 from 1 June 2025; White British; her son born 3 Feb
    2026) and Leo (a boy of 9, ethnicity recorded only from 1 April 2026, after the year), both
    looked after in 2025-26; Ola, looked after only until 2024, is not in the return."""
    actor = staff.social_worker.user
    maya = new_child(staff, "Maya", "Brook", born=D(2009, 7, 14))
    maya.sex = Sex.FEMALE
    maya.save(update_fields=["sex"])
    looked_after_child(staff, maya, D(2025, 5, 20))
    ethnicity_record(actor=actor, child_id=maya.pk, ethnicity="WBRI", applies_from=D(2025, 5, 20))
    upn_unknown_record(actor=actor, child_id=maya.pk, reason="UN2", applies_from=D(2025, 6, 1))
    relationship_add(
        actor=actor,
        child_id=maya.pk,
        relationship_code="OWN_CHILD",
        person={"first_name": "Sonny", "last_name": "Brook", "date_of_birth": D(2026, 2, 3)},
        lives_in_household=True,
        started_on=D(2026, 2, 3),
    )
    leo = new_child(staff, "Leo", "Marsh", born=D(2016, 3, 1))
    leo.sex = Sex.MALE
    leo.save(update_fields=["sex"])
    looked_after_child(staff, leo, D(2025, 10, 1))
    ethnicity_record(actor=actor, child_id=leo.pk, ethnicity="MWBC", applies_from=D(2026, 4, 1))
    ola = new_child(staff, "Ola", "Stone", born=D(2014, 1, 1))
    _end(staff, looked_after_child(staff, ola, D(2023, 6, 1)), D(2024, 2, 1), "E4A")

    assert header_rows(*YEAR) == [
        {
            "CHILD": maya.hearth_id,
            "SEX": "F",
            "DOB": "14/07/2009",
            "ETHNIC": "WBRI",
            "UPN": "UN2",
            "MOTHER": "1",
            "MC_DOB": "03/02/2026",
        },
        # A boy: MOTHER and MC_DOB empty (rules 165, 174); the ethnicity recorded after 31 March is not read.
        {"CHILD": leo.hearth_id, "SEX": "M", "DOB": "01/03/2016", "ETHNIC": "", "UPN": "", "MOTHER": "", "MC_DOB": ""},
    ]
    # Ola was looked after in 2023-24 only; nobody was in 2024-25.
    (ola_row,) = header_rows(*collection_bounds(2024))
    assert (ola_row["CHILD"], ola_row["DOB"]) == (ola.hearth_id, "01/01/2014")
    assert header_rows(*collection_bounds(2025)) == []


def test_mother_is_read_as_on_the_day_her_care_ended(staff):
    """Rule 625: MC_DOB not after her last episode's end. Her baby was born after she left care, so
    the return says MOTHER 0."""
    actor = staff.social_worker.user
    nia = new_child(staff, "Nia", "Vale", born=D(2008, 9, 9))
    nia.sex = Sex.FEMALE
    nia.save(update_fields=["sex"])
    _end(staff, looked_after_child(staff, nia, D(2025, 4, 10)), D(2025, 8, 1), "E4A")
    relationship_add(
        actor=actor,
        child_id=nia.pk,
        relationship_code="OWN_CHILD",
        person={"first_name": "Ava", "last_name": "Vale", "date_of_birth": D(2025, 12, 1)},
        started_on=D(2025, 12, 1),
    )
    (row,) = header_rows(*YEAR)
    assert (row["MOTHER"], row["MC_DOB"]) == ("0", "")


def test_the_uasc_file(staff):
    """Sami: UASC from 2 May 2025 until his 18th birthday (DUC). Tam: UASC ceased 1 Feb 2025, before
    the year began (rule 104): not in the UASC file, though in the Header."""
    actor = staff.social_worker.user
    sami = new_child(staff, "Sami", "Haile", born=D(2009, 4, 20))
    looked_after_child(staff, sami, D(2025, 5, 2), legal_status="V2")
    uasc_record(actor=actor, child_id=sami.pk, uasc_from=D(2025, 5, 2))
    tam = new_child(staff, "Tam", "Osei", born=D(2008, 11, 2))
    looked_after_child(staff, tam, D(2024, 9, 1), legal_status="V2")
    uasc_record(actor=actor, child_id=tam.pk, uasc_from=D(2024, 9, 1), ceased_on=D(2025, 2, 1), cease_reason="GRANTED")
    assert uasc_rows(*YEAR) == [{"CHILD": sami.hearth_id, "SEX": sami.sex, "DOB": "20/04/2009", "DUC": "20/04/2027"}]
    assert {row["CHILD"] for row in header_rows(*YEAR)} == {sami.hearth_id, tam.hearth_id}


def test_oc3_rows_and_the_care_leavers_in_the_header(staff):
    """Jo left care at 18 (1 Mar 2025) and turned 19 on 1 Mar 2026: in the OC3 cohort; her personal
    adviser saw her on 20 Feb 2026 (in touch, full-time work, independent living, suitable). Kit
    turned 20 on 10 Oct 2025 with no contact near the birthday: not in touch, nothing known.
    Both are in the Header (not looked after in the year: MOTHER empty, rule 628)."""
    jo = care_leaver(staff, "Jo", "Reyes", D(2007, 3, 1), D(2021, 1, 4), D(2025, 3, 1))
    contact(staff, jo, D(2026, 2, 20), activity="F4", accommodation="U", suitable=True)
    kit = care_leaver(staff, "Kit", "Amos", D(2005, 10, 10), D(2020, 2, 3), D(2023, 10, 10))
    rows = oc3_rows(*YEAR)
    assert rows == [
        {"CHILD": jo.hearth_id, "DOB": "01/03/2007", "IN_TOUCH": "YES", "ACTIV": "F4", "ACCOM": "U1"},
        {"CHILD": kit.hearth_id, "DOB": "10/10/2005", "IN_TOUCH": "NO", "ACTIV": "0", "ACCOM": "0"},
    ]
    header = {row["CHILD"]: row for row in header_rows(*YEAR)}
    assert set(header) == {jo.hearth_id, kit.hearth_id}
    assert header[jo.hearth_id]["MOTHER"] == ""


def test_accommodation_codes():
    assert accommodation_code("U", True) == "U1"
    assert accommodation_code("S", False) == "S2"
    assert accommodation_code("0", None) == "0"


def test_the_reviews_file(staff):
    """Reviews held in the year, with how the child took part; none from before 1 April."""
    child = new_child(staff, "Ezra", "Lindqvist", born=D(2015, 6, 1))
    period = looked_after_child(staff, child, D(2025, 2, 3))
    appoint_iro(staff, period, staff.iro, D(2025, 2, 5))
    review(staff, period, D(2025, 3, 1), participation="PN1")
    review(staff, period, D(2025, 8, 28), participation="PN6")
    assert review_rows(*YEAR) == [
        {"CHILD": child.hearth_id, "DOB": "01/06/2015", "REVIEW": "28/08/2025", "REVIEW_CODE": "PN6"}
    ]


def test_the_files_of_one_return_read_the_years_episodes_once(staff, monkeypatch):
    """export_903 shares the year's episodes among its files (Episodes, Header, UASC, Reviews read
    them): one read of the periods of care per return, not one per file, and the same files as
    each builder makes on its own."""
    from hearth.returns.ssda903 import common
    from hearth.returns.ssda903.episodes import episode_rows
    from hearth.returns.ssda903.export import export_903, to_csv
    from hearth.returns.ssda903.files import RETURN_903_FILES

    maya = new_child(staff, "Maya", "Brook", born=D(2012, 7, 14))
    period = looked_after_child(staff, maya, D(2025, 5, 20))
    appoint_iro(staff, period, staff.iro, D(2025, 5, 22))
    review(staff, period, D(2025, 6, 10))
    reads = []
    real = common.periods_in_year
    monkeypatch.setattr(common, "periods_in_year", lambda *args: reads.append(args) or real(*args))
    files = export_903(2026)
    assert reads == [YEAR]
    reads.clear()
    columns = {name: columns for name, columns, _ in RETURN_903_FILES}
    assert files["Episodes.csv"] == to_csv(columns["Episodes"], episode_rows(*YEAR))
    assert files["Header.csv"] == to_csv(columns["Header"], header_rows(*YEAR))
    assert files["Reviews.csv"] == to_csv(columns["Reviews"], review_rows(*YEAR))
    assert len(reads) == 3  # each builder alone reads them again
    assert b"20/05/2025" in files["Episodes.csv"] and b"10/06/2025" in files["Reviews.csv"]


def test_the_returns_queries_do_not_grow_with_its_children(staff):
    """The export reads each kind of fact once for all the children (no query per child, as reading
    each girl's MOTHER on the day her care ended once was, nor per object, as reading a column the
    export's reads leave out would be): three more children, each with a review, a placement and
    a girl's own child, add no query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hearth.returns.ssda903.export import export_903

    actor = staff.social_worker.user

    def girl_who_left_care(first_name):
        girl = new_child(staff, first_name, "Lane", born=D(2009, 2, 2))
        girl.sex = Sex.FEMALE
        girl.save(update_fields=["sex"])
        period = looked_after_child(staff, girl, D(2025, 4, 10))
        appoint_iro(staff, period, staff.iro, D(2025, 4, 12))
        review(staff, period, D(2025, 5, 6))
        relationship_add(
            actor=actor,
            child_id=girl.pk,
            relationship_code="OWN_CHILD",
            person={"first_name": "Bo", "last_name": "Lane", "date_of_birth": D(2025, 6, 1)},
            started_on=D(2025, 6, 1),
        )
        _end(staff, period, D(2025, 8, 1), "E4A")
        return girl

    def queries():
        with CaptureQueriesContext(connection) as captured:
            files = export_903(2026)
        return len(captured), files

    girl_who_left_care("Ana")
    looked_after_child(staff, new_child(staff, "Ben", "Hart", born=D(2014, 3, 3)), D(2025, 9, 1))
    export_903(2026)  # anything read once a process (the calendar) is read now
    before, _ = queries()
    later = [girl_who_left_care("Cai"), girl_who_left_care("Dee")]
    looked_after_child(staff, new_child(staff, "Eli", "Hart", born=D(2013, 4, 4)), D(2025, 10, 1))
    after, files = queries()
    assert after == before
    for girl in later:
        assert f"{girl.hearth_id},F,02/02/2009,,,1,01/06/2025".encode() in files["Header.csv"]
        assert f"{girl.hearth_id},02/02/2009,06/05/2025,".encode() in files["Reviews.csv"]
