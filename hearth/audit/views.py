from django.shortcuts import render
from django.utils import timezone

from hearth.audit.retention import retention_report
from hearth.audit.services import audit_record
from hearth.core.views_helpers import require_perm


def retention(request):
    """Closed records past the council's retention period, for its information governance lead."""
    require_perm(request, "audit.view_retention_report")
    report = retention_report(user=request.user, as_of=timezone.localdate())
    audit_record(actor=request.user, action="retention.report", detail={"past": len(report.past)})
    return render(request, "audit/retention.html", {"report": report})
