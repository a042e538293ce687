"""The care leaver status, worked by hand for each status (DOMAIN 2.6). Every young person here is
born on 10 March 2008: 14 on 10 March 2022, 16 on 10 March 2024, 18 on 10 March 2026, 21 on 10 March 2029."""

import datetime

from hearth.leavers.status import CareSpell, LeaverStatus, became_eligible_on, birthday, leaver_status

D = datetime.date
BORN = D(2008, 3, 10)


def test_eligible_looked_after_at_16_with_13_weeks_since_14():
    # In care from 1 December 2023 (aged 15): 13 weeks (91 days) later is 1 March 2024, before their
    # 16th birthday, so the test is met on the birthday itself, 10 March 2024.
    spells = [CareSpell(D(2023, 12, 1), None)]
    result = leaver_status(BORN, spells, D(2024, 6, 1))
    assert result.status == LeaverStatus.ELIGIBLE
    assert result.became_eligible_on == D(2024, 3, 10)
    assert result.qualifying_days == (D(2024, 6, 1) - D(2023, 12, 1)).days == 183


def test_eligible_only_once_13_weeks_are_reached_after_16():
    # In care from 1 April 2024 (16): 91 days later is 1 July 2024. On 30 June: 90 days, not yet.
    spells = [CareSpell(D(2024, 4, 1), None)]
    assert leaver_status(BORN, spells, D(2024, 6, 30)).status == LeaverStatus.NONE
    result = leaver_status(BORN, spells, D(2024, 7, 1))
    assert result.status == LeaverStatus.ELIGIBLE and result.became_eligible_on == D(2024, 7, 1)


def test_periods_add_up_to_13_weeks_and_time_before_14_does_not_count():
    # 1 Jan 2022 - 1 Jun 2022: only 10 March to 1 June counts (83 days). Back in care 1 May 2024:
    # 8 more days are needed, so eligible on 9 May 2024.
    spells = [CareSpell(D(2022, 1, 1), D(2022, 6, 1), end_reason="E4A"), CareSpell(D(2024, 5, 1), None)]
    assert became_eligible_on(spells, BORN, D(2024, 12, 1)) == D(2024, 5, 9)
    assert leaver_status(BORN, spells, D(2024, 5, 8)).status == LeaverStatus.NONE
    assert leaver_status(BORN, spells, D(2024, 5, 9)).status == LeaverStatus.ELIGIBLE


def test_short_breaks_do_not_count():
    spells = [CareSpell(D(2023, 1, 1), None, short_breaks_only=True)]
    assert leaver_status(BORN, spells, D(2024, 6, 1)).status == LeaverStatus.NONE


def test_relevant_left_care_at_17_after_being_eligible():
    spells = [CareSpell(D(2023, 9, 1), D(2025, 5, 1), end_reason="E5")]
    result = leaver_status(BORN, spells, D(2025, 8, 1))
    assert result.status == LeaverStatus.RELEVANT
    assert result.left_care_on == D(2025, 5, 1)


def test_former_relevant_from_18_to_the_21st_birthday():
    spells = [CareSpell(D(2023, 9, 1), D(2026, 3, 10), end_reason="E17")]
    assert leaver_status(BORN, spells, D(2026, 3, 9)).status == LeaverStatus.ELIGIBLE  # still in care
    assert leaver_status(BORN, spells, D(2026, 3, 10)).status == LeaverStatus.FORMER_RELEVANT
    assert leaver_status(BORN, spells, D(2029, 3, 9)).status == LeaverStatus.FORMER_RELEVANT
    assert leaver_status(BORN, spells, D(2029, 3, 10)).status == LeaverStatus.NONE


def test_qualifying_left_after_16_without_13_weeks():
    # Looked after 1 May to 1 June 2024 (31 days, aged 16), nothing before.
    spells = [CareSpell(D(2024, 5, 1), D(2024, 6, 1), end_reason="E13")]
    result = leaver_status(BORN, spells, D(2024, 9, 1))
    assert result.status == LeaverStatus.QUALIFYING
    assert result.qualifying_days == 31


def test_qualifying_after_a_special_guardianship_order_even_with_13_weeks():
    spells = [CareSpell(D(2023, 1, 1), D(2024, 9, 1), end_reason="E47")]
    result = leaver_status(BORN, spells, D(2024, 10, 1))
    assert result.status == LeaverStatus.QUALIFYING
    assert "special guardianship" in result.reason


def test_no_status_under_16_left_care_before_16_or_adopted():
    spells = [CareSpell(D(2022, 4, 1), D(2023, 4, 1), end_reason="E4A")]
    assert leaver_status(BORN, spells, D(2023, 6, 1)).status == LeaverStatus.NONE  # 15
    assert leaver_status(BORN, spells, D(2024, 6, 1)).status == LeaverStatus.NONE  # left at 15
    adopted = [CareSpell(D(2023, 1, 1), D(2024, 6, 1), end_reason="E11")]
    assert leaver_status(BORN, adopted, D(2024, 7, 1)).status == LeaverStatus.NONE
    assert leaver_status(None, spells, D(2024, 6, 1)).status == LeaverStatus.NONE


def test_a_29_february_birthday_falls_on_28_february():
    assert birthday(D(2008, 2, 29), 16) == D(2024, 2, 29)
    assert birthday(D(2008, 2, 29), 17) == D(2025, 2, 28)
