"""The census's other identifiers of a child in the synthetic council: a few unborn children
referred before birth, whose expected date of birth is recorded (and, once due, their birth), and,
rarely, a former UPN for a child given a second one. Written through the services.

The draws come from a generator of their own, and this part runs after every other, so the rest of
the council is the same with or without it (as hearth/simulate/social_workers.py does).

Rates: pre-birth referrals are a small share of referrals (a few a year in a council of the demo's
size: three over the simulated months here, one in a small council); a former UPN is rare (a child
given a second UPN by mistake, or a temporary UPN replaced): about one child in a hundred with a UPN.
"""

import datetime
import random

from django.utils import timezone
from faker import Faker

from hearth.core.services import london_datetime
from hearth.frontdoor.models import ScreeningDecision
from hearth.frontdoor.services import contact_rate_urgency, contact_record, contact_screen
from hearth.people.characteristics_services import (
    ethnicity_record,
    expected_birth_record,
    former_upn_record,
    upn_unknown_record,
)
from hearth.people.models import Child, Sex
from hearth.people.services import child_create, child_identity_update
from hearth.simulate.upns import synthetic_upn
from hearth.workforce.services import case_allocate

UNBORN_REFERRALS = 3
SHARE_WITH_FORMER_UPN = 0.01
# The schools the former UPNs came from (not those of the current UPNs, so the two never meet).
FORMER_SCHOOLS = ("2098", "2099")
MIDWIFE_SOURCE = "3D"  # Health services: other primary health services (a community midwife)


def simulate_census_identifiers(sim) -> dict:
    draws = random.Random(f"{sim.seed}-census-identifiers")
    faker = Faker("en_GB")
    faker.seed_instance(f"{sim.seed}-census-identifiers")
    counts = {"unborn children referred": 0, "births after referral": 0, "former UPNs": 0}
    first_day = max(sim.first_day, sim.today - datetime.timedelta(days=150))
    for _ in range(UNBORN_REFERRALS if sim.months >= 2 else 1):
        _unborn_referral(sim, draws, faker, first_day, counts)
    _former_upns(sim, draws, counts)
    return counts


def _working_day(sim, draws, first: datetime.date, last: datetime.date) -> datetime.date:
    day = first + datetime.timedelta(days=draws.randint(0, max((last - first).days, 0)))
    while not sim.calendar.is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def _unborn_referral(sim, draws, faker, first_day, counts) -> None:
    """A midwife's contact about an unborn child, referred the same day to a team, allocated, and
    the expected date of birth recorded by the worker; a baby due by today is born, a few days
    either side of the date, and their date of birth and sex recorded in the child's details."""
    referred_on = _working_day(sim, draws, first_day, sim.today - datetime.timedelta(days=10))
    received_at = london_datetime(referred_on, datetime.time(9 + draws.randrange(6), draws.randrange(60)))
    expected_on = referred_on + datetime.timedelta(days=draws.randint(40, 200))
    screener = draws.choice(sim.users["screeners"])
    last_name = faker.last_name()
    sim.recording.scene = received_at - datetime.timedelta(minutes=2)  # the record, then the contact
    child = child_create(
        actor=screener, first_name="Baby", last_name=last_name, date_of_birth=None, not_a_duplicate=True
    )
    sim.recording.scene = None
    contact = contact_record(
        actor=screener,
        child_ids=[child.pk],
        received_at=received_at,
        source_code=MIDWIFE_SOURCE,
        contact_person=f"{faker.name()}, community midwife",
        account="Concerns for an unborn baby: the mother's previous children were subject to child protection "
        "plans, and she has told the midwife of violence at home.",
    )[0]
    contact_rate_urgency(actor=screener, contact_id=contact.pk, urgency="AMBER")
    team = draws.choice(sim.users["teams"])
    contact_screen(
        actor=screener,
        contact_id=contact.pk,
        decision=ScreeningDecision.REFERRAL,
        decided_at=sim._in_working_hours(received_at + datetime.timedelta(hours=3)),
        reason="A pre-birth assessment is needed before the baby is born",
        team_id=team.pk,
        primary_need="N1",
    )
    contact.refresh_from_db()
    referral = contact.referral
    worker = draws.choice(sim.users["workers"][team.pk])
    case_allocate(
        actor=sim.users["managers"][team.pk], referral_id=referral.pk, worker_id=worker.pk, started_on=referred_on
    )
    child.refresh_from_db()
    expected_birth_record(
        actor=worker.user,
        child_id=child.pk,
        expected_version=child.version,
        expected_on=expected_on,
        applies_from=referred_on,
    )
    # Not yet asked, and not yet of an age for a UPN (UN1); no disability is recorded before birth.
    ethnicity_record(actor=worker.user, child_id=child.pk, ethnicity="NOBT", applies_from=referred_on)
    upn_unknown_record(actor=worker.user, child_id=child.pk, reason="UN1", applies_from=referred_on)
    counts["unborn children referred"] += 1
    born_on = expected_on + datetime.timedelta(days=draws.randint(-14, 10))
    if born_on > sim.today - datetime.timedelta(days=3):
        return  # still unborn, or born too lately for the record to show it yet
    child.refresh_from_db()
    sex = draws.choice([Sex.FEMALE, Sex.MALE])
    first_name = faker.first_name_female() if sex == Sex.FEMALE else faker.first_name_male()
    child_identity_update(
        actor=worker.user,
        child_id=child.pk,
        expected_version=child.version,
        first_name=first_name,
        last_name=last_name,
        date_of_birth=born_on,
        sex=sex,
        nhs_number="",
        upn="",
        postcode=child.postcode,
    )
    counts["births after referral"] += 1


def _former_upns(sim, draws, counts) -> None:
    """About one child in a hundred with a UPN had another before it: the former one stopped being
    theirs on the day they joined their current school (the start of a school year since then)."""
    serial = 0
    for child in Child.objects.exclude(upn="").order_by("pk"):
        if draws.random() >= SHARE_WITH_FORMER_UPN:
            continue
        serial += 1
        started_school = int(child.upn[8:10])
        former = synthetic_upn(draws.choice(FORMER_SCHOOLS), started_school, serial)
        born = child.date_of_birth or sim.today
        earliest = datetime.date(born.year + 5, 9, 1)
        latest = timezone.localdate()
        if earliest > latest:
            continue
        applies_from = datetime.date(draws.randint(earliest.year, max(earliest.year, latest.year - 1)), 9, 1)
        former_upn_record(
            actor=sim.users["mash"],
            child_id=child.pk,
            expected_version=child.version,
            former_upn=former,
            applies_from=min(applies_from, latest),
        )
        counts["former UPNs"] += 1
