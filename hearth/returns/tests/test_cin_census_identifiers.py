"""The census's other identifiers of the child and the assessment's internal review date, each
hand-worked as on the reference date, 31 March 2026: FormerUPN, ExpectedPersonBirthDate (with Sex U
for an unborn child), PersonDeathDate, the CIN-only UPN reasons UN6 and UN7 (and that the 903 does
not send them), and AssessmentInternalReviewDate."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from hearth.assessment.services import assessment_internal_review_record
from hearth.people.characteristics_services import (
    death_record,
    expected_birth_record,
    former_upn_record,
    upn_unknown_record,
)
from hearth.people.models import Child, Sex
from hearth.people.services import child_create, child_identity_update
from hearth.returns.cin_census.export import export_cin_census
from hearth.returns.ssda903.header import upn_903
from hearth.testing.journeys import at, authorised_assessment, new_child, referred_case

pytestmark = pytest.mark.django_db
D = datetime.date


def identifiers_of(child) -> list[tuple[str, str]]:
    root = ET.fromstring(export_cin_census(2026))  # noqa: S314 (Hearth's own export)
    for element in root.find("Children"):
        if element.findtext("ChildIdentifiers/LAchildID") == child.hearth_id:
            return [(item.tag, item.text) for item in element.find("ChildIdentifiers")]
    raise AssertionError(f"{child.hearth_id} is not in the census")


def _version(child) -> int:
    return Child.objects.get(pk=child.pk).version


def test_a_former_upn_in_force_on_31_march_is_sent_beside_the_upn(staff):
    """Max (born 3 May 2014) holds UPN J801200114001 from his school; his first school's UPN,
    Q801200110001, stopped being his on 1 September 2025: FormerUPN in the 2025-26 census. A second
    former UPN recorded as applying from 2 April 2026 is after the reference date: not sent."""
    actor = staff.social_worker.user
    max_ = new_child(staff, "Max", "Reed", born=D(2014, 5, 3))
    referred_case(staff, max_, at(D(2025, 6, 2), 10))
    max_.refresh_from_db()
    child_identity_update(
        actor=actor,
        child_id=max_.pk,
        expected_version=max_.version,
        first_name=max_.first_name,
        last_name=max_.last_name,
        date_of_birth=max_.date_of_birth,
        sex=Sex.MALE,
        nhs_number="",
        upn="J801200114001",
        postcode="",
    )
    former_upn_record(
        actor=actor,
        child_id=max_.pk,
        expected_version=_version(max_),
        former_upn="q801200110001",  # as typed: stored upper case
        applies_from=D(2025, 9, 1),
    )
    former_upn_record(
        actor=actor,
        child_id=max_.pk,
        expected_version=_version(max_),
        former_upn="E801200110002",
        applies_from=D(2026, 4, 2),
    )
    assert identifiers_of(max_) == [
        ("LAchildID", max_.hearth_id),
        ("UPN", "J801200114001"),
        ("FormerUPN", "Q801200110001"),
        ("PersonBirthDate", "2014-05-03"),
        ("Sex", "M"),
    ]


def test_an_unborn_child_is_sent_with_the_expected_date_and_sex_u(staff):
    """Baby Cole, unborn, referred by the midwife on Mon 2 February 2026. The expected date given on
    2 February is 20 May 2026, revised on 10 March to 14 May: the census gives 14 May 2026 as
    ExpectedPersonBirthDate, no PersonBirthDate (rule 8525Q: one or the other) and Sex U (rule
    8750), though the family told the worker she is a girl. She is born on 12 May 2026 and her
    date of birth recorded: the 2025-26 census is as on 31 March, when she was unborn, so it still
    says so."""
    actor = staff.social_worker.user
    baby = child_create(actor=staff.screener, first_name="Baby", last_name="Cole", date_of_birth=None)
    referred_case(staff, baby, at(D(2026, 2, 2), 10))
    expected_birth_record(
        actor=actor,
        child_id=baby.pk,
        expected_version=_version(baby),
        expected_on=D(2026, 5, 20),
        applies_from=D(2026, 2, 2),
    )
    expected_birth_record(
        actor=actor,
        child_id=baby.pk,
        expected_version=_version(baby),
        expected_on=D(2026, 5, 14),
        applies_from=D(2026, 3, 10),
    )
    upn_unknown_record(actor=actor, child_id=baby.pk, reason="UN1", applies_from=D(2026, 2, 2))
    unborn = [
        ("LAchildID", baby.hearth_id),
        ("UPNunknown", "UN1"),
        ("ExpectedPersonBirthDate", "2026-05-14"),
        ("Sex", "U"),
    ]
    baby.refresh_from_db()
    baby.sex = Sex.FEMALE
    baby.save(update_fields=["sex"])
    assert identifiers_of(baby) == unborn
    baby.refresh_from_db()
    child_identity_update(
        actor=actor,
        child_id=baby.pk,
        expected_version=baby.version,
        first_name="Poppy",
        last_name="Cole",
        date_of_birth=D(2026, 5, 12),
        sex=Sex.FEMALE,
        nhs_number="",
        upn="",
        postcode="",
    )
    assert identifiers_of(baby) == unborn
    # The census of a year in which she was born gives her date of birth and sex, and no expected date.
    root = ET.fromstring(export_cin_census(2027))  # noqa: S314
    poppy = next(c for c in root.find("Children") if c.findtext("ChildIdentifiers/LAchildID") == baby.hearth_id)
    assert poppy.findtext("ChildIdentifiers/PersonBirthDate") == "2026-05-12"
    assert poppy.findtext("ChildIdentifiers/ExpectedPersonBirthDate") is None
    assert poppy.findtext("ChildIdentifiers/Sex") == "F"


def test_the_date_of_death_is_sent_when_by_31_march(staff):
    """Leo (born 9 October 2019) died on 14 January 2026; first recorded as 15 January, corrected
    to 14 January: PersonDeathDate 2026-01-14. Mia (born 2 March 2020) died on 3 April 2026, after
    the reference date: the 2025-26 census sends no date of death for her."""
    actor = staff.social_worker.user
    leo = new_child(staff, "Leo", "Hart", born=D(2019, 10, 9))
    mia = new_child(staff, "Mia", "Hart", born=D(2020, 3, 2))
    referred_case(staff, leo, at(D(2025, 11, 3), 10))
    referred_case(staff, mia, at(D(2025, 11, 3), 11))
    death_record(actor=actor, child_id=leo.pk, expected_version=_version(leo), died_on=D(2026, 1, 15))
    death_record(actor=actor, child_id=leo.pk, expected_version=_version(leo), died_on=D(2026, 1, 14))
    death_record(actor=actor, child_id=mia.pk, expected_version=_version(mia), died_on=D(2026, 4, 3))
    assert ("PersonDeathDate", "2026-01-14") in identifiers_of(leo)
    assert "PersonDeathDate" not in dict(identifiers_of(mia))


def test_un6_and_un7_are_sent_in_the_census_and_never_in_the_903(staff):
    """Sam (born 1 March 2012, no UPN) is recorded UN7 from 2 June 2025: the census sends UN7; the
    903's UPN column cannot hold it (rule 168 accepts UN1-UN5), so the 903 leaves it empty."""
    actor = staff.social_worker.user
    sam = new_child(staff, "Sam", "Lee", born=D(2012, 3, 1))
    referred_case(staff, sam, at(D(2025, 6, 2), 10))
    upn_unknown_record(actor=actor, child_id=sam.pk, reason="UN7", applies_from=D(2025, 6, 2))
    assert ("UPNunknown", "UN7") in identifiers_of(sam)
    assert (upn_903("UN7"), upn_903("UN6"), upn_903("UN2"), upn_903(None)) == ("", "", "UN2", "")
    assert upn_903("J801200114001") == "J801200114001"


