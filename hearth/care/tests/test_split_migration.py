"""The care app's split keeps every row (docs/decisions/0006-care-apps.md): a database migrated back
to the state before it (care 0002_iro_appointment, when the IRO's appointments, the reviews, the
health checks and the care leavers' facts were all care's), holding a looked-after child and a care
leaver written through the models of that time, migrates forward with every row, value and id kept,
now read through the iro, duties and leavers apps' models; and the content types (with the
permissions pointing at them) follow the models, keeping their ids.

It runs Django's own migration executor on the test database, which is left fully migrated whatever
happens (so later tests on the same worker are unaffected). Only care and the three apps that depend
on its move are migrated back and forward."""

import datetime

import pytest
from django.apps import apps as project_apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

D = datetime.date
BEFORE_THE_SPLIT = ("care", "0002_iro_appointment")
SPLIT_APPS = ("care", "iro", "duties", "leavers")
MOVED_TO = {
    "IROAppointment": "iro",
    "CareReview": "duties",
    "HealthCheck": "duties",
    "CareLeaverContact": "leavers",
    "PathwayPlanReview": "leavers",
}


def _migrate(targets):
    """Migrate to the targets (other apps stay where they are); the project state it leaves."""
    executor = MigrationExecutor(connection)
    return executor.migrate(targets)


def _split_apps_at_their_latest():
    executor = MigrationExecutor(connection)
    # Every app's latest migration: migrating the split apps back also unapplied the apps that depend
    # on them, and the tests after this one need their tables.
    return executor.loader.graph.leaf_nodes()


def _rows(model, pk) -> dict:
    return model.objects.filter(pk=pk).values().get()


def _a_looked_after_child_and_a_care_leaver(apps) -> dict:
    """Written with the models as they were before the split (historical models): what each row
    holds, by model name, read back as stored."""
    user = apps.get_model("auth", "User")
    worker = user.objects.create(username="before-split-worker", first_name="Sam", last_name="Worker")
    iro = user.objects.create(username="before-split-iro", first_name="Ines", last_name="Reviewer")
    team = apps.get_model("workforce", "Team").objects.create(name="Before the split")
    source = apps.get_model("frontdoor", "ReferralSource").objects.get_or_create(
        code="1A", defaults={"label": "Individual: self"}
    )[0]
    child_model = apps.get_model("people", "Child")
    contact_model = apps.get_model("frontdoor", "Contact")
    referral_model = apps.get_model("frontdoor", "Referral")
    period_model = apps.get_model("care", "PeriodOfCare")

    def looked_after(first_name, born, started_on, ended_on=None, end_reason=""):
        child = child_model.objects.create(first_name=first_name, last_name="Beforesplit", date_of_birth=born)
        contact = contact_model.objects.create(
            child=child,
            received_at=timezone.make_aware(datetime.datetime.combine(started_on, datetime.time(9))),
            source=source,
            contact_person="A teacher",
            account="Worried about the child.",
            recorded_by=worker,
        )
        referral = referral_model.objects.create(
            child=child, contact=contact, referral_date=started_on, source=source, team=team, primary_need="N1"
        )
        period = period_model.objects.create(
            child=child,
            referral=referral,
            started_on=started_on,
            category_of_need="N1",
            started_by=worker,
            ended_on=ended_on,
            end_reason=end_reason,
            ended_by=worker if ended_on else None,
        )
        status = apps.get_model("care", "LegalStatusSpell").objects.create(
            period=period, legal_status="C2", started_on=started_on, ended_on=ended_on, recorded_by=worker
        )
        placement = apps.get_model("care", "Placement").objects.create(
            period=period,
            placement_type="U4",
            provider="PR1",
            carer="Mr and Mrs Fernhill",
            postcode="LS1 4AP",
            home_postcode="LS6 2AA",
            inside_council_area=True,
            started_on=started_on,
            ended_on=ended_on,
            recorded_by=worker,
        )
        return child, period, [period, status, placement]

    child, period, care_record = looked_after("Ada", D(2015, 1, 10), D(2025, 6, 2))
    made = {
        "CarePlan": apps.get_model("care", "CarePlan").objects.create(
            period=period,
            agreed_on=D(2025, 6, 20),
            permanence_plan="Long-term fostering",
            summary="Needs met.",
            recorded_by=worker,
        ),
        "IROAppointment": apps.get_model("care", "IROAppointment").objects.create(
            period=period, iro=iro, started_on=D(2025, 6, 4), recorded_by=worker
        ),
        "CareReview": apps.get_model("care", "CareReview").objects.create(
            period=period,
            held_on=D(2025, 6, 27),
            chair=iro,
            participation="PN1",
            recommendations="Placement continues.",
            recorded_by=worker,
        ),
        "HealthCheck": apps.get_model("care", "HealthCheck").objects.create(
            period=period, kind="IHA", done_on=D(2025, 6, 20), refused=False, done_by="Dr Kaur", recorded_by=worker
        ),
    }
    leaver, _, leavers_care = looked_after(
        "Wren", D(2006, 1, 15), D(2022, 1, 10), ended_on=D(2024, 1, 15), end_reason="E17"
    )
    made["CareLeaverContact"] = apps.get_model("care", "CareLeaverContact").objects.create(
        child=leaver,
        contacted_on=D(2025, 3, 1),
        method="IN_PERSON",
        in_touch="YES",
        activity="F2",
        accommodation="U",
        accommodation_suitable=True,
        note="Settled in the flat.",
        recorded_by=worker,
    )
    made["PathwayPlanReview"] = apps.get_model("care", "PathwayPlanReview").objects.create(
        child=leaver,
        reviewed_on=D(2025, 3, 1),
        personal_adviser="Robin Adviser",
        summary="College in September.",
        recorded_by=worker,
    )
    kept = {name: [_rows(type(row), row.pk)] for name, row in made.items()}
    for row in care_record + leavers_care:  # the care record itself stays care's
        kept.setdefault(type(row).__name__, []).append(_rows(type(row), row.pk))
    return kept


