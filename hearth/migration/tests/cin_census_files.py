"""Hand-written census files in another system's style, for the import's tests: a namespace prefix,
no Header items but the year, the items the census leaves optional left out (no ReferralNFA, no
InitialCPCtarget, no Disabilities, no NumberOfPreviousCPP), sex as 1 and 2."""

import io
import zipfile

CENSUS_2025 = """<?xml version="1.0" encoding="UTF-8"?>
<cin:Message xmlns:cin="http://example.org/other-system">
  <cin:Header><cin:CollectionDetails><cin:Year>2025</cin:Year></cin:CollectionDetails></cin:Header>
  <cin:Children>
    <cin:Child>
      <cin:ChildIdentifiers>
        <cin:LAchildID>OS-1001</cin:LAchildID>
        <cin:UPNunknown>UN2</cin:UPNunknown>
        <cin:PersonBirthDate>2015-06-01</cin:PersonBirthDate>
        <cin:Sex>1</cin:Sex>
      </cin:ChildIdentifiers>
      <cin:ChildCharacteristics><cin:Ethnicity>WBRI</cin:Ethnicity></cin:ChildCharacteristics>
      <cin:CINdetails>
        <cin:CINreferralDate>2024-05-01</cin:CINreferralDate>
        <cin:ReferralSource>1A</cin:ReferralSource>
        <cin:PrimaryNeedCode>N1</cin:PrimaryNeedCode>
        <cin:Assessments>
          <cin:AssessmentActualStartDate>2024-05-02</cin:AssessmentActualStartDate>
          <cin:AssessmentAuthorisationDate>2024-06-10</cin:AssessmentAuthorisationDate>
          <cin:FactorsIdentifiedAtAssessment><cin:AssessmentFactors>2B</cin:AssessmentFactors></cin:FactorsIdentifiedAtAssessment>
        </cin:Assessments>
        <cin:CINPlanDates><cin:CINPlanStartDate>2024-06-12</cin:CINPlanStartDate></cin:CINPlanDates>
      </cin:CINdetails>
    </cin:Child>
    <cin:Child>
      <cin:ChildIdentifiers>
        <cin:LAchildID>OS-1002</cin:LAchildID>
        <cin:UPNunknown>UN2</cin:UPNunknown>
        <cin:PersonBirthDate>2019-02-03</cin:PersonBirthDate>
        <cin:Sex>2</cin:Sex>
      </cin:ChildIdentifiers>
      <cin:ChildCharacteristics><cin:Ethnicity>MWBC</cin:Ethnicity></cin:ChildCharacteristics>
      <cin:CINdetails>
        <cin:CINreferralDate>2024-09-02</cin:CINreferralDate>
        <cin:ReferralSource>5A</cin:ReferralSource>
        <cin:PrimaryNeedCode>N1</cin:PrimaryNeedCode>
        <cin:Section47>
          <cin:S47ActualStartDate>2024-09-03</cin:S47ActualStartDate>
          <cin:DateOfInitialCPC>2024-09-20</cin:DateOfInitialCPC>
        </cin:Section47>
        <cin:ChildProtectionPlans>
          <cin:CPPstartDate>2024-09-20</cin:CPPstartDate>
          <cin:InitialCategoryOfAbuse>NEG</cin:InitialCategoryOfAbuse>
          <cin:LatestCategoryOfAbuse>EMO</cin:LatestCategoryOfAbuse>
          <cin:Reviews><cin:CPPreviewDate>2024-12-10</cin:CPPreviewDate></cin:Reviews>
        </cin:ChildProtectionPlans>
      </cin:CINdetails>
    </cin:Child>
  </cin:Children>
</cin:Message>
"""

# The next year: the first child's plan and case closed; the second's plan ended at a review.
CENSUS_2026 = """<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header><CollectionDetails><Year>2026</Year></CollectionDetails></Header>
  <Children>
    <Child>
      <ChildIdentifiers><LAchildID>OS-1001</LAchildID><UPNunknown>UN2</UPNunknown>
        <PersonBirthDate>2015-06-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
      <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2024-05-01</CINreferralDate><ReferralSource>1A</ReferralSource>
        <PrimaryNeedCode>N1</PrimaryNeedCode>
        <CINclosureDate>2025-07-01</CINclosureDate><ReasonForClosure>RC8</ReasonForClosure>
        <CINPlanDates><CINPlanStartDate>2024-06-12</CINPlanStartDate><CINPlanEndDate>2025-07-01</CINPlanEndDate></CINPlanDates>
      </CINdetails>
    </Child>
    <Child>
      <ChildIdentifiers><LAchildID>OS-1002</LAchildID><UPNunknown>UN2</UPNunknown>
        <PersonBirthDate>2019-02-03</PersonBirthDate><Sex>F</Sex></ChildIdentifiers>
      <ChildCharacteristics><Ethnicity>MWBC</Ethnicity></ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2024-09-02</CINreferralDate><ReferralSource>5A</ReferralSource>
        <PrimaryNeedCode>N1</PrimaryNeedCode>
        <ChildProtectionPlans>
          <CPPstartDate>2024-09-20</CPPstartDate><CPPendDate>2025-06-05</CPPendDate>
          <InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>EMO</LatestCategoryOfAbuse>
          <Reviews><CPPreviewDate>2025-06-05</CPPreviewDate></Reviews>
        </ChildProtectionPlans>
      </CINdetails>
    </Child>
  </Children>
</Message>
"""


def zipped(files: dict[str, str | bytes]) -> bytes:
    """A zip of the files given (path in the zip -> content)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, content in files.items():
            archive.writestr(path, content)
    return buffer.getvalue()


def two_years() -> bytes:
    return zipped({"2024-25/CIN_Census_2025.xml": CENSUS_2025, "2025-26/CIN_Census_2026.xml": CENSUS_2026})