def test_the_assessments_internal_review_date(staff):
    """An assessment started on Mon 2 June 2025, reviewed internally by the manager on Fri 13 June
    and authorised on Mon 30 June: AssessmentInternalReviewDate 2025-06-13, between the start and
    the authorisation, as the census orders them. An open assessment reviewed on 1 April 2026
    (after the reference date) sends no review date."""
    child = new_child(staff, "Ava", "Stone", born=D(2016, 2, 2))
    assessment = authorised_assessment(staff, child, D(2025, 6, 2), D(2025, 6, 30))
    assessment_internal_review_record(
        actor=staff.team_manager.user, assessment_id=assessment.pk, internal_review_on=D(2025, 6, 13)
    )
    other = new_child(staff, "Ben", "Stone", born=D(2016, 2, 2))
    open_one = authorised_assessment(staff, other, D(2026, 3, 2), None)
    assessment_internal_review_record(
        actor=staff.team_manager.user, assessment_id=open_one.pk, internal_review_on=D(2026, 4, 1)
    )
    root = ET.fromstring(export_cin_census(2026))  # noqa: S314
    by_child = {c.findtext("ChildIdentifiers/LAchildID"): c for c in root.find("Children")}
    element = by_child[child.hearth_id].find("CINdetails/Assessments")
    assert [item.tag for item in element][:3] == [
        "AssessmentActualStartDate",
        "AssessmentInternalReviewDate",
        "AssessmentAuthorisationDate",
    ]
    assert element.findtext("AssessmentInternalReviewDate") == "2025-06-13"
    assert by_child[other.hearth_id].find("CINdetails/Assessments").findtext("AssessmentInternalReviewDate") is None
