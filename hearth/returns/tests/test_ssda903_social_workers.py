"""The 903 social worker episodes file (SWEpisodes), hand-worked from small records: which children
are in it, which allocations are episodes, and each column."""

import datetime

import pytest

from hearth.care.services import care_end
from hearth.core.roles import Role
from hearth.returns.ssda903.common import collection_bounds
from hearth.returns.ssda903.export import export_903
from hearth.returns.ssda903.social_workers import social_worker_episode_rows
from hearth.testing.journeys import looked_after_child, new_child
from hearth.workforce import services
from hearth.workforce.models import Allocation, Worker

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR = collection_bounds(2026)  # 1 April 2025 to 31 March 2026


def _worker(staff, username, number):
    user = services.user_create(
        actor=None,
        username=username,
        first_name=username.title(),
        last_name="Example",
        email=f"{username}@example.org",
        password="x-long-password",
        role=Role.SOCIAL_WORKER,
    )
    return services.worker_create(
        actor=None, user=user, team=staff.north, job_title="Social worker", registration_number=number
    )


def _change(staff, period, worker, day, reason):
    return services.case_allocate(
        actor=staff.team_manager.user,
        referral_id=period.referral_id,
        worker_id=worker.pk,
        started_on=day,
        change_reason=reason,
    )


def test_social_worker_episodes_hand_worked(staff):
    """Maya: allocated to Sam (SW900001) on 17 May 2024, three days before care began; Sam left on
    1 June 2025 (Ada, SW900002, LEFTRL); Ada's case went by mistake to Ben on 1 December 2025 and
    back to Ada the same day (Ben's allocation, never overnight, is no episode; Ada's return is
    MANAGE). So Maya's year holds Sam (from before the year, FCONTA: the case's first worker), Ada
    until 1 December, and Ada again, open on 31 March (SW_DEC blank).
    Leo: looked after on 31 March, his worker (Sam) since 1 October 2025. Ola left care in February
    2026: not looked after on 31 March, not in the file."""
    Worker.objects.filter(pk=staff.social_worker.pk).update(registration_number="SW900001")
    ada, ben = _worker(staff, "ada", "SW900002"), _worker(staff, "ben", "SW900003")
    maya = new_child(staff, "Maya", "Brook", born=D(2011, 7, 14))
    maya_care = looked_after_child(staff, maya, D(2024, 5, 20))
    _change(staff, maya_care, ada, D(2025, 6, 1), "LEFTRL")
    _change(staff, maya_care, ben, D(2025, 12, 1), "MANAGE")
    _change(staff, maya_care, ada, D(2025, 12, 1), "MANAGE")
    leo = new_child(staff, "Leo", "Marsh", born=D(2016, 3, 1))
    looked_after_child(staff, leo, D(2025, 10, 4))
    ola = new_child(staff, "Ola", "Stone", born=D(2012, 1, 1))
    ola_care = looked_after_child(staff, ola, D(2025, 5, 1))
    ola_care.refresh_from_db()
    care_end(
        actor=staff.social_worker.user,
        period_id=ola_care.pk,
        version=ola_care.version,
        ended_on=D(2026, 2, 1),
        reason="E4A",
    )
    assert Allocation.objects.filter(worker=ben).count() == 1

    maya_row = {"CHILD": maya.hearth_id, "DOB": "14/07/2011"}
    leo_row = {"CHILD": leo.hearth_id, "DOB": "01/03/2016"}
    assert social_worker_episode_rows(*YEAR) == [
        maya_row | {"SW_ID": "SW900001", "SW_DECOM": "17/05/2024", "SW_DEC": "01/06/2025", "SW_REASON": "FCONTA"},
        maya_row | {"SW_ID": "SW900002", "SW_DECOM": "01/06/2025", "SW_DEC": "01/12/2025", "SW_REASON": "LEFTRL"},
        maya_row | {"SW_ID": "SW900002", "SW_DECOM": "01/12/2025", "SW_DEC": "", "SW_REASON": "MANAGE"},
        leo_row | {"SW_ID": "SW900001", "SW_DECOM": "01/10/2025", "SW_DEC": "", "SW_REASON": "FCONTA"},
    ]
    # A year later Maya and Leo are still looked after: only Ada's and Sam's open allocations remain.
    assert [row["SW_DECOM"] for row in social_worker_episode_rows(*collection_bounds(2027))] == [
        "01/12/2025",
        "01/10/2025",
    ]


def test_a_worker_with_no_registration_number_gives_a_blank_sw_id_for_the_validator_to_flag(staff):
    looked_after_child(staff, new_child(staff, "Ivy", "Marsh", born=D(2014, 2, 2)), D(2025, 9, 1))
    [row] = social_worker_episode_rows(*YEAR)
    assert row["SW_ID"] == "" and row["SW_REASON"] == "FCONTA"


def test_the_return_holds_the_file_with_the_dfe_columns(staff):
    Worker.objects.filter(pk=staff.social_worker.pk).update(registration_number="SW900001")
    child = new_child(staff, "Ivy", "Marsh", born=D(2014, 2, 2))
    looked_after_child(staff, child, D(2025, 9, 1))
    text = export_903(2026)["SWEpisodes.csv"].decode()
    assert text.splitlines() == [
        "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON",
        f"{child.hearth_id},02/02/2014,SW900001,29/08/2025,,FCONTA",
    ]
