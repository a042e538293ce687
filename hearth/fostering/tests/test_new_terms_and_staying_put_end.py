"""A household approved again on new terms (the earlier terms kept, a placement held to the terms in
force on its day), and a staying put arrangement ended with its day and reason, which frees the
carers' place. Dates worked by hand; every refusal writes nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.audit.labels import action_label
from hearth.audit.models import AuditEvent
from hearth.care import services as care
from hearth.care.models import PeriodOfCare
from hearth.fostering import services
from hearth.fostering.models import StayingPut, TermsChange
from hearth.fostering.selectors import households_on, terms_on
from hearth.performance.catalogue import CATALOGUE_BY_ID
from hearth.performance.selectors import figure_from_rows, indicator_result
from hearth.testing.fostering_journeys import approved_household
from hearth.testing.journeys import foster_placement, looked_after_child, new_child

D = datetime.date
FERNHILL = "Mr and Mrs Fernhill"
ELM = "Mr and Mrs Elm"


def _refusal(error: ValidationError, field: str) -> str:
    return " ".join(error.message_dict[field])


def _new_terms(staff, approval, on, places, ages, reason="Annual review", bedrooms=None, terms="", version=None):
    approval.refresh_from_db()
    return services.household_terms_change(
        actor=staff.team_manager.user,
        approval_id=approval.pk,
        version=approval.version if version is None else version,
        changed_on=on,
        terms=services.ApprovalTerms(places, ages[0], ages[1], places if bedrooms is None else bedrooms, terms),
        reason=reason,
    )


def _figure(indicator_id, as_of):
    indicator = CATALOGUE_BY_ID[indicator_id]
    assert indicator.figure(as_of) == figure_from_rows(indicator, as_of)  # the SQL and the rows agree
    return indicator_result(indicator, as_of)


# New terms -------------------------------------------------------------------------------------


@pytest.fixture
def fernhill(staff):
    """Approved 10 Jan 2025 for one child aged 0 to 4; Amy (born 1 Mar 2022, 2 years old) placed
    from 1 Feb 2025; approved again from 1 Jun 2025 for two children aged 0 to 10."""
    approval = approved_household(staff, FERNHILL, D(2025, 1, 10), places=1, ages=(0, 4))
    looked_after_child(staff, new_child(staff, "Amy", born=D(2022, 3, 1)), D(2025, 2, 1))
    _new_terms(staff, approval, D(2025, 6, 1), 2, (0, 10), reason="Review: moved to a bigger house")
    return approval


def test_the_new_terms_hold_from_their_day_and_the_first_terms_are_kept(staff, fernhill):
    fernhill.refresh_from_db()
    assert (fernhill.places, fernhill.age_range) == (1, "0 to 4")  # the approval's own terms, unchanged
    fernhill = type(fernhill).objects.prefetch_related("terms_changes").get(pk=fernhill.pk)
    assert (terms_on(fernhill, D(2025, 5, 31)).places, terms_on(fernhill, D(2025, 5, 31)).age_range) == (1, "0 to 4")
    assert (terms_on(fernhill, D(2025, 6, 1)).places, terms_on(fernhill, D(2025, 6, 1)).age_range) == (2, "0 to 10")
    assert fernhill.version == 2  # one status (active), one change of terms
    event = AuditEvent.objects.get(action="fostering.terms_change")
    assert event.detail == {"on": "2025-06-01", "places": 2, "ages": "0 to 10"}
    assert action_label("fostering.terms_change") == "Approved a foster carer or adopter household on new terms"


def test_a_placement_is_held_to_the_terms_in_force_on_its_day(staff, fernhill):
    # Ben, born 1 May 2018: 7 on 31 May 2025, when Fernhill were approved for one child aged 0 to 4
    # and Amy had the place; refused though the new terms are already recorded.
    ben = new_child(staff, "Ben", born=D(2018, 5, 1))
    with pytest.raises(ValidationError) as refused:
        looked_after_child(staff, ben, D(2025, 5, 31))
    assert _refusal(refused.value, "provider") == services.ERROR_PLACEMENT_BEYOND_PLACES.format(
        household=FERNHILL, places="1 child", taken="1 child or young person is", date="31 May 2025"
    )
    assert not PeriodOfCare.objects.filter(child=ben).exists()
    # From 1 June 2025: two places, ages 0 to 10. Ben (7) is placed.
    period = care.care_start(
        actor=staff.social_worker.user,
        referral_id=ben.referrals.get().pk,
        started_on=D(2025, 6, 1),
        category_of_need="N1",
        legal_status="C1",
        placement=foster_placement(),
        decision=_approved(staff, D(2025, 6, 1)),
    )
    assert period.placements.get().provider_id == fernhill.provider_id
    # Cara, born 1 Jan 2014: 11 on 1 July 2025, beyond the new terms' ages (and the places are full).
    with pytest.raises(ValidationError, match="approved for 2 children; 2 children or young people"):
        looked_after_child(staff, new_child(staff, "Cara", born=D(2014, 1, 1)), D(2025, 7, 1))


def _approved(staff, on):
    from hearth.testing.journeys import approved

    return approved(staff, on)


def test_the_places_counted_follow_the_terms_in_force(staff, fernhill):
    # 31 May 2025: one place, taken by Amy. 1 June 2025: two places, one free.
    assert [(h.places, h.taken, h.free) for h in households_on(D(2025, 5, 31))] == [(1, 1, 0)]
    assert [(h.places, h.taken, h.free) for h in households_on(D(2025, 6, 1))] == [(2, 1, 1)]
    assert _figure("FS03", D(2025, 5, 31)).value == 0
    assert _figure("FS03", D(2025, 6, 1)).value == 1
    occupancy = _figure("FS04", D(2025, 6, 1))
    assert (occupancy.numerator, occupancy.denominator) == (1, 2)
    assert _figure("FS05", D(2025, 5, 31)).value == 1  # approved for one place then
    assert _figure("FS05", D(2025, 6, 1)).value == 0


def test_new_terms_that_cannot_be_are_refused_and_nothing_written(staff, fernhill):
    def refused(field, **kwargs):
        with pytest.raises(ValidationError) as error:
            _new_terms(staff, fernhill, **({"on": D(2025, 8, 1), "places": 3, "ages": (0, 10)} | kwargs))
        return _refusal(error.value, field)

    assert refused("reason", reason=" ") == services.ERROR_TERMS_REASON
    assert refused("changed_on", on=D(2025, 6, 1)) == "New terms are dated after the terms in force (1 June 2025)"
    assert refused("places", places=2) == services.ERROR_TERMS_SAME
    assert refused("oldest_age", ages=(10, 4)) == services.ERROR_AGE_ORDER
    assert refused("places", places=7) == services.ERROR_PLACES
    # Fewer places than people living there that day: Amy and Ben (placed 1 June 2025) on 1 August.
    looked_after_child(staff, new_child(staff, "Ben", born=D(2018, 5, 1)), D(2025, 6, 1))
    assert refused("places", places=1, ages=(0, 10)).startswith("2 children or young people are living with")
    with pytest.raises(ValidationError, match="Someone else changed"):
        _new_terms(staff, fernhill, D(2025, 8, 1), 3, (0, 10), version=1)
    assert TermsChange.objects.count() == 1


def test_only_a_manager_records_new_terms_and_not_after_the_approval_ended(staff):
    approval = approved_household(staff, "Ms Birch", D(2025, 1, 10), places=1)
    with pytest.raises(ValidationError, match="Only a team manager"):
        services.household_terms_change(
            actor=staff.social_worker.user,
            approval_id=approval.pk,
            version=approval.version,
            changed_on=D(2025, 3, 1),
            terms=services.ApprovalTerms(2, 0, 17, 2),
            reason="Review",
        )
    with pytest.raises(ValidationError) as error:
        _new_terms(staff, approval, D(2025, 1, 10), 2, (0, 17))
    assert _refusal(error.value, "changed_on") == "New terms are dated after the approval (10 January 2025)"
    from hearth.testing.fostering_journeys import change_status

    change_status(staff, approval, "RETIRED", D(2025, 2, 1))
    with pytest.raises(ValidationError, match="their approval has ended"):
        _new_terms(staff, approval, D(2025, 3, 1), 2, (0, 17))
    assert not TermsChange.objects.exists()


def test_the_terms_page_records_new_terms_and_the_household_page_keeps_the_history(staff, client, fernhill):
    client.force_login(staff.team_manager.user)
    url = reverse("fostering:household_terms", args=[fernhill.pk])
    page = client.get(url).content.decode()
    assert 'name="places" value="2"' in page  # opened on the terms in force today
    fernhill.refresh_from_db()
    form = {
        "version": str(fernhill.version),
        "changed_on_day": "1",
        "changed_on_month": "9",
        "changed_on_year": "2025",
        "places": "3",
        "youngest_age": "0",
        "oldest_age": "12",
        "bedrooms": "3",
        "terms": "Short-term and long-term",
        "reason": "",
    }
    page = client.post(url, form).content.decode()
    assert "Say why the household was approved on new terms" in page and TermsChange.objects.count() == 1
    assert client.post(url, form | {"reason": "Third bedroom"}).status_code == 302
    page = client.get(reverse("fostering:household", args=[fernhill.pk])).content.decode()
    assert "Terms of approval over time" in page
    assert "Review: moved to a bigger house" in page and "Third bedroom" in page
    assert "0 to 12" in page and "Since 1 September 2025" in page
    # The version moved on: the same form again is refused as someone else's change.
    assert "Someone else changed" in client.post(url, form | {"reason": "Again", "places": "4"}).content.decode()


# Staying put ends ------------------------------------------------------------------------------


@pytest.fixture
def yan_staying_put(staff):
    """Elm: approved 1 Jan 2024 for one young person aged 12 to 17; Yan (born 15 Jan 2007) placed
    from 1 Jun 2024, left care at 18 on 20 Jan 2025 and stays put from that day."""
    approval = approved_household(staff, ELM, D(2024, 1, 1), places=1, ages=(12, 17))
    yan = new_child(staff, "Yan", "Staywell", born=D(2007, 1, 15))
    period = looked_after_child(staff, yan, D(2024, 6, 1), placement=foster_placement(carer=ELM))
    care.care_end(
        actor=staff.social_worker.user,
        period_id=period.pk,
        version=period.version,
        ended_on=D(2025, 1, 20),
        reason="E17",
    )
    return services.staying_put_start(
        actor=staff.social_worker.user,
        approval_id=approval.pk,
        young_person_hearth_id=yan.hearth_id,
        started_on=D(2025, 1, 20),
    )


def test_ending_staying_put_frees_the_place_from_that_day(staff, yan_staying_put):
    arrangement = yan_staying_put
    services.staying_put_end(
        actor=staff.social_worker.user, arrangement_id=arrangement.pk, ended_on=D(2025, 9, 1), reason="University"
    )
    arrangement.refresh_from_db()
    assert (arrangement.ended_on, arrangement.end_reason) == (D(2025, 9, 1), "University")
    # 31 August 2025: Yan takes Elm's one place; 1 September 2025: it is free.
    assert [(h.taken, h.free) for h in households_on(D(2025, 8, 31))] == [(1, 0)]
    assert [(h.taken, h.free) for h in households_on(D(2025, 9, 1))] == [(0, 1)]
    assert (_figure("FS06", D(2025, 8, 31)).value, _figure("FS06", D(2025, 9, 1)).value) == (1, 0)
    assert (_figure("FS03", D(2025, 8, 31)).value, _figure("FS03", D(2025, 9, 1)).value) == (0, 1)
    event = AuditEvent.objects.get(action="fostering.staying_put_end")
    assert event.child_id == arrangement.young_person_id and event.detail == {"on": "2025-09-01"}
    assert action_label("fostering.staying_put_end") == "Recorded the end of a staying-put arrangement"


def test_an_end_that_cannot_be_is_refused_and_nothing_written(staff, yan_staying_put):
    arrangement = yan_staying_put

    def refused(field, actor=None, **kwargs):
        with pytest.raises(ValidationError) as error:
            services.staying_put_end(
                actor=actor or staff.social_worker.user,
                **({"arrangement_id": arrangement.pk, "ended_on": D(2025, 9, 1), "reason": "University"} | kwargs),
            )
        return _refusal(error.value, field)

    assert refused("reason", reason="  ") == services.ERROR_STAYING_PUT_END_REASON
    assert refused("ended_on", ended_on=D(2025, 1, 19)) == "Staying put cannot end before it started (20 January 2025)"
    assert refused("ended_on", ended_on=D(2999, 1, 1)) == services.ERROR_DATE_IN_FUTURE
    # A social worker of another team may not see Yan: the arrangement is not theirs to end.
    assert refused("arrangement", actor=staff.other_social_worker.user) == services.ERROR_STAYING_PUT_CHOOSE
    arrangement.refresh_from_db()
    assert (arrangement.ended_on, arrangement.end_reason) == (None, "")
    services.staying_put_end(
        actor=staff.social_worker.user, arrangement_id=arrangement.pk, ended_on=D(2025, 9, 1), reason="University"
    )
    with pytest.raises(ValidationError, match="This arrangement ended on 1 September 2025"):
        services.staying_put_end(
            actor=staff.social_worker.user, arrangement_id=arrangement.pk, ended_on=D(2025, 10, 1), reason="Again"
        )
    assert StayingPut.objects.get().ended_on == D(2025, 9, 1)


def test_the_end_page_from_the_household_page(staff, client, yan_staying_put):
    arrangement = yan_staying_put
    client.force_login(staff.social_worker.user)
    household = client.get(reverse("fostering:household", args=[arrangement.approval_id])).content.decode()
    url = reverse("fostering:staying_put_end", args=[arrangement.approval_id])
    assert f"{url}?arrangement={arrangement.pk}" in household
    page = client.get(url, {"arrangement": arrangement.pk}).content.decode()
    assert "Yan Staywell (staying put from 20 January 2025)" in page and "checked" in page
    form = {"arrangement": arrangement.pk, "ended_on_day": "1", "ended_on_month": "9", "ended_on_year": "2025"}
    page = client.post(url, form | {"reason": ""}).content.decode()
    assert "Say why staying put ended" in page and StayingPut.objects.get().ended_on is None
    page = client.post(url, form | {"ended_on_month": "13", "reason": "University"}).content.decode()
    assert "There is a problem" in page and StayingPut.objects.get().ended_on is None
    assert client.post(url, form | {"reason": "Moved to university"}).status_code == 302
    household = client.get(reverse("fostering:household", args=[arrangement.approval_id])).content.decode()
    assert "Moved to university" in household and f"{url}?arrangement=" not in household
    # Someone who may not see Yan is offered nothing to end, and cannot end it by posting.
    client.force_login(staff.other_social_worker.user)
    page = client.get(url).content.decode()
    assert "Yan Staywell" not in page and "No young person you may see is staying put" in page
