from django import template
from django.utils import timezone

from hearth.quality.selectors import child_audits

register = template.Library()


@register.simple_tag(takes_context=True)
def case_audits_for(context, child, referrals):
    """The child's page section: the case's audits this user may read, and whether they may audit
    the child's latest case (open or closed: closed cases are audited too)."""
    user = context["request"].user
    latest_case = referrals[0] if referrals else None
    audits = child_audits(child)
    return {
        "audits": [a for a in audits if user.has_perm("quality.view_audit", a)],
        "latest_case": latest_case,
        "can_audit": latest_case is not None and user.has_perm("quality.record_audit", latest_case),
        "today": timezone.localdate(),
    }
