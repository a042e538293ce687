"""Today's placements move into the register of providers without loss (care 0006): a database
migrated back to the state before the register (care 0004), holding placements written with free-text
carers, codes and URNs, migrates forward with one provider for each distinct carer's name, URN and
code, every placement naming the provider that holds what it held, and each provider's kind read from
its placement type and code.

It runs Django's own migration executor on the test database, which is left fully migrated whatever
happens (as hearth/care/tests/test_split_migration.py does)."""

import datetime

import pytest
from django.apps import apps as project_apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

D = datetime.date
BEFORE_THE_REGISTER = ("care", "0004_content_types_follow_the_moved_models")


def _migrate(targets):
    return MigrationExecutor(connection).migrate(targets)


def _care_at_its_latest():
    # Every app's latest migration, not only care's: migrating care back also unapplied the apps that
    # depend on it (missing, permanence, ...), and the tests after this one need their tables.
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _placements_before_the_register(apps) -> list[tuple[int, str, str, str]]:
    """Four children, five placements: the Fernhills twice with the same URN (one provider), once
    typed with another URN (another provider: a URN tells settings apart), a children's home and a
    placement with parents. Returns (placement id, carer, code, URN) as written."""
    user = apps.get_model("auth", "User")
    worker = user.objects.create(username="before-register-worker")
    team = apps.get_model("workforce", "Team").objects.create(name="Before the register")
    source = apps.get_model("frontdoor", "ReferralSource").objects.get_or_create(
        code="1A", defaults={"label": "Individual: self"}
    )[0]
    written = []

    def placed(first_name, placements):
        child = apps.get_model("people", "Child").objects.create(
            first_name=first_name, last_name="Beforeregister", date_of_birth=D(2014, 1, 10)
        )
        contact = apps.get_model("frontdoor", "Contact").objects.create(
            child=child,
            received_at=timezone.make_aware(datetime.datetime(2025, 5, 1, 9)),
            source=source,
            contact_person="A teacher",
            account="Worried.",
            recorded_by=worker,
        )
        referral = apps.get_model("frontdoor", "Referral").objects.create(
            child=child, contact=contact, referral_date=D(2025, 5, 1), source=source, team=team, primary_need="N1"
        )
        period = apps.get_model("care", "PeriodOfCare").objects.create(
            child=child, referral=referral, started_on=D(2025, 5, 2), category_of_need="N1", started_by=worker
        )
        for index, (placement_type, code, carer, urn, inside) in enumerate(placements):
            started_on = D(2025, 5, 2) + datetime.timedelta(days=30 * index)
            placement = apps.get_model("care", "Placement").objects.create(
                period=period,
                placement_type=placement_type,
                provider=code,
                carer=carer,
                urn=urn,
                postcode="NG1 5FS",
                home_postcode="NG7 2RD",
                inside_council_area=inside,
                started_on=started_on,
                ended_on=None if index == len(placements) - 1 else started_on + datetime.timedelta(days=30),
                recorded_by=worker,
            )
            written.append((placement.pk, carer, code, urn, inside, placement_type))

    placed(
        "Ada", [("U6", "PR1", "Mr and Mrs Fernhill", "SC100001", True), ("H5", "PR4", "Larch House", "SC200002", False)]
    )
    placed("Ben", [("U4", "PR1", "Mr and Mrs Fernhill", "SC100001", True)])
    placed("Cal", [("U6", "PR1", "Mr and Mrs Fernhill", "SC100009", True)])
    placed("Dee", [("P1", "PR0", "Parent", "", True)])
    return written


def test_free_text_placements_move_into_the_register_without_loss():
    try:
        before = _migrate([BEFORE_THE_REGISTER]).apps
        written = _placements_before_the_register(before)
        _migrate(_care_at_its_latest())

        placement_model = project_apps.get_model("care", "Placement")
        provider_model = project_apps.get_model("care", "Provider")
        for pk, carer, code, urn, inside, placement_type in written:
            placement = placement_model.objects.select_related("provider").get(pk=pk)
            assert (placement.provider.name, placement.provider.provider_code, placement.provider.urn) == (
                carer,
                code,
                urn,
            )
            assert (placement.placement_type, placement.inside_council_area) == (placement_type, inside)
        kinds = dict(provider_model.objects.values_list("name", "kind").order_by("name", "urn").distinct())
        assert provider_model.objects.count() == 4  # the Fernhills with SC100001 once, with SC100009 once
        assert provider_model.objects.filter(name="Mr and Mrs Fernhill", urn="SC100001").get().placements.count() == 2
        assert kinds == {
            "Larch House": "SUPPORTED",  # H5 kept as history; its provider is supported accommodation
            "Mr and Mrs Fernhill": "COUNCIL_FOSTER",
            "Parent": "PARENTS",
        }
    finally:
        _migrate(_care_at_its_latest())
