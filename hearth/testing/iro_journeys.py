"""IRO journeys for tests: a second IRO, and an appointment made as a team manager would."""

from hearth.core.roles import Role
from hearth.iro.services import iro_appoint
from hearth.workforce.services import user_create


def second_iro():
    """Another independent reviewing officer beside the one `make_staff` creates."""
    return user_create(
        actor=None,
        username="ivor",
        first_name="Ivor",
        last_name="Reviewer",
        email="ivor@example.org",
        password="not-used-here-1234",  # noqa: S106 (test account)
        role=Role.IRO,
    )


def appoint_iro(staff, period, iro, day, actor=None):
    """Appoint `iro` to the period from `day`, replacing the current appointment if there is one."""
    return iro_appoint(
        actor=actor or staff.team_manager.user,
        period_id=period.pk,
        iro_id=iro.pk,
        started_on=day,
        current_id=(period.iro_appointments.filter(ended_on__isnull=True).values_list("pk", flat=True).first() or 0),
    )
