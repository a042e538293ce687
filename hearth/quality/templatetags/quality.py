from django import template
from django.utils import timezone

from hearth.core.roles import has_role
from hearth.quality.rules import READER_ROLES
from hearth.quality.selectors import child_audits, child_case_supervisions

register = template.Library()


@register.simple_tag(takes_context=True)
def case_audits_for(context, child, referrals):
    """The child's page section: the case's audits this user may read, and whether they may audit
    the child's latest case (open or closed: closed cases are audited too)."""
    user = context["request"].user
    latest_case = referrals[0] if referrals else None
    audits = child_audits(child)
    open_case = next((case for case in referrals if case.closed_on is None), None)
    # Case supervision is read by those who read the case's audits (not IROs: docs/workforce.md).
    may_read = user.is_superuser or has_role(user, *READER_ROLES)
    return {
        "supervisions": child_case_supervisions(child) if may_read else [],
        "open_case": open_case,
        "can_supervise": open_case is not None and user.has_perm("quality.record_case_supervision", open_case),
        "audits": [a for a in audits if user.has_perm("quality.view_audit", a)],
        "latest_case": latest_case,
        "can_audit": latest_case is not None and user.has_perm("quality.record_audit", latest_case),
        "today": timezone.localdate(),
    }
