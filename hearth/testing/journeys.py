"""Build journey data the way users do: through the services (never by writing models)."""

import datetime
from dataclasses import dataclass

from hearth.assessment.services import (
    assessment_authorise,
    assessment_record,
    assessment_start,
    assessment_submit,
)
from hearth.core.roles import Role
from hearth.core.services import london_datetime
from hearth.frontdoor.models import DECISIONS_OPENING_A_CASE, ScreeningDecision
from hearth.frontdoor.services import contact_record, contact_screen
from hearth.people.services import child_create
from hearth.workforce.services import case_allocate, team_create, user_create, worker_create

PASSWORD = "correct-horse-battery-staple"  # noqa: S105 (test accounts only)


@dataclass
class Staff:
    north: object
    south: object
    mash_team: object
    social_worker: object  # Worker in North
    other_social_worker: object  # Worker in South
    team_manager: object  # Worker managing North
    screener: object  # User
    service_manager: object  # User
    councillor: object  # User
    performance_officer: object  # User
    iro: object  # User
    director: object  # User


def make_staff() -> Staff:
    north = team_create(actor=None, name="North", takes_referrals=True)
    south = team_create(actor=None, name="South", takes_referrals=True)
    mash_team = team_create(actor=None, name="MASH", takes_referrals=False)

    def user(username, role):
        return user_create(
            actor=None,
            username=username,
            first_name=username.title(),
            last_name="Tester",
            email=f"{username}@example.org",
            password=PASSWORD,
            role=role,
        )

    def worker(username, team, role, **kwargs):
        return worker_create(actor=None, user=user(username, role), team=team, job_title=role.value, **kwargs)

    return Staff(
        north=north,
        south=south,
        mash_team=mash_team,
        social_worker=worker("nina", north, Role.SOCIAL_WORKER),
        other_social_worker=worker("sol", south, Role.SOCIAL_WORKER),
        team_manager=worker("tomas", north, Role.TEAM_MANAGER, holds_cases=False, manages_team=True),
        screener=worker("mira", mash_team, Role.MASH_SCREENER, holds_cases=False).user,
        service_manager=user("serena", Role.SERVICE_MANAGER),
        councillor=user("colin", Role.COUNCILLOR),
        performance_officer=user("pat", Role.PERFORMANCE_OFFICER),
        iro=user("ines", Role.IRO),
        director=user("dev", Role.DIRECTOR),
    )


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return london_datetime(day, datetime.time(hour, minute))


def new_child(staff: Staff, first_name="Alex", last_name="Example", born=datetime.date(2015, 6, 1)):
    # Tests make distinct synthetic children on purpose, often sharing a surname and birthday.
    return child_create(
        actor=staff.screener, first_name=first_name, last_name=last_name, date_of_birth=born, not_a_duplicate=True
    )


def new_contact(staff: Staff, child, received_at: datetime.datetime, source="2A"):
    return contact_record(
        actor=staff.screener,
        child_ids=[child.pk],
        received_at=received_at,
        source_code=source,
        contact_person="A. Teacher, designated safeguarding lead",
        account="Bruising seen at school.",
    )[0]


def screen(staff: Staff, contact, decided_at, decision=ScreeningDecision.NO_FURTHER_ACTION, team=None):
    """The MASH decision on a contact, as a screener records it (a referral's primary need: N1)."""
    return contact_screen(
        actor=staff.screener,
        contact_id=contact.pk,
        decision=decision,
        decided_at=decided_at,
        reason="Reason recorded by the screener",
        team_id=team.pk if team else None,
        primary_need="N1" if decision in DECISIONS_OPENING_A_CASE else "",
    )


def referred_case(staff: Staff, child, received_at: datetime.datetime, decided_at=None, team=None):
    """A contact screened as a referral: the open case (Referral)."""
    contact = new_contact(staff, child, received_at)
    screen(
        staff,
        contact,
        decided_at or received_at + datetime.timedelta(hours=2),
        ScreeningDecision.REFERRAL,
        team or staff.north,
    )
    contact.refresh_from_db()
    return contact.referral


def allocated_case(staff: Staff, child, received_at, worker=None):
    referral = referred_case(staff, child, received_at, team=(worker or staff.social_worker).team)
    case_allocate(
        actor=staff.team_manager.user if (worker is None or worker.team == staff.north) else _any_manager(staff),
        referral_id=referral.pk,
        worker_id=(worker or staff.social_worker).pk,
        started_on=referral.referral_date,
    )
    return referral


def _any_manager(staff: Staff):
    return staff.service_manager


def authorised_assessment(
    staff: Staff, child, started_on: datetime.date, authorised_on: datetime.date | None, worker=None
):
    """A case referred, allocated and assessed from started_on; authorised on authorised_on if given."""
    referral = allocated_case(staff, child, at(started_on, 10), worker=worker)
    assessment = assessment_start(
        actor=(worker or staff.social_worker).user, referral_id=referral.pk, started_on=started_on
    )
    if authorised_on is not None:
        submitted_assessment(staff, assessment, authorised_on)
        assessment = assessment_authorise(
            actor=staff.service_manager,
            assessment_id=assessment.pk,
            authorised_on=authorised_on,
            outcome="CIN_PLAN",
            reasons=AUTHORISATION_REASONS,
        )
    return assessment


