"""Case audits of the child's cases, with their actions, for a subject access export: what the
council recorded about the practice on the child's case is data about the child."""

from hearth.core.records_as_data import fact_as_data
from hearth.quality.models import CaseAudit


def subject_access_sections(child) -> dict:
    audits = (
        CaseAudit.objects.filter(child=child)
        .select_related("auditor")
        .prefetch_related("actions__worker__user", "actions__completed_by")
        .order_by("audited_on", "pk")
    )
    return {
        "case_audits": [
            {
                **fact_as_data(audit, leave_out={"child", "referral"}),
                "actions": [fact_as_data(action, leave_out={"audit"}) for action in audit.actions.all()],
            }
            for audit in audits
        ]
    }
