"""The adoption scorecard's drill-downs (A1, A2, A10) and sealed records: every child behind them is
adopted, so every record is sealed (docs/security.md). The figure counts them all; the rows are
answered as sealed records are everywhere else: to someone not allowed to open sealed records, as
children they may not see (not listed, counted in "not listed here"); to someone allowed, listed as
in search, marked sealed and linked to the page that asks why, never to the record itself; after
they give a reason, as any child they may see."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from hearth.core.roles import Role
from hearth.people import services as people_services
from hearth.testing.adoption_journeys import adopted_child
from hearth.testing.journeys import PASSWORD
from hearth.workforce.services import user_create

AS_OF = {"as_of_day": "31", "as_of_month": "3", "as_of_year": "2026"}
NAME = "Ada Sealwhistle"  # distinctive, so that any leak shows in a page
SCORECARD = ("A1", "A2", "A10")


@pytest.fixture
def adopted(staff):
    """Ada: in care 8 Jan 2024, order 1 May 2024, matched 15 Aug 2024, placed 2 Sep 2024, adopted
    3 Jun 2025 (A1 238 days, A2 106, A10 238); her record sealed by the order."""
    return adopted_child(staff, "Ada", "Sealwhistle").child


@pytest.fixture
def adoptions_manager(db):
    user = user_create(
        actor=None,
        username="adoptions",
        first_name="Ada",
        last_name="Tester",
        email="adoptions@example.org",
        password=PASSWORD,
        role=Role.TEAM_MANAGER,
    )
    user.user_permissions.add(Permission.objects.get(codename="open_sealed_adoption_records"))
    return type(user).objects.get(pk=user.pk)


def _drilldown(client, indicator_id) -> str:
    return client.get(reverse("performance:drilldown", args=[indicator_id]), AS_OF).content.decode()


@pytest.mark.parametrize("indicator_id", SCORECARD)
def test_someone_not_allowed_to_open_sealed_records_sees_the_figure_not_the_child(staff, client, adopted, indicator_id):
    # The service manager sees every child of the council, but not a sealed record.
    client.force_login(staff.service_manager)
    page = _drilldown(client, indicator_id)
    assert "1 of the 1 children adopted are for children outside your teams" in page
    assert NAME not in page and f"/children/{adopted.pk}/" not in page


@pytest.mark.parametrize("indicator_id", SCORECARD)
def test_someone_allowed_finds_the_row_marked_sealed_and_opens_it_only_with_a_reason(
    client, adopted, adoptions_manager, indicator_id
):
    client.force_login(adoptions_manager)
    page = _drilldown(client, indicator_id)
    assert NAME in page and "Sealed adoption record" in page and "outside your teams" not in page
    assert reverse("people:sealed_record_open", args=[adopted.pk]) in page
    assert f'href="{reverse("people:child_detail", args=[adopted.pk])}"' not in page
    people_services.sealed_record_open(
        actor=adoptions_manager,
        child_id=adopted.pk,
        reason="ADOPTED_ADULT",
        explanation="Letter from the adopted adult, ref AD/2045/17",
    )
    page = _drilldown(client, indicator_id)
    assert f'href="{reverse("people:child_detail", args=[adopted.pk])}"' in page
    assert "Sealed adoption record" not in page


def test_the_figures_count_the_sealed_child(staff, adopted):
    from hearth.performance.selectors import result_by_id

    as_of = datetime.date(2026, 3, 31)
    assert [(result_by_id(i, as_of).numerator, result_by_id(i, as_of).denominator) for i in SCORECARD] == [
        (238, 1),
        (106, 1),
        (238, 1),
    ]
