"""The child protection section of the child's page, gathered here so the page's own view stays
unchanged: `{% protection_summary child %}` under the page's "plans" slot."""

from django import template

from hearth.protection.selectors import protection_record

register = template.Library()


@register.inclusion_tag("protection/child_summary.html", takes_context=True)
def protection_summary(context, child):
    record = protection_record(child)
    plan = record["open_plan"]
    return {
        **record,
        "child": child,
        "open_case": context.get("open_case"),
        **_what_this_user_may_do(context, child, plan),
    }


def _latest_referral(context, child):
    """The child's latest referral: the first of those the child's page already read (newest first)."""
    referrals = context.get("referrals")
    if referrals is None:
        return child.referrals.first()
    return referrals[0] if referrals else None


def _what_this_user_may_do(context, child, plan) -> dict:
    user = context["request"].user
    open_case = context.get("open_case")
    latest_referral = _latest_referral(context, child)
    return {
        "can_strategy": open_case is not None and user.has_perm("protection.record_strategy_discussion", open_case),
        "can_conclude": user.has_perm("protection.conclude_section47", latest_referral),
        "can_book": user.has_perm("protection.book_conference", latest_referral),
        "can_review": plan is not None and user.has_perm("protection.record_review", plan),
        "can_core_group": plan is not None and user.has_perm("protection.record_core_group", plan),
        "can_end": plan is not None and user.has_perm("protection.end_plan", plan),
    }
