"""Writers for who holds which case."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.core.roles import Role, has_role
from hearth.frontdoor.models import Referral
from hearth.workforce.models import Allocation, Worker

ERROR_NOT_A_MANAGER = "Only a team manager or service manager can allocate cases"
ERROR_CASE_CLOSED = "This case is closed"
ERROR_WORKER_NOT_IN_TEAM = "Choose a case-holding worker in {team}"
ERROR_ALLOCATED_BEFORE_REFERRAL = "The allocation cannot start before the referral ({date})"
ERROR_ALLOCATED_IN_FUTURE = "The allocation date must be today or in the past"
ERROR_ALREADY_WITH_WORKER = "The case is already allocated to {worker}"


def case_allocate(*, actor, referral_id: int, worker_id: int, started_on: datetime.date) -> Allocation:
    """Give a case to a worker; any current allocation ends the same day."""
    if not (actor.is_superuser or has_role(actor, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)):
        raise ValidationError(ERROR_NOT_A_MANAGER)
    with transaction.atomic():
        referral = Referral.objects.select_for_update().select_related("team", "child").get(pk=referral_id)
        current = referral.allocations.filter(ended_on__isnull=True).select_related("worker").first()
        worker = Worker.objects.filter(pk=worker_id, team=referral.team, holds_cases=True).first()
        errors = {}
        if referral.closed_on is not None:
            raise ValidationError(ERROR_CASE_CLOSED)
        if worker is None:
            errors["worker"] = ERROR_WORKER_NOT_IN_TEAM.format(team=referral.team)
        elif current is not None and current.worker_id == worker.pk:
            errors["worker"] = ERROR_ALREADY_WITH_WORKER.format(worker=worker)
        if started_on < referral.referral_date:
            errors["started_on"] = ERROR_ALLOCATED_BEFORE_REFERRAL.format(date=f"{referral.referral_date:%-d %B %Y}")
        elif started_on > timezone.localdate():
            errors["started_on"] = ERROR_ALLOCATED_IN_FUTURE
        if errors:
            raise ValidationError(errors)
        if current is not None:
            current.ended_on = max(started_on, current.started_on)
            current.save(update_fields=["ended_on"])
        allocation = Allocation.objects.create(
            referral=referral, worker=worker, started_on=started_on, allocated_by=actor
        )
        audit_record(
            actor=actor, action="case.allocate", obj=allocation, child=referral.child, detail={"worker": worker.pk}
        )
    return allocation


def team_create(*, actor, name: str, takes_referrals: bool):
    from hearth.workforce.models import Team

    with transaction.atomic():
        team = Team.objects.create(name=name, takes_referrals=takes_referrals)
        audit_record(actor=actor, action="team.create", obj=team)
    return team


def user_create(
    *,
    actor,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
    role: Role,
    password_already_hashed: bool = False,
):
    """A sign-in with its role (a Django group). Staff who hold or oversee cases also get a Worker
    record (worker_create); councillors, directors and performance officers need none.

    password_already_hashed: the password is a hash from make_password (the synthetic council's
    generator hashes its one demo password once for its hundreds of accounts: the hasher is slow
    by design, a few tenths of a second each, and signing in checks the hash just the same)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import identify_hasher
    from django.contrib.auth.models import Group

    if password_already_hashed:
        identify_hasher(password)  # a ValueError for anything that is not a hash Django can check
    with transaction.atomic():
        user = get_user_model().objects.create_user(
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=email,
            password=None if password_already_hashed else password,
        )
        if password_already_hashed:
            user.password = password
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=role.value))
        audit_record(actor=actor, action="user.create", detail={"username": username, "role": role.value})
    return user


def worker_create(*, actor, user, team, job_title: str, holds_cases: bool = True, manages_team: bool = False) -> Worker:
    """A member of staff's place in a team: whether they hold cases, whether they manage the team."""
    with transaction.atomic():
        worker = Worker.objects.create(user=user, team=team, job_title=job_title, holds_cases=holds_cases)
        if manages_team:
            team.manager = worker
            team.save(update_fields=["manager"])
        audit_record(actor=actor, action="worker.create", obj=worker, detail={"team": team.pk})
    return worker
