"""Correcting an OC2 fact recorded wrongly (SDQ, health record status, conviction, substance misuse):
the correction is saved with an audit row naming what changed; bad input is refused with the same
rules as recording and changes nothing; a correction made on a page opened before someone else's is
refused as stale. Through the services and through the pages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.core.forms import ERROR_MISSING_VERSION
from hearth.duties import services
from hearth.duties.models import Conviction, HealthStatus, Sdq, SubstanceMisuse
from hearth.testing.journeys import looked_after_child, make_staff, new_child
from hearth.testing.oc2_journeys import conviction, health_status, sdq, substance_misuse

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return make_staff()


@pytest.fixture
def period(staff):
    """Ada, born 10 Jan 2012, looked after from 2 Jun 2023: 11 in June 2023, 13 on 10 Jan 2025."""
    return looked_after_child(staff, new_child(staff, "Ada", "Brightwater", D(2012, 1, 10)), D(2023, 6, 2))


def _errors(call) -> dict:
    with pytest.raises(ValidationError) as raised:
        call()
    return raised.value.message_dict


def _values(fact) -> dict:
    fact.refresh_from_db()
    return {f.name: getattr(fact, f.name) for f in fact._meta.concrete_fields}


# The services -----------------------------------------------------------------------------------


def test_an_sdq_is_corrected_with_an_audit_row_naming_what_changed(staff, period):
    recorded = sdq(staff, period, D(2024, 5, 1), score=14)
    corrected = services.sdq_correct(
        actor=staff.social_worker.user,
        sdq_id=recorded.pk,
        version=1,
        completed_on=D(2024, 5, 2),
        score=None,
        reason="SDQ4",
    )
    corrected.refresh_from_db()
    assert (corrected.completed_on, corrected.score, corrected.reason, corrected.version) == (
        D(2024, 5, 2),
        None,
        "SDQ4",
        2,
    )
    event = AuditEvent.objects.get(action="duties.sdq_correct")
    assert (event.child_id, event.object_id) == (period.child_id, str(recorded.pk))
    assert event.detail == {"changed": ["completed_on", "reason", "score"]}


def test_a_bad_sdq_correction_is_refused_with_the_recording_rules_and_changes_nothing(staff, period):
    recorded = sdq(staff, period, D(2024, 5, 1), score=14)
    sdq(staff, period, D(2024, 6, 1), score=9)
    before = _values(recorded)
    user = staff.social_worker.user

    def correct(**changes):
        arguments = {"completed_on": D(2024, 5, 1), "score": 14, "reason": ""} | changes
        return lambda: services.sdq_correct(actor=user, sdq_id=recorded.pk, version=1, **arguments)

    assert _errors(correct(score=41))["score"] == [services.ERROR_SDQ_SCORE_RANGE]
    assert _errors(correct(reason="SDQ2"))["reason"] == [services.ERROR_SDQ_REASON_WITH_SCORE]
    assert _errors(correct(completed_on=D(2024, 6, 1)))["completed_on"] == [
        services.ERROR_SDQ_SAME_DAY.format(date="1 June 2024")
    ]
    assert _errors(correct(completed_on=D(2023, 6, 1)))["completed_on"] == [
        services.ERROR_BEFORE_PERIOD.format(date="2 June 2023")
    ]
    assert _values(recorded) == before
    assert not AuditEvent.objects.filter(action="duties.sdq_correct").exists()
    # Its own day is not "another SDQ that day": the score alone can be corrected.
    services.sdq_correct(actor=user, sdq_id=recorded.pk, version=1, completed_on=D(2024, 5, 1), score=15, reason="")
    assert Sdq.objects.get(pk=recorded.pk).score == 15


def test_a_stale_correction_is_refused_and_the_first_one_stays(staff, period):
    recorded = sdq(staff, period, D(2024, 5, 1), score=14)
    user = staff.social_worker.user
    services.sdq_correct(actor=user, sdq_id=recorded.pk, version=1, completed_on=D(2024, 5, 1), score=15)
    with pytest.raises(ValidationError) as raised:
        services.sdq_correct(actor=user, sdq_id=recorded.pk, version=1, completed_on=D(2024, 5, 1), score=20)
    assert raised.value.messages == [services.ERROR_OC2_CHANGED_MEANWHILE]
    assert (Sdq.objects.get(pk=recorded.pk).score, Sdq.objects.get(pk=recorded.pk).version) == (15, 2)


def test_a_health_status_is_corrected_refused_when_bad_and_when_stale(staff, period):
    recorded = health_status(staff, period, "IMM", D(2024, 9, 1), up_to_date=False)
    user = staff.social_worker.user
    before = _values(recorded)
    # Ada was 12 on 1 September 2024: development checks are for the under-5s (rule 546).
    assert _errors(
        lambda: services.health_status_correct(
            actor=user,
            health_status_id=recorded.pk,
            version=1,
            kind="DEV",
            as_at=D(2024, 9, 1),
            up_to_date=True,
            source="GP",
        )
    ) == {"kind": [services.ERROR_DEVELOPMENT_UNDER_5.format(age=12)]}
    assert _errors(
        lambda: services.health_status_correct(
            actor=user,
            health_status_id=recorded.pk,
            version=1,
            kind="IMM",
            as_at=D(2024, 9, 1),
            up_to_date=None,
            source=" ",
        )
    ) == {"up_to_date": [services.ERROR_UP_TO_DATE_REQUIRED], "source": [services.ERROR_SOURCE_REQUIRED]}
    assert _values(recorded) == before
    services.health_status_correct(
        actor=user,
        health_status_id=recorded.pk,
        version=1,
        kind="IMM",
        as_at=D(2024, 9, 2),
        up_to_date=True,
        source=" GP ",
    )
    assert (HealthStatus.objects.values_list("as_at", "up_to_date", "source", "version").get()) == (
        D(2024, 9, 2),
        True,
        "GP",
        2,
    )
    assert AuditEvent.objects.get(action="duties.health_status_correct").detail == {
        "changed": ["as_at", "source", "up_to_date"]
    }
    with pytest.raises(ValidationError) as raised:
        services.health_status_correct(
            actor=user,
            health_status_id=recorded.pk,
            version=1,
            kind="IMM",
            as_at=D(2024, 9, 3),
            up_to_date=False,
            source="GP",
        )
    assert raised.value.messages == [services.ERROR_OC2_CHANGED_MEANWHILE]
    assert HealthStatus.objects.get().as_at == D(2024, 9, 2)


def test_a_conviction_is_corrected_refused_when_bad_and_when_stale(staff, period):
    recorded = conviction(staff, period, D(2024, 3, 1))
    user = staff.social_worker.user
    before = _values(recorded)
    # Ada turned 10 on 10 January 2022, before this period: a date before the period is refused, as is
    # an empty offence.
    errors = _errors(
        lambda: services.conviction_correct(
            actor=user, conviction_id=recorded.pk, version=1, convicted_on=D(2023, 1, 1), offence=""
        )
    )
    assert errors == {
        "convicted_on": [services.ERROR_BEFORE_PERIOD.format(date="2 June 2023")],
        "offence": [services.ERROR_OFFENCE_REQUIRED],
    }
    assert _values(recorded) == before
    services.conviction_correct(
        actor=user, conviction_id=recorded.pk, version=1, convicted_on=D(2024, 3, 4), offence="Theft"
    )
    assert Conviction.objects.values_list("convicted_on", "offence", "version").get() == (D(2024, 3, 4), "Theft", 2)
    with pytest.raises(ValidationError) as raised:
        services.conviction_correct(
            actor=user, conviction_id=recorded.pk, version=1, convicted_on=D(2024, 3, 5), offence="Theft"
        )
    assert raised.value.messages == [services.ERROR_OC2_CHANGED_MEANWHILE]


def test_a_conviction_under_10_is_refused_when_corrected_too(staff):
    young = looked_after_child(staff, new_child(staff, "Cal", "Brightwater", D(2014, 6, 1)), D(2023, 6, 2))
    recorded = conviction(staff, young, D(2024, 7, 1))  # 10 on 1 June 2024
    assert _errors(
        lambda: services.conviction_correct(
            actor=staff.social_worker.user,
            conviction_id=recorded.pk,
            version=1,
            convicted_on=D(2024, 5, 31),
            offence="Theft",
        )
    ) == {"convicted_on": [services.ERROR_CONVICTION_UNDER_10.format(age=9)]}
    assert Conviction.objects.get().convicted_on == D(2024, 7, 1)


def test_substance_misuse_is_corrected_refused_when_bad_and_when_stale(staff, period):
    recorded = substance_misuse(staff, period, D(2024, 4, 1), "NOT_OFFERED")
    other = substance_misuse(staff, period, D(2024, 8, 1), "RECEIVED")
    user = staff.social_worker.user
    before = _values(recorded)
    errors = _errors(
        lambda: services.substance_misuse_correct(
            actor=user,
            substance_misuse_id=recorded.pk,
            version=1,
            identified_on=other.identified_on,
            intervention="BOTH",
        )
    )
    assert errors == {
        "intervention": [services.ERROR_INTERVENTION],
        "identified_on": [services.ERROR_MISUSE_SAME_DAY.format(date="1 August 2024")],
    }
    assert _values(recorded) == before
    services.substance_misuse_correct(
        actor=user,
        substance_misuse_id=recorded.pk,
        version=1,
        identified_on=D(2024, 4, 1),
        intervention="REFUSED",
        note="Offered by the YOT worker",
    )
    recorded.refresh_from_db()
    assert (recorded.intervention, recorded.note, recorded.version) == ("REFUSED", "Offered by the YOT worker", 2)
    with pytest.raises(ValidationError) as raised:
        services.substance_misuse_correct(
            actor=user,
            substance_misuse_id=recorded.pk,
            version=1,
            identified_on=D(2024, 4, 1),
            intervention="RECEIVED",
        )
    assert raised.value.messages == [services.ERROR_OC2_CHANGED_MEANWHILE]
    assert SubstanceMisuse.objects.get(pk=recorded.pk).intervention == "REFUSED"


def test_only_a_case_worker_corrects(staff, period):
    recorded = sdq(staff, period, D(2024, 5, 1), score=14)
    with pytest.raises(ValidationError):
        services.sdq_correct(actor=staff.councillor, sdq_id=recorded.pk, version=1, completed_on=D(2024, 5, 1), score=3)
    assert Sdq.objects.get().score == 14


# The pages --------------------------------------------------------------------------------------


def _date(name: str, day: datetime.date) -> dict:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def test_an_sdq_is_corrected_through_its_page(staff, period, client):
    recorded = sdq(staff, period, D(2024, 5, 1), score=14)
    client.force_login(staff.social_worker.user)
    history = client.get(reverse("duties:sdq_record", args=[period.pk])).content.decode()
    url = reverse("duties:sdq_correct", args=[recorded.pk])
    assert url in history  # the history links each fact to its correction
    form = client.get(url).content.decode()
    assert 'name="score" value="14"' in form and 'name="version" value="1"' in form
    bad = client.post(url, _date("completed_on", D(2024, 5, 1)) | {"score": "12", "reason": "SDQ2", "version": "1"})
    assert "Give a reason only when there is no SDQ score (903 rule 197a)" in bad.content.decode()
    assert Sdq.objects.get().score == 14
    no_version = client.post(url, _date("completed_on", D(2024, 5, 1)) | {"score": "12"})
    assert ERROR_MISSING_VERSION in no_version.content.decode()
    assert Sdq.objects.get().score == 14
    done = client.post(url, _date("completed_on", D(2024, 5, 1)) | {"score": "12", "version": "1"})
    assert done.status_code == 302 and Sdq.objects.get().score == 12
    stale = client.post(url, _date("completed_on", D(2024, 5, 1)) | {"score": "30", "version": "1"})
    assert "Someone else changed this while you had the page open" in stale.content.decode()
    assert Sdq.objects.get().score == 12


def test_the_other_oc2_facts_are_corrected_through_their_pages(staff, period, client):
    status = health_status(staff, period, "IMM", D(2024, 9, 1), up_to_date=False)
    convicted = conviction(staff, period, D(2024, 3, 1))
    misuse = substance_misuse(staff, period, D(2024, 4, 1), "NOT_OFFERED")
    client.force_login(staff.social_worker.user)
    post = client.post(
        reverse("duties:health_status_correct", args=[status.pk]),
        _date("as_at", D(2024, 9, 1)) | {"kind": "IMM", "up_to_date": "yes", "source": "LAC nurse", "version": "1"},
    )
    assert post.status_code == 302 and HealthStatus.objects.get().up_to_date is True
    post = client.post(
        reverse("duties:conviction_correct", args=[convicted.pk]),
        _date("convicted_on", D(2024, 3, 1)) | {"offence": "Shoplifting", "version": "1"},
    )
    assert post.status_code == 302 and Conviction.objects.get().offence == "Shoplifting"
    post = client.post(
        reverse("duties:substance_misuse_correct", args=[misuse.pk]),
        _date("identified_on", D(2024, 4, 1)) | {"intervention": "RECEIVED", "note": "", "version": "1"},
    )
    assert post.status_code == 302 and SubstanceMisuse.objects.get().intervention == "RECEIVED"
    period_page = client.get(reverse("care:period", args=[period.pk])).content.decode()
    assert reverse("duties:conviction_correct", args=[convicted.pk]) in period_page


def test_a_worker_off_the_case_cannot_open_a_correction(staff, period, client):
    recorded = sdq(staff, period, D(2024, 5, 1), score=14)
    client.force_login(staff.other_social_worker.user)
    assert client.get(reverse("duties:sdq_correct", args=[recorded.pk])).status_code == 403
