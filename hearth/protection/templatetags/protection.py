"""The child protection section of the child's page, gathered here so the page's own view stays
unchanged: `{% protection_summary child %}` under the page's "plans" slot."""

from django import template

from hearth.protection.selectors import protection_record

register = template.Library()


@register.inclusion_tag("protection/child_summary.html", takes_context=True)
def protection_summary(context, child):
    user = context["request"].user
    record = protection_record(child)
    open_case = context.get("open_case")
    plan = record["open_plan"]
    return {
        **record,
        "child": child,
        "open_case": open_case,
        "can_strategy": open_case is not None and user.has_perm("protection.record_strategy_discussion", open_case),
        "can_conclude": user.has_perm("protection.conclude_section47", child.referrals.first()),
        "can_book": user.has_perm("protection.book_conference", child.referrals.first()),
        "can_review": plan is not None and user.has_perm("protection.record_review", plan),
        "can_core_group": plan is not None and user.has_perm("protection.record_core_group", plan),
        "can_end": plan is not None and user.has_perm("protection.end_plan", plan),
    }
