"""The child's page, composed here at the top of the record: each app that shows something on it
gives one `(user, child) -> dict` of template context, named in CHILD_PAGE_SECTIONS by its dotted
path, as the chronology (CHRONOLOGY_SOURCES) and the summary (OPEN_PLAN_SOURCES) are composed. So
people, documents and the audit trail, which sit below every area, import nothing above them."""

from django.shortcuts import get_object_or_404
from django.utils.module_loading import import_string

from hearth.people.models import Child
from hearth.people.rows_held import rows_held, with_rows_held
from hearth.people.selectors import seen_by, with_seen_by
from hearth.worklists.selectors import cases_of

CHILD_PAGE_SECTIONS: tuple[str, ...] = (
    "hearth.people.selectors.child_page_record_status",  # restriction, seal, access log, export
    "hearth.records.child_page.case_section",  # contacts, cases, allocation, assessments
    "hearth.worklists.selectors.child_page_due_items",  # what is due, from every area
    "hearth.people.selectors.child_page_people_area",  # identifiers, former names, family
    "hearth.people.characteristics_selectors.child_page_characteristics",  # ethnicity, UPN, disability, UASC
    "hearth.documents.selectors.child_page_documents",
    "hearth.missing.selectors.child_page_missing",  # missing episodes, return home interviews
    "hearth.permanence.selectors.child_page_permanence",  # adoption decisions, matches; previous permanence
    "hearth.returns.selectors.child_page_return_failures",  # the returns' validators' findings to put right
)
# The page's other sections (alerts and summary, plans, visits, looked-after duties, notes, case
# audits) are included by its template (records/child_page.html) from their own apps' templates.

# The tables the page's sections read, each by the lookup from its model to the child: the page
# asks in the query that reads the child which of them hold a row for the child
# (hearth/people/rows_held.py), and a section whose table holds none reads nothing. Most children
# have no former names, documents, missing episodes, adoption decisions or case audits, and most
# are on one kind of plan at most. A section that reads a table not listed here reads it as before.
CHILD_PAGE_TABLES: dict[str, str] = {
    "people.FormerName": "child",
    "people.Relationship": "child",
    "people.EthnicityRecord": "child",
    "people.UpnUnknownRecord": "child",
    "people.DisabilityRecord": "child",
    "people.UascRecord": "child",
    "people.FormerUpnRecord": "child",
    "people.ExpectedBirthRecord": "child",
    "people.DeathRecord": "child",
    "documents.Document": "child",
    "records.Alert": "child",
    "records.CaseNoteChild": "child",
    "visits.Visit": "child",
    "cin.CinPlan": "child",
    "protection.ProtectionPlan": "child",
    "protection.Section47Enquiry": "child",
    "protection.StrategyDiscussion": "child",
    "protection.Conference": "child",
    "protection.Escalation": "child",
    "care.PeriodOfCare": "child",
    "duties.Sdq": "period__child",
    "duties.HealthStatus": "period__child",
    "missing.MissingEpisode": "child",
    "permanence.AdoptionDecision": "child",
    "permanence.PreviousPermanence": "period__child",
    "quality.CaseAudit": "child",
    "quality.CaseSupervision": "child",
    "returns.ReturnFailure": "child",
}


def child_for_page(pk: int, user) -> Child:
    """The child, with the restriction and seal the page shows, whether this user may see the child
    (the page's permission check asks it) and which of the page's tables hold a row for the child:
    one query."""
    children = with_seen_by(Child.objects.select_related("restriction", "seal"), user)
    child = get_object_or_404(with_rows_held(children, CHILD_PAGE_TABLES), pk=pk)
    return rows_held(seen_by(user, child), CHILD_PAGE_TABLES)


def child_page(*, user, child) -> dict:
    """Everything the child's page shows, with what this user may do next."""
    context = {"child": child}
    for path in CHILD_PAGE_SECTIONS:
        context.update(import_string(path)(user, child))
    return context


def case_section(user, child) -> dict:
    """The child's contacts and cases: who holds the open case, its open assessment, and what this
    user may do with them (allocate, start or authorise an assessment, record a contact)."""
    contacts = list(child.contacts.select_related("source", "decided_by").order_by("-received_at"))
    referrals = cases_of(child)  # what is due reads them too (a shared read)
    open_case = next((r for r in referrals if r.closed_on is None), None)
    current_allocation = None
    open_assessment = None
    if open_case is not None:
        current_allocation = next((a for a in open_case.allocations.all() if a.ended_on is None), None)
        open_assessment = next((a for a in open_case.assessments.all() if a.is_open), None)
    return {
        "contacts": contacts,
        "referrals": referrals,
        "assessments": [a for r in referrals for a in r.assessments.all()],
        "open_case": open_case,
        "current_allocation": current_allocation,
        "open_assessment": open_assessment,
        "can_allocate": open_case is not None and user.has_perm("workforce.allocate_case", open_case),
        "can_start_assessment": (
            open_case is not None
            and current_allocation is not None
            and open_assessment is None
            and user.has_perm("assessment.start_assessment", open_case)
        ),
        "can_authorise": open_assessment is not None
        and user.has_perm("assessment.authorise_assessment", open_assessment),
        "can_record_contact": user.has_perm("frontdoor.record_contact"),
    }
