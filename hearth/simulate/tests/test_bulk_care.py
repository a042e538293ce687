"""The generator's bulk path writes the duties to looked-after children and care leavers as the
services do (hearth/simulate/care_writes.py): reviews, care plans, health and dental checks, visits,
pathway plan reviews and personal advisers' contacts.

One small council (five months of ten contacts, six looked after, two who left care recently and
three care leavers, besides the children the characteristics and permanence parts bring into care)
is built twice from the same seed on the same frozen clock, through the services and then in bulk,
each rolled back after its contents are read, and every table is compared as
test_bulk_front_door.py compares them (all columns but surrogate ids, references by position). The
paths a council this small may not take (a duty the services refuse, a visit where the child was
not seen, a check the child refused, a care leaver not in touch) are made by hand on three young
people and compared the same way."""

import datetime
from collections import Counter

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import override_settings

from hearth.audit.models import AuditEvent
from hearth.care.models import CarePlan
from hearth.duties.models import CareReview, HealthCheck
from hearth.leavers.models import CareLeaverContact, PathwayPlanReview
from hearth.simulate.care_writes import BulkCare, ServiceCare
from hearth.simulate.council import Simulation
from hearth.simulate.sizes import SMALL
from hearth.simulate.tests.test_bulk_front_door import RollBack, differences, sequences_restored, table_contents
from hearth.testing.care_leaver_journeys import care_leaver
from hearth.testing.journeys import looked_after_child, new_child
from hearth.visits.models import Visit

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 31)
EVENING = datetime.datetime.combine(TODAY, datetime.time(18), tzinfo=datetime.UTC)
# A council whose care takes every path of the bulk care writer but the refusals (the test below says which).
SEED = 7
# The tables the care writer writes: each must hold rows in the build, or the comparison proves little.
CARE_TABLES = [CareReview, CarePlan, HealthCheck, Visit, PathwayPlanReview, CareLeaverContact, AuditEvent]


def build_and_read(*, bulk: bool) -> tuple[dict, dict]:
    """Build the council on a frozen clock, read every table, undo it, and put the id sequences back."""
    size = SMALL.with_looked_after(6)  # and two who left care recently, three care leavers
    simulation = Simulation(seed=SEED, today=TODAY, months=5, contacts_per_month=10, size=size, bulk=bulk)
    with sequences_restored():
        try:
            with transaction.atomic(), time_machine.travel(EVENING, tick=False):
                counts = simulation.run()
                contents = table_contents()
                raise RollBack
        except RollBack:
            return counts, contents


@pytest.fixture(scope="module")
def both_builds(django_db_setup, django_db_blocker, tmp_path_factory):
    documents = tmp_path_factory.mktemp("documents")
    with django_db_blocker.unblock(), override_settings(HEARTH_DOCUMENTS_ROOT=documents):
        yield build_and_read(bulk=False), build_and_read(bulk=True)


def test_the_bulk_path_writes_the_duties_of_care_as_the_services_do(both_builds):
    (service_counts, by_services), (bulk_counts, in_bulk) = both_builds
    assert bulk_counts == service_counts
    for model in CARE_TABLES:
        assert sum(by_services[model._meta.db_table].values()) > 0, model
    assert differences(by_services, in_bulk) == {}


def test_the_council_compared_takes_every_path_of_the_care_writer(both_builds):
    """A path the council never takes is a path the comparison cannot check: reviews followed by a
    care plan, each kind of health check, visits to looked-after children, pathway plan reviews and
    care leavers' contacts. (A visit where the child was not seen, a check the child refused, a care
    leaver not in touch and the duties the services refuse are rarer, and a council this small may not
    take them: the test after this one makes each by hand.)"""
    (_, by_services), _ = both_builds
    assert by_services["duties_carereview"] and by_services["care_careplan"]
    kinds = {dict(row)["kind"] for row in by_services["duties_healthcheck"]}
    assert kinds == {"'IHA'", "'RHA'", "'DENTAL'"}
    periods = {dict(row)["referral"] for row in by_services["care_periodofcare"]}
    visits_in_care = [row for row in by_services["visits_visit"] if dict(row)["referral"] in periods]
    assert _rows_where({"visits": Counter(visits_in_care)}, "visits", "seen", "True")
    assert by_services["leavers_pathwayplanreview"] and by_services["leavers_careleavercontact"]
    actions = {dict(row)["action"] for row in by_services["audit_auditevent"]}
    for action in (
        "care.review",
        "care.care_plan_record",
        "care.health_check",
        "visit.record",
        "care.pathway_plan_review",
        "care.leaver_contact",
    ):
        assert repr(action) in actions, action


