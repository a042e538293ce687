"""Ofsted's Annex A lists, hand-worked from small records: each list's headings in Ofsted's order
(written out here from Ofsted's Annex A as liia-tools-pipeline's Annex A schema encodes it, last
changed January 2025, not read from Hearth's own definitions: docs/annex-a.md), its rows and each
derived value, for the period 1 March to 31 August 2026.

The workbook is read back with openpyxl: what is asserted is what an inspector opens."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.care.services import care_end
from hearth.frontdoor.services import case_close
from hearth.people.characteristics_services import disabilities_record, ethnicity_record
from hearth.people.models import Sex
from hearth.permanence.services import adoption_decision_reverse
from hearth.protection.models import ConferenceDecision, Section47Outcome
from hearth.protection.services import review_conference_record, section47_conclude
from hearth.returns.annex_a.export import annex_a_export
from hearth.returns.annex_a.rows import Period, age_on, annex_a_lists, months_before
from hearth.testing import adoption_journeys as adoption
from hearth.testing import care_duty_journeys as duties
from hearth.testing.care_leaver_journeys import care_leaver, contact, pathway_review
from hearth.testing.cin_journeys import child_on_cin_plan, visit
from hearth.testing.journeys import (
    allocated_case,
    at,
    authorised_assessment,
    foster_placement,
    looked_after_child,
    new_child,
    new_contact,
    referred_case,
)
from hearth.testing.missing_journeys import interview_offered, went_missing
from hearth.testing.protection_journeys import CONFERENCE_REASONS, child_on_plan, icpc, strategy_to_s47

pytestmark = pytest.mark.django_db
D = datetime.date
PERIOD = Period(D(2026, 3, 1), D(2026, 8, 31))
RUBY_BORN = D(2015, 6, 1)
COMMON = ("Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)")


def _value(cell):
    if isinstance(cell, datetime.datetime) and cell.time() == datetime.time.min:
        return cell.date()
    return cell


def sheet(content: bytes, name: str) -> tuple[list, list[list]]:
    """The sheet's headings and its rows (blank cells as None), as Excel shows them."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    rows = [[_value(cell) for cell in row] for row in book[name].iter_rows(values_only=True)]
    return tuple(rows[0]), rows[1:]


def exported(period=PERIOD, actor=None) -> bytes:
    return annex_a_export(actor=actor, period=period).content


def girl(staff, first_name, born=RUBY_BORN, ethnicity="WBRI", disabilities=None):
    child = new_child(staff, first_name, "Ash", born=born)
    child.sex = Sex.FEMALE
    child.save(update_fields=["sex"])
    actor = staff.social_worker.user
    ethnicity_record(actor=actor, child_id=child.pk, ethnicity=ethnicity, applies_from=born)
    if disabilities is not None:
        disabilities_record(actor=actor, child_id=child.pk, disabilities=disabilities, applies_from=born)
    return child


def test_the_rules_of_dates():
    assert months_before(D(2026, 8, 31), 6) == D(2026, 2, 28)  # no 31 February: its last day
    assert months_before(D(2026, 3, 10), 12) == D(2025, 3, 10)
    assert PERIOD.year_to_end_starts == D(2025, 9, 1)
    assert age_on(D(2015, 6, 1), D(2026, 8, 31)) == 11
    assert age_on(D(2015, 9, 1), D(2026, 8, 31)) == 10  # the day before the 11th birthday
    assert age_on(D(2027, 1, 1), D(2026, 8, 31)) == -1  # not yet born
    assert age_on(None, D(2026, 8, 31)) is None


