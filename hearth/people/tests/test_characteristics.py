"""The child's characteristics: each service, each DfE rule refused when recorded, and the reading
of each as on a day (hand-worked examples). Today is 15 October 2025 throughout."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hearth.audit.models import AuditEvent
from hearth.people import characteristics_services as services
from hearth.people.characteristics_selectors import (
    characteristics_of,
    characteristics_on,
    school_age_reference_date,
)
from hearth.people.models import (
    Child,
    DisabilityRecord,
    EthnicityRecord,
    RecordedDisability,
    Relationship,
    Sex,
    UascRecord,
    UpnUnknownRecord,
)
from hearth.people.services import (
    ERROR_PR_NOT_FOR_CHILDREN,
    child_identity_update,
    relationship_add,
    relationship_end,
)
from hearth.testing.journeys import new_child

D = datetime.date
TODAY = D(2025, 10, 15)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.datetime(2025, 10, 15, 11, 0, tzinfo=datetime.UTC)):
        yield


@pytest.fixture
def worker(staff):
    return staff.social_worker.user


@pytest.fixture
def child(staff):
    return new_child(staff, "Ada", "Fenwick", born=D(2012, 5, 20))


def refused(call, **arguments) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call(**arguments)
    return caught.value


def nothing_recorded():
    return not (
        EthnicityRecord.objects.exists()
        or UpnUnknownRecord.objects.exists()
        or DisabilityRecord.objects.exists()
        or UascRecord.objects.exists()
        or AuditEvent.objects.filter(action__startswith="child.").exclude(action="child.create").exists()
    )


# Ethnicity ------------------------------------------------------------------------------------


def test_ethnicity_is_recorded_with_its_date_and_audited(worker, child):
    record = services.ethnicity_record(actor=worker, child_id=child.pk, ethnicity="MWBC", applies_from=D(2025, 9, 1))
    assert (record.ethnicity, record.applies_from, record.recorded_by) == ("MWBC", D(2025, 9, 1), worker)
    event = AuditEvent.objects.get(action="child.ethnicity_record", child=child)
    assert event.detail == {"ethnicity": "MWBC", "applies_from": "2025-09-01"}


@pytest.mark.parametrize(
    ("ethnicity", "applies_from", "field", "message"),
    [
        ("WHITE", D(2025, 9, 1), "ethnicity", services.ERROR_ETHNICITY_REQUIRED),  # 903 rule 103
        ("wbri", D(2025, 9, 1), "ethnicity", services.ERROR_ETHNICITY_REQUIRED),  # the code as the DfE spells it
        ("", D(2025, 9, 1), "ethnicity", services.ERROR_ETHNICITY_REQUIRED),
        ("WBRI", D(2025, 10, 16), "applies_from", services.ERROR_APPLIES_FROM_IN_FUTURE),
        ("WBRI", D(2012, 5, 19), "applies_from", services.ERROR_APPLIES_FROM_BEFORE_BIRTH.format(born="20 May 2012")),
        ("WBRI", None, "applies_from", services.ERROR_APPLIES_FROM_REQUIRED),
    ],
)
def test_ethnicity_refused_with_nothing_written(worker, child, ethnicity, applies_from, field, message):
    error = refused(
        services.ethnicity_record, actor=worker, child_id=child.pk, ethnicity=ethnicity, applies_from=applies_from
    )
    assert error.message_dict[field] == [message]
    assert nothing_recorded()


def test_the_database_refuses_an_ethnicity_outside_the_dfe_list(worker, child):
    with pytest.raises(IntegrityError), transaction.atomic():
        EthnicityRecord.objects.create(child=child, ethnicity="XXXX", applies_from=D(2025, 1, 1), recorded_by=worker)


def test_ethnicity_as_on_a_day_is_the_last_recorded_of_those_applying_by_then(worker, child):
    """Not yet obtained at the first contact (10 January 2024); White British given on 1 June
    2025: the return as at 31 March 2025 says NOBT and the one as at 31 March 2026 says WBRI. Then
    a correction, recorded today and dated from the first contact, says the child is White Irish
    on every day from that contact: the old recordings stay in the history."""
    services.ethnicity_record(actor=worker, child_id=child.pk, ethnicity="NOBT", applies_from=D(2024, 1, 10))
    services.ethnicity_record(actor=worker, child_id=child.pk, ethnicity="WBRI", applies_from=D(2025, 6, 1))
    assert characteristics_on(child, D(2024, 1, 9)).ethnicity is None
    assert characteristics_on(child, D(2025, 3, 31)).ethnicity == "NOBT"
    assert characteristics_on(child, D(2025, 6, 1)).ethnicity == "WBRI"
    services.ethnicity_record(actor=worker, child_id=child.pk, ethnicity="WIRI", applies_from=D(2024, 1, 10))
    assert characteristics_on(child, D(2025, 3, 31)).ethnicity == "WIRI"
    assert characteristics_on(child, D(2025, 10, 15)).ethnicity == "WIRI"
    assert EthnicityRecord.objects.filter(child=child).count() == 3


# UPN not known --------------------------------------------------------------------------------


def test_the_school_age_reference_date_is_31_august_of_the_year_before_the_return_year():
    # Rule 209: for the return of 1 April 2025 to 31 March 2026, 31 August 2024.
    assert school_age_reference_date(D(2025, 4, 1)) == D(2024, 8, 31)
    assert school_age_reference_date(D(2026, 3, 31)) == D(2024, 8, 31)
    assert school_age_reference_date(D(2025, 3, 31)) == D(2023, 8, 31)


def test_a_reason_the_upn_is_not_known_reads_in_the_upn_column_until_the_upn_is_known(staff, worker, child):
    services.upn_unknown_record(actor=worker, child_id=child.pk, reason="UN2", applies_from=D(2025, 9, 1))
    assert characteristics_on(child, D(2025, 8, 31)).upn is None
    assert characteristics_on(child, D(2025, 9, 1)).upn == "UN2"
    event = AuditEvent.objects.get(action="child.upn_unknown_record", child=child)
    assert event.detail == {"reason": "UN2", "applies_from": "2025-09-01"}
    # The UPN is the child's for life: once known, it is the answer on every day.
    child = child_identity_update(
        actor=worker,
        child_id=child.pk,
        expected_version=child.version,
        first_name=child.first_name,
        last_name=child.last_name,
        date_of_birth=child.date_of_birth,
        sex=child.sex,
        nhs_number=child.nhs_number,
        upn="T999123415001",
        postcode=child.postcode,
    )
    assert characteristics_on(child, D(2025, 9, 1)).upn == "T999123415001"
    assert characteristics_on(child, D(2020, 1, 1)).upn == "T999123415001"


def test_no_reason_for_a_child_whose_upn_is_recorded(staff, worker):
    child = new_child(staff, "Ben", "Upnholder", born=D(2014, 3, 1))
    child = child_identity_update(
        actor=worker,
        child_id=child.pk,
        expected_version=child.version,
        first_name=child.first_name,
        last_name=child.last_name,
        date_of_birth=child.date_of_birth,
        sex=child.sex,
        nhs_number=child.nhs_number,
        upn="T999123415001",
        postcode=child.postcode,
    )
    error = refused(services.upn_unknown_record, actor=worker, child_id=child.pk, reason="UN4", applies_from=TODAY)
    assert error.messages == [services.ERROR_UPN_IS_KNOWN.format(upn="T999123415001")]  # rule 168
    assert not UpnUnknownRecord.objects.exists()


@pytest.mark.parametrize(
    ("born", "allowed"),
    [
        # This year's return (1 April 2025 to 31 March 2026) counts a child 4 by 31 August 2024 as of
        # school age (rule 209): born 31 August 2020, 4 that day; born 1 September 2020, 4 a day late.
        (D(2020, 8, 31), False),
        (D(2020, 9, 1), True),
        (D(2023, 2, 1), True),
    ],
)
def test_un1_only_for_a_child_not_yet_of_school_age(staff, worker, born, allowed):
    child = new_child(staff, "Cleo", "Young", born=born)
    arguments = {"actor": worker, "child_id": child.pk, "reason": "UN1", "applies_from": D(2025, 9, 1)}
    if allowed:
        assert services.upn_unknown_record(**arguments).reason == "UN1"
    else:
        error = refused(services.upn_unknown_record, **arguments)
        assert error.message_dict["reason"] == [services.ERROR_UN1_FOR_SCHOOL_AGE.format(reference="31 August 2024")]
        assert not UpnUnknownRecord.objects.exists()


@pytest.mark.parametrize("reason", ["UN8", "un2", "", "T999123415001"])
def test_only_the_dfes_reasons_un1_to_un7(worker, child, reason):
    error = refused(services.upn_unknown_record, actor=worker, child_id=child.pk, reason=reason, applies_from=TODAY)
    assert error.message_dict["reason"] == [services.ERROR_UPN_REASON_REQUIRED]
    assert nothing_recorded()


@pytest.mark.parametrize("reason", ["UN6", "UN7"])
def test_the_census_only_reasons_are_recorded(worker, child, reason):
    """UN6 and UN7 are the CIN census's (its validator's rule 8770Q accepts them); the 903 never
    sends them (hearth/returns/ssda903/header.py)."""
    services.upn_unknown_record(actor=worker, child_id=child.pk, reason=reason, applies_from=TODAY)
    assert characteristics_on(child, TODAY).upn == reason


# Disabilities ---------------------------------------------------------------------------------


def test_disabilities_are_recorded_once_each_in_the_census_order(worker, child):
    record = services.disabilities_record(
        actor=worker, child_id=child.pk, disabilities=["LD", "MOB", "LD"], applies_from=D(2025, 7, 1)
    )
    assert sorted(record.disabilities.values_list("disability", flat=True)) == ["LD", "MOB"]
    assert characteristics_on(child, D(2025, 7, 1)).disabilities == ("MOB", "LD")
    assert characteristics_on(child, D(2025, 6, 30)).disabilities == ()
    services.disabilities_record(actor=worker, child_id=child.pk, disabilities=["NONE"], applies_from=D(2025, 9, 1))
    assert characteristics_on(child, D(2025, 10, 1)).disabilities == ("NONE",)
    assert characteristics_on(child, D(2025, 8, 1)).disabilities == ("MOB", "LD")
    assert AuditEvent.objects.filter(action="child.disabilities_record", child=child).count() == 2


@pytest.mark.parametrize(
    ("disabilities", "message"),
    [
        ([], services.ERROR_DISABILITY_REQUIRED),  # CIN census rule 8540
        (["NONE", "AUT"], services.ERROR_NO_DISABILITY_WITH_OTHERS),  # rule 8790
        (["ASD"], services.ERROR_DISABILITY_UNKNOWN),  # rule 8540
    ],
)
def test_disabilities_refused_with_nothing_written(worker, child, disabilities, message):
    error = refused(
        services.disabilities_record, actor=worker, child_id=child.pk, disabilities=disabilities, applies_from=TODAY
    )
    assert error.message_dict["disabilities"] == [message]
    assert nothing_recorded()


def test_the_database_refuses_a_disability_twice_in_one_record(worker, child):
    record = services.disabilities_record(actor=worker, child_id=child.pk, disabilities=["HEAR"], applies_from=TODAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        RecordedDisability.objects.create(record=record, disability="HEAR")  # rule 8794


# Unaccompanied asylum-seeking children --------------------------------------------------------


@pytest.fixture
def arrival(staff):
    """A boy born 10 February 2009 (18 on 10 February 2027) who arrived alone on 3 March 2025."""
    child = new_child(staff, "Dawit", "Tesfaye", born=D(2009, 2, 10))
    child.sex = Sex.MALE
    child.save()
    return child


def test_uasc_status_to_the_18th_birthday_when_no_end_is_recorded(worker, arrival):
    services.uasc_record(actor=worker, child_id=arrival.pk, uasc_from=D(2025, 3, 3))
    assert characteristics_on(arrival, D(2025, 3, 2)).uasc is None
    on = characteristics_on(arrival, D(2025, 3, 31)).uasc
    # Still UASC on 31 March 2025: DUC is when the status will end, the 18th birthday (rule 304).
    assert (on.uasc_from, on.ceased_on, on.duc, on.is_uasc) == (D(2025, 3, 3), None, D(2027, 2, 10), True)
    assert characteristics_on(arrival, D(2027, 2, 10)).uasc.is_uasc is False
    event = AuditEvent.objects.get(action="child.uasc_record", child=arrival)
    assert event.detail == {"uasc_from": "2025-03-03", "ceased_on": None, "cease_reason": ""}


def test_uasc_status_ceases_when_leave_is_granted_and_the_old_recording_stays(worker, arrival):
    services.uasc_record(actor=worker, child_id=arrival.pk, uasc_from=D(2025, 3, 3))
    services.uasc_record(
        actor=worker, child_id=arrival.pk, uasc_from=D(2025, 3, 3), ceased_on=D(2025, 9, 22), cease_reason="GRANTED"
    )
    before = characteristics_on(arrival, D(2025, 3, 31)).uasc
    assert (before.duc, before.is_uasc) == (D(2027, 2, 10), True)  # as at 31 March 2025, not yet ceased
    after = characteristics_on(arrival, D(2026, 3, 31)).uasc
    assert (after.ceased_on, after.duc, after.is_uasc) == (D(2025, 9, 22), D(2025, 9, 22), False)
    assert UascRecord.objects.filter(child=arrival).count() == 2


@pytest.mark.parametrize(
    ("arguments", "field", "message"),
    [
        ({"uasc_from": D(2025, 10, 16)}, "uasc_from", services.ERROR_UASC_FROM_IN_FUTURE),
        (
            {"uasc_from": D(2009, 2, 9)},
            "uasc_from",
            services.ERROR_UASC_FROM_BEFORE_BIRTH.format(born="10 February 2009"),
        ),
        ({"uasc_from": None}, "uasc_from", services.ERROR_UASC_FROM_REQUIRED),
        (
            {"uasc_from": D(2025, 3, 3), "ceased_on": D(2025, 3, 2), "cease_reason": "GRANTED"},
            "ceased_on",
            services.ERROR_UASC_CEASED_BEFORE_START.format(started="3 March 2025"),
        ),
        (
            {"uasc_from": D(2025, 3, 3), "ceased_on": D(2025, 10, 16), "cease_reason": "GRANTED"},
            "ceased_on",
            services.ERROR_UASC_CEASED_IN_FUTURE,
        ),
        (
            {"uasc_from": D(2025, 3, 3), "ceased_on": D(2025, 9, 1)},
            "cease_reason",
            services.ERROR_UASC_CEASE_REASON_REQUIRED,
        ),
        (
            {"uasc_from": D(2025, 3, 3), "cease_reason": "GRANTED"},
            "cease_reason",
            services.ERROR_UASC_CEASE_REASON_WITHOUT_DATE,
        ),
    ],
)
def test_uasc_status_refused_with_nothing_written(worker, arrival, arguments, field, message):
    error = refused(services.uasc_record, actor=worker, child_id=arrival.pk, **arguments)
    assert error.message_dict[field] == [message]
    assert nothing_recorded()


def test_uasc_status_ends_at_18_at_the_latest(staff, worker):
    """Born 1 October 2007: 18 on 1 October 2025. The status cannot start on that day, and cannot be
    recorded as ceasing after it (903 rule 304: DUC on or before the 18th birthday)."""
    child = new_child(staff, "Hamid", "Karimi", born=D(2007, 10, 1))
    eighteen = "1 October 2025"
    error = refused(services.uasc_record, actor=worker, child_id=child.pk, uasc_from=D(2025, 10, 1))
    assert error.message_dict["uasc_from"] == [services.ERROR_UASC_FROM_ADULT.format(eighteen=eighteen)]
    error = refused(
        services.uasc_record,
        actor=worker,
        child_id=child.pk,
        uasc_from=D(2024, 6, 1),
        ceased_on=D(2025, 10, 2),
        cease_reason="OTHER",
    )
    assert error.message_dict["ceased_on"] == [services.ERROR_UASC_CEASED_AFTER_18.format(eighteen=eighteen)]
    assert nothing_recorded()
    services.uasc_record(
        actor=worker, child_id=child.pk, uasc_from=D(2024, 6, 1), ceased_on=D(2025, 10, 1), cease_reason="OTHER"
    )


def test_the_database_refuses_a_uasc_status_ending_before_it_starts_or_without_a_reason(worker, arrival):
    with pytest.raises(IntegrityError), transaction.atomic():
        UascRecord.objects.create(
            child=arrival, uasc_from=D(2025, 3, 3), ceased_on=D(2025, 3, 2), cease_reason="OTHER", recorded_by=worker
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        UascRecord.objects.create(child=arrival, uasc_from=D(2025, 3, 3), ceased_on=D(2025, 4, 2), recorded_by=worker)


# Mothers: read from the family record ---------------------------------------------------------


@pytest.fixture
def young_woman(staff):
    """Born 14 July 2008."""
    child = new_child(staff, "Ellie", "Marsh", born=D(2008, 7, 14))
    child.sex = Sex.FEMALE
    child.save()
    return child


def own_child(worker, young_person, born, first_name="Poppy"):
    return relationship_add(
        actor=worker,
        child_id=young_person.pk,
        relationship_code="OWN_CHILD",
        person={"first_name": first_name, "last_name": young_person.last_name, "date_of_birth": born},
    )


def test_a_young_woman_is_a_mother_from_her_first_childs_birth(worker, young_woman):
    """Her son born 2 February 2025 and her daughter 30 September 2025: MOTHER 0 as at 31 March
    2024, 1 with MC_DOB 2 February 2025 as at 31 March 2025 and after (the first child's birth)."""
    own_child(worker, young_woman, D(2025, 9, 30))
    own_child(worker, young_woman, D(2025, 2, 2), first_name="Alfie")
    assert (
        characteristics_on(young_woman, D(2024, 3, 31)).mother,
        characteristics_on(young_woman, D(2024, 3, 31)).mother_child_born_on,
    ) == ("0", None)
    on = characteristics_on(young_woman, D(2025, 3, 31))
    assert (on.mother, on.mother_child_born_on) == ("1", D(2025, 2, 2))
    assert characteristics_on(young_woman, D(2026, 3, 31)).mother_child_born_on == D(2025, 2, 2)


def test_mother_stays_a_mother_when_the_link_ends_but_not_when_it_was_recorded_by_mistake(worker, young_woman):
    adopted = own_child(worker, young_woman, D(2025, 2, 2))
    relationship_end(actor=worker, relationship_id=adopted.pk, ended_on=D(2025, 9, 1), reason="Adopted")
    assert characteristics_on(young_woman, D(2026, 3, 31)).mother == "1"  # 903 rule 207: once a mother, always
    mistaken = own_child(worker, young_woman, D(2024, 5, 5), first_name="Wrong")
    relationship_end(
        actor=worker, relationship_id=mistaken.pk, ended_on=TODAY, reason="Another family's baby", in_error=True
    )
    assert Relationship.objects.get(pk=mistaken.pk).ended_in_error
    assert characteristics_on(young_woman, D(2026, 3, 31)).mother_child_born_on == D(2025, 2, 2)


def test_mother_only_for_a_child_recorded_as_female(staff, worker):
    """A young father's own child is kept in his family record; the 903 asks about mothers only
    (rules 165, 174: no MOTHER or MC_DOB for a male)."""
    father = new_child(staff, "Finn", "Marsh", born=D(2008, 1, 3))
    father.sex = Sex.MALE
    father.save()
    own_child(worker, father, D(2025, 2, 2))
    on = characteristics_on(father, D(2026, 3, 31))
    assert (on.mother, on.mother_child_born_on) == (None, None)


@pytest.mark.parametrize(
    ("born", "message"),
    [
        (None, services.ERROR_OWN_CHILD_BIRTH_REQUIRED),  # rule 611
        (D(2008, 7, 14), services.ERROR_OWN_CHILD_BORN_BEFORE_PARENT.format(born="14 July 2008")),  # rule 621
        (D(2019, 9, 1), services.ERROR_MOTHER_UNDER_11),  # rule 620: 1 April 2019, she was 10
    ],
)
def test_an_own_child_link_refused_with_nothing_written(worker, young_woman, born, message):
    error = refused(own_child, worker=worker, young_person=young_woman, born=born)
    assert error.message_dict["date_of_birth"] == [message]
    assert not Relationship.objects.exists()


def test_a_mother_of_11_on_1_april_before_the_birth_is_accepted(worker, young_woman):
    # 11 on 14 July 2019; the return year from 1 April 2020 is the first in which she is 11 throughout.
    assert own_child(worker, young_woman, D(2020, 4, 1)).person.date_of_birth == D(2020, 4, 1)
    error = refused(own_child, worker=worker, young_person=young_woman, born=D(2020, 3, 31))
    assert error.message_dict["date_of_birth"] == [services.ERROR_MOTHER_UNDER_11]


def test_the_own_childs_date_of_birth_is_checked_when_the_person_is_already_recorded(staff, worker, young_woman):
    # The baby is already in her brother's family record, without a date of birth.
    brother = new_child(staff, "Gus", "Marsh", born=D(2014, 1, 1))
    link = relationship_add(
        actor=worker, child_id=brother.pk, relationship_code="FAMILY_OTHER", person={"last_name": "Marsh"}
    )
    error = refused(
        relationship_add, actor=worker, child_id=young_woman.pk, relationship_code="OWN_CHILD", person_id=link.person_id
    )
    assert error.message_dict["date_of_birth"] == [services.ERROR_OWN_CHILD_BIRTH_REQUIRED]


def test_an_own_child_holds_no_parental_responsibility_for_the_young_person(worker, young_woman):
    error = refused(
        relationship_add,
        actor=worker,
        child_id=young_woman.pk,
        relationship_code="OWN_CHILD",
        person={"first_name": "Poppy", "last_name": "Marsh", "date_of_birth": D(2025, 2, 2)},
        has_parental_responsibility=True,
    )
    assert error.message_dict["has_parental_responsibility"] == [ERROR_PR_NOT_FOR_CHILDREN]


# Many children at once, for a return ----------------------------------------------------------


def test_many_childrens_characteristics_in_a_fixed_number_of_queries(
    staff, worker, child, young_woman, django_assert_num_queries
):
    services.ethnicity_record(actor=worker, child_id=child.pk, ethnicity="WBRI", applies_from=D(2025, 1, 1))
    services.disabilities_record(
        actor=worker, child_id=young_woman.pk, disabilities=["VIS"], applies_from=D(2025, 1, 1)
    )
    own_child(worker, young_woman, D(2025, 2, 2))
    children = list(Child.objects.all())
    with django_assert_num_queries(6):
        found = characteristics_of(children, D(2025, 3, 31))
    assert found[child.pk].ethnicity == "WBRI" and found[child.pk].mother is None  # sex not known
    assert found[young_woman.pk].disabilities == ("VIS",) and found[young_woman.pk].mother == "1"