# A worked narrative for an assessment of a school-age child: every section, so it can be submitted.
ASSESSMENT_NARRATIVE = {
    "developmental_needs": "Attends school most days; reading below the expected level; healthy.",
    "parenting_capacity": "Mother meets basic care well; routines slip when her mental health is low.",
    "family_environment": "Rented flat, rent arrears; maternal grandmother nearby and supportive.",
    "analysis": "Needs are met most of the time; the risk is the drift when mother is unwell, with no plan for it.",
    "recommendation": "Child in need plan: mental health referral for mother and reading support at school.",
}
AUTHORISATION_REASONS = "Analysis is clear and the plan addresses the risk; agreed a child in need plan."


def recorded_assessment(staff: Staff, assessment, factor_codes=("16A",), seen_on=None, seen_alone=True):
    """The worker records what the assessment found: factors, the child's wishes, seen (alone)."""
    worker_user = assessment.worker.user
    return assessment_record(
        actor=worker_user,
        assessment_id=assessment.pk,
        factor_codes=list(factor_codes),
        wishes_and_feelings="Wants to stay at the same school and see their nan at weekends.",
        child_seen_on=seen_on or assessment.started_on,
        child_seen_alone=seen_alone,
        narrative=ASSESSMENT_NARRATIVE,
    )


def submitted_assessment(staff: Staff, assessment, submitted_on: datetime.date, factor_codes=("16A",)):
    """Recorded (neglect identified, child seen alone on the start date) and submitted on submitted_on."""
    recorded_assessment(staff, assessment, factor_codes)
    return assessment_submit(actor=assessment.worker.user, assessment_id=assessment.pk, submitted_on=submitted_on)


def provider_in_register(name="Mr and Mrs Fernhill", placement_type="U6", code=None, urn=None, kind=None, agency=None):
    """The register's entry of this name (made the first time it is asked for): its kind, code and
    URN fit the placement type unless given (a synthetic SC-format URN where the type needs one)."""
    import hashlib

    from django.contrib.auth.models import User

    from hearth.care.codes import NO_URN
    from hearth.care.models import Provider, ProviderKind

    found = Provider.objects.filter(name=name).first()
    if found is not None:
        return found
    if kind is None:
        kind = {
            "P1": ProviderKind.PARENTS,
            "K1": ProviderKind.CHILDRENS_HOME,
            "K2": ProviderKind.CHILDRENS_HOME,
            "K3": ProviderKind.SUPPORTED_ACCOMMODATION,
        }.get(placement_type)
        if kind is None:
            kind = ProviderKind.ADOPTERS if placement_type.startswith("A") else ProviderKind.OTHER_SETTING
            if placement_type.startswith("U"):
                kind = (
                    ProviderKind.COUNCIL_FOSTER_CARERS
                    if (code or "PR1") == "PR1"
                    else ProviderKind.AGENCY_FOSTER_CARERS
                )
    if code is None:
        code = "PR0" if kind == ProviderKind.PARENTS else "PR1"
    if urn is None:
        urn = "" if placement_type in NO_URN else f"SC{int(hashlib.sha256(name.encode()).hexdigest(), 16) % 10**6:06d}"
    keeper, _ = User.objects.get_or_create(username="provider-register-builder")
    return Provider.objects.create(kind=kind, name=name, provider_code=code, urn=urn, agency=agency, recorded_by=keeper)


def foster_placement(carer="Mr and Mrs Fernhill", postcode="KV1 2AB", placement_type="U6", **kwargs):
    """A placement's details (synthetic carers and postcodes) with the carer's entry in the register
    (made if need be: `provider` its code, `urn` its URN); override any other field by keyword."""
    from hearth.care.services import PlacementDetails

    provider = provider_in_register(
        carer, placement_type, code=kwargs.pop("provider", None), urn=kwargs.pop("urn", None)
    )
    fields = {
        "placement_type": placement_type,
        "provider_id": provider.pk,
        "postcode": postcode,
        "home_postcode": "KV3 9ZZ",
    } | kwargs
    return PlacementDetails(**fields)


def approved(staff: Staff, on: datetime.date):
    """The decision to look after a child, approved by the service manager on the day given."""
    from hearth.care.services import StartDecision

    return StartDecision(approved_by_id=staff.service_manager.pk, approved_on=on)


def far_from_home_approval(staff: Staff, approved_on: datetime.date) -> dict:
    """The fields of a team manager's approval of a placement more than 20 miles from home, given on
    approved_on (on or before the placement starts), with a risk assessment: foster_placement(**these)."""
    return {
        "distance_approved_by_id": staff.team_manager.user.pk,
        "distance_approved_on": approved_on,
        "distance_risk_assessment": "Specialist carers no nearer provider offers; weekly family contact by video",
    }


def looked_after_child(
    staff: Staff,
    child,
    started_on: datetime.date,
    legal_status="C1",
    placement=None,
    category_of_need="N1",
    decision=None,
):
    """A child referred and allocated a few days before started_on, who becomes looked after that day
    in a foster placement (or the placement given), the decision approved by the service manager that
    day (or the decision given). Returns the period of care."""
    from hearth.care.services import care_start

    referral = allocated_case(staff, child, at(started_on - datetime.timedelta(days=3), 10))
    return care_start(
        actor=staff.social_worker.user,
        referral_id=referral.pk,
        started_on=started_on,
        category_of_need=category_of_need,
        legal_status=legal_status,
        placement=placement or foster_placement(),
        decision=decision or approved(staff, started_on),
    )