def test_list_1_contacts_in_the_period_only(staff):
    """Ruby's contacts: 28 Feb 2026 23:30 (the day before the period), 1 March 00:00 (its first
    moment, from the police), 31 August 23:59 (its last minute, from her school), 1 September
    00:00 (after it). The two inside are listed, one row a contact, oldest first."""
    ruby = girl(staff, "Ruby")
    for received, source in (
        (at(D(2026, 2, 28), 23, 30), "2A"),
        (at(D(2026, 3, 1), 0, 0), "6"),
        (at(D(2026, 8, 31), 23, 59), "2A"),
        (at(D(2026, 9, 1), 0, 0), "2A"),
    ):
        new_contact(staff, ruby, received, source=source)

    headings, rows = sheet(exported(), "List 1 - Contacts")

    assert headings == (*COMMON, "Date of Contact", "Contact Source")
    assert rows == [
        [ruby.hearth_id, "b) Female", "a) WBRI", D(2015, 6, 1), 11, D(2026, 3, 1), "q) 6: Police"],
        [ruby.hearth_id, "b) Female", "a) WBRI", D(2015, 6, 1), 11, D(2026, 8, 31), "e) 2A: Schools"],
    ]


def test_list_3_referrals_with_nfa_and_referrals_in_the_12_months_before(staff):
    """Sam (a boy, ethnicity not recorded) was referred on 10 May 2025 (a case closed on 1 June
    2025) and again on 10 March 2026: that referral closed on 20 March with nothing done on it (no
    further action); one referral in the 12 months before it. Referred again on 2 April 2026 (still
    open, allocated to Nina): two referrals in the 12 months before it, not NFA."""
    sam = new_child(staff, "Sam", "Birch", born=D(2012, 9, 1))
    sam.sex = Sex.MALE
    sam.save(update_fields=["sex"])
    first = referred_case(staff, sam, at(D(2025, 5, 10), 9))
    case_close(actor=staff.service_manager, referral_id=first.pk, closed_on=D(2025, 6, 1), reason="RC7")
    second = referred_case(staff, sam, at(D(2026, 3, 10), 9))
    case_close(actor=staff.service_manager, referral_id=second.pk, closed_on=D(2026, 3, 20), reason="RC7")
    allocated_case(staff, sam, at(D(2026, 4, 2), 9))

    headings, rows = sheet(exported(), "List 3 - Referrals")

    assert headings == (
        *COMMON,
        "Date of referral",
        "Referral Source",
        "Referral NFA?",
        "Number of Referrals in Last 12 Months",
        "Allocated Team",
        "Allocated Worker",
    )
    child = [sam.hearth_id, "a) Male", None, D(2012, 9, 1), 13]
    assert rows == [
        [*child, D(2026, 3, 10), "e) 2A: Schools", "a) Yes", 1, "North", None],
        [*child, D(2026, 4, 2), "e) 2A: Schools", "b) No", 2, "North", "Nina Tester"],
    ]


def test_list_4_assessments_open_in_the_period(staff):
    """Ruby (no disability recorded as NONE) is assessed from Mon 2 March 2026, seen that day,
    authorised the same day with a CIN plan: needs support. Ava (nothing recorded about
    disability) has an assessment started on 3 August, still open on 31 August: seen not known.
    Zoe's assessment was authorised on 27 February, before the period: not listed."""
    ruby = girl(staff, "Ruby", disabilities=["NONE"])
    child_on_cin_plan(staff, ruby, D(2026, 3, 2))
    ava = girl(staff, "Ava", born=D(2020, 1, 15), ethnicity="BAFR")
    authorised_assessment(staff, ava, D(2026, 8, 3), None)
    zoe = girl(staff, "Zoe")
    authorised_assessment(staff, zoe, D(2026, 2, 2), D(2026, 2, 27))

    headings, rows = sheet(exported(), "List 4 - Assessments")

    assert headings == (
        *COMMON,
        "Does the Child have a Disability",
        "Continuous Assessment Start Date",
        "Child Seen During Continuous Assessment",
        "Continuous Assessment Date of Authorisation",
        "Was the child assessed as requiring LA children's social care support?",
        "Allocated Team",
        "Allocated Worker",
    )
    assert rows == [
        [ruby.hearth_id, "b) Female", "a) WBRI", D(2015, 6, 1), 11, "b) No", D(2026, 3, 2), "a) Yes", D(2026, 3, 2),
         "a) Yes", "North", "Nina Tester"],
        [ava.hearth_id, "b) Female", "o) BAFR", D(2020, 1, 15), 6, "c) Unknown", D(2026, 8, 3), "c) Unknown", None,
         None, "North", "Nina Tester"],
    ]  # fmt: skip


