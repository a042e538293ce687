"""The other pages people open all day read a number of rows that does not grow with the council
(issue 22): the MASH board, the IRO's looked-after children, the conference chair's list, an
indicator's drill-down and "Find a child", counted on a small council and again after it grows
(hearth/testing/growing_council.py), as test_page_query_counts.py does for the worklists and the
child's page."""

import pytest
import time_machine
from django.urls import reverse

from hearth.iro.services import iro_appoint
from hearth.testing.growing_council import add_cases
from hearth.testing.journeys import at, new_child, new_contact
from hearth.worklists.tests.test_page_query_counts import NOW, TODAY, counts_before_and_after_growth, queries


def add_cases_awaiting_the_mash_and_an_iro(staff) -> dict:
    """growing_council's cases, with what these pages list besides: a contact awaiting the MASH's
    decision, and the IRO appointed to the new looked-after child."""
    made = add_cases(staff, TODAY)
    new_contact(staff, new_child(staff, "Waiting", "Screening"), at(TODAY, 9))
    period = made["period"]
    iro_appoint(
        actor=staff.service_manager,
        period_id=period.pk,
        iro_id=staff.iro.pk,
        started_on=period.started_on,
        current_id=0,
    )
    return made


@time_machine.travel(NOW, tick=False)
def test_the_front_doors_the_iros_and_the_chairs_pages_do_not_grow_with_the_council(staff, client_for):
    pages = {
        "MASH board": (staff.screener, reverse("frontdoor:contact_list")),
        "IRO's children": (staff.iro, reverse("duties:children_i_review")),
        "chair's conferences": (staff.iro, reverse("protection:chairs_work")),
    }
    add_cases_awaiting_the_mash_and_an_iro(staff)
    before = {name: queries(client_for(user), url) for name, (user, url) in pages.items()}
    add_cases_awaiting_the_mash_and_an_iro(staff)
    add_cases_awaiting_the_mash_and_an_iro(staff)
    after = {name: queries(client_for(user), url) for name, (user, url) in pages.items()}
    assert after == before


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("indicator", ["F01", "V01", "L03", "P06"])
def test_a_drill_down_does_not_grow_with_the_council(staff, client_for, indicator):
    """Every contact of the year (F01), every child in need's visits (V01), every looked-after
    child's reviews (L03), every child on a plan's visits (P06): the children behind the figure are
    listed a page at a time, their rows read in a fixed number of queries."""

    def pages(made):
        return {indicator: (staff.performance_officer, reverse("performance:drilldown", args=[indicator]))}

    before, after = counts_before_and_after_growth(staff, client_for, pages)
    assert after == before


@time_machine.travel(NOW, tick=False)
def test_find_a_child_does_not_grow_with_the_children_found(staff, client_for):
    """Every child the growing council adds is called Grow<n>: "Grow" finds more of them each time."""

    def pages(made):
        search = reverse("people:child_search") + "?q=Grow"
        return {
            "search (head of service)": (staff.service_manager, search),
            "search (social worker)": (staff.social_worker.user, search),
        }

    before, after = counts_before_and_after_growth(staff, client_for, pages)
    assert after == before


pytestmark = pytest.mark.django_db
