"""The 903 DoLo file (from 2026-27), hand-worked from small records, and the DfE's validator reading
it with its 2026-27 rules."""

import datetime

import pytest

from hearth.care import services
from hearth.returns.ssda903.common import collection_bounds
from hearth.returns.ssda903.deprivation_of_liberty import deprivation_of_liberty_rows
from hearth.returns.ssda903.export import export_903
from hearth.returns.ssda903.validation import validate_903
from hearth.testing.journeys import looked_after_child, new_child

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR = collection_bounds(2027)  # 1 April 2026 to 31 March 2027


def _end_care(staff, period, day):
    period.refresh_from_db()
    services.care_end(
        actor=staff.social_worker.user, period_id=period.pk, version=period.version, ended_on=day, reason="E13"
    )


def test_dolo_rows_hand_worked(staff):
    """Maya: an order from 1 Feb 2026 to 1 June 2026, and one from 1 August 2026 still in force:
    both in 2026-27, the second with a blank end. Leo: an order from 1 May 2026 still open when his
    care ended on 1 September 2026: ended then in the return (rule 707). Ola: an order that ended
    in March 2026 is last year's only."""
    write = dict(actor=staff.social_worker.user)
    maya = new_child(staff, "Maya", "Brook", born=D(2011, 7, 14))
    maya_care = looked_after_child(staff, maya, D(2025, 12, 1))
    services.deprivation_of_liberty_record(**write, period_id=maya_care.pk, started_on=D(2026, 2, 1))
    services.deprivation_of_liberty_end(**write, period_id=maya_care.pk, ended_on=D(2026, 6, 1))
    services.deprivation_of_liberty_record(**write, period_id=maya_care.pk, started_on=D(2026, 8, 1))
    leo = new_child(staff, "Leo", "Marsh", born=D(2012, 3, 1))
    leo_care = looked_after_child(staff, leo, D(2026, 4, 10))
    services.deprivation_of_liberty_record(**write, period_id=leo_care.pk, started_on=D(2026, 5, 1))
    _end_care(staff, leo_care, D(2026, 9, 1))
    ola = new_child(staff, "Ola", "Stone", born=D(2010, 1, 1))
    ola_care = looked_after_child(staff, ola, D(2025, 10, 1))
    services.deprivation_of_liberty_record(**write, period_id=ola_care.pk, started_on=D(2025, 11, 1))
    services.deprivation_of_liberty_end(**write, period_id=ola_care.pk, ended_on=D(2026, 3, 1))

    assert deprivation_of_liberty_rows(*YEAR) == [
        {"CHILD": maya.hearth_id, "DOB": "14/07/2011", "DOLO_START": "01/02/2026", "DOLO_END": "01/06/2026"},
        {"CHILD": maya.hearth_id, "DOB": "14/07/2011", "DOLO_START": "01/08/2026", "DOLO_END": ""},
        {"CHILD": leo.hearth_id, "DOB": "01/03/2012", "DOLO_START": "01/05/2026", "DOLO_END": "01/09/2026"},
    ]
    assert [row["CHILD"] for row in deprivation_of_liberty_rows(*collection_bounds(2026))] == [
        maya.hearth_id,
        ola.hearth_id,
    ]
    # The file is in the return from 2026-27 only, the year the DfE's rules for it begin.
    assert "DoLo.csv" in export_903(2027) and "DoLo.csv" not in export_903(2026)


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def test_the_validator_reads_the_dolo_file_with_its_2026_27_rules():
    """H0000001's order ends before it starts (rule 702); H0000002's is right."""
    header = _csv(
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB", "H0000001,M,01/02/2012,WBRI,UN2,,", "H0000002,F,01/02/2011,WBRI,UN2,,"
    )
    dolo = _csv(
        "CHILD,DOB,DOLO_START,DOLO_END",
        "H0000001,01/02/2012,01/09/2026,01/08/2026",
        "H0000002,01/02/2011,01/09/2026,",
    )
    result = validate_903({"Header.csv": header, "DoLo.csv": dolo}, None, collection_year=2027, la_code="E06000018")
    assert [(f.child, f.file, f.row) for f in result.failures_by_rule()["702"]] == [("H0000001", "DoLo", 0)]
    assert {"700", "702", "705"} <= set(result.rules_run)