def test_each_care_call_writes_or_refuses_the_same_either_way(staff):
    """The care writer's calls made by hand, once through each writer, each rolled back: on a child
    of 13 in care, a review, a care plan, a review the child's age refuses (PN0 is for under 4s), each
    kind of health check, one refused by the child and one dated before care began, visits where the
    child was and was not seen; on a care leaver, a pathway plan review and contacts in touch and not;
    on a young person who left care at 15 (owed nothing at 16), a pathway plan review and a contact
    the services refuse. The same calls are refused either way, and every table is the same."""
    in_care = looked_after_child(staff, new_child(staff, "Cal", "Eitherway", born=datetime.date(2012, 5, 1)), DAY(2))
    leaver = care_leaver(staff, "Dee", "Eitherway", datetime.date(2006, 1, 10), DAY(-1600), datetime.date(2024, 1, 10))
    left_at_15 = care_leaver(
        staff, "Eve", "Eitherway", datetime.date(2009, 1, 1), datetime.date(2023, 1, 2), DAY(-365), reason="E4A"
    )
    before = table_contents()
    refused_by_services, by_services = _care_calls(ServiceCare(), staff, in_care, leaver, left_at_15)
    refused_in_bulk, in_bulk = _care_calls(BulkCare(), staff, in_care, leaver, left_at_15)
    assert refused_by_services == refused_in_bulk == ["review", "health_check", "pathway_review", "leaver_contact"]
    assert set(differences(before, by_services)) == {
        "duties_carereview",
        "care_careplan",
        "duties_healthcheck",
        "visits_visit",
        "leavers_pathwayplanreview",
        "leavers_careleavercontact",
        "audit_auditevent",
    }
    assert differences(by_services, in_bulk) == {}


def DAY(offset: int) -> datetime.date:  # noqa: N802 (reads as a date in the calls below)
    return datetime.date(2025, 6, 1) + datetime.timedelta(days=offset)


def _care_calls(writer, staff, period, leaver, left_at_15) -> tuple[list[str], dict]:
    worker = staff.social_worker
    refused = []

    def call(name, **kwargs):
        try:
            getattr(writer, name)(actor=worker.user, **kwargs)
        except ValidationError:
            refused.append(name)

    try:
        with transaction.atomic(), time_machine.travel(EVENING, tick=False):
            period.refresh_from_db()
            review = {"period": period, "chair": staff.iro, "recommendations": " Stay put ", "child_voice": "Happy "}
            call("review", **review, held_on=DAY(20), participation="PN1")
            call(
                "care_plan",
                period=period,
                agreed_on=DAY(25),
                permanence_plan="Long-term ",
                summary=" Needs",
                child_voice="",
            )
            call("review", **review, held_on=DAY(110), participation="PN0")
            call("health_check", period=period, kind="IHA", done_on=DAY(19), refused=False, done_by=" Dr A ")
            call("health_check", period=period, kind="DENTAL", done_on=DAY(40), refused=True, done_by="")
            call("health_check", period=period, kind="RHA", done_on=DAY(-30), refused=False, done_by="Nurse")
            call("health_check", period=period, kind="RHA", done_on=DAY(200), refused=False, done_by="Nurse ")
            for visited_on, seen in ((DAY(9), True), (DAY(50), False)):
                write_up = {"bedroom_seen": True, "child_voice": "Fine "} if seen else {"others_seen": " Carer"}
                call(
                    "visit",
                    referral_id=period.referral_id,
                    child=period.child,
                    visitor=worker,
                    visited_on=visited_on,
                    happened=True,
                    seen=seen,
                    seen_alone=seen,
                    place="PLACEMENT",
                    observations=" Settled",
                    next_steps="Visit in six weeks ",
                    **write_up,
                )
            adviser = {"personal_adviser": "Robin, personal adviser ", "summary": " College", "child_voice": ""}
            call("pathway_review", child=leaver, reviewed_on=DAY(30), **adviser)
            found = {"method": "PHONE", "in_touch": "YES", "activity": "F2", "accommodation": "U"}
            call("leaver_contact", child=leaver, contacted_on=DAY(31), **found, accommodation_suitable=True)
            lost = {"method": "MESSAGE", "in_touch": "NO", "activity": "0", "accommodation": "0"}
            call("leaver_contact", child=leaver, contacted_on=DAY(80), **lost, accommodation_suitable=None)
            call("pathway_review", child=left_at_15, reviewed_on=DAY(60), **adviser)
            call("leaver_contact", child=left_at_15, contacted_on=DAY(61), **found, accommodation_suitable=True)
            writer.flush()
            contents = table_contents()
            raise RollBack
    except RollBack:
        return refused, contents


def _rows_where(contents: dict, table: str, column: str, value: str) -> list:
    return [row for row in contents.get(table, Counter()) if dict(row)[column] == value]
