"""C01-C05 worked by hand. The report date is 30 November 2025 (statutory year from 1 April 2025)."""

import datetime

from hearth.performance.catalogue import CATALOGUE_BY_ID
from hearth.performance.selectors import result_by_id
from hearth.testing.care_leaver_journeys import care_leaver, contact, pathway_review

D = datetime.date
AS_OF = D(2025, 11, 30)


def _counted(indicator_id: str) -> tuple[int, int, set[str]]:
    result = result_by_id(indicator_id, AS_OF)
    return result.numerator, result.denominator, {row.child_name for row in result.rows if row.counted}


def test_c01_pathway_plans_up_to_date_on_the_date(staff):
    # Ada: former relevant (18 on 1 May 2025), plan reviewed 1 July 2025: due 1 Jan 2026, up to date.
    ada = care_leaver(staff, "Ada", "Willow", D(2007, 5, 1), D(2022, 1, 10), D(2025, 5, 1))
    pathway_review(staff, ada, D(2025, 7, 1))
    # Ben: relevant (17, left care 1 Sep 2025 after 2 years), reviewed 1 May 2025: due 1 Nov 2025, overdue.
    ben = care_leaver(staff, "Ben", "Willow", D(2008, 2, 1), D(2023, 9, 1), D(2025, 9, 1), reason="E5")
    pathway_review(staff, ben, D(2025, 5, 1))
    # Cal: eligible (16, looked after since 1 Jan 2025), no plan yet: not up to date.
    care_leaver(staff, "Cal", "Willow", D(2009, 3, 3), D(2025, 1, 1), None)
    # Dot: qualifying (a month in care at 16): not in the denominator.
    care_leaver(staff, "Dot", "Willow", D(2009, 1, 1), D(2025, 6, 1), D(2025, 7, 1), reason="E13")
    # Eve: 21 on 20 Nov 2025: no longer a care leaver on 30 Nov.
    eve = care_leaver(staff, "Eve", "Willow", D(2004, 11, 20), D(2020, 1, 1), D(2022, 11, 20))
    assert _counted("C01") == (1, 3, {"Ada Willow"})
    assert eve  # (built for the exclusion above)
    assert CATALOGUE_BY_ID["C01"].corporate_parenting_section == "Care leavers"


def _oc3_cohort(staff):
    """Five young people; birthdays since 1 April 2025 unless said."""
    # Fay: 19 on 1 Jun 2025, left care at 18. Contacts 1 Feb 2025 (4 months before: outside) and
    # 20 Jun 2025 (inside): in touch, F4 full-time work, independent living, suitable.
    fay = care_leaver(staff, "Fay", "Rowan", D(2006, 6, 1), D(2021, 1, 1), D(2024, 6, 1))
    contact(staff, fay, D(2025, 2, 1), activity="G5", accommodation="S", suitable=False)
    contact(staff, fay, D(2025, 6, 20), activity="F4", accommodation="U", suitable=True)
    # Gus: 18 on 1 Jul 2025, left care the day before. Contacts 1 May (61 days before) and 20 Jul (19
    # days after): the nearer one, 20 Jul, counts: in touch, G5 NEET, B&B, unsuitable.
    gus = care_leaver(staff, "Gus", "Rowan", D(2007, 7, 1), D(2022, 1, 1), D(2025, 6, 30))
    contact(staff, gus, D(2025, 5, 1), activity="F2", accommodation="U", suitable=True)
    contact(staff, gus, D(2025, 7, 20), activity="G5", accommodation="W", suitable=False)
    # Hal: 21 on 1 Sep 2025; the contact nearest is not in touch: counted nowhere.
    hal = care_leaver(staff, "Hal", "Rowan", D(2004, 9, 1), D(2019, 1, 1), D(2022, 9, 1))
    contact(staff, hal, D(2025, 8, 15), in_touch="NO")
    # Ivy: 20 on 1 Oct 2025, no contact in the window: in the cohort, counted nowhere.
    care_leaver(staff, "Ivy", "Rowan", D(2005, 10, 1), D(2020, 1, 1), D(2023, 10, 1))
    # Jon: 17 on 1 Aug 2025 but still looked after on the birthday (rule 1007): not in the cohort.
    care_leaver(staff, "Jon", "Rowan", D(2008, 8, 1), D(2023, 1, 1), None)
    # Max: 18 on 1 Jul 2025 and ceased to be looked after that day (rule 1016): not in the cohort.
    # Ned: 17 on 1 May 2025 and ceased to be looked after on 1 Sep 2025, after it: not in the cohort.
    care_leaver(staff, "Max", "Rowan", D(2007, 7, 1), D(2022, 1, 1), D(2025, 7, 1))
    care_leaver(staff, "Ned", "Rowan", D(2008, 5, 1), D(2023, 1, 1), D(2025, 9, 1), reason="E5")
    # Kit: 19 on 1 May 2025 but looked after only 5 weeks after 16: not in the cohort.
    care_leaver(staff, "Kit", "Rowan", D(2006, 5, 1), D(2022, 6, 1), D(2022, 7, 6), reason="E13")
    # Lou: 18 on 1 Mar 2025, before the year began: not in this year's cohort.
    care_leaver(staff, "Lou", "Rowan", D(2007, 3, 1), D(2022, 1, 1), D(2025, 3, 1))


