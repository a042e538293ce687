"""The child's page, composed here at the top of the record: each app that shows something on it
gives one `(user, child) -> dict` of template context, named in CHILD_PAGE_SECTIONS by its dotted
path, as the chronology (CHRONOLOGY_SOURCES) and the summary (OPEN_PLAN_SOURCES) are composed. So
people, documents and the audit trail, which sit below every area, import nothing above them."""

from django.db.models import Prefetch
from django.utils.module_loading import import_string

from hearth.assessment.models import Assessment
from hearth.workforce.models import Allocation

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
    referrals = list(
        child.referrals.select_related("team")
        .prefetch_related(
            Prefetch("allocations", queryset=Allocation.objects.select_related("worker__user")),
            Prefetch("assessments", queryset=Assessment.objects.select_related("worker__user")),
        )
        .order_by("-referral_date")
    )
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
