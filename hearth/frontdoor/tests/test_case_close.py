import datetime

import pytest
from django.core.exceptions import ValidationError

from hearth.assessment.services import assessment_authorise, assessment_start
from hearth.frontdoor import services
from hearth.frontdoor.models import Referral
from hearth.testing.journeys import (
    AUTHORISATION_REASONS,
    allocated_case,
    at,
    new_child,
    referred_case,
    submitted_assessment,
)

D = datetime.date


def assessed_case(staff, outcome="NFA"):
    referral = allocated_case(staff, new_child(staff), at(D(2025, 5, 1), 9))
    assessment = assessment_start(actor=staff.social_worker.user, referral_id=referral.pk, started_on=D(2025, 5, 2))
    submitted_assessment(staff, assessment, D(2025, 6, 2))
    assessment_authorise(
        actor=staff.team_manager.user,
        assessment_id=assessment.pk,
        authorised_on=D(2025, 6, 2),
        outcome=outcome,
        reasons=AUTHORISATION_REASONS,
    )
    return referral


def test_closing_after_an_nfa_assessment_ends_the_case_and_its_allocation(staff):
    referral = assessed_case(staff)
    services.case_close(actor=staff.team_manager.user, referral_id=referral.pk, closed_on=D(2025, 6, 5), reason="RC8")
    referral.refresh_from_db()
    assert (referral.closed_on, referral.closure_reason) == (D(2025, 6, 5), "RC8")
    assert referral.allocations.get().ended_on == D(2025, 6, 5)


def test_rc8_needs_an_authorised_assessment(staff):
    referral = referred_case(staff, new_child(staff), at(D(2025, 5, 1), 9))
    with pytest.raises(ValidationError) as refused:
        services.case_close(
            actor=staff.team_manager.user, referral_id=referral.pk, closed_on=D(2025, 5, 2), reason="RC8"
        )
    assert refused.value.message_dict["reason"] == [services.ERROR_CLOSURE_NEEDS_ASSESSMENT.format(code="RC8")]
    assert Referral.objects.get(pk=referral.pk).closed_on is None


def test_a_case_cannot_close_before_its_referral_or_twice_or_by_a_social_worker(staff):
    referral = assessed_case(staff)
    with pytest.raises(ValidationError) as refused:
        services.case_close(
            actor=staff.team_manager.user, referral_id=referral.pk, closed_on=D(2025, 4, 30), reason="RC7"
        )
    assert "closed_on" in refused.value.message_dict
    with pytest.raises(ValidationError, match="Only a team manager"):
        services.case_close(
            actor=staff.social_worker.user, referral_id=referral.pk, closed_on=D(2025, 6, 5), reason="RC7"
        )
    services.case_close(actor=staff.team_manager.user, referral_id=referral.pk, closed_on=D(2025, 6, 5), reason="RC7")
    with pytest.raises(ValidationError, match="already closed"):
        services.case_close(
            actor=staff.team_manager.user, referral_id=referral.pk, closed_on=D(2025, 6, 6), reason="RC7"
        )


def test_a_case_with_an_open_assessment_cannot_close(staff):
    referral = allocated_case(staff, new_child(staff), at(D(2025, 5, 1), 9))
    assessment_start(actor=staff.social_worker.user, referral_id=referral.pk, started_on=D(2025, 5, 2))
    with pytest.raises(ValidationError) as refused:
        services.case_close(
            actor=staff.team_manager.user, referral_id=referral.pk, closed_on=D(2025, 5, 3), reason="RC7"
        )
    assert refused.value.message_dict["closed_on"] == [services.ERROR_CLOSE_WITH_OPEN_ASSESSMENT]


def test_the_team_manager_closes_a_case_through_the_page(staff, client_for):
    from django.urls import reverse

    referral = assessed_case(staff)
    client = client_for(staff.team_manager.user)
    url = reverse("workforce:close", args=[referral.pk])
    early = client.post(url, {"closed_on_day": "30", "closed_on_month": "4", "closed_on_year": "2025", "reason": "RC8"})
    assert "A case cannot close before its referral (1 May 2025)" in early.content.decode()
    done = client.post(url, {"closed_on_day": "5", "closed_on_month": "6", "closed_on_year": "2025", "reason": "RC8"})
    assert done.status_code == 302
    assert Referral.objects.get(pk=referral.pk).closure_reason == "RC8"