def test_list_6_children_in_need_with_their_case_status(staff):
    """Ruby (learning disability) on a CIN plan from 2 March 2026, seen on a visit on 1 May and
    on one on 3 September (after the period); Ava's assessment open on 31 August; Sam referred on 5
    March and closed on 9 March with nothing done (only a referral: not a child in need)."""
    ruby = girl(staff, "Ruby", disabilities=["LD"])
    plan = child_on_cin_plan(staff, ruby, D(2026, 3, 2))
    visit(staff, plan.referral, D(2026, 5, 1), alone=True)
    visit(staff, plan.referral, D(2026, 9, 3), alone=True)
    ava = girl(staff, "Ava", born=D(2020, 1, 15), ethnicity="BAFR")
    authorised_assessment(staff, ava, D(2026, 8, 3), None)
    sam = new_child(staff, "Sam", "Birch", born=D(2012, 9, 1))
    only_referred = referred_case(staff, sam, at(D(2026, 3, 5), 9))
    case_close(actor=staff.service_manager, referral_id=only_referred.pk, closed_on=D(2026, 3, 9), reason="RC7")

    headings, rows = sheet(exported(), "List 6 - Children in need")

    assert headings == (
        *COMMON,
        "Does the Child have a Disability",
        "CIN Start Date",
        "Primary Need Code",
        "Date Child Was Last Seen",
        "CIN Closure Date",
        "Reason for Closure",
        "Case Status",
        "Allocated Team",
        "Allocated Worker",
    )
    assert rows == [
        [ruby.hearth_id, "b) Female", "a) WBRI", D(2015, 6, 1), 11, "a) Yes", D(2026, 3, 2),
         "N1 - Abuse or neglect", D(2026, 5, 1), None, None, "c) Child in need plan", "North", "Nina Tester"],
        [ava.hearth_id, "b) Female", "o) BAFR", D(2020, 1, 15), 6, "c) Unknown", D(2026, 8, 3),
         "N1 - Abuse or neglect", None, None, None, "d) Open assessment", "North", "Nina Tester"],
    ]  # fmt: skip


def _review(staff, plan, held_on, decision=ConferenceDecision.CONTINUE, category=""):
    plan.refresh_from_db()
    return review_conference_record(
        actor=staff.iro,
        plan_id=plan.pk,
        held_on=held_on,
        chair=staff.iro,
        attendance="Parents, school, health",
        child_views="Wants things to stay calm at home",
        decision_reasons=CONFERENCE_REASONS,
        decision=decision,
        category=category,
    )


def test_lists_5_and_7_section_47_icpc_and_the_plan(staff):
    """Ruby: a strategy discussion on Mon 2 March 2026 starts a section 47 enquiry; the ICPC on
    Mon 16 March decides a plan (neglect). Visits on 10 April (seen alone) and 2 June (seen, not
    alone); the review on Mon 8 June makes it emotional abuse; the review on Mon 7 September (after
    the period) ends it: on 31 August the plan is open. No earlier enquiry, conference or plan."""
    ruby = girl(staff, "Ruby")
    plan = child_on_plan(staff, ruby, D(2026, 3, 2), D(2026, 3, 16))
    visit(staff, plan.referral, D(2026, 4, 10), alone=True)
    visit(staff, plan.referral, D(2026, 6, 2), alone=False)
    _review(staff, plan, D(2026, 6, 8), category="EMO")
    _review(staff, plan, D(2026, 9, 7), decision=ConferenceDecision.END)
    content = exported()
    child = [ruby.hearth_id, "b) Female", "a) WBRI", D(2015, 6, 1), 11, "c) Unknown"]

    headings, rows = sheet(content, "List 5 - Section 47 and ICPC")
    assert headings == (
        *COMMON,
        "Does the Child have a Disability",
        "Strategy discussion initiating Section 47 Enquiry Start Date",
        "Was an Initial Child Protection Conference deemed unnecessary?",
        "Date of Initial Child Protection Conference",
        "Did the Initial Child Protection Conference Result in a Child Protection Plan",
        "Number of Section 47 Enquiries in the last 12 months",
        "Number of ICPCs in the last 12 months",
        "Allocated Team",
        "Allocated Worker",
    )
    assert rows == [[*child, D(2026, 3, 2), "b) No", D(2026, 3, 16), "a) Yes", 0, 0, "North", "Nina Tester"]]

    headings, rows = sheet(content, "List 7 - Child protection")
    assert headings == (
        *COMMON,
        "Does the Child have a Disability",
        "Child Protection Plan Start Date",
        "Initial Category of Abuse",
        "Latest Category of Abuse",
        "Date of the Last Statutory Visit",
        "Was the Child Seen Alone?",
        "Date of latest review conference",
        "Child Protection Plan End Date",
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
        "Number of Previous Child Protection Plans",
        "Allocated Team",
        "Allocated Worker",
    )
    assert rows == [
        [*child, D(2026, 3, 16), "a) Neglect", "d) Emotional abuse", D(2026, 6, 2), "b) No", D(2026, 6, 8), None,
         "b) No", 0, "North", "Nina Tester"],
    ]  # fmt: skip


