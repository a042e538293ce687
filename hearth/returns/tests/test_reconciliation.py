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
from hearth.frontdoor.services import case_close
from hearth.people.characteristics_services import uasc_record
from hearth.people.services import child_restrict
from hearth.returns import selectors
from hearth.returns.reconciliation import (
    NO_DEFINITIONAL_DIFFERENCE,
    PAIRS_BY_KEY,
    UASC_HOME_POSTCODE_LEFT_OUT,
    compare,
    read_returns,
)
from hearth.testing.journeys import (
    allocated_case,
    at,
    authorised_assessment,
    far_from_home_approval,
    foster_placement,
    looked_after_child,
    new_child,
)
from hearth.testing.protection_journeys import child_on_plan

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
    looked_after_child(
        staff,
        bea,
        D(2025, 6, 2),
        "C2",
        foster_placement(postcode="SL4 1NJ", home_postcode=HOME, **far_from_home_approval(staff, D(2025, 6, 2))),
    )
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
    source = read_returns(2026)
    pair = PAIRS_BY_KEY["referrals"]
    ann = council["ann"].hearth_id
    from_return = pair.from_return(source)
    assert from_return[ann] == 1
    from_return[ann] = 0
    (difference,) = compare(pair, source, from_return, pair.from_return(source))
    assert (difference.reference, difference.in_return, difference.in_catalogue) == (ann, 0, 1)
    assert (difference.reason, difference.definitional) == (NO_DEFINITIONAL_DIFFERENCE, False)


@pytest.fixture
def children_in_need(staff):
    """The census's figures for 2025-26, worked by hand (each child's case referred on the day given):
    - Cal: assessed from 2 June 2025, authorised 16 June (10 working days): in 45 working days.
    - Dee: assessed from 1 September 2025, authorised 2 January 2026 (86 working days): late.
    - Eve: strategy discussion (section 47) 2 October 2025, ICPC 9 October (5 working days, in the 15),
      a plan for emotional abuse, open on 31 March.
    - Fay: strategy discussion 1 December 2025, ICPC 2 February 2026 (past 15 working days), a plan
      for neglect, open on 31 March.
    - Gus: referred 1 May 2025, closed 1 July with nothing done (ReferralNFA), referred again 1
      September: a re-referral within 12 months.
    - Hal: referred 3 February 2025 and closed 3 March 2025 (last year's census only), referred again
      2 June 2025: a re-referral within 12 months of a referral only last year's census holds.
    Referrals in the year 7 (R03), re-referrals 2; assessments completed 2 (A01), in 45 working days
    1; section 47 enquiries 2 (S01); initial conferences 2 (S02), in 15 working days 1; on a plan on
    31 March 2 (P01): neglect 1, emotional abuse 1; plans started 2 (P04), second plans 0; children in
    need on 31 March 6 (every child's latest case is open); ReferralNFA 1."""
    manager = staff.team_manager.user
    authorised_assessment(staff, new_child(staff, "Cal", "Ashdown"), D(2025, 6, 2), D(2025, 6, 16))
    authorised_assessment(staff, new_child(staff, "Dee", "Ashdown"), D(2025, 9, 1), D(2026, 1, 2))
    child_on_plan(staff, new_child(staff, "Eve", "Ashdown"), D(2025, 10, 2), D(2025, 10, 9), category="EMO")
    child_on_plan(staff, new_child(staff, "Fay", "Ashdown"), D(2025, 12, 1), D(2026, 2, 2), category="NEG")
    gus = new_child(staff, "Gus", "Ashdown")
    first = allocated_case(staff, gus, at(D(2025, 5, 1), 10))
    case_close(actor=manager, referral_id=first.pk, closed_on=D(2025, 7, 1), reason="RC7")
    allocated_case(staff, gus, at(D(2025, 9, 1), 10))
    hal = new_child(staff, "Hal", "Ashdown")
    first = allocated_case(staff, hal, at(D(2025, 2, 3), 10))
    case_close(actor=manager, referral_id=first.pk, closed_on=D(2025, 3, 3), reason="RC7")
    allocated_case(staff, hal, at(D(2025, 6, 2), 10))


def test_the_census_figures_agree_with_the_catalogue_as_worked_by_hand(staff, children_in_need):
    reconciled = selectors.reconciliation(2026, user=staff.performance_officer)
    census = {figure.pair.key: figure.line for figure in reconciled.figures if figure.pair.return_name == "CIN"}
    worked = {
        "referrals": 7,
        "re-referrals": 2,
        "assessments": 2,
        "assessments-45": 1,
        "section-47s": 2,
        "icpcs": 2,
        "icpcs-in-15": 1,
        "cp-31-march": 2,
        "cp-category-neg": 1,
        "cp-category-phy": 0,
        "cp-category-sab": 0,
        "cp-category-emo": 1,
        "cp-category-mul": 0,
        "cp-started": 2,
        "cp-second": 0,
        "cp-ended": 0,
        "cp-ended-two-years": 0,
        "cin-31-march": 6,
    }
    assert {key: (line.return_count, line.catalogue_count) for key, line in census.items() if line.compared} == {
        key: (count, count) for key, count in worked.items()
    }
    assert all(line.agrees for line in census.values() if line.compared)
    # The census's own figures with no catalogue entry: given, not compared.
    assert (census["referrals-nfa"].return_count, census["referrals-nfa"].catalogue_count) == (1, None)
    assert "R02 counts the referrals whose assessment concluded no further action" in (
        PAIRS_BY_KEY["referrals-nfa"].no_entry
    )
