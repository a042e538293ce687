"""SSDA903 episodes derived from legal status and placement changes (DOMAIN 2.3, the episode rule),
hand-worked: each reason for a new episode (S, L, P, T, B, U), X1 between episodes, the period's
end reason on the last, and the reason for a placement change on the episode a move ends."""

import datetime

import pytest

from hearth.care import selectors, services
from hearth.testing.journeys import foster_placement, looked_after_child, new_child

pytestmark = pytest.mark.django_db

D = datetime.date
START = D(2025, 1, 6)


@pytest.fixture
def period(staff):
    return looked_after_child(staff, new_child(staff, "Ezra", "Lindqvist"), START, legal_status="C1")


def _status(staff, period, day, code):
    period.refresh_from_db()
    services.legal_status_change(
        actor=staff.social_worker.user, period_id=period.pk, version=period.version, changed_on=day, legal_status=code
    )


def _move(staff, period, day, reason, **placement):
    period.refresh_from_db()
    services.placement_change(
        actor=staff.social_worker.user,
        period_id=period.pk,
        version=period.version,
        changed_on=day,
        reason=reason,
        placement=foster_placement(**placement),
    )


def _rows(period):
    return [
        (e.started_on, e.ended_on, e.rne, e.legal_status.legal_status, e.placement.carer, e.rec, e.reason_place_change)
        for e in selectors.episodes(selectors.period_of_care(period.pk))
    ]


def test_the_first_episode_is_s_and_stays_open(period):
    assert _rows(period) == [(START, None, "S", "C1", "Mr and Mrs Fernhill", "", "")]


def test_a_legal_status_change_alone_is_l_with_no_placement_reason(staff, period):
    _status(staff, period, D(2025, 3, 3), "C2")
    assert _rows(period) == [
        (START, D(2025, 3, 3), "S", "C1", "Mr and Mrs Fernhill", "X1", ""),
        (D(2025, 3, 3), None, "L", "C2", "Mr and Mrs Fernhill", "", ""),
    ]


def test_a_move_to_another_carer_is_p(staff, period):
    _move(staff, period, D(2025, 2, 10), "CREQB", carer="Ms Okafor", postcode="KV4 1AA")
    assert _rows(period) == [
        (START, D(2025, 2, 10), "S", "C1", "Mr and Mrs Fernhill", "X1", "CREQB"),
        (D(2025, 2, 10), None, "P", "C1", "Ms Okafor", "", ""),
    ]


def test_a_placement_change_with_the_same_carer_is_t(staff, period):
    # The same carers (the same entry in the register of providers) become long-term carers: U6 -> U4.
    _move(staff, period, D(2025, 2, 10), "PLACE", carer="Mr and Mrs Fernhill", placement_type="U4")
    assert [row[2] for row in _rows(period)] == ["S", "T"]
    assert _rows(period)[0][6] == "PLACE"


def test_legal_status_and_placement_changing_together_with_a_new_carer_is_b(staff, period):
    day = D(2025, 4, 7)
    _status(staff, period, day, "E1")
    _move(staff, period, day, "CARPL", carer="Mr and Mrs Ashdown", placement_type="A6", postcode="KV5 2BB")
    assert _rows(period) == [
        (START, day, "S", "C1", "Mr and Mrs Fernhill", "X1", "CARPL"),
        (day, None, "B", "E1", "Mr and Mrs Ashdown", "", ""),
    ]


def test_legal_status_and_placement_changing_together_with_the_same_carer_is_u(staff, period):
    day = D(2025, 4, 7)
    _status(staff, period, day, "E1")
    _move(staff, period, day, "CARPL", placement_type="A5")
    assert [row[2] for row in _rows(period)] == ["S", "U"]


def test_a_whole_period_hand_worked(staff, period):
    """C1 with the Fernhills from 6 Jan; full care order 3 Mar (L); moved to Ms Okafor 14 Apr (P,
    the Fernhills asked for it to end); Ms Okafor becomes a long-term placement 2 Jun (T); returned
    home as planned 1 Sep (E4A on the last episode)."""
    _status(staff, period, D(2025, 3, 3), "C2")
    _move(staff, period, D(2025, 4, 14), "CREQO", carer="Ms Okafor", postcode="KV4 1AA")
    _move(staff, period, D(2025, 6, 2), "PLACE", carer="Ms Okafor", postcode="KV4 1AA", placement_type="U4")
    period.refresh_from_db()
    services.care_end(
        actor=staff.social_worker.user,
        period_id=period.pk,
        version=period.version,
        ended_on=D(2025, 9, 1),
        reason="E4A",
    )
    assert _rows(period) == [
        (START, D(2025, 3, 3), "S", "C1", "Mr and Mrs Fernhill", "X1", ""),
        (D(2025, 3, 3), D(2025, 4, 14), "L", "C2", "Mr and Mrs Fernhill", "X1", "CREQO"),
        (D(2025, 4, 14), D(2025, 6, 2), "P", "C2", "Ms Okafor", "X1", "PLACE"),
        (D(2025, 6, 2), D(2025, 9, 1), "T", "C2", "Ms Okafor", "E4A", ""),
    ]
