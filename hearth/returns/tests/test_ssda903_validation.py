"""The DfE's validator, run for real through its own virtual environment (.venv-validators) on tiny
hand-made returns: a known failure is reported with its rule, child, file, row and columns; the
tool's known defects are reported as rules it could not check, never as the child's error."""

import datetime

import pytest

from hearth.care.services import care_end
from hearth.returns.ssda903.validation import (
    RULE_365_DEFECT,
    RULE_1001_DEFECT,
    RULE_SW12_DEFECT,
    RULE_SW12_SCOPE,
    ValidatorUnavailable,
    validate_903,
)
from hearth.testing.care_leaver_journeys import care_leaver

pytestmark = pytest.mark.django_db


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
EPISODES = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"


def test_a_known_failure_and_the_rules_the_validator_could_not_check():
    """H0000001's sex is X (rule 101: M, F or U). H0000002 turned 20 on 1 Jan 2026 and left care at
    18: the tool's rule 1001 flags their OC3 row whatever their history (a defect of 0.1.17), and
    rules 231 and 233 raise on CSV input."""
    this_year = {
        "Header.csv": _csv(
            HEADER,
            "H0000001,X,01/02/2012,WBRI,UN2,,",
            "H0000002,M,01/01/2006,WBRI,UN2,,",
        ),
        "Episodes.csv": _csv(EPISODES, "H0000001,01/05/2025,S,C2,N1,U6,PR1,,,,NG7 2RD,NG1 1AA,SC111111"),
        "OC3.csv": _csv("CHILD,DOB,IN_TOUCH,ACTIV,ACCOM", "H0000002,01/01/2006,YES,F4,U1"),
    }
    previous_year = {
        "Header.csv": _csv(HEADER, "H0000002,M,01/01/2006,WBRI,UN2,,"),
        "Episodes.csv": _csv(EPISODES, "H0000002,01/06/2019,S,C2,N1,U6,PR1,01/01/2024,E17,,NG7 2RD,NG1 1AA,SC111111"),
    }
    result = validate_903(this_year, previous_year, collection_year=2026, la_code="E06000018")

    by_rule = result.failures_by_rule()
    (sex,) = by_rule["101"]
    assert (sex.child, sex.file, sex.row, sex.columns) == ("H0000001", "Header", 0, ("SEX",))
    assert "sex" in sex.description
    assert "1001" not in by_rule  # never shown as the young person's error ...
    not_checked = {rule.rule: rule for rule in result.not_checked}
    defect = not_checked["1001"]  # ... and never hidden
    assert defect.reason == RULE_1001_DEFECT
    assert [(row.child, row.file, row.row) for row in defect.rows] == [("H0000002", "OC3", 0)]
    assert "KeyError" in not_checked["233"].reason and not_checked["233"].rows == ()
    assert {"231", "233"} <= set(not_checked)
    assert "101" in result.rules_run and "1001" in result.rules_run


def test_a_missing_validator_is_a_clear_error(settings, tmp_path):
    settings.HEARTH_VALIDATOR_PYTHON = tmp_path / "no-such-venv" / "bin" / "python"
    with pytest.raises(ValidatorUnavailable, match="make venv"):
        validate_903({"Header.csv": _csv(HEADER)}, None, collection_year=2026, la_code="E06000018")


def test_rule_1002_on_a_care_leaver_who_left_before_last_years_collection(staff):
    """Kit left care on 10 Oct 2023, before 2024-25 began: the tool, seeing only 2024-25 and 2025-26,
    flags their OC3 row (rule 1002); the record shows the care, so the rule is listed as not checked
    for Kit. H0999999, whom the record does not know, stays a failure."""
    kit = care_leaver(staff, "Kit", "Amos", datetime.date(2006, 10, 10), datetime.date(2020, 2, 3), None)
    period = kit.periods_of_care.get()
    care_end(
        actor=staff.social_worker.user,
        period_id=period.pk,
        version=period.version,
        ended_on=datetime.date(2023, 10, 10),
        reason="E13",
    )
    # The looked-after child's ID is one no child on the record can have here: on a fresh database
    # Kit is the first child made, H0000001, and would then have this year's episode.
    episode = "H0999998,01/05/2025,S,C2,N1,U6,PR1,,,,NG7 2RD,NG1 1AA,SC111111"
    this_year = {
        "Header.csv": _csv(
            HEADER,
            "H0999998,F,01/02/2012,WBRI,UN2,0,",
            f"{kit.hearth_id},M,10/10/2006,WBRI,UN2,,",
            "H0999999,M,10/10/2006,WBRI,UN2,,",
        ),
        "Episodes.csv": _csv(EPISODES, episode),
        "OC3.csv": _csv(
            "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM", f"{kit.hearth_id},10/10/2006,YES,F4,U1", "H0999999,10/10/2006,YES,F4,U1"
        ),
    }
    previous_year = {"Episodes.csv": _csv(EPISODES, episode)}
    result = validate_903(this_year, previous_year, collection_year=2026, la_code="E06000018")
    assert [(f.child, f.row) for f in result.failures_by_rule()["1002"]] == [("H0999999", 1)]
    (unseen,) = [rule for rule in result.not_checked if rule.rule == "1002"]
    assert [(row.child, row.file, row.row) for row in unseen.rows] == [(kit.hearth_id, "OC3", 0)]
    assert "ended before last year's collection" in unseen.reason