def test_list_5_enquiries_without_a_conference_and_those_of_the_12_months_before(staff):
    """Ava's case: an enquiry from Mon 1 Dec 2025 whose ICPC on Mon 15 Dec decided no plan (ended
    before the period: not listed); one from Mon 6 April 2026 concluded on 20 April as not
    substantiated (no conference: deemed unnecessary); one from Tue 25 August still open on 31
    August (concluded on 3 September: after the period), so nothing is decided yet. Counted in the
    12 months before each: the April enquiry has 1 enquiry and 1 ICPC before it; August's, 2 and 1."""
    ava = girl(staff, "Ava", born=D(2020, 1, 15), ethnicity="BAFR")
    referral = allocated_case(staff, ava, at(D(2025, 11, 28), 9))
    icpc(staff, strategy_to_s47(staff, referral, D(2025, 12, 1)), D(2025, 12, 15), decision=ConferenceDecision.NO_PLAN)
    april = strategy_to_s47(staff, referral, D(2026, 4, 6))
    section47_conclude(
        actor=staff.social_worker.user, enquiry_id=april.pk, outcome=Section47Outcome.NOT_SUBSTANTIATED,
        outcome_on=D(2026, 4, 20),
    )  # fmt: skip
    august = strategy_to_s47(staff, referral, D(2026, 8, 25))
    section47_conclude(
        actor=staff.social_worker.user, enquiry_id=august.pk, outcome=Section47Outcome.NOT_REQUIRED,
        outcome_on=D(2026, 9, 3),
    )  # fmt: skip

    _, rows = sheet(exported(), "List 5 - Section 47 and ICPC")

    child = [ava.hearth_id, "b) Female", "o) BAFR", D(2020, 1, 15), 6, "c) Unknown"]
    assert rows == [
        [*child, D(2026, 4, 6), "a) Yes", None, None, 1, 1, "North", "Nina Tester"],
        [*child, D(2026, 8, 25), None, None, None, 2, 1, "North", "Nina Tester"],
    ]


