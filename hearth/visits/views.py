from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from hearth.audit.views_helpers import require_perm
from hearth.frontdoor.models import Referral
from hearth.visits import services
from hearth.visits.forms import VisitForm
from hearth.visits.plans import PLAN_NAMES, visited_plan_for
from hearth.visits.selectors import child_visits, last_seen_visits
from hearth.visits.timeliness import plan_visit_due
from hearth.workforce.models import Worker


def record(request, referral_id: int):
    referral = get_object_or_404(Referral.objects.select_related("child", "team"), pk=referral_id)
    require_perm(request, "visits.record_visit", referral)
    own = Worker.objects.filter(user=request.user, team=referral.team).first()
    form = VisitForm(request.POST or None, team=referral.team, initial={"visitor": own.pk if own else None})
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_record(actor=request.user, referral_id=referral.pk, **form.service_arguments())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Visit recorded")
            return redirect("people:child_detail", pk=referral.child_id)
    plan = visited_plan_for(referral) if referral.closed_on is None else None
    due = rule = None
    if plan is not None:
        seen = last_seen_visits([referral.child_id], timezone.localdate()).get(referral.child_id)
        visit_due = plan_visit_due(plan, seen)
        due, rule = visit_due.due, visit_due.rule
    return render(
        request,
        "visits/record.html",
        {
            "form": form,
            "referral": referral,
            "plan": plan,
            "plan_name": PLAN_NAMES[plan.kind] if plan else None,
            "due": due,
            "rule": rule,
            "recent": child_visits(referral.child, limit=3),
        },
    )