def test_c02_to_c05_read_the_oc3_cohort_at_the_contact_nearest_the_birthday(staff):
    _oc3_cohort(staff)
    assert _counted("C02") == (2, 4, {"Fay Rowan", "Gus Rowan"})
    assert _counted("C03") == (1, 4, {"Fay Rowan"})
    assert _counted("C04") == (1, 4, {"Fay Rowan"})
    assert _counted("C05") == (1, 4, {"Gus Rowan"})
    rows = {row.child_name: row for row in result_by_id("C02", AS_OF).rows}
    assert rows["Gus Rowan"].stopped == D(2025, 7, 20)
    assert rows["Hal Rowan"].subject == "21st birthday 1 Sep 2025 (ages 19-21)"
    assert rows["Ivy Rowan"].stopped is None
    for indicator_id in ("C02", "C03", "C04", "C05"):
        assert CATALOGUE_BY_ID[indicator_id].corporate_parenting_section == "Care leavers"


def test_c02_to_c04_by_the_dfes_age_bands(staff):
    """The DfE publishes 17-18 and 19-21 year olds apart. Aged 17-18 (the birthday's age): Gus (18), in
    touch, NEET in a B&B. Aged 19-21: Fay (19, in touch, working, suitable), Hal (21, not in touch),
    Ivy (20, no contact). The bands add up to the all-ages figures."""
    _oc3_cohort(staff)
    assert _counted("C02a") == (1, 1, {"Gus Rowan"})
    assert _counted("C02b") == (1, 3, {"Fay Rowan"})
    assert _counted("C03a") == (0, 1, set())
    assert _counted("C03b") == (1, 3, {"Fay Rowan"})
    assert _counted("C04a") == (0, 1, set())
    assert _counted("C04b") == (1, 3, {"Fay Rowan"})
    assert {row.child_name for row in result_by_id("C04b", AS_OF).rows} == {"Fay Rowan", "Hal Rowan", "Ivy Rowan"}
    assert CATALOGUE_BY_ID["C03b"].corporate_parenting_section == "Care leavers"


def test_the_care_leaver_rows_read_the_case_holders_once_not_once_per_young_person(staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hearth.core.shared_reads import shared_reads
    from hearth.leavers.indicators import in_touch_rows, pathway_plan_rows

    def queries() -> int:
        # As the scorecard asks them: within one computation's shared reads (a rule's clock once).
        with shared_reads(), CaptureQueriesContext(connection) as captured:
            pathway_plan_rows(AS_OF)
            in_touch_rows(AS_OF)
        return len(captured)

    care_leaver(staff, "Gus", "Alder", D(2006, 6, 1), D(2021, 1, 1), D(2024, 6, 1))
    with_one = queries()
    for name in ("Hal", "Ivy", "Jon"):
        care_leaver(staff, name, "Alder", D(2006, 7, 1), D(2021, 1, 1), D(2024, 7, 1))
    assert queries() == with_one