def test_rules_575_and_577_on_a_missing_episode_open_at_the_years_end():
    """H0000001 is looked after from 1 May 2025, still on 31 March 2026 (DEC blank), and went missing
    on 20 March 2026, still missing on 31 March (MIS_END blank): nothing wrong, yet rules 575 and 577
    of 0.1.17 flag the row, because rule 365 ran first and wrote 31/03/2026 into the blank DEC.
    H0000002 left care on 1 Feb 2026 while missing since 10 Jan, the episode never ended (MIS_END
    blank): a real 575 and 577 failure, which the rules find run alone too. The first is shown as
    not checked with the reason, the second as the child's error."""
    header = _csv(HEADER, "H0000001,M,01/02/2012,WBRI,UN2,,", "H0000002,M,03/04/2011,WBRI,UN2,,")
    episodes = _csv(
        EPISODES,
        "H0000001,01/05/2025,S,C2,N1,U6,PR1,,,,NG7 2RD,NG1 1AA,SC111111",
        "H0000002,01/05/2025,S,C2,N1,U6,PR1,01/02/2026,E13,,NG7 2RD,NG1 1AA,SC111111",
    )
    missing = _csv(
        "CHILD,DOB,MISSING,MIS_START,MIS_END",
        "H0000001,01/02/2012,M,20/03/2026,",
        "H0000002,03/04/2011,M,10/01/2026,",
    )
    result = validate_903(
        {"Header.csv": header, "Episodes.csv": episodes, "Missing.csv": missing},
        None,
        collection_year=2026,
        la_code="E06000018",
    )

    by_rule = result.failures_by_rule()
    for rule in ("575", "577"):
        assert [(f.child, f.file, f.row) for f in by_rule[rule]] == [("H0000002", "Missing", 1)]
        (not_checked,) = [n for n in result.not_checked if n.rule == rule]
        assert not_checked.reason == RULE_365_DEFECT.format(rule=rule)
        assert [(f.child, f.file, f.row) for f in not_checked.rows] == [("H0000001", "Missing", 0)]
        assert "365" in not_checked.reason and not_checked.description
    assert {"365", "575", "577"} <= set(result.rules_run)


def test_rule_sw12_flags_the_childs_gap_but_not_the_episodes_its_message_asks_for():
    """H0000001: allocated on 25 April 2025, looked after from 1 May (a placement change on 1 August),
    still on 31 March: their social worker episode, reported from before care as rule SW12STG2's
    message asks ("even those whilst they were not looked after"), makes 0.1.17 fail the start of
    care; the episode covers it, so the flag is the tool's. H0000002 left care on 1 February 2026
    and, not looked after on 31 March, has no social worker episodes in the file (none are asked
    for): the tool fails the end of their care; not their error. H0000003 is looked after on 31 March
    with no social worker reported at all: the child's error."""
    header = _csv(
        HEADER,
        "H0000001,M,01/02/2012,WBRI,UN2,,",
        "H0000002,M,03/04/2011,WBRI,UN2,,",
        "H0000003,F,05/06/2013,WBRI,UN2,,",
    )
    episodes = _csv(
        EPISODES,
        "H0000001,01/05/2025,S,C2,N1,U6,PR1,01/08/2025,X1,CHANGE,NG7 2RD,NG1 1AA,SC111111",
        "H0000001,01/08/2025,P,C2,N1,U6,PR1,,,,NG7 2RD,NG1 1AB,SC111112",
        "H0000002,01/05/2025,S,C2,N1,U6,PR1,01/02/2026,E13,,NG7 2RD,NG1 1AA,SC111111",
        "H0000003,01/06/2025,S,C2,N1,U6,PR1,,,,NG7 2RD,NG1 1AA,SC111111",
    )
    social_workers = _csv(
        "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON", "H0000001,01/02/2012,SW900001,25/04/2025,,FCONTA"
    )
    result = validate_903(
        {"Header.csv": header, "Episodes.csv": episodes, "SWEpisodes.csv": social_workers},
        None,
        collection_year=2026,
        la_code="E06000018",
    )

    assert [(f.child, f.file, f.row) for f in result.failures_by_rule()["SW12STG2"]] == [("H0000003", "Episodes", 3)]
    not_checked = {
        n.reason: [(f.child, f.file, f.row) for f in n.rows] for n in result.not_checked if n.rule == "SW12STG2"
    }
    assert not_checked == {
        RULE_SW12_DEFECT: [("H0000001", "Episodes", 0)],
        RULE_SW12_SCOPE: [("H0000002", "Episodes", 2)],
    }
