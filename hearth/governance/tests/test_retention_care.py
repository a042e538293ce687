"""Retention of looked-after children's and adoption case records (hand-worked dates), and both
classes in the report."""

import datetime

import pytest
from django.contrib.auth.models import Permission

from hearth.care import services as care
from hearth.frontdoor.services import case_close
from hearth.governance.retention import ChildHistory, retention_of, retention_report
from hearth.testing.journeys import foster_placement, looked_after_child, new_child

D = datetime.date


def history(**facts) -> ChildHistory:
    base = {"date_of_birth": D(2000, 6, 15), "last_contact": None, "had_a_case": True, "case_open": False}
    return ChildHistory(**{**base, "last_closed": D(2019, 1, 20), "looked_after": True, **facts})


@pytest.fixture(autouse=True)
def statutory_periods(settings):
    settings.HEARTH_RETENTION_LOOKED_AFTER_UNTIL_AGE = 75
    settings.HEARTH_RETENTION_LOOKED_AFTER_AFTER_DEATH_YEARS = 15
    settings.HEARTH_RETENTION_ADOPTION_YEARS = 100
    settings.HEARTH_RETENTION_CHILD_IN_NEED_YEARS = 3
    settings.HEARTH_RETENTION_CHILD_PROTECTION_YEARS = 35


def test_a_looked_after_childs_record_is_kept_until_the_75th_birthday():
    # Born 15 June 2000: 75 on 15 June 2075 (the child in need rule would give 20 January 2022).
    retention = retention_of(history())
    assert (retention.record_class, retention.keep_until) == ("Looked after", D(2075, 6, 15))
    assert "reg 50" in retention.basis


def test_a_child_who_died_before_18_is_kept_15_years_from_the_death():
    # Died 10 October 2012, aged 12: + 15 years = 10 October 2027 (longer than the child in need
    # rule: 18 on 15 June 2018, later than the closure in October 2012, + 3 = 15 June 2021).
    retention = retention_of(history(died_on=D(2012, 10, 10), last_closed=D(2012, 10, 20)))
    assert (retention.record_class, retention.keep_until) == ("Looked after", D(2027, 10, 10))


def test_a_child_who_died_at_18_or_over_is_kept_until_the_75th_birthday():
    # Died 15 June 2018, the 18th birthday itself: not "before attaining 18".
    assert retention_of(history(died_on=D(2018, 6, 15))).keep_until == D(2075, 6, 15)


def test_a_record_in_two_classes_is_kept_as_long_as_the_longer():
    # Died 10 October 2012 (looked after: 10 October 2027); a section 47 enquiry and the case
    # closed 20 October 2012 (child protection: + 35 years = 20 October 2047).
    retention = retention_of(history(died_on=D(2012, 10, 10), last_closed=D(2012, 10, 20), child_protection=True))
    assert (retention.record_class, retention.keep_until) == ("Child protection", D(2047, 10, 20))


def test_an_adoption_case_record_is_kept_100_years_from_the_order():
    # Adoption order 3 March 2025: + 100 years = 3 March 2125 (not the 75th birthday, 15 June 2075).
    retention = retention_of(history(adopted_on=D(2025, 3, 3)))
    assert (retention.record_class, retention.keep_until) == ("Adoption", D(2125, 3, 3))
    assert "Post-Commencement Adoptions" in retention.basis


def test_in_care_is_never_due_and_no_birth_date_means_by_hand():
    assert retention_of(history(in_care=True, case_open=False)) is None
    by_hand = retention_of(history(date_of_birth=None))
    assert by_hand.keep_until is None and by_hand.record_class == "Looked after"


def test_the_periods_are_settings(settings):
    settings.HEARTH_RETENTION_LOOKED_AFTER_UNTIL_AGE = 80
    settings.HEARTH_RETENTION_ADOPTION_YEARS = 110
    assert retention_of(history()).keep_until == D(2080, 6, 15)
    assert retention_of(history(adopted_on=D(2025, 3, 3))).keep_until == D(2135, 3, 3)


def test_the_report_lists_looked_after_records_and_counts_sealed_ones_unnamed(staff):
    # Returned home (E4A) on 1 July 2024, case closed 31 July 2024; born 1 June 2015: 75 on 1 June 2090.
    returned = new_child(staff, "Rowan", "Returnedhome", born=D(2015, 6, 1))
    period = looked_after_child(staff, returned, D(2024, 1, 8))
    worker = staff.social_worker.user
    care.care_end(actor=worker, period_id=period.pk, version=period.version, ended_on=D(2024, 7, 1), reason="E4A")
    case_close(actor=staff.team_manager.user, referral_id=period.referral_id, closed_on=D(2024, 7, 31), reason="RC7")
    # Adopted 3 March 2025, case closed 31 March 2025: kept until 3 March 2125.
    adopted = new_child(staff, "Wren", "Adoptedchild", born=D(2019, 4, 1))
    period = looked_after_child(staff, adopted, D(2024, 1, 8))
    care.placement_change(
        actor=staff.social_worker.user,
        period_id=period.pk,
        version=period.version,
        changed_on=D(2024, 9, 2),
        reason="CARPL",
        placement=foster_placement(placement_type="A5"),
    )
    period.refresh_from_db()
    care.care_end(actor=worker, period_id=period.pk, version=period.version, ended_on=D(2025, 3, 3), reason="E11")
    case_close(actor=staff.service_manager, referral_id=period.referral_id, closed_on=D(2025, 3, 31), reason="RC1")

    report = retention_report(user=staff.service_manager, as_of=D(2090, 1, 1))
    [line] = report.next_twelve_months
    assert (line.child, line.retention.record_class, line.retention.keep_until) == (
        returned,
        "Looked after",
        D(2090, 6, 1),
    )
    later = retention_report(user=staff.service_manager, as_of=D(2125, 3, 3))
    assert adopted not in [line.child for line in later.past] and later.hidden_past == 1
    staff.service_manager.user_permissions.add(Permission.objects.get(codename="open_sealed_adoption_records"))
    allowed = type(staff.service_manager).objects.get(pk=staff.service_manager.pk)
    [adoption] = [line for line in retention_report(user=allowed, as_of=D(2125, 3, 3)).past if line.child == adopted]
    assert (adoption.retention.record_class, adoption.retention.keep_until) == ("Adoption", D(2125, 3, 3))