def test_list_8_children_in_care(staff):
    """Ruby looked after from 2 March 2026 (interim care order, foster carers in register code
    PR1), reviewed on 30 March, a review health assessment on 10 April (and a dental check she
    refused on 12 April, which does not count), seen on 20 May, moved on 1 June to new carers;
    missing on 3 July (back that evening; a return interview offered on 4 July and accepted) and
    away on 10 July. Earlier in care from 2 Jan to 2 Feb 2026: a second period within 12 months."""
    ruby = girl(staff, "Ruby")
    earlier = looked_after_child(staff, ruby, D(2026, 1, 2))
    care_end(
        actor=staff.social_worker.user, period_id=earlier.pk, version=earlier.version, ended_on=D(2026, 2, 2),
        reason="E4A",
    )  # fmt: skip
    case_close(actor=staff.service_manager, referral_id=earlier.referral_id, closed_on=D(2026, 2, 2), reason="RC7")
    period = looked_after_child(staff, ruby, D(2026, 3, 2))
    duties.review(staff, period, D(2026, 3, 30))
    duties.check(staff, period, "RHA", D(2026, 4, 10))
    duties.check(staff, period, "DENTAL", D(2026, 4, 12), refused=True)
    duties.seen(staff, period, D(2026, 5, 20))
    duties.move(staff, period, D(2026, 6, 1), postcode="KV2 4CD")
    missing = went_missing(staff, period, at(D(2026, 7, 3), 15), at(D(2026, 7, 3), 21))
    interview_offered(staff, missing, at(D(2026, 7, 4), 10))
    went_missing(staff, period, at(D(2026, 7, 10), 15), at(D(2026, 7, 10), 20), kind="A")
    placement = period.placements.order_by("-started_on").first()

    headings, rows = sheet(exported(), "List 8 - Children in care")

    assert headings == (
        *COMMON,
        "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
        "Does the Child have a Disability",
        "Date Started to be Looked After",
        "Child's Category of Need",
        "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
        "Start date of current legal status",
        "Child's Legal Status",
        "Date of Latest Statutory Review",
        "Date of Last Social Work Visit",
        "What is the permanence plan for this child?",
        "Date of Last IRO Visit / Contact to the Child",
        "Date of Last Health Assessment",
        "Date of Last Dental Check",
        "Number of Placements in the Last 12 months",
        "Date Ceased to be Looked After",
        "Reason Ceased to be Looked After",
        "Start Date of Most Recent Placement",
        "Placement Type",
        "Placement Provider",
        "Placement postcode",
        "URN of Placement",
        "Placement Location",
        "LA of Placement",
        "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
        "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
        "Was the child offered a Return Interview after their last missing episode (Y/N)?",
        "Did the child accept a Return Interview after their last missing episode (Y/N)?",
        "Allocated Team",
        "Allocated Worker",
    )
    assert len(rows) == 1  # the earlier period ended before 1 March
    assert rows[0] == [
        ruby.hearth_id, "b) Female", "a) WBRI", D(2015, 6, 1), 11,
        "b) No", "c) Unknown", D(2026, 3, 2), "N1 - Abuse or neglect", "a) Yes",
        D(2026, 3, 2), "C1: interim care order (Children Act 1989 s38)", D(2026, 3, 30), D(2026, 5, 20),
        None, None, D(2026, 4, 10), None,
        2, None, None,
        D(2026, 6, 1), "U6: foster placement with another carer, other", "b) PR1: Own provision", "KV2 4CD",
        placement.provider.urn,
        {True: "a) In", False: "b) Out", None: None}[placement.inside_council_area], placement.local_authority or None,
        1, 1, "a) Yes", "a) Yes",
        "North", "Nina Tester",
    ]  # fmt: skip


def test_list_9_care_leavers(staff):
    """Lee, born 10 January 2008, looked after from 10 January 2022 until her 18th birthday (10
    January 2026): a former relevant child. Her pathway plan reviewed on 1 April 2026 (personal
    adviser Robin Adviser); in touch on 1 May (independent living, suitable; full-time education)."""
    lee = care_leaver(staff, "Lee", "Oak", born=D(2008, 1, 10), started_on=D(2022, 1, 10), ended_on=D(2026, 1, 10))
    pathway_review(staff, lee, D(2026, 4, 1))
    contact(staff, lee, D(2026, 5, 1))

    headings, rows = sheet(exported(), "List 9 - Care leavers")

    assert headings == (
        *COMMON,
        "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
        "Does the Child have a Disability",
        "Allocated Team",
        "Allocated Worker",
        "Allocated Personal Advisor",
        "Eligibility Category",
        "Latest Pathway Plan Review Date",
        "LA in Touch",
        "Latest Date of Contact",
        "Type of Accommodation",
        "Suitability of Accommodation",
        "Activity Status",
    )
    assert rows == [
        [lee.hearth_id, "c) Not stated/recorded", None, D(2008, 1, 10), 18, "b) No", "c) Unknown", "North",
         "Nina Tester", "Robin Adviser", "b) Former relevant child", D(2026, 4, 1), "a) Yes", D(2026, 5, 1),
         "U: independent living", "a) Suitable", "F2: full-time other education"],
    ]  # fmt: skip


