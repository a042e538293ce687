"""The CIN census XML, hand-worked from small records: which children and episodes are in the
census, and each block of a child (identifiers, characteristics, CIN details, assessments with
their factors, CIN plan dates, section 47 enquiries and ICPCs, child protection plans with their
categories and reviews), all as on the reference date, 31 March 2026."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.frontdoor.services import case_close
from hearth.people.characteristics_services import disabilities_record, ethnicity_record, upn_unknown_record
from hearth.people.models import Sex
from hearth.protection.models import ConferenceDecision
from hearth.protection.services import review_conference_record
from hearth.returns.cin_census.export import export_cin_census
from hearth.testing.cin_journeys import child_on_cin_plan
from hearth.testing.journeys import AUTHORISATION_REASONS, at, new_child, referred_case
from hearth.testing.protection_journeys import CONFERENCE_REASONS, icpc, strategy_to_s47

pytestmark = pytest.mark.django_db
D = datetime.date


def tree(element: ET.Element):
    """An element as (tag, text) for a leaf, (tag, [children...]) otherwise."""
    if len(element):
        return (element.tag, [tree(child) for child in element])
    return (element.tag, (element.text or "").strip())


def census(year=2026) -> ET.Element:
    return ET.fromstring(export_cin_census(year))  # noqa: S314 (Hearth's own export)


def children_of(root) -> dict[str, ET.Element]:
    return {child.findtext("ChildIdentifiers/LAchildID"): child for child in root.find("Children")}


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


def test_the_header(settings):
    settings.HEARTH_LA_NUMBER = "892"
    header = census().find("Header")
    collection, source = tree(header)[1]
    assert collection == (
        "CollectionDetails",
        [("Collection", "CIN"), ("Year", "2026"), ("ReferenceDate", "2026-03-31")],
    )
    assert source[1][:5] == [
        ("SourceLevel", "L"),
        ("LEA", "892"),
        ("SoftwareCode", "Hearth"),
        ("Release", "1"),
        ("SerialNo", "001"),
    ]
    assert source[1][5][0] == "DateTime"


def test_an_la_number_not_in_the_dfes_list_is_refused(settings):
    settings.HEARTH_LA_NUMBER = "E06000018"  # an ONS code where the DfE's number belongs
    with pytest.raises(ImproperlyConfigured, match="HEARTH_LA_NUMBER"):
        export_cin_census(2026)


def test_a_child_through_assessment_cin_plan_section_47_and_protection_plan(staff):
    """Ruby (a girl born 1 June 2015; UPN not known, UN2; White British; learning disability and
    autism) is referred by her school on Mon 2 June 2025 (primary need N1), assessed that day
    (neglect, 16A) and authorised the same day, when a CIN plan starts. A strategy discussion on
    Mon 1 Sept starts a section 47 enquiry (ICPC due 15 working days later: Mon 22 Sept); the ICPC
    on Mon 15 Sept decides a plan (neglect), which ends the CIN plan that day. The review on Mon
    8 Dec changes the category to emotional abuse; the review on Mon 20 April 2026, after the
    reference date, ends the plan: on 31 March it was open, and that review is not in the census."""
    actor = staff.social_worker.user
    ruby = new_child(staff, "Ruby", "Ash", born=D(2015, 6, 1))
    ruby.sex = Sex.FEMALE
    ruby.save(update_fields=["sex"])
    ethnicity_record(actor=actor, child_id=ruby.pk, ethnicity="WBRI", applies_from=D(2025, 5, 7))
    upn_unknown_record(actor=actor, child_id=ruby.pk, reason="UN2", applies_from=D(2025, 5, 7))
    disabilities_record(actor=actor, child_id=ruby.pk, disabilities=["AUT", "LD"], applies_from=D(2025, 5, 7))
    cin_plan = child_on_cin_plan(staff, ruby, D(2025, 6, 2))
    referral = cin_plan.referral
    enquiry = strategy_to_s47(staff, referral, D(2025, 9, 1))
    plan = icpc(staff, enquiry, D(2025, 9, 15)).plan_started
    _review(staff, plan, D(2025, 12, 8), category="EMO")
    _review(staff, plan, D(2026, 4, 20), decision=ConferenceDecision.END)

    ruby_xml = children_of(census())[ruby.hearth_id]
    assert tree(ruby_xml) == (
        "Child",
        [
            (
                "ChildIdentifiers",
                [
                    ("LAchildID", ruby.hearth_id),
                    ("UPNunknown", "UN2"),
                    ("PersonBirthDate", "2015-06-01"),
                    ("Sex", "F"),
                ],
            ),
            (
                "ChildCharacteristics",
                [("Ethnicity", "WBRI"), ("Disabilities", [("Disability", "LD"), ("Disability", "AUT")])],
            ),
            (
                "CINdetails",
                [
                    ("CINreferralDate", "2025-06-02"),
                    ("ReferralSource", "2A"),
                    ("PrimaryNeedCode", "N1"),
                    ("ReferralNFA", "false"),
                    (
                        "Assessments",
                        [
                            ("AssessmentActualStartDate", "2025-06-02"),
                            ("AssessmentAuthorisationDate", "2025-06-02"),
                            ("FactorsIdentifiedAtAssessment", [("AssessmentFactors", "16A")]),
                        ],
                    ),
                    ("CINPlanDates", [("CINPlanStartDate", "2025-06-02"), ("CINPlanEndDate", "2025-09-15")]),
                    (
                        "Section47",
                        [
                            ("S47ActualStartDate", "2025-09-01"),
                            ("InitialCPCtarget", "2025-09-22"),
                            ("DateOfInitialCPC", "2025-09-15"),
                            ("ICPCnotRequired", "false"),
                        ],
                    ),
                    (
                        "ChildProtectionPlans",
                        [
                            ("CPPstartDate", "2025-09-15"),
                            ("InitialCategoryOfAbuse", "NEG"),
                            ("LatestCategoryOfAbuse", "EMO"),
                            ("NumberOfPreviousCPP", "0"),
                            ("Reviews", [("CPPreviewDate", "2025-12-08")]),
                        ],
                    ),
                ],
            ),
        ],
    )


def test_which_episodes_are_in_the_census_and_a_referral_with_no_further_action(staff):
    """Sam's first referral (Mon 3 Feb 2025) closed on Thu 20 March 2025, before the year: not in
    the census. His second (Thu 10 April 2025) closed the next day with nothing done on it (RC7):
    a referral with no further action, closure date and reason given. Pat is referred only on
    Thu 2 April 2026, after the year: not in the census. Kit's referral (Mon 2 March 2026) is open
    on 31 March and closes on Wed 1 April 2026: open in the census, with no closure."""
    manager = staff.team_manager.user
    sam = new_child(staff, "Sam", "Birch", born=D(2012, 2, 1))
    first = referred_case(staff, sam, at(D(2025, 2, 3), 10))
    case_close(actor=manager, referral_id=first.pk, closed_on=D(2025, 3, 20), reason="RC7")
    second = referred_case(staff, sam, at(D(2025, 4, 10), 10))
    case_close(actor=manager, referral_id=second.pk, closed_on=D(2025, 4, 11), reason="RC7")
    pat = new_child(staff, "Pat", "Cedar", born=D(2013, 3, 3))
    referred_case(staff, pat, at(D(2026, 4, 2), 10))
    kit = new_child(staff, "Kit", "Dale", born=D(2011, 1, 9))
    kits = referred_case(staff, kit, at(D(2026, 3, 2), 10))
    case_close(actor=manager, referral_id=kits.pk, closed_on=D(2026, 4, 1), reason="RC7")

    found = children_of(census())
    assert set(found) == {sam.hearth_id, kit.hearth_id}
    assert [tree(d) for d in found[sam.hearth_id].findall("CINdetails")] == [
        (
            "CINdetails",
            [
                ("CINreferralDate", "2025-04-10"),
                ("ReferralSource", "2A"),
                ("PrimaryNeedCode", "N1"),
                ("CINclosureDate", "2025-04-11"),
                ("ReasonForClosure", "RC7"),
                ("ReferralNFA", "true"),
            ],
        )
    ]
    assert [tree(d) for d in found[kit.hearth_id].findall("CINdetails")] == [
        (
            "CINdetails",
            [
                ("CINreferralDate", "2026-03-02"),
                ("ReferralSource", "2A"),
                ("PrimaryNeedCode", "N1"),
                ("ReferralNFA", "false"),
            ],
        )
    ]
    # Nothing recorded for these children's characteristics: the census leaves the items out (the
    # validator then names what is missing, rules 4220 and 8540), it never makes one up.
    assert tree(found[kit.hearth_id].find("ChildCharacteristics")) == ("ChildCharacteristics", "")


def test_an_assessment_open_on_31_march_and_a_section_47_with_no_conference(staff):
    """Lee is referred and assessed from Mon 2 March 2026; the assessment is authorised on Wed
    1 April 2026, after the reference date: in the census it is open (no authorisation date, no
    factors). A strategy discussion on Mon 9 March 2026 starts an enquiry concluded on Fri 13 March
    with no conference needed: ICPCnotRequired, no conference date."""
    from hearth.assessment.services import assessment_authorise, assessment_start
    from hearth.protection.models import Section47Outcome
    from hearth.protection.services import section47_conclude
    from hearth.testing.journeys import allocated_case, submitted_assessment

    lee = new_child(staff, "Lee", "Elm", born=D(2010, 10, 10))
    referral = allocated_case(staff, lee, at(D(2026, 3, 2), 9))
    assessment = assessment_start(actor=staff.social_worker.user, referral_id=referral.pk, started_on=D(2026, 3, 2))
    enquiry = strategy_to_s47(staff, referral, D(2026, 3, 9))
    section47_conclude(
        actor=staff.social_worker.user,
        enquiry_id=enquiry.pk,
        outcome=Section47Outcome.NOT_SUBSTANTIATED,
        outcome_on=D(2026, 3, 13),
    )
    submitted_assessment(staff, assessment, D(2026, 3, 31))
    assessment_authorise(
        actor=staff.service_manager,
        assessment_id=assessment.pk,
        authorised_on=D(2026, 4, 1),
        outcome="NFA",
        reasons=AUTHORISATION_REASONS,
    )

    details = children_of(census())[lee.hearth_id].find("CINdetails")
    assert tree(details.find("Assessments")) == ("Assessments", [("AssessmentActualStartDate", "2026-03-02")])
    assert tree(details.find("Section47")) == (
        "Section47",
        [
            ("S47ActualStartDate", "2026-03-09"),
            ("InitialCPCtarget", "2026-03-30"),
            ("ICPCnotRequired", "true"),
        ],
    )


def test_a_referral_from_before_the_working_day_before_the_year_is_not_no_further_action(staff):
    """Rule 8569Q: 1 April 2025 is a Tuesday, so the working day before it is Mon 31 March. Ivy's
    referral of Fri 28 March 2025, closed with nothing done on Wed 2 April, had been open into the
    year: ReferralNFA false. Jo's of Mon 31 March 2025, closed the same way, is a referral with no
    further action: true."""
    manager = staff.team_manager.user
    ivy = new_child(staff, "Ivy", "Holm", born=D(2012, 2, 1))
    jo = new_child(staff, "Jo", "Irving", born=D(2012, 3, 1))
    for child, day in ((ivy, D(2025, 3, 28)), (jo, D(2025, 3, 31))):
        referral = referred_case(staff, child, at(day, 10))
        case_close(actor=manager, referral_id=referral.pk, closed_on=D(2025, 4, 2), reason="RC7")

    found = children_of(census())
    assert found[ivy.hearth_id].findtext("CINdetails/ReferralNFA") == "false"
    assert found[jo.hearth_id].findtext("CINdetails/ReferralNFA") == "true"


def test_the_census_reads_a_number_of_rows_that_does_not_grow_with_its_children(staff):
    """The export reads the year's episodes and each kind of fact once for the census (inside one
    shared-reads block, as the 903's), not once a child: the working calendar each child's
    ReferralNFA asks for was read once a child before (183 of 200 queries for 182 children)."""

    def referred(first: int, how_many: int) -> None:
        for n in range(first, first + how_many):
            child = new_child(staff, f"Child{n}", "Census", born=datetime.date(2015, 1, 1 + n))
            referral = referred_case(staff, child, at(datetime.date(2025, 6, 2 + n), 10))
            closed_on = datetime.date(2025, 7, 1)
            case_close(actor=staff.team_manager.user, referral_id=referral.pk, closed_on=closed_on, reason="RC7")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            export_cin_census(2026)
        return len(captured.captured_queries)

    referred(0, 1)
    export_cin_census(2026)  # first: what the process keeps once read (the calendar) is settled
    one = queries()
    referred(1, 3)
    assert len(children_of(census())) == 4
    assert queries() == one
