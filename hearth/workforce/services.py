"""Writers for who holds which case."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.core.roles import Role, has_role
from hearth.frontdoor.models import Referral
from hearth.workforce.caseloads import asye_caseload_threshold, caseload_threshold, caseloads_on
from hearth.workforce.models import (
    REGISTRATION_NUMBER_FORMAT,
    Allocation,
    CaseloadWeek,
    CaseTransfer,
    DeficitTakenUp,
    EmploymentType,
    SocialWorkerChangeReason,
    Supervision,
    Team,
    WeeklyCaseload,
    Worker,
)

ERROR_NOT_A_MANAGER = "Only a team manager or service manager can allocate cases"
ERROR_CASE_CLOSED = "This case is closed"
ERROR_WORKER_NOT_IN_TEAM = "Choose a case-holding worker in {team}"
ERROR_ALLOCATED_BEFORE_REFERRAL = "The allocation cannot start before the referral ({date})"
ERROR_ALLOCATED_IN_FUTURE = "The allocation date must be today or in the past"
ERROR_ALREADY_WITH_WORKER = "The case is already allocated to {worker}"
ERROR_CHANGE_REASON_NEEDED = "Choose why the child's social worker is changing"
ERROR_CHANGE_REASON_UNKNOWN = "Choose one of the reasons listed"
ERROR_NO_CHANGE_TO_EXPLAIN = "This is the case's first allocation: there is no change of worker to explain"
ERROR_REASON_ALREADY_RECORDED = "The reason for this change of worker is already recorded: {reason}"
ERROR_WORKER_LEFT = "{worker} left on {date}: choose a worker who is still employed"
ERROR_WORKER_NOT_STARTED = "{worker} starts on {date}: the allocation cannot start before then"


def case_allocate(
    *, actor, referral_id: int, worker_id: int, started_on: datetime.date, change_reason: str = ""
) -> Allocation:
    """Give a case to a worker; any current allocation ends the same day. A change of worker needs
    its reason (the 903's SW_REASON); a case's first allocation has none (the return's FCONTA)."""
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
        elif worker.left_on is not None and worker.left_on < max(started_on, timezone.localdate()):
            errors["worker"] = ERROR_WORKER_LEFT.format(worker=worker, date=f"{worker.left_on:%-d %B %Y}")
        elif worker.started_on is not None and started_on < worker.started_on:
            errors["worker"] = ERROR_WORKER_NOT_STARTED.format(worker=worker, date=f"{worker.started_on:%-d %B %Y}")
        reason_error = _change_reason_error(change_reason, changing_worker=current is not None)
        if reason_error:
            errors["change_reason"] = reason_error
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
            referral=referral, worker=worker, started_on=started_on, allocated_by=actor, change_reason=change_reason
        )
        audit_record(
            actor=actor, action="case.allocate", obj=allocation, child=referral.child, detail={"worker": worker.pk}
        )
    return allocation


def _change_reason_error(change_reason: str, *, changing_worker: bool) -> str | None:
    if not changing_worker:
        return ERROR_NO_CHANGE_TO_EXPLAIN if change_reason else None
    if not change_reason:
        return ERROR_CHANGE_REASON_NEEDED
    if change_reason not in SocialWorkerChangeReason.values:
        return ERROR_CHANGE_REASON_UNKNOWN
    return None


def allocation_change_reason_add(*, actor, allocation_id: int, change_reason: str) -> Allocation:
    """Add the missing reason to an earlier change of worker: allocations recorded before Hearth
    asked for one (or imported without one) leave the 903's SW_REASON blank, which rule SW13
    lists. A reason once recorded is not changed here: this form fills a gap, it never overwrites."""
    if not (actor.is_superuser or has_role(actor, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)):
        raise ValidationError(ERROR_NOT_A_MANAGER)
    with transaction.atomic():
        allocation = Allocation.objects.select_for_update().select_related("referral__child").get(pk=allocation_id)
        if allocation.change_reason:
            raise ValidationError(
                ERROR_REASON_ALREADY_RECORDED.format(reason=allocation.get_change_reason_display().lower())
            )
        if allocation.is_first_on_the_case():
            raise ValidationError(ERROR_NO_CHANGE_TO_EXPLAIN)
        reason_error = _change_reason_error(change_reason, changing_worker=True)
        if reason_error:
            raise ValidationError({"change_reason": reason_error})
        allocation.change_reason = change_reason
        allocation.save(update_fields=["change_reason"])
        audit_record(
            actor=actor,
            action="case.allocation_reason",
            obj=allocation,
            child=allocation.referral.child,
            detail={"change_reason": change_reason},
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


def worker_create(
    *,
    actor,
    user,
    team,
    job_title: str,
    holds_cases: bool = True,
    manages_team: bool = False,
    registration_number: str = "",
) -> Worker:
    """A member of staff's place in a team: whether they hold cases, whether they manage the team,
    and their Social Work England registration number if they are a social worker."""
    if registration_number:
        REGISTRATION_NUMBER_FORMAT(registration_number)
    with transaction.atomic():
        worker = Worker.objects.create(
            user=user,
            team=team,
            job_title=job_title,
            holds_cases=holds_cases,
            registration_number=registration_number,
        )
        if manages_team:
            team.manager = worker
            team.save(update_fields=["manager"])
        audit_record(actor=actor, action="worker.create", obj=worker, detail={"team": team.pk})
    return worker


ERROR_NOT_ALLOWED_TO_RECORD_EMPLOYMENT = "Only a service manager or a system administrator can record these details"
ERROR_EMPLOYMENT_STALE = "Someone else changed {worker}'s details while you were editing: check them and try again"
ERROR_LEFT_BEFORE_START = "The leaving date must be on or after the start date"
ERROR_ASYE_BEFORE_QUALIFYING = "The ASYE year cannot start before the worker qualified"
ERROR_QUALIFIED_IN_FUTURE = "The date qualified must be today or in the past"
ERROR_FTE_RANGE = "Enter the full-time equivalent as a number more than 0 and at most 1, like 0.8"
ERROR_EMPLOYMENT_TYPE_UNKNOWN = "Choose permanent, agency or secondment"
EMPLOYMENT_FIELDS = ("employment_type", "fte", "qualified_on", "asye_started_on", "started_on", "left_on")


def may_record_employment(user) -> bool:
    return user.is_superuser or has_role(user, Role.SERVICE_MANAGER)


def worker_employment_update(
    *,
    actor,
    worker_id: int,
    employment_type: str,
    fte,
    qualified_on: datetime.date | None,
    asye_started_on: datetime.date | None,
    started_on: datetime.date | None,
    left_on: datetime.date | None,
    expected_version: int | None = None,
) -> Worker:
    """Record or change a worker's employment facts (service manager or system administrator). The
    audit row keeps each changed fact's value before and after, so an earlier employment type can
    be read back (docs/workforce.md)."""
    from decimal import Decimal, InvalidOperation

    if not may_record_employment(actor):
        raise ValidationError(ERROR_NOT_ALLOWED_TO_RECORD_EMPLOYMENT)
    errors = {}
    try:
        fte = Decimal(str(fte))
    except InvalidOperation:
        fte = None
    if fte is None or not (0 < fte <= 1) or fte != fte.quantize(Decimal("0.01")):
        errors["fte"] = ERROR_FTE_RANGE
    if employment_type not in EmploymentType.values:
        errors["employment_type"] = ERROR_EMPLOYMENT_TYPE_UNKNOWN
    if qualified_on is not None and qualified_on > timezone.localdate():
        errors["qualified_on"] = ERROR_QUALIFIED_IN_FUTURE
    if asye_started_on is not None and qualified_on is not None and asye_started_on < qualified_on:
        errors["asye_started_on"] = ERROR_ASYE_BEFORE_QUALIFYING
    if left_on is not None and started_on is not None and left_on < started_on:
        errors["left_on"] = ERROR_LEFT_BEFORE_START
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        worker = Worker.objects.select_for_update().select_related("user").get(pk=worker_id)
        if expected_version is not None and expected_version != worker.version:
            raise ValidationError(ERROR_EMPLOYMENT_STALE.format(worker=worker))
        new = {
            "employment_type": employment_type,
            "fte": fte,
            "qualified_on": qualified_on,
            "asye_started_on": asye_started_on,
            "started_on": started_on,
            "left_on": left_on,
        }
        changed = {
            field: {"from": _plain(getattr(worker, field)), "to": _plain(value)}
            for field, value in new.items()
            if getattr(worker, field) != value
        }
        for field, value in new.items():
            setattr(worker, field, value)
        worker.version += 1
        worker.save(update_fields=[*EMPLOYMENT_FIELDS, "version"])
        audit_record(actor=actor, action="worker.employment", obj=worker, detail={"changed": changed})
    return worker


def _plain(value):
    return None if value is None else str(value)


def caseload_week_freeze(*, week_starting: datetime.date) -> tuple[CaseloadWeek, bool]:
    """Freeze the caseloads of the week that starts on the Monday given, counted as on that Monday by
    the one rule (workforce/caseloads.py). Idempotent: a week already frozen is returned as it was
    (False: nothing new written). The weekly job and `manage.py freeze_weekly_caseloads` call this."""
    if week_starting.weekday() != 0:
        raise ValidationError(ERROR_WEEK_NOT_MONDAY)
    if week_starting > timezone.localdate():
        raise ValidationError(ERROR_WEEK_IN_FUTURE)
    with transaction.atomic():
        week, created = CaseloadWeek.objects.get_or_create(
            week_starting=week_starting,
            defaults={"threshold": caseload_threshold(), "asye_threshold": asye_caseload_threshold()},
        )
        if not created:
            return week, False
        WeeklyCaseload.objects.bulk_create(
            WeeklyCaseload(
                week=week,
                worker=load.worker,
                team_id=load.worker.team_id,
                children=load.children,
                child_ids=list(load.child_ids),
                fte=load.worker.fte,
                employment_type=load.worker.employment_type,
                in_asye=load.in_asye,
                over_threshold=load.over_threshold,
            )
            for load in caseloads_on(week_starting)
        )
        audit_record(actor=None, action="caseloads.freeze_week", obj=week, detail={"week": str(week_starting)})
    return week, True


ERROR_WEEK_NOT_MONDAY = "A week's caseloads are counted on its Monday: give a Monday"
ERROR_WEEK_IN_FUTURE = "That week has not started yet"


ERROR_NOT_THEIR_SUPERVISOR = "Only the manager of {worker}'s team or a service manager can record their supervision"
ERROR_SUPERVISION_IN_FUTURE = "The supervision date must be today or in the past"
ERROR_SUPERVISION_BEFORE_START = "{worker} started on {date}: the supervision cannot be before then"
ERROR_SUPERVISION_AFTER_LEAVING = "{worker} left on {date}: the supervision cannot be after then"
ERROR_SUPERVISION_NO_DECISIONS = "Enter the decisions made in the supervision"
ERROR_SUPERVISION_TWICE = "{worker}'s supervision on {date} is already recorded"


def may_supervise(user, worker: Worker) -> bool:
    """The manager of the worker's team, or a service manager (a system administrator too)."""
    if user.is_superuser or has_role(user, Role.SERVICE_MANAGER):
        return True
    manager = worker.team.manager
    return has_role(user, Role.TEAM_MANAGER) and manager is not None and manager.user_id == user.pk


def supervision_record(*, actor, worker_id: int, held_on: datetime.date, decisions: str) -> Supervision:
    """Record a worker's supervision and the decisions made (docs/workforce.md "Supervision")."""
    with transaction.atomic():
        worker = (
            Worker.objects.select_for_update(of=("self",)).select_related("user", "team__manager").get(pk=worker_id)
        )
        if not may_supervise(actor, worker):
            raise ValidationError(ERROR_NOT_THEIR_SUPERVISOR.format(worker=worker))
        errors = {}
        if held_on > timezone.localdate():
            errors["held_on"] = ERROR_SUPERVISION_IN_FUTURE
        elif worker.started_on is not None and held_on < worker.started_on:
            errors["held_on"] = ERROR_SUPERVISION_BEFORE_START.format(
                worker=worker, date=f"{worker.started_on:%-d %B %Y}"
            )
        elif worker.left_on is not None and held_on > worker.left_on:
            errors["held_on"] = ERROR_SUPERVISION_AFTER_LEAVING.format(
                worker=worker, date=f"{worker.left_on:%-d %B %Y}"
            )
        elif worker.supervisions.filter(held_on=held_on).exists():
            errors["held_on"] = ERROR_SUPERVISION_TWICE.format(worker=worker, date=f"{held_on:%-d %B %Y}")
        if not decisions.strip():
            errors["decisions"] = ERROR_SUPERVISION_NO_DECISIONS
        if errors:
            raise ValidationError(errors)
        supervision = Supervision.objects.create(
            worker=worker, supervisor=actor, held_on=held_on, decisions=decisions.strip()
        )
        audit_record(actor=actor, action="worker.supervision", obj=supervision, detail={"worker": worker.pk})
    return supervision


ERROR_FUNDED_FTE = "Enter the funded posts as a number of full-time equivalents, 0 or more, like 8.5"


def team_establishment_set(*, actor, team_id: int, funded_fte) -> Team:
    """Record a team's funded social worker posts (FTE): its vacancies are read against it."""
    from decimal import Decimal, InvalidOperation

    if not may_record_employment(actor):
        raise ValidationError(ERROR_NOT_ALLOWED_TO_RECORD_EMPLOYMENT)
    try:
        funded_fte = Decimal(str(funded_fte))
    except InvalidOperation:
        funded_fte = None
    if funded_fte is None or funded_fte < 0 or funded_fte >= 1000 or funded_fte != funded_fte.quantize(Decimal("0.01")):
        raise ValidationError({"funded_fte": ERROR_FUNDED_FTE})
    with transaction.atomic():
        team = Team.objects.select_for_update().get(pk=team_id)
        before = team.funded_fte
        team.funded_fte = funded_fte
        team.save(update_fields=["funded_fte"])
        audit_record(
            actor=actor,
            action="team.establishment",
            obj=team,
            detail={"from": _plain(before), "to": _plain(funded_fte)},
        )
    return team


ERROR_NOT_THE_TEAMS_MANAGER = "Only the team's manager or a service manager can record this"
ERROR_NOT_AN_EXCEPTION = "This item is no longer overdue on the team's list: nothing to take up"
ERROR_AGREED_REQUIRED = "Enter what was agreed with the worker"
ERROR_TAKEN_UP_THIS_WEEK = "This item was already taken up this week, on {date}"


def deficit_take_up(*, actor, team_id: int, item_key: str, agreed: str) -> DeficitTakenUp:
    """Record that an overdue item on the team's weekly exceptions was taken up with the worker and
    what was agreed. The item must be overdue on the team's list now (read again here)."""
    from hearth.workforce.exceptions import item_key as key_of
    from hearth.workforce.exceptions import overdue_items

    team = Team.objects.select_related("manager").get(pk=team_id)
    is_manager = team.manager is not None and team.manager.user_id == actor.pk
    if not (actor.is_superuser or has_role(actor, Role.SERVICE_MANAGER) or is_manager):
        raise ValidationError(ERROR_NOT_THE_TEAMS_MANAGER)
    item = next((i for i in overdue_items(team, user=actor) if key_of(i) == item_key), None)
    if item is None:
        raise ValidationError(ERROR_NOT_AN_EXCEPTION)
    if not agreed.strip():
        raise ValidationError({"agreed": ERROR_AGREED_REQUIRED})
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    with transaction.atomic():
        earlier = DeficitTakenUp.objects.filter(item_key=item_key, week_starting=monday).first()
        if earlier is not None:
            raise ValidationError(ERROR_TAKEN_UP_THIS_WEEK.format(date=f"{earlier.taken_up_on:%-d %B %Y}"))
        taken = DeficitTakenUp.objects.create(
            team=team,
            item_key=item_key,
            child_id=item.child_id,
            duty=item.duty[:300],
            due_on=item.due.date() if isinstance(item.due, datetime.datetime) else item.due,
            worker_name=item.worker,
            week_starting=monday,
            taken_up_on=today,
            agreed=agreed.strip(),
            recorded_by=actor,
        )
        audit_record(actor=actor, action="deficit.take_up", obj=taken, child=taken.child)
    return taken


ERROR_NOT_THE_CASES_MANAGER = "Only a manager of the team holding the case, or a service manager, can move it"
ERROR_TRANSFER_TEAM = "Choose the team the case moves to"
ERROR_TRANSFER_SAME_TEAM = "The case is already held by {team}: choose another team"
ERROR_TRANSFER_BEFORE_REFERRAL = "A case cannot move before its referral ({date})"
ERROR_TRANSFER_IN_FUTURE = "The date must be today or in the past"
ERROR_TRANSFER_NOT_AFTER_LAST = "The case last moved on {date}: a later move is dated after it"
ERROR_TRANSFER_REASON = "Enter why the case moves"


def case_transfer(*, actor, referral_id: int, to_team_id: int | None, transferred_on: datetime.date, reason: str):
    """Move an open case to another team from a day: a dated fact (CaseTransfer), the case's team now
    the new one. The case keeps its history and its worker until a manager reallocates it."""
    with transaction.atomic():
        referral = Referral.objects.select_for_update().select_related("team", "child").get(pk=referral_id)
        manages = has_role(actor, Role.TEAM_MANAGER) and Worker.objects.filter(user=actor, team=referral.team).exists()
        if not (actor.is_superuser or has_role(actor, Role.SERVICE_MANAGER) or manages):
            raise ValidationError(ERROR_NOT_THE_CASES_MANAGER)
        if referral.closed_on is not None:
            raise ValidationError(ERROR_CASE_CLOSED)
        to_team = Team.objects.filter(pk=to_team_id).first() if to_team_id else None
        last = referral.transfers.order_by("-transferred_on", "-pk").first()
        errors = {}
        if to_team is None:
            errors["to_team"] = ERROR_TRANSFER_TEAM
        elif to_team.pk == referral.team_id:
            errors["to_team"] = ERROR_TRANSFER_SAME_TEAM.format(team=referral.team)
        if transferred_on > timezone.localdate():
            errors["transferred_on"] = ERROR_TRANSFER_IN_FUTURE
        elif transferred_on < referral.referral_date:
            errors["transferred_on"] = ERROR_TRANSFER_BEFORE_REFERRAL.format(date=f"{referral.referral_date:%-d %B %Y}")
        elif last is not None and transferred_on <= last.transferred_on:
            errors["transferred_on"] = ERROR_TRANSFER_NOT_AFTER_LAST.format(date=f"{last.transferred_on:%-d %B %Y}")
        if not reason.strip():
            errors["reason"] = ERROR_TRANSFER_REASON
        if errors:
            raise ValidationError(errors)
        transfer = CaseTransfer.objects.create(
            referral=referral,
            from_team=referral.team,
            to_team=to_team,
            transferred_on=transferred_on,
            reason=reason.strip(),
            recorded_by=actor,
        )
        referral.team = to_team
        referral.save(update_fields=["team"])
        audit_record(
            actor=actor,
            action="case.transfer",
            obj=transfer,
            child=referral.child,
            detail={"from_team": transfer.from_team_id, "to_team": to_team.pk},
        )
    return transfer
