"""The population setting behind the rates per 10,000: kept by the performance team as data."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.performance.models import ChildPopulation
from hearth.performance.selectors import population_under_18
from hearth.performance.services import ERROR_NOT_PERFORMANCE_TEAM, ERROR_POPULATION_POSITIVE, population_set

D = datetime.date


def test_the_latest_estimate_up_to_the_year_is_used(staff):
    population_set(actor=staff.performance_officer, year=2023, children=19000, source="ONS mid-2022")
    population_set(actor=staff.performance_officer, year=2025, children=20000, source="ONS mid-2024")
    assert population_under_18(D(2025, 3, 31)) == 19000  # 2024-25 has none: 2023-24's is the latest
    assert population_under_18(D(2025, 4, 1)) == 20000
    assert population_under_18(D(2022, 4, 1)) == 0


def test_only_the_performance_team_sets_it_and_never_zero(staff):
    with pytest.raises(ValidationError, match=ERROR_NOT_PERFORMANCE_TEAM):
        population_set(actor=staff.social_worker.user, year=2025, children=20000, source="x")
    with pytest.raises(ValidationError) as refused:
        population_set(actor=staff.performance_officer, year=2025, children=0, source="x")
    assert ERROR_POPULATION_POSITIVE in refused.value.message_dict["children"]
    assert not ChildPopulation.objects.exists()


def test_the_page_saves_a_year_and_refuses_a_stale_correction(staff, client_for):
    client = client_for(staff.performance_officer)
    url = reverse("performance:population")
    response = client.post(url, {"year": 2025, "children": 20000, "source": "ONS mid-2024", "version": 0})
    assert response.status_code == 302
    assert client.post(url, {"year": 2025, "children": 20500, "source": "Revised", "version": 1}).status_code == 302
    stale = client.post(url, {"year": 2025, "children": 19999, "source": "Old page", "version": 1})
    assert "Someone else changed this year" in stale.content.decode()
    assert ChildPopulation.objects.get(year=2025).children == 20500
