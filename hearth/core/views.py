from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.module_loading import import_string

from hearth.core.forms import GovukForm
from hearth.core.roles import Role, roles_of


class SignInForm(GovukForm, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password",
        "inactive": "This account is inactive",
    }


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        # Sign-in through the council's directory (hearth/accounts/sso.py), when it is set up.
        return {**super().get_context_data(**kwargs), "sso_enabled": settings.HEARTH_SSO_ENABLED}


@login_not_required
def health(request):
    """For load balancers and the demo script: answers without a database query."""
    return HttpResponse("ok", content_type="text/plain")


# What each role is offered first on the home page.
ROLE_START_PAGES = {
    Role.MASH_SCREENER: [
        ("MASH: contacts awaiting a decision", "frontdoor:contact_list"),
        ("Record a contact", "frontdoor:contact_record"),
    ],
    Role.SOCIAL_WORKER: [("My worklist", "worklists:mine"), ("Find a child", "people:child_search")],
    Role.TEAM_MANAGER: [
        ("Team worklist and caseloads", "worklists:team"),
        ("Weekly caseload review", "workforce:weekly_caseloads"),
        ("Weekly exceptions: overdue items to take up", "workforce:weekly_exceptions"),
        ("Assessment backlog", "assessment:backlog"),
        ("My worklist", "worklists:mine"),
        ("Case audits", "quality:audit_list"),
        ("Performance clinics", "quality:clinic_list"),
        ("Looked-after children with no IRO", "iro:children_without_iro"),
        ("Permanence tracker", "permanence:tracker"),
        ("Placement providers", "care:providers"),
        ("Foster carers and sufficiency", "fostering:sufficiency"),
    ],
    Role.SERVICE_MANAGER: [
        ("Teams and caseloads", "worklists:team"),
        ("Weekly caseload review", "workforce:weekly_caseloads"),
        ("Weekly exceptions: overdue items to take up", "workforce:weekly_exceptions"),
        ("Workers and their employment", "workforce:workers"),
        ("Assessment backlog", "assessment:backlog"),
        ("Performance", "performance:index"),
        ("No-further-action dip samples", "frontdoor:dip_sample_list"),
        ("Records past their retention period", "governance:retention"),
        ("Case audits", "quality:audit_list"),
        ("Performance clinics", "quality:clinic_list"),
        ("Looked-after children with no IRO", "iro:children_without_iro"),
        ("Permanence tracker", "permanence:tracker"),
        ("Placement providers", "care:providers"),
        ("Foster carers and sufficiency", "fostering:sufficiency"),
    ],
    Role.PERFORMANCE_OFFICER: [
        ("Performance", "performance:index"),
        ("No-further-action dip samples", "frontdoor:dip_sample_list"),
        ("Published months", "performance:published"),
        ("Case audits", "quality:audit_list"),
        ("Performance clinics", "quality:clinic_list"),
        ("Permanence tracker", "permanence:tracker"),
        ("Placement providers", "care:providers"),
        ("Foster carers and sufficiency", "fostering:sufficiency"),
    ],
    Role.DIRECTOR: [
        ("Performance", "performance:index"),
        ("Case audits", "quality:audit_list"),
        ("Performance clinics", "quality:clinic_list"),
        ("Foster carers and sufficiency", "fostering:sufficiency"),
    ],
    Role.COUNCILLOR: [("Performance (aggregate figures)", "performance:index")],
    Role.IRO: [
        ("Conferences I chair", "protection:chairs_work"),
        ("Find a child", "people:child_search"),
        ("Children I review (looked after)", "duties:children_i_review"),
    ],
}


# The home page's sections from the apps above core, each a function (user) -> a dict with its
# "template" and context, or None when it has nothing for this user. A social worker's and a team
# manager's home page is their working day (worklists/home.py); other roles keep their links.
HOME_PAGE_SECTIONS: tuple[str, ...] = ("hearth.worklists.home.working_day",)


def home(request):
    links = []
    for role in sorted(roles_of(request.user)):
        for label, url_name in ROLE_START_PAGES.get(role, []):
            if (label, url_name) not in links:
                links.append((label, url_name))
    sections = [section for path in HOME_PAGE_SECTIONS if (section := import_string(path)(request.user))]
    context = {"links": links, "roles": sorted(roles_of(request.user)), "sections": sections}
    return render(request, "core/home.html", context)