def test_a_case_cannot_close_while_the_child_is_on_a_cp_plan(staff, client_for):
    from django.urls import reverse

    from hearth.protection.models import ProtectionPlan
    from hearth.testing.protection_journeys import child_on_plan

    plan = child_on_plan(staff, new_child(staff, "Cody", "Protected"), D(2025, 5, 1), D(2025, 5, 15))
    with pytest.raises(ValidationError) as refused:
        services.case_close(
            actor=staff.team_manager.user, referral_id=plan.referral_id, closed_on=D(2025, 6, 2), reason="RC7"
        )
    assert refused.value.messages == [services.ERROR_CLOSE_WITH_PROTECTION_PLAN]
    assert refused.value.messages == ["End the child protection plan first: it ends at a review conference"]
    page = client_for(staff.team_manager.user).get(reverse("workforce:close", args=[plan.referral_id]))
    assert "End the child protection plan first" in page.content.decode()
    assert Referral.objects.get(pk=plan.referral_id).closed_on is None
    assert ProtectionPlan.objects.get(pk=plan.pk).ended_on is None


def test_closing_a_case_ends_the_childs_cin_plan_on_the_closure_date_audited(staff):
    from hearth.audit.models import AuditEvent
    from hearth.cin.models import CinPlan
    from hearth.testing.cin_journeys import child_on_cin_plan

    plan = child_on_cin_plan(staff, new_child(staff, "Cass", "Closed"), D(2025, 6, 2))
    services.case_close(
        actor=staff.team_manager.user, referral_id=plan.referral_id, closed_on=D(2025, 8, 1), reason="RC7"
    )
    plan = CinPlan.objects.get(pk=plan.pk)
    assert (plan.ended_on, plan.end_reason, plan.ended_by) == (D(2025, 8, 1), "CASE_CLOSED", staff.team_manager.user)
    assert AuditEvent.objects.get(action="cin_plan.end", object_id=str(plan.pk)).detail == {"reason": "CASE_CLOSED"}


def test_a_closure_dated_before_the_cin_plans_last_review_is_refused_and_nothing_is_written(staff):
    from hearth.cin.models import CinPlan
    from hearth.cin.services import ERROR_ENDS_BEFORE_CIN_REVIEW
    from hearth.testing.cin_journeys import child_on_cin_plan, review

    plan = child_on_cin_plan(staff, new_child(staff, "Cleo", "Closed"), D(2025, 6, 2))
    review(staff, plan, D(2025, 8, 4))
    with pytest.raises(ValidationError) as refused:
        services.case_close(
            actor=staff.team_manager.user, referral_id=plan.referral_id, closed_on=D(2025, 8, 1), reason="RC7"
        )
    assert refused.value.message_dict == {
        "closed_on": [ERROR_ENDS_BEFORE_CIN_REVIEW.format(child=plan.child, date="4 August 2025")]
    }
    referral = Referral.objects.get(pk=plan.referral_id)
    assert (referral.closed_on, referral.allocations.get().ended_on) == (None, None)
    assert CinPlan.objects.get(pk=plan.pk).ended_on is None


def test_the_closure_page_says_the_cin_plan_ended(staff, client_for):
    from django.urls import reverse

    from hearth.testing.cin_journeys import child_on_cin_plan

    plan = child_on_cin_plan(staff, new_child(staff, "Cora", "Closed"), D(2025, 6, 2))
    close_url = reverse("workforce:close", args=[plan.referral_id])
    before = client_for(staff.team_manager.user).get(close_url).content.decode()
    assert "and so does the child in need plan (from 2 June 2025)" in before
    response = client_for(staff.team_manager.user).post(
        reverse("workforce:close", args=[plan.referral_id]),
        {"closed_on_day": "1", "closed_on_month": "8", "closed_on_year": "2025", "reason": "RC7"},
        follow=True,
    )
    assert "Their child in need plan ended on the same date." in response.content.decode()


def test_closing_a_case_never_lands_the_manager_on_an_access_denied_page(staff, client_for):
    """Once the case is closed the child may leave the manager's sight: the page they land on after
    closing is one they may open (the child's page if they still may see it, else their team page),
    with the confirmation."""
    from django.urls import reverse

    referral = assessed_case(staff)
    client = client_for(staff.team_manager.user)
    url = reverse("workforce:close", args=[referral.pk])
    landed = client.post(
        url, {"closed_on_day": "5", "closed_on_month": "6", "closed_on_year": "2025", "reason": "RC8"}, follow=True
    )
    assert landed.status_code == 200
    assert f"Case closed: {referral.child}" in landed.content.decode()
