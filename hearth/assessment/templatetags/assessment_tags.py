from django import template

register = template.Library()


@register.inclusion_tag("assessment/child_section.html", takes_context=True)
def open_assessment_panel(context, assessment):
    """The child's open assessment with what the person looking may do next (child's page)."""
    from hearth.assessment.views import actions_for

    if assessment is None:
        return {"assessment": None}
    return {"assessment": assessment, **actions_for(context["request"].user, assessment)}