def _content_types_before(apps) -> dict:
    """Each moved model's content type as the care app's (with a permission pointing at it), by id."""
    content_type = apps.get_model("contenttypes", "ContentType")
    permission = apps.get_model("auth", "Permission")
    ids = {}
    for name in MOVED_TO:
        found, _ = content_type.objects.get_or_create(app_label="care", model=name.lower())
        permission.objects.get_or_create(
            content_type=found, codename=f"view_{name.lower()}", defaults={"name": f"Can view {name}"}
        )
        ids[name] = found.pk
    return ids


def _placement_as_now(values: dict) -> dict:
    """A placement row as written before the register, as it reads now: the provider in the register
    holding its carer, code and URN, and the local authority left blank (not derived for old rows)."""
    provider = project_apps.get_model("care", "Provider").objects.get(
        name=values.pop("carer"), provider_code=values.pop("provider"), urn=values.pop("urn")
    )
    return values | {"provider_id": provider.pk, "local_authority": ""} | ADDED_SINCE["Placement"]


# Fields added after the split, which rows written before it read with their defaults: a placement's
# approval far from home (care 0009), and the child's voice on care plans, reviews and pathway plans.
ADDED_SINCE = {
    "Placement": {
        "distance_approved_by_id": None,
        "distance_approved_on": None,
        "distance_risk_assessment": "",
        "distance_approval_held_in": "",
    },
    "CarePlan": {"child_voice": ""},
    "CareReview": {"child_voice": ""},
    "PathwayPlanReview": {"child_voice": ""},
}


def test_a_database_from_before_the_split_migrates_forward_with_every_row_kept():
    try:
        before = _migrate([BEFORE_THE_SPLIT]).apps
        with connection.cursor() as cursor:
            tables = set(connection.introspection.table_names(cursor))
        assert {"care_iroappointment", "care_careleavercontact"} <= tables
        assert not {"iro_iroappointment", "leavers_careleavercontact"} & tables

        written = _a_looked_after_child_and_a_care_leaver(before)
        content_types = _content_types_before(before)

        _migrate(_split_apps_at_their_latest())

        for name, rows in written.items():
            app_label = MOVED_TO.get(name, "care")
            model = project_apps.get_model(app_label, name)
            assert model._meta.db_table == f"{app_label}_{name.lower()}"
            if name == "Placement":  # its carer, code and URN later moved into the register (0006)
                rows = [_placement_as_now(values) for values in rows]
            elif name in ADDED_SINCE:
                rows = [values | ADDED_SINCE[name] for values in rows]
            assert [_rows(model, values["id"]) for values in rows] == rows, name
            assert model.objects.count() == len(rows), name
        ContentType.objects.clear_cache()
        for name, pk in content_types.items():
            moved = ContentType.objects.get(pk=pk)
            assert (moved.app_label, moved.model) == (MOVED_TO[name], name.lower())
            assert moved.model_class() is project_apps.get_model(MOVED_TO[name], name)
            assert moved.permission_set.filter(codename=f"view_{name.lower()}").exists()
            assert not ContentType.objects.filter(app_label="care", model=name.lower()).exists()
    finally:
        _migrate(_split_apps_at_their_latest())
        ContentType.objects.clear_cache()
