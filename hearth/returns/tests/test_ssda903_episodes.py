"""The 903 Episodes file, hand-worked: which episodes are in a year, DEC/REC/REASON_PLACE_CHANGE
blank while an episode is open on 31 March, and the placement's columns (hearth/care/return903.py)."""

import datetime

import pytest

from hearth.care import services
from hearth.care.services import care_end
from hearth.people.characteristics_services import uasc_record
from hearth.returns.ssda903.common import collection_bounds
from hearth.returns.ssda903.episodes import COLUMNS, episode_rows
from hearth.testing.care_duty_journeys import move
from hearth.testing.journeys import foster_placement, looked_after_child, new_child

pytestmark = pytest.mark.django_db
D = datetime.date


def _status(staff, period, day, code):
    period.refresh_from_db()
    services.legal_status_change(
        actor=staff.social_worker.user, period_id=period.pk, version=period.version, changed_on=day, legal_status=code
    )


def _end(staff, period, day, reason):
    period.refresh_from_db()
    care_end(actor=staff.social_worker.user, period_id=period.pk, version=period.version, ended_on=day, reason=reason)


def test_the_years_episodes_hand_worked(staff):
    """Ezra: C1 with the Fernhills from 4 Nov 2024; full care order 10 Jan 2025 (L); moved to Ms
    Okafor 2 Jun 2025 (P, the carers asked); went home as planned 1 Sep 2025 (E4A).
    2025-26 holds the L episode (open on 1 April) and the P episode; 2024-25 holds S and L, the L
    still open on 31 March 2025, so no DEC, REC or reason there."""
    ezra = new_child(staff, "Ezra", "Lindqvist", born=D(2015, 6, 1))
    period = looked_after_child(
        staff, ezra, D(2024, 11, 4), legal_status="C1", placement=foster_placement(urn="SC111111")
    )
    _status(staff, period, D(2025, 1, 10), "C2")
    move(staff, period, D(2025, 6, 2), "CREQO", carer="Ms Okafor", postcode="KV4 1AA", urn="SC222222")
    _end(staff, period, D(2025, 9, 1), "E4A")
    child = ezra.hearth_id
    placement = {"PLACE": "U6", "PLACE_PROVIDER": "PR1", "HOME_POST": "KV3 9ZZ", "CIN": "N1"}
    assert episode_rows(*collection_bounds(2026)) == [
        {
            "CHILD": child,
            "DECOM": "10/01/2025",
            "RNE": "L",
            "LS": "C2",
            "DEC": "02/06/2025",
            "REC": "X1",
            "REASON_PLACE_CHANGE": "CREQO",
            "PL_POST": "KV1 2AB",
            "URN": "SC111111",
        }
        | placement,
        {
            "CHILD": child,
            "DECOM": "02/06/2025",
            "RNE": "P",
            "LS": "C2",
            "DEC": "01/09/2025",
            "REC": "E4A",
            "REASON_PLACE_CHANGE": "",
            "PL_POST": "KV4 1AA",
            "URN": "SC222222",
        }
        | placement,
    ]
    last_year = episode_rows(*collection_bounds(2025))
    assert [(r["DECOM"], r["RNE"], r["LS"], r["DEC"], r["REC"], r["REASON_PLACE_CHANGE"]) for r in last_year] == [
        ("04/11/2024", "S", "C1", "10/01/2025", "X1", ""),
        ("10/01/2025", "L", "C2", "", "", ""),
    ]
    assert list(last_year[0]) == COLUMNS
    # Nothing the year before Ezra came into care, nor after they left.
    assert episode_rows(*collection_bounds(2024)) == []
    assert episode_rows(*collection_bounds(2027)) == []


def test_an_episode_ending_on_1_april_is_in_the_year_it_ends(staff):
    child = new_child(staff, "Mo", "Achebe", born=D(2012, 2, 2))
    period = looked_after_child(staff, child, D(2025, 1, 6))
    _end(staff, period, D(2025, 4, 1), "E13")
    rows = episode_rows(*collection_bounds(2026))
    assert [(r["DECOM"], r["DEC"], r["REC"]) for r in rows] == [("06/01/2025", "01/04/2025", "E13")]


def test_an_unaccompanied_asylum_seeking_child_has_no_home_postcode(staff):
    """Their home is abroad: no distance (rule 406), this year and in the two years after."""
    child = new_child(staff, "Aman", "Tesfaye", born=D(2009, 5, 5))
    looked_after_child(staff, child, D(2025, 5, 1), legal_status="V2", placement=foster_placement(urn="SC111111"))
    uasc_record(actor=staff.social_worker.user, child_id=child.pk, uasc_from=D(2025, 5, 1))
    (row,) = episode_rows(*collection_bounds(2026))
    assert row["HOME_POST"] == "" and row["PL_POST"] == "KV1 2AB"