def test_list_10_adoption_over_the_12_months_to_the_period_end(staff):
    """Ada: in care from 8 January 2024, decision 1 March 2024, placement order 1 May 2024, matched
    15 August 2024, placed 2 September 2024, adopted 1 October 2025 (inside the 12 months to 31
    August 2026). Ben: adopted 3 June 2025, before those 12 months: not listed. Cal: in care from 2
    Feb 2026 in a fostering-for-adoption placement (U5), decision 2 March 2026, not yet adopted."""
    ada = adoption.adopted_child(staff, "Ada", adopted_on=D(2025, 10, 1)).child
    adoption.adopted_child(staff, "Ben", adopted_on=D(2025, 6, 3))
    cal = new_child(staff, "Cal", "Pimpernel", born=D(2025, 12, 1))
    cal_period = looked_after_child(staff, cal, D(2026, 2, 2), placement=foster_placement(placement_type="U5"))
    adoption.decide(staff, cal_period, on=D(2026, 3, 2))

    headings, rows = sheet(exported(), "List 10 - Adoption")

    assert headings == (
        "Child Unique ID",
        "Family identifier",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age of Child (Years)",
        "Does the Child have a Disability",
        "Date the Child Entered Care",
        "Date of Decision that Child Should be Placed for Adoption",
        "Date of Placement Order",
        "Date of Matching Child and Prospective Adopters",
        "Date Placed for Adoption",
        "Date of Adoption Order",
        "Date of Decision that Child Should No Longer be Placed for Adoption",
        "Reason Why Child No Longer Placed for Adoption",
        "Date the child was placed for fostering in FFA or concurrent planning placement",
    )
    assert rows == [
        [ada.hearth_id, None, "c) Not stated/recorded", None, D(2020, 1, 10), 6, "c) Unknown", D(2024, 1, 8),
         D(2024, 3, 1), D(2024, 5, 1), D(2024, 8, 15), D(2024, 9, 2), D(2025, 10, 1), None, None, None],
        [cal.hearth_id, None, "c) Not stated/recorded", None, D(2025, 12, 1), 0, "c) Unknown", D(2026, 2, 2),
         D(2026, 3, 2), None, None, None, None, None, None, D(2026, 2, 2)],
    ]  # fmt: skip


def test_list_10_a_decision_reversed_in_the_12_months_and_one_reversed_before_them(staff):
    """Dan: in care from 2 Feb 2026, decision 2 March 2026, reversed on 1 June because adopters
    could not be found (RD3). Eve: decision 1 March 2025 reversed on 1 August 2025, before the 12
    months to 31 August 2026: not listed."""
    dan = new_child(staff, "Dan", "Pimpernel", born=D(2023, 5, 5))
    dan_decision = adoption.decide(staff, looked_after_child(staff, dan, D(2026, 2, 2)), on=D(2026, 3, 2))
    adoption_decision_reverse(
        actor=staff.social_worker.user, decision_id=dan_decision.pk, version=dan_decision.version,
        reversed_on=D(2026, 6, 1), reason="RD3",
    )  # fmt: skip
    eve = new_child(staff, "Eve", "Pimpernel", born=D(2022, 5, 5))
    eve_decision = adoption.decide(staff, looked_after_child(staff, eve, D(2025, 2, 3)), on=D(2025, 3, 1))
    adoption_decision_reverse(
        actor=staff.social_worker.user, decision_id=eve_decision.pk, version=eve_decision.version,
        reversed_on=D(2025, 8, 1), reason="RD1",
    )  # fmt: skip

    _, rows = sheet(exported(), "List 10 - Adoption")

    assert rows == [
        [dan.hearth_id, None, "c) Not stated/recorded", None, D(2023, 5, 5), 3, "c) Unknown", D(2026, 2, 2),
         D(2026, 3, 2), None, None, None, None, D(2026, 6, 1), "RD3 - Prospective adopters could not be found", None],
    ]  # fmt: skip


