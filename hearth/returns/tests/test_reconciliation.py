"""The Reconciliation page: who may see it, the Returns page's link to it, and a difference between a
return and the catalogue listed with its child and its reason, worked by hand.

The collection year 2025-26 (31 March 2026). Home for both children: SW1A 2AA, grid reference
(530047, 179951); the postcodes are public buildings' (hearth/care/tests/test_placement_distance.py
works the distances):
- Ann, placed at SW1A 1AA on 2 June 2025: 0.6 miles from home. Known in both, not over 20 miles.
- Bea, an unaccompanied asylum-seeking child since 1 May 2025, placed at SL4 1NJ on 2 June 2025: 20.7
  miles from the home postcode on the record. The return leaves her HOME_POST out (rule 406), so the
  DfE counts her distance as not known; L08 measures it from the record and counts her over 20 miles.
  L08's rows: Ann and Bea (2), counted: Bea (1); the return's: Ann (1), none over 20 miles (0).
Both are looked after on 31 March 2026: L01 and the return agree at 2. Each was referred 3 days
before care began (the census's referrals in the year: 2, as in R03)."""

import datetime

import pytest
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.people.characteristics_services import uasc_record
from hearth.people.services import child_restrict
from hearth.returns import selectors
from hearth.returns.reconciliation import NO_DEFINITIONAL_DIFFERENCE, UASC_HOME_POSTCODE_LEFT_OUT
from hearth.testing.journeys import foster_placement, looked_after_child, new_child

D = datetime.date
pytestmark = pytest.mark.django_db
PAGE = reverse("returns:reconciliation")
HOME = "SW1A 2AA"


@pytest.fixture
def council(staff):
    def placed(first_name, postcode):
        child = new_child(staff, first_name, "Larchmont", born=D(2010, 6, 1))
        looked_after_child(staff, child, D(2025, 6, 2), "C2", foster_placement(postcode=postcode, home_postcode=HOME))
        return child

    ann = placed("Ann", "SW1A 1AA")
    bea = new_child(staff, "Bea", "Larchmont", born=D(2010, 6, 1))
    uasc_record(actor=staff.social_worker.user, child_id=bea.pk, uasc_from=D(2025, 5, 1))
    looked_after_child(staff, bea, D(2025, 6, 2), "C2", foster_placement(postcode="SL4 1NJ", home_postcode=HOME))
    return {"ann": ann, "bea": bea}


def test_a_uasc_childs_distance_is_a_difference_of_definition_listed_with_her(staff, council):
    reconciled = selectors.reconciliation(2026, user=staff.performance_officer)
    figures = {figure.pair.key: figure for figure in reconciled.figures}
    bea = council["bea"]

    known = figures["lac-distance-known"]
    assert (known.line.return_count, known.line.catalogue_count) == (1, 2)
    (child,) = known.children
    assert (child.reference, child.name, child.in_return, child.in_catalogue) == (bea.hearth_id, str(bea), 0, 1)
    assert (child.reason, child.definitional) == (UASC_HOME_POSTCODE_LEFT_OUT, True)

    over_20 = figures["lac-over-20-miles"]
    assert (over_20.line.return_count, over_20.line.catalogue_count) == (0, 1)
    assert [(c.reference, c.reason) for c in over_20.children] == [(bea.hearth_id, UASC_HOME_POSTCODE_LEFT_OUT)]

    # Everything else with a catalogue entry agrees: both looked after on 31 March, both referred.
    assert (figures["lac-31-march"].line.return_count, figures["lac-31-march"].line.catalogue_count) == (2, 2)
    assert (figures["referrals"].line.return_count, figures["referrals"].line.catalogue_count) == (2, 2)
    differing = {key for key, figure in figures.items() if figure.line.compared and not figure.line.agrees}
    assert differing == {"lac-distance-known", "lac-over-20-miles"}
    assert (reconciled.agreeing, reconciled.compared) == (reconciled.compared - 2, reconciled.compared)
    # A figure of the return with no catalogue entry is said, never given an invented one.
    started = figures["lac-started"]
    assert (started.line.return_count, started.line.catalogue_count, started.line.compared) == (2, None, False)
    assert "no figure of children who started to be looked after" in started.pair.no_entry


def test_the_page_shows_each_figure_and_the_child_behind_the_difference(staff, council, client_for):
    page = client_for(staff.performance_officer).get(PAGE, {"year": 2026}).content.decode()
    assert "2025-26: the figures for 31 March 2026" in page
    assert "Looked after on 31 March" in page and "L01 Looked-after children per 10,000" in page
    assert "Care leavers in touch" in page and "Referrals in the year" in page
    assert "Assessments completed in the year" in page and "Section 47 enquiries started in the year" in page
    assert "No catalogue entry" in page
    bea = council["bea"]
    assert f'href="{reverse("people:child_detail", args=[bea.pk])}">Bea Larchmont</a>' in page
    assert "rule 406" in page and "Definition" in page
    assert "Ann Larchmont" not in page  # she agrees in every figure


def test_a_restricted_child_is_listed_by_hearth_id_only(staff, council, client_for):
    bea = council["bea"]
    child_restrict(
        actor=staff.service_manager, child_id=bea.pk, reason="A child of staff", allowed_user_ids=[staff.director.pk]
    )
    page = client_for(staff.performance_officer).get(PAGE, {"year": 2026}).content.decode()
    assert bea.hearth_id in page and "a restricted record" in page
    assert "Bea Larchmont" not in page


def test_the_returns_page_links_to_the_reconciliation_of_the_year(staff, client_for):
    page = client_for(staff.performance_officer).get(reverse("returns:ssda903"), {"year": 2025}).content.decode()
    assert f'href="{PAGE}?year=2025"' in page
    census = client_for(staff.performance_officer).get(reverse("returns:cin_census"), {"year": 2025}).content
    assert f'href="{PAGE}?year=2025"' in census.decode()


def test_only_complete_years_are_reconciled(staff, client_for):
    response = client_for(staff.performance_officer).get(PAGE, {"year": 1999})
    assert response.status_code == 200
    assert "Choose a complete collection year" in response.content.decode()


@pytest.mark.parametrize("who", ["social_worker", "councillor", "team_manager", "director", "service_manager"])
def test_only_performance_officers_see_the_reconciliation(staff, client_for, who):
    user = getattr(staff, who)
    user = getattr(user, "user", user)
    assert client_for(user).get(PAGE).status_code == 403
    assert AuditEvent.objects.filter(action="access.refused", actor=user).exists()


def test_a_difference_no_definition_explains_is_said_to_be_a_defect(staff, council):
    """A child whose counts differ where no known difference of definition applies (here: the census
    read as if Ann's referral were not in it) is listed as a defect, with that reason."""
    from hearth.returns.reconciliation import PAIRS_BY_KEY, compare, read_returns

    source = read_returns(2026)
    pair = PAIRS_BY_KEY["referrals"]
    ann = council["ann"].hearth_id
    from_return = pair.from_return(source)
    assert from_return[ann] == 1
    from_return[ann] = 0
    (difference,) = compare(pair, source, from_return, pair.from_return(source))
    assert (difference.reference, difference.in_return, difference.in_catalogue) == (ann, 0, 1)
    assert (difference.reason, difference.definitional) == (NO_DEFINITIONAL_DIFFERENCE, False)
