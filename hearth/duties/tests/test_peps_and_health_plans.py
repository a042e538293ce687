"""Personal education plans and health plans: the school terms and school age their due dates use,
the writers (what they record, what they refuse, writing nothing), and L21, L10R and L11R on Tue 30
Sep 2025 worked by hand, each SQL figure equal to its rows (docs/looked-after.md,
docs/looked-after-measures.md).

The children on 30 Sep 2025 (the school year 2025-26 began 1 Sep 2025: school age is born 1 Sep 2009
to 31 Aug 2021):
Ada, born 10 Jan 2015 (year 6), looked after from Mon 2 Jun 2025. First PEP due 30 Jun (T35, 20 WD:
3-6 Jun 4; 9-13 9; 16-20 14; 23-27 19; 30 Jun 20), held 25 Jun (summer term): next by the end of the
autumn term, 31 Dec 2025 (T36). IHA 20 Jun 2025 (up to date). Dental refused 1 Jul 2025, but no check
is due until 2 Jun 2026: up to date, so not a refusal L11R counts.
Ben, born 1 Mar 2012, looked after from 1 Feb 2023. Last PEP 20 Mar 2025 (spring term): the next was
due by 31 Aug 2025, overdue. IHA 1 Mar 2023, RHA 1 Sep 2024: due 1 Sep 2025, overdue; he refused the
review health assessment on 5 Sep 2025: L10R. Dental 10 Sep 2024, overdue, never refused.
Eve, born 5 May 2010 (year 11), looked after from Mon 1 Sep 2025. No PEP: due 29 Sep (2-5 Sep 4; 8-12
9; 15-19 14; 22-26 19; 29 Sep 20), overdue. She refused the initial health assessment on 15 Sep: no
IHA, 20 WD run out, so not up to date in L10 and counted in L10R. Dental due 1 Sep 2026.
Hal, born 1 Sep 2009 (16 on the first day of year 11: still school age), looked after from 1 Feb
2024. PEP 15 Jul 2025 (summer): next by 31 Dec 2025. IHA 1 Mar 2024 (5 or over: T22, due 1 Mar 2025,
overdue, not refused). Dental 1 Mar 2024 (due 1 Mar 2025, overdue), refused 1 Apr 2025: L11R.
Ivy, born 31 Aug 2009 (left year 11 on 31 Aug 2025: not school age), looked after from 1 Feb 2024.
No health assessment (overdue, not refused). Dental refused 1 Mar 2024, then done 1 Jun 2024 (due 1
Jun 2025, overdue): the refusal came before the check done, so not L11R.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.calendar.workingdays import term_end
from hearth.duties import due_dates, services
from hearth.duties.models import HealthPlan, PersonalEducationPlan
from hearth.performance.catalogue import CATALOGUE_BY_ID
from hearth.performance.selectors import figure_from_rows
from hearth.records.chronology import chronology_for
from hearth.testing.care_duty_journeys import check, health_plan, pep
from hearth.testing.journeys import looked_after_child, make_staff, new_child

D = datetime.date
AS_OF = D(2025, 9, 30)
pytestmark = pytest.mark.django_db


# The school terms and school age (pure) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "terms", "end"),
    [
        (D(2025, 10, 15), 0, D(2025, 12, 31)),  # autumn ends 31 December
        (D(2025, 10, 15), 1, D(2026, 3, 31)),  # the term after autumn is spring
        (D(2025, 10, 15), 2, D(2026, 8, 31)),
        (D(2026, 2, 10), 1, D(2026, 8, 31)),  # spring, then summer (with its holiday)
        (D(2026, 5, 20), 1, D(2026, 12, 31)),
        (D(2026, 8, 31), 1, D(2026, 12, 31)),  # the last day of summer
        (D(2026, 9, 1), 1, D(2027, 3, 31)),  # the first day of autumn
    ],
)
def test_the_end_of_the_term_after(day, terms, end):
    assert term_end(day, terms) == end


@pytest.mark.parametrize(
    ("born", "window"),
    [
        (D(2019, 8, 31), (D(2023, 9, 1), D(2035, 8, 31))),  # 4 on the last day of the school year: reception at 4
        (D(2019, 9, 1), (D(2024, 9, 1), D(2036, 8, 31))),  # the oldest of the next year's reception class
        (D(2020, 2, 29), (D(2024, 9, 1), D(2036, 8, 31))),
        (None, None),
    ],
)
def test_school_age_is_reception_to_year_11(born, window):
    assert due_dates.school_age_window(born) == window


def test_the_dates_of_birth_of_school_age_on_a_day():
    assert due_dates.school_age_births(AS_OF) == (D(2009, 9, 1), D(2021, 8, 31))
    assert due_dates.school_age_births(D(2026, 7, 15)) == (D(2009, 9, 1), D(2021, 8, 31))
    assert due_dates.is_school_age(D(2009, 9, 1), AS_OF) and not due_dates.is_school_age(D(2009, 8, 31), AS_OF)


def test_the_first_pep_runs_from_care_or_from_starting_reception_whichever_is_later():
    # Looked after from Mon 1 Sep 2025: 20 working days is Mon 29 Sep (T35).
    due = due_dates.pep_due(D(2025, 9, 1), [], D(2014, 1, 1))
    assert (due.due, due.started, due.clock.rule.id) == (D(2025, 9, 29), D(2025, 9, 1), "T35")
    # Gil, born 20 Oct 2020, looked after from 2 Jun 2025, starts reception Mon 1 Sep 2025: due 29 Sep.
    due = due_dates.pep_due(D(2025, 6, 2), [], D(2020, 10, 20))
    assert (due.due, due.started) == (D(2025, 9, 29), D(2025, 9, 1))
    # Then one each term: a PEP of 25 Jun (summer) makes the next due by 31 Dec (the end of autumn).
    due = due_dates.pep_due(D(2025, 6, 2), [D(2025, 6, 25)], D(2015, 1, 10))
    assert (due.due, due.started, due.clock.rule.id) == (D(2025, 12, 31), D(2025, 6, 25), "T36")
    assert due.rule == (
        "by the end of the school term after that of the last personal education plan, "
        "Promoting the education of looked-after children 2018"
    )


# The writers ------------------------------------------------------------------------------------


@pytest.fixture
def staff():
    return make_staff()


@pytest.fixture
def ada(staff):
    return looked_after_child(staff, new_child(staff, "Ada", "Brightwater", D(2015, 1, 10)), D(2025, 6, 2))


def _errors(call) -> dict:
    with pytest.raises(ValidationError) as raised:
        call()
    return raised.value.message_dict if hasattr(raised.value, "error_dict") else {"__all__": raised.value.messages}


def _pep(staff, period, **changes):
    arguments = {
        "held_on": D(2025, 6, 25),
        "school": "Brightwater Primary",
        "designated_teacher": "Mrs Fernhill",
        "virtual_school": "ATTENDED",
        "targets": "Reading at the expected level by summer.",
    } | changes
    return services.pep_record(actor=staff.social_worker.user, period_id=period.pk, **arguments)


def test_a_pep_is_recorded_with_its_designated_teacher_virtual_school_and_an_audit_row(staff, ada):
    recorded = _pep(staff, ada, school="  Brightwater Primary ", virtual_school="CONTRIBUTED")
    assert (recorded.school, recorded.designated_teacher, recorded.virtual_school) == (
        "Brightwater Primary",
        "Mrs Fernhill",
        "CONTRIBUTED",
    )
    event = AuditEvent.objects.get(action="duties.pep")
    assert (event.child_id, event.detail) == (ada.child_id, {"virtual_school": "CONTRIBUTED"})


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"school": " "}, "school", services.ERROR_SCHOOL_REQUIRED),
        ({"designated_teacher": ""}, "designated_teacher", services.ERROR_DESIGNATED_TEACHER_REQUIRED),
        ({"virtual_school": "MAYBE"}, "virtual_school", services.ERROR_VIRTUAL_SCHOOL),
        ({"targets": "\n"}, "targets", services.ERROR_TARGETS_REQUIRED),
        (
            {"held_on": D(2025, 6, 1)},
            "held_on",
            "The date cannot be before the child became looked after (2 June 2025)",
        ),
        ({"held_on": D(2099, 1, 1)}, "held_on", services.ERROR_DATE_IN_FUTURE),
    ],
)
def test_a_bad_pep_is_refused_and_nothing_written(staff, ada, changes, field, message):
    assert _errors(lambda: _pep(staff, ada, **changes))[field] == [message]
    assert not PersonalEducationPlan.objects.exists()
    assert not AuditEvent.objects.filter(action="duties.pep").exists()


def test_a_pep_is_for_a_child_of_school_age_and_one_a_day(staff):
    # Cal, born 1 Sep 2020, starts reception on 1 Sep 2025: a PEP of 29 Aug is refused, 2 Sep is not.
    cal = looked_after_child(staff, new_child(staff, "Cal", "Brightwater", D(2020, 9, 1)), D(2025, 6, 2))
    refused = _errors(lambda: _pep(staff, cal, held_on=D(2025, 8, 29)))
    assert refused["held_on"] == [services.ERROR_PEP_SCHOOL_AGE.format(date="29 August 2025")]
    _pep(staff, cal, held_on=D(2025, 9, 2))
    again = _errors(lambda: _pep(staff, cal, held_on=D(2025, 9, 2), school="Another"))
    assert again["held_on"] == [services.ERROR_PEP_SAME_DAY.format(date="2 September 2025")]
    assert PersonalEducationPlan.objects.count() == 1


def test_a_pep_is_corrected_with_an_audit_row_and_refused_when_stale(staff, ada):
    recorded = _pep(staff, ada)
    arguments = {
        "held_on": D(2025, 6, 26),
        "school": "Brightwater Primary",
        "designated_teacher": "Mr Ashby",
        "virtual_school": "ATTENDED",
        "targets": "Reading at the expected level by summer.",
    }
    actor = staff.social_worker.user
    corrected = services.pep_correct(actor=actor, pep_id=recorded.pk, version=1, **arguments)
    assert (corrected.held_on, corrected.designated_teacher, corrected.version) == (D(2025, 6, 26), "Mr Ashby", 2)
    event = AuditEvent.objects.get(action="duties.pep_correct")
    assert event.detail == {"changed": ["designated_teacher", "held_on"]}
    stale = _errors(lambda: services.pep_correct(actor=actor, pep_id=recorded.pk, version=1, **arguments))
    assert stale["__all__"] == [services.ERROR_OC2_CHANGED_MEANWHILE]
    bad = _errors(
        lambda: services.pep_correct(actor=actor, pep_id=recorded.pk, version=2, **arguments | {"school": ""})
    )
    assert bad["school"] == [services.ERROR_SCHOOL_REQUIRED]
    assert PersonalEducationPlan.objects.get().version == 2


def test_a_health_plan_comes_from_a_health_assessment_done(staff, ada):
    iha = check(staff, ada, "IHA", D(2025, 6, 20))
    dental = check(staff, ada, "DENTAL", D(2025, 6, 21))
    refused = check(staff, ada, "RHA", D(2025, 6, 22), refused=True)
    actor = staff.social_worker.user

    def record(assessment, **changes):
        arguments = {"agreed_on": D(2025, 6, 23), "actions": "Eye test booked.", "lead": "LAC nurse"} | changes
        return services.health_plan_record(actor=actor, assessment_id=assessment.pk, **arguments)

    assert _errors(lambda: record(dental))["__all__"] == [services.ERROR_PLAN_NOT_FROM_ASSESSMENT]
    assert _errors(lambda: record(refused))["__all__"] == [services.ERROR_PLAN_FROM_REFUSAL]
    early = _errors(lambda: record(iha, agreed_on=D(2025, 6, 19)))
    assert early["agreed_on"] == [services.ERROR_PLAN_BEFORE_ASSESSMENT.format(date="20 June 2025")]
    blank = _errors(lambda: record(iha, actions=" ", lead=""))
    assert (blank["actions"], blank["lead"]) == ([services.ERROR_ACTIONS_REQUIRED], [services.ERROR_LEAD_REQUIRED])
    assert not HealthPlan.objects.exists() and not AuditEvent.objects.filter(action="duties.health_plan").exists()
    plan = record(iha)
    assert (plan.assessment, plan.agreed_on, plan.lead) == (iha, D(2025, 6, 23), "LAC nurse")
    assert AuditEvent.objects.get(action="duties.health_plan").detail == {"kind": "IHA"}
    assert _errors(lambda: record(iha))["__all__"] == [services.ERROR_PLAN_EXISTS]
    corrected = services.health_plan_correct(
        actor=actor, health_plan_id=plan.pk, version=1, agreed_on=D(2025, 6, 24), actions="Eye test.", lead="GP"
    )
    assert (corrected.version, AuditEvent.objects.get(action="duties.health_plan_correct").detail) == (
        2,
        {"changed": ["actions", "agreed_on", "lead"]},
    )
    stale = _errors(
        lambda: services.health_plan_correct(
            actor=actor, health_plan_id=plan.pk, version=1, agreed_on=D(2025, 6, 25), actions="x", lead="y"
        )
    )
    assert stale["__all__"] == [services.ERROR_OC2_CHANGED_MEANWHILE]
    assert HealthPlan.objects.get().agreed_on == D(2025, 6, 24)


def test_only_a_case_worker_records_a_pep(staff, ada):
    with pytest.raises(ValidationError):
        services.pep_record(
            actor=staff.iro,
            period_id=ada.pk,
            held_on=D(2025, 6, 25),
            school="Brightwater Primary",
            designated_teacher="Mrs Fernhill",
            virtual_school="ATTENDED",
            targets="Reading.",
        )
    assert not PersonalEducationPlan.objects.exists()


# L21, L10R, L11R on 30 September 2025, worked by hand -------------------------------------------


def _child(staff, first, born, since):
    return looked_after_child(staff, new_child(staff, first, "Brightwater", born), since)


@pytest.fixture
def children(staff):
    ada = _child(staff, "Ada", D(2015, 1, 10), D(2025, 6, 2))
    pep(staff, ada, D(2025, 6, 25))
    check(staff, ada, "IHA", D(2025, 6, 20))
    check(staff, ada, "DENTAL", D(2025, 7, 1), refused=True)
    ben = _child(staff, "Ben", D(2012, 3, 1), D(2023, 2, 1))
    pep(staff, ben, D(2024, 11, 1))
    pep(staff, ben, D(2025, 3, 20))
    check(staff, ben, "IHA", D(2023, 3, 1))
    check(staff, ben, "RHA", D(2024, 9, 1))
    check(staff, ben, "RHA", D(2025, 9, 5), refused=True)
    check(staff, ben, "DENTAL", D(2024, 9, 10))
    eve = _child(staff, "Eve", D(2010, 5, 5), D(2025, 9, 1))
    check(staff, eve, "IHA", D(2025, 9, 15), refused=True)
    hal = _child(staff, "Hal", D(2009, 9, 1), D(2024, 2, 1))
    pep(staff, hal, D(2025, 7, 15))
    check(staff, hal, "IHA", D(2024, 3, 1))
    check(staff, hal, "DENTAL", D(2024, 3, 1))
    check(staff, hal, "DENTAL", D(2025, 4, 1), refused=True)
    ivy = _child(staff, "Ivy", D(2009, 8, 31), D(2024, 2, 1))
    check(staff, ivy, "DENTAL", D(2024, 3, 1), refused=True)
    check(staff, ivy, "DENTAL", D(2024, 6, 1))
    return {"ada": ada, "ben": ben, "eve": eve, "hal": hal, "ivy": ivy}


def _worked(indicator_id, as_of=AS_OF):
    indicator = CATALOGUE_BY_ID[indicator_id]
    rows = indicator.rows(as_of)
    assert indicator.figure(as_of) == figure_from_rows(indicator, as_of)  # the SQL figure agrees
    return sum(row.counted for row in rows), len(rows), sorted(r.child_name.split()[0] for r in rows if r.counted)


def test_peps_up_to_date_and_refusals_on_30_september_2025(children):
    assert _worked("L21") == (2, 4, ["Ada", "Hal"])
    assert _worked("L10") == (1, 5, ["Ada"])
    assert _worked("L10R") == (2, 5, ["Ben", "Eve"])
    assert _worked("L11") == (2, 5, ["Ada", "Eve"])
    assert _worked("L11R") == (1, 5, ["Hal"])


def test_the_drill_down_names_each_refusal_and_each_pep(children):
    l10 = {row.child_name.split()[0]: row.subject for row in CATALOGUE_BY_ID["L10"].rows(AS_OF)}
    assert l10["Ben"] == "Last health assessment 1 Sep 2024; refused 5 Sep 2025"
    assert l10["Eve"] == "No health assessment; refused 15 Sep 2025"
    l11 = {row.child_name.split()[0]: row.subject for row in CATALOGUE_BY_ID["L11"].rows(AS_OF)}
    assert l11["Ada"] == "No dental check while looked after; refused 1 Jul 2025"
    assert l11["Ivy"] == "Last dental check 1 Jun 2024"  # refused before the check done: not a refusal now
    l21 = {row.child_name.split()[0]: (row.subject, row.due) for row in CATALOGUE_BY_ID["L21"].rows(AS_OF)}
    assert l21 == {
        "Ada": ("Last PEP 25 Jun 2025", D(2025, 12, 31)),
        "Ben": ("Last PEP 20 Mar 2025", D(2025, 8, 31)),
        "Eve": ("No PEP while looked after", D(2025, 9, 29)),
        "Hal": ("Last PEP 15 Jul 2025", D(2025, 12, 31)),
    }


def test_a_child_starting_reception_while_looked_after_is_due_20_working_days_after(staff):
    # Gil, born 20 Oct 2020, looked after from 2 Jun 2025, starts reception Mon 1 Sep 2025: on Fri 26
    # Sep his first PEP (due Mon 29 Sep) is not yet overdue; on Tue 30 Sep it is. On 29 Aug he was not
    # of school age, so not in L21 at all.
    _child(staff, "Gil", D(2020, 10, 20), D(2025, 6, 2))
    assert _worked("L21", D(2025, 9, 26)) == (1, 1, ["Gil"])
    assert _worked("L21", D(2025, 9, 30)) == (0, 1, [])
    assert _worked("L21", D(2025, 8, 29)) == (0, 0, [])


def test_the_panel_report_reads_the_new_indicators():
    for indicator_id in ("L10R", "L11R", "L21"):
        assert CATALOGUE_BY_ID[indicator_id].corporate_parenting_section == "Looked-after children"


# The child's page, the worklist, the chronology and the pages ---------------------------------------


def _date(name: str, day: datetime.date) -> dict:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def test_the_pep_is_recorded_through_its_page_and_shown_on_the_child_page_and_chronology(staff, ada, client):
    client.force_login(staff.social_worker.user)
    url = reverse("duties:pep_record", args=[ada.pk])
    page = client.get(url).content.decode()
    assert "First personal education plan" in page and "No personal education plan recorded yet." in page
    bad = client.post(url, _date("held_on", D(2025, 6, 25)) | {"school": "Brightwater Primary"})
    body = bad.content.decode()
    assert bad.status_code == 200 and "Enter the name of the school&#x27;s designated teacher" in body
    assert "Choose how the virtual school took part" in body
    assert not PersonalEducationPlan.objects.exists()
    post = {
        "school": "Brightwater Primary",
        "designated_teacher": "Mrs Fernhill",
        "virtual_school": "ATTENDED",
        "targets": "Reading at the expected level by summer.",
    }
    done = client.post(url, _date("held_on", D(2025, 6, 25)) | post)
    assert done.status_code == 302
    child_page = client.get(reverse("people:child_detail", args=[ada.child_id])).content.decode()
    assert "Latest personal education plan: 25 June 2025 at Brightwater Primary" in child_page
    assert "designated teacher Mrs Fernhill" in child_page
    titles = [entry.title for entry in chronology_for(ada.child)]
    assert "Personal education plan agreed at Brightwater Primary" in titles


def test_the_pep_falls_due_on_the_worklist_for_a_child_of_school_age(staff, ada, client):
    client.force_login(staff.social_worker.user)
    worklist = client.get(reverse("worklists:mine")).content.decode()
    assert "First personal education plan (looked after)" in worklist
    pep(staff, ada, D(2025, 6, 25))
    worklist = client.get(reverse("worklists:mine")).content.decode()
    assert "Personal education plan (looked after)" in worklist and "First personal education plan" not in worklist


def test_a_health_plan_is_recorded_from_the_health_checks_page(staff, ada, client):
    iha = check(staff, ada, "IHA", D(2025, 6, 20))
    client.force_login(staff.social_worker.user)
    checks = client.get(reverse("duties:health_check_record", args=[ada.pk])).content.decode()
    url = reverse("duties:health_plan_record", args=[iha.pk])
    assert url in checks and "Not recorded" in checks
    bad = client.post(url, _date("agreed_on", D(2025, 6, 19)) | {"lead": "LAC nurse", "actions": "Eye test."})
    assert "The health plan cannot be agreed before the assessment it comes from (20 June 2025)" in bad.content.decode()
    assert not HealthPlan.objects.exists()
    done = client.post(url, _date("agreed_on", D(2025, 6, 20)) | {"lead": "LAC nurse", "actions": "Eye test."})
    assert done.status_code == 302
    child_page = client.get(reverse("people:child_detail", args=[ada.child_id])).content.decode()
    assert "Health plan: agreed 20 June 2025 from the initial health assessment (by a doctor) of 20 June 2025" in (
        child_page
    )
    assert "due 20 June 2026" in child_page  # reviewed at the review health assessment (T22: 12 months)
    plan = HealthPlan.objects.get()
    correct = reverse("duties:health_plan_correct", args=[plan.pk])
    stale = client.post(correct, _date("agreed_on", D(2025, 6, 21)) | {"lead": "GP", "actions": "x", "version": "9"})
    assert "Someone else changed this while you had the page open" in stale.content.decode()
    assert [entry.title for entry in chronology_for(ada.child)].count("Health plan agreed") == 1


def test_peps_and_health_plans_are_in_the_subject_access_export(staff, ada):
    from hearth.people.exports import subject_access_record

    pep(staff, ada, D(2025, 6, 25))
    health_plan(staff, check(staff, ada, "IHA", D(2025, 6, 20)))
    (exported,) = subject_access_record(ada.child)["periods_of_care"]
    assert [(p["held on"], p["designated teacher"]) for p in exported["personal_education_plans"]] == [
        ("2025-06-25", "Mrs Fernhill")
    ]
    assert [(h["agreed on"], h["assessment"]) for h in exported["health_plans"]] == [
        ("2025-06-20", "Initial health assessment (by a doctor) on 20 Jun 2025")
    ]