def test_lists_hearth_does_not_record_have_their_headings_and_a_note(staff):
    content = exported()
    headings, rows = sheet(content, "List 2 - Early help")
    assert headings == (
        *COMMON,
        "Assessment start date",
        "Assessment completion date",
        "Organisation completing assessment",
    )
    assert rows == []
    headings, rows = sheet(content, "List 11 - Adopters")
    assert headings == (
        "Individual adopter identifier",
        "Family identifier",
        "Gender",
        "Ethnicity",
        "Disability",
        "Is the (prospective) adopter fostering for adoption?",
        "Date enquiry received",
        "Date Stage 1 started",
        "Date Stage 1 ended",
        "Date Stage 2 started",
        "Date Stage 2 ended",
        "Date application submitted",
        "Date application approved",
        "Date adopter matched with child(ren)",
        "Date child/children placed with adopter(s)",
        "No. of children placed",
        "Date of Adoption Order",
        "Date of leaving adoption process",
        "Reason for leaving adoption process",
    )
    assert rows == []
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == [
        "About this workbook",
        "List 1 - Contacts",
        "List 2 - Early help",
        "List 3 - Referrals",
        "List 4 - Assessments",
        "List 5 - Section 47 and ICPC",
        "List 6 - Children in need",
        "List 7 - Child protection",
        "List 8 - Children in care",
        "List 9 - Care leavers",
        "List 10 - Adoption",
        "List 11 - Adopters",
    ]
    assert "Early help is not recorded in Hearth" in book["List 2 - Early help"]["A1"].comment.text
    about = {row[0]: row for row in book["About this workbook"].iter_rows(values_only=True) if row[0]}
    assert about["Period"][1] == "01/03/2026 to 31/08/2026"
    assert "Early help is not recorded in Hearth" in about["List 2 - Early help"][3]
    assert "12 months" in about["List 10 - Adoption"][3]
    assert "Family identifier" in about["List 10 - Adoption"][3]
    assert "permanence plan" in book["List 8 - Children in care"].cell(1, 15).comment.text


def _one_of_each(staff, name: str) -> None:
    """A child on a CIN plan (visited), one on a CP plan, one in care (moved, missing), a care
    leaver and an adoption decision: a row in every list Hearth fills."""
    child_on_cin_plan(staff, girl(staff, f"{name}cin"), D(2026, 3, 2))
    visit(staff, child_on_plan(staff, girl(staff, f"{name}cp"), D(2026, 3, 2), D(2026, 3, 16)).referral, D(2026, 4, 1))
    period = looked_after_child(staff, girl(staff, f"{name}cla"), D(2026, 3, 2))
    duties.move(staff, period, D(2026, 6, 1))
    went_missing(staff, period, at(D(2026, 7, 3), 15), at(D(2026, 7, 3), 21))
    leaver = care_leaver(
        staff, f"{name}cl", "Oak", born=D(2008, 1, 10), started_on=D(2022, 1, 10), ended_on=D(2026, 1, 10)
    )
    contact(staff, leaver, D(2026, 5, 1))
    adoption.decide(staff, looked_after_child(staff, girl(staff, f"{name}ad", born=D(2024, 1, 1)), D(2026, 2, 2)),
                    on=D(2026, 3, 2))  # fmt: skip


def test_the_lists_read_the_same_number_of_queries_however_many_children(staff):
    """The lists are read list by list, not child by child: twice the children, the same queries."""
    _one_of_each(staff, "A")
    with CaptureQueriesContext(connection) as once:
        built = annex_a_lists(PERIOD)
    assert all(item.rows for item in built if item.spec.number not in (2, 11))
    _one_of_each(staff, "B")
    with CaptureQueriesContext(connection) as twice:
        built = annex_a_lists(PERIOD)
    assert sum(len(item.rows) for item in built if item.spec.number == 8) == 4  # two in care, two adoption periods
    assert len(twice) == len(once)
