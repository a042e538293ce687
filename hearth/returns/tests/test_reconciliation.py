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
from hearth.testing.care_duty_journeys import check
from hearth.testing.journeys import (
    allocated_case,
    at,
    authorised_assessment,
    far_from_home_approval,
    foster_placement,
    looked_after_child,
    new_child,
)
from hearth.testing.missing_journeys import went_missing
from hearth.testing.oc2_journeys import health_status, sdq
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


@pytest.fixture
def looked_after_a_year(staff):
    """For 2025-26, two children looked after since before 1 April 2025 (the OC2 cohort):
    - Cara, born 1 Mar 2012 (13 on 1 April: owed an SDQ), looked after from 10 Jan 2024: IHA 20 Jan 2024,
      RHA 1 Jun 2025 (next due 1 Jun 2026: up to date on 31 March), dental check 1 Jul 2025,
      immunisations up to date on 1 Sep 2025, SDQ score 18 on 1 May 2025 (a cause for concern). Missing
      5-6 May 2025 and away from placement 1-2 Aug 2025: two episodes started in the year.
    - Dev, born 1 Jun 2019 (5 on 1 April: owed an SDQ, none recorded), looked after from 1 Feb 2024: IHA
      10 Feb 2024 and no review since (overdue), no dental check, no immunisation statement. Missing
      from 20 Mar 2025 to 3 Apr 2025: in the return's Missing file (open on 1 April, rule 576), not
      started in the year.
    The OC2 rows: Cara and Dev (L12's rows: 2); HEALTH_ASSESSMENT, TEETH_CHECK, IMMUNISATIONS 1 for Cara
    only (L12, L13, L14 counted: 1 each); both owed an SDQ (L15's rows: 2), Cara's scored (L15 counted:
    1) and over 17 (L20 counted: 1). Missing: Cara (L18: 1), her two episodes (L18E: 2); the file's
    three rows, Dev's included, are not compared."""
    cara = looked_after_child(staff, new_child(staff, "Cara", "Fenwick", born=D(2012, 3, 1)), D(2024, 1, 10))
    check(staff, cara, "IHA", D(2024, 1, 20))
    check(staff, cara, "RHA", D(2025, 6, 1))
    check(staff, cara, "DENTAL", D(2025, 7, 1))
    health_status(staff, cara, "IMM", D(2025, 9, 1))
    sdq(staff, cara, D(2025, 5, 1), score=18)
    went_missing(staff, cara, at(D(2025, 5, 5), 21), at(D(2025, 5, 6), 9))
    went_missing(staff, cara, at(D(2025, 8, 1), 22), at(D(2025, 8, 2), 8), kind="A")
    dev = looked_after_child(staff, new_child(staff, "Dev", "Fenwick", born=D(2019, 6, 1)), D(2024, 2, 1))
    check(staff, dev, "IHA", D(2024, 2, 10))
    went_missing(staff, dev, at(D(2025, 3, 20), 19), at(D(2025, 4, 3), 12))
    return {"cara": cara.child, "dev": dev.child}


def test_the_oc2_and_missing_figures_agree_with_the_catalogue_as_worked_by_hand(staff, looked_after_a_year):
    reconciled = selectors.reconciliation(2026, user=staff.performance_officer)
    lines = {figure.pair.key: figure.line for figure in reconciled.figures}
    expected = {
        "oc2-cohort": (2, 2, "L12"),
        "oc2-health-assessment": (1, 1, "L12"),
        "oc2-teeth-check": (1, 1, "L13"),
        "oc2-immunisations": (1, 1, "L14"),
        "oc2-sdq-owed": (2, 2, "L15"),
        "oc2-sdq-score": (1, 1, "L15"),
        "oc2-sdq-concern": (1, 1, "L20"),
        "missing-children": (1, 1, "L18"),
        "missing-episodes": (2, 2, "L18E"),
    }
    for key, (in_return, in_catalogue, indicator) in expected.items():
        line = lines[key]
        assert (line.return_count, line.catalogue_count, line.pair.indicator_id) == (in_return, in_catalogue, indicator)
        assert line.agrees, key
    # Given, not compared: the file's every row (Dev's episode open on 1 April), and the OC2 columns the
    # catalogue has no figure for.
    assert (lines["missing-rows"].return_count, lines["missing-rows"].compared) == (3, False)
    assert "on purpose" in PAIRS_BY_KEY["missing-rows"].no_entry
    assert (lines["oc2-health-check"].return_count, lines["oc2-health-check"].compared) == (0, False)
    assert not any(line.differences for line in lines.values())


def test_a_child_missing_from_the_oc2_file_is_listed_against_the_indicator(staff, looked_after_a_year):
    """The OC2 file read as if Cara's dental check were not in it: L13 counts her, the return would
    not; she is listed, and no difference of definition explains it."""
    source = read_returns(2026)
    pair = PAIRS_BY_KEY["oc2-teeth-check"]
    cara = looked_after_a_year["cara"].hearth_id
    in_the_file = pair.from_return(source)
    assert in_the_file[cara] == 1
    without_her = in_the_file.copy()
    without_her[cara] = 0
    (difference,) = compare(pair, source, without_her, in_the_file)
    assert (difference.reference, difference.in_return, difference.in_catalogue) == (cara, 0, 1)
    assert not difference.definitional
