"""A care leaver's status (DOMAIN 2.6), derived from facts: the young person's date of birth and
their periods of care. Never typed in: a status someone chose would drift from the record.

Children Act 1989 Sch 2 para 19B, s23A and s24; Care Planning, Placement and Case Review
Regulations 2010 reg 40:

* **Eligible**: aged 16 or 17, looked after, and looked after for 13 weeks in total (one period or
  several) that began after their 14th birthday and ended after their 16th.
* **Relevant**: aged 16 or 17, no longer looked after, and met that test when they left care.
* **Former relevant**: aged 18 to 20 (to their 21st birthday) and was eligible or relevant: met the
  test at some time before their 18th birthday; and from 21 to their 25th birthday when they have asked
  for a personal adviser's support (s23CZB, inserted by the Children and Social Work Act 2017 s3: "the
  duty to 25"), from the day they asked, until they say they no longer want it (they may ask again).
* **Qualifying**: aged 16 to 20, ceased to be looked after on or after their 16th birthday (or left
  care for a special guardianship order) without meeting the test.

Short-break care (legal status V3/V4 only) does not count towards the 13 weeks (reg 40(2)). The
exceptions for a young person detained or in hospital at 16 (reg 40(1)(b)) are not recorded in
Hearth yet: such a young person shows as qualifying, and the worker can see why.

Days are counted as the 903 counts a period's length: from the day care began to the day it ended
(the ending day not counted), so a period from 1 March to 31 May is 91 days, 13 weeks.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from hearth.calendar.workingdays import add_months

THIRTEEN_WEEKS = 13 * 7  # days, Sch 2 para 19B(2)(b)
# A special guardianship order made after care ends: the young person is "qualifying" (s24(1A)(b)).
SPECIAL_GUARDIANSHIP_END_REASONS = frozenset({"E45", "E46", "E47", "E48"})
# Adopted young people are no longer the council's care leavers.
ADOPTION_END_REASONS = frozenset({"E11", "E12"})


class LeaverStatus(StrEnum):
    ELIGIBLE = "eligible"
    RELEVANT = "relevant"
    FORMER_RELEVANT = "former relevant"
    QUALIFYING = "qualifying"
    NONE = ""


# The statuses that bring a personal adviser, a pathway plan and its reviews (CLR regs 5-8).
OWED_A_PATHWAY_PLAN = frozenset({LeaverStatus.ELIGIBLE, LeaverStatus.RELEVANT, LeaverStatus.FORMER_RELEVANT})


@dataclass(frozen=True)
class CareSpell:
    """A period of care as the status needs it. `ended_on` None: still looked after."""

    started_on: datetime.date
    ended_on: datetime.date | None
    short_breaks_only: bool = False
    end_reason: str = ""


@dataclass(frozen=True)
class LeaverStatusResult:
    status: LeaverStatus
    reason: str
    qualifying_days: int  # days looked after from 14 (counted to 18, or to the date asked)
    became_eligible_on: datetime.date | None  # the day the 13-week test was first met, after 16
    left_care_on: datetime.date | None
    # The day support to 25 began again after a time past 21 with none (asked after the 21st birthday,
    # first or again): the first plan and contact of the renewed support run from it (T26A, T29).
    support_resumed_on: datetime.date | None = None

    @property
    def owed_pathway_plan(self) -> bool:
        return self.status in OWED_A_PATHWAY_PLAN


def birthday(born: datetime.date, years: int) -> datetime.date:
    """The day a child born on `born` turns `years` (29 February birthdays fall on 28 February)."""
    return add_months(born, 12 * years)


def of_an_age_for_a_status(born: datetime.date | None, on: datetime.date) -> bool:
    """16 to 24 on `on`: outside those ages leaver_status is always NONE, so a page can say "no
    status" without reading the young person's periods of care (from 21 only for those who asked
    for support to 25)."""
    return born is not None and birthday(born, 16) <= on < birthday(born, 25)


def _clipped(spells: Iterable[CareSpell], born: datetime.date, on: datetime.date) -> list[tuple]:
    """Each counting spell cut to the window from the 14th birthday to the earlier of the 18th
    birthday and `on`, as (start, end) with end exclusive; spells outside it dropped."""
    window_start, window_end = birthday(born, 14), min(birthday(born, 18), on)
    cut = []
    for spell in sorted(spells, key=lambda s: s.started_on):
        if spell.short_breaks_only:
            continue
        start = max(spell.started_on, window_start)
        end = min(spell.ended_on or window_end, window_end)
        if start <= end and spell.started_on <= on:
            cut.append((start, end))
    return cut


def became_eligible_on(spells: Iterable[CareSpell], born: datetime.date, on: datetime.date) -> datetime.date | None:
    """The first day, on or before `on` and before 18, on which the young person was looked after,
    16 or over, and had been looked after 13 weeks in total since 14."""
    sixteen = birthday(born, 16)
    counted = 0
    for start, end in _clipped(spells, born, on):
        candidate = max(sixteen, start + datetime.timedelta(days=max(THIRTEEN_WEEKS - counted, 0)))
        if candidate <= end:
            return candidate
        counted += (end - start).days
    return None


def _days_looked_after(spells: Iterable[CareSpell], born: datetime.date, on: datetime.date) -> int:
    return sum((end - start).days for start, end in _clipped(spells, born, on))


def leaver_status(
    born: datetime.date | None,
    spells: Iterable[CareSpell],
    on: datetime.date,
    support_to_25_from: datetime.date | None = None,
    support_to_25_ended_on: datetime.date | None = None,
) -> LeaverStatusResult:
    """The young person's status on `on`, with the reason in words for the worker.
    `support_to_25_from`: the day they asked for a personal adviser's support after 21 (s23CZB), if
    they did and have not since said they no longer want it; from then to the 25th birthday a young
    person who was eligible or relevant is still former relevant. `support_to_25_ended_on`: the day
    they said they no longer wanted it, when that is the latest word by `on` (only for the reason)."""
    spells = [spell for spell in spells if spell.started_on <= on]
    if born is None:
        return LeaverStatusResult(LeaverStatus.NONE, "Their date of birth is not recorded", 0, None, None)
    days = _days_looked_after(spells, born, on)
    eligible_from = became_eligible_on(spells, born, on)
    looked_after = any(s.ended_on is None or s.ended_on > on for s in spells)
    ended = [s for s in spells if s.ended_on is not None and s.ended_on <= on]
    last_end = max(ended, key=lambda s: s.ended_on) if ended and not looked_after else None
    left_on = last_end.ended_on if last_end else None

    def result(status: LeaverStatus, reason: str) -> LeaverStatusResult:
        return LeaverStatusResult(status, reason, days, eligible_from, left_on)

    if on < birthday(born, 16):
        return result(LeaverStatus.NONE, "Under 16")
    if on >= birthday(born, 25):
        return result(LeaverStatus.NONE, "25 or over")
    if last_end is not None and last_end.end_reason in ADOPTION_END_REASONS:
        return result(LeaverStatus.NONE, "Adopted")
    weeks = f"{days // 7} weeks looked after since their 14th birthday"
    if on >= birthday(born, 21):
        was_former_relevant = eligible_from is not None and (
            last_end is None or last_end.end_reason not in SPECIAL_GUARDIANSHIP_END_REASONS
        )
        if not was_former_relevant:
            return result(LeaverStatus.NONE, "21 or over, and was not eligible or relevant")
        if support_to_25_from is None or support_to_25_from > on:
            if support_to_25_ended_on is not None and support_to_25_ended_on <= on:
                return result(
                    LeaverStatus.NONE,
                    f"21 or over: said on {support_to_25_ended_on:%-d %B %Y} that they no longer want support to 25 "
                    "(they can ask again before their 25th birthday)",
                )
            return result(
                LeaverStatus.NONE, "21 or over: support to 25 continues only when the young person asks for it"
            )
        resumed = support_to_25_from if support_to_25_from > birthday(born, 21) else None
        return LeaverStatusResult(
            LeaverStatus.FORMER_RELEVANT,
            f"21 to 24, asked on {support_to_25_from:%-d %B %Y} for support to 25 ({weeks})",
            days,
            eligible_from,
            left_on,
            support_resumed_on=resumed,
        )
    under_18 = on < birthday(born, 18)
    if under_18 and looked_after:
        if eligible_from is not None:
            return result(LeaverStatus.ELIGIBLE, f"Looked after, 16 or 17, {weeks}")
        return result(LeaverStatus.NONE, f"Looked after, but {weeks} so far (eligible at 13 weeks)")
    if eligible_from is not None and (last_end is None or last_end.end_reason not in SPECIAL_GUARDIANSHIP_END_REASONS):
        if under_18:
            return result(LeaverStatus.RELEVANT, f"Left care at 16 or 17 after {weeks}")
        return result(LeaverStatus.FORMER_RELEVANT, f"18 to 20, was eligible or relevant ({weeks})")
    if left_on is not None and left_on >= birthday(born, 16):
        why = "for a special guardianship order" if last_end.end_reason in SPECIAL_GUARDIANSHIP_END_REASONS else ""
        return result(LeaverStatus.QUALIFYING, f"Left care after 16 {why}".strip() + f" ({weeks})")
    return result(LeaverStatus.NONE, "Not looked after at 16 or over")
