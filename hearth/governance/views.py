from django.shortcuts import render
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.audit.views_helpers import require_perm
from hearth.governance.retention import retention_report


def retention(request):
    """Closed records past the council's retention period, for its information governance lead."""
    require_perm(request, "governance.view_retention_report")
    report = retention_report(user=request.user, as_of=timezone.localdate())
    audit_record(actor=request.user, action="retention.report", detail={"past": len(report.past)})
    return render(request, "governance/retention.html", {"report": report})
