"""Exporting Ofsted's Annex A: the page (who may open it, the period form with its default and its
errors), the workbook it answers, the audit row of every export, restricted and sealed children
left out of a person's export (and counted), and the command line."""

import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.people import services as people_services
from hearth.returns.annex_a.export import (
    ERROR_END_BEFORE_START,
    ERROR_END_IN_FUTURE,
    annex_a_export,
    default_period,
)
from hearth.returns.annex_a.rows import Period
from hearth.testing import adoption_journeys as adoption
from hearth.testing.journeys import at, new_child, new_contact

pytestmark = pytest.mark.django_db
D = datetime.date
PERIOD = Period(D(2026, 3, 1), D(2026, 8, 31))
URL = reverse("returns:annex_a")
AFTER_TOMORROW = datetime.date.today() + datetime.timedelta(days=2)


def period_data(start: datetime.date, end: datetime.date) -> dict:
    return {
        "period_start_day": start.day,
        "period_start_month": start.month,
        "period_start_year": start.year,
        "period_end_day": end.day,
        "period_end_month": end.month,
        "period_end_year": end.year,
    }


def about(content: bytes) -> dict:
    """The About sheet's rows by their first cell: (list, rows, not listed, notes)."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    return {row[0]: row for row in book["About this workbook"].iter_rows(values_only=True) if row[0]}


def exports():
    return AuditEvent.objects.filter(action="returns.annex_a_exported")


@pytest.fixture
def contacted_child(staff):
    child = new_child(staff, "Ruby", "Ash", born=D(2015, 6, 1))
    new_contact(staff, child, at(D(2026, 4, 1), 10))
    return child


def test_the_default_period_is_the_six_months_before_today():
    assert default_period(D(2026, 12, 7)) == Period(D(2026, 6, 7), D(2026, 12, 6))
    assert default_period(D(2026, 8, 31)) == Period(D(2026, 2, 28), D(2026, 8, 30))


@pytest.mark.parametrize("persona", ["performance_officer", "service_manager"])
def test_performance_officers_and_service_managers_open_the_page_with_the_default_period(staff, client_for, persona):
    response = client_for(getattr(staff, persona)).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    default = default_period()
    assert f'name="period_start_day" type="text" inputmode="numeric" value="{default.start.day}"' in page
    assert f'name="period_end_year" type="text" inputmode="numeric" value="{default.end.year}"' in page
    assert "List 2: Early help" in page and "Early help is not recorded in Hearth" in page


@pytest.mark.parametrize("persona", ["social_worker", "team_manager", "screener", "iro", "director", "councillor"])
def test_everyone_else_is_refused_and_the_refusal_recorded(staff, client_for, persona):
    person = getattr(staff, persona)
    user = getattr(person, "user", person)
    assert client_for(user).get(URL).status_code == 403
    assert client_for(user).post(URL, period_data(PERIOD.start, PERIOD.end)).status_code == 403
    assert AuditEvent.objects.filter(action="access.refused", actor=user).count() == 2
    assert not exports().exists()


def test_downloading_the_workbook_is_audited(staff, client_for, contacted_child):
    response = client_for(staff.service_manager).post(URL, period_data(PERIOD.start, PERIOD.end))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="annex-a-20260301-to-20260831.xlsx"'
    assert about(response.content)["List 1 - Contacts"][1:3] == (1, 0)
    event = exports().get()
    assert event.actor == staff.service_manager
    assert event.detail["from"] == "2026-03-01" and event.detail["to"] == "2026-08-31"
    assert event.detail["source"] == "page"
    assert event.detail["rows"]["List 1 - Contacts"] == 1
    assert event.detail["withheld"] == {}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (period_data(D(2026, 8, 31), D(2026, 3, 1)), "period_end", ERROR_END_BEFORE_START),
        (period_data(D(2026, 3, 1), AFTER_TOMORROW), "period_end", ERROR_END_IN_FUTURE),
        (period_data(D(2026, 3, 1), D(2026, 8, 31)) | {"period_start_day": "31", "period_start_month": "2"},
         "period_start", "Enter a real date, for example 27 3 2025"),
        (period_data(D(2026, 3, 1), D(2026, 8, 31)) | {"period_start_day": "", "period_start_month": "",
                                                       "period_start_year": ""},
         "period_start", "Enter the first day of the period"),
    ],
)  # fmt: skip
def test_a_bad_period_gets_a_message_and_nothing_is_exported(staff, client_for, data, field, message):
    response = client_for(staff.performance_officer).post(URL, data)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response.context["form"].errors[field] == [message]
    assert message in response.content.decode()
    assert not exports().exists()


def test_a_restricted_child_is_left_out_of_the_export_of_anyone_not_named_and_counted(staff, contacted_child):
    people_services.child_restrict(
        actor=staff.service_manager,
        child_id=contacted_child.pk,
        reason="A child of a member of staff",
        allowed_user_ids=[staff.service_manager.pk, staff.director.pk],
    )

    refused = annex_a_export(actor=staff.performance_officer, period=PERIOD)
    assert about(refused.content)["List 1 - Contacts"][1:3] == (0, 1)
    assert "1 row not listed" in about(refused.content)["List 1 - Contacts"][3]
    assert exports().get().detail["withheld"] == {"List 1 - Contacts": 1}
    assert not AuditEvent.objects.filter(action="child.export", child=contacted_child).exists()

    named = annex_a_export(actor=staff.service_manager, period=PERIOD)
    assert about(named.content)["List 1 - Contacts"][1:3] == (1, 0)
    on_the_childs_log = AuditEvent.objects.get(action="child.export", child=contacted_child)
    assert on_the_childs_log.actor == staff.service_manager
    assert on_the_childs_log.detail == {"export": "Ofsted Annex A", "from": "2026-03-01", "to": "2026-08-31"}


def test_a_sealed_adoption_record_is_listed_only_for_someone_who_opened_it_with_a_reason(staff):
    """Ada, adopted on 1 October 2025 (in the 12 months to 31 August 2026): her record is sealed."""
    ada = adoption.adopted_child(staff, "Ada", adopted_on=D(2025, 10, 1)).child

    refused = annex_a_export(actor=staff.service_manager, period=PERIOD)
    assert about(refused.content)["List 10 - Adoption"][1:3] == (0, 1)

    staff.service_manager.user_permissions.add(Permission.objects.get(codename="open_sealed_adoption_records"))
    manager = type(staff.service_manager).objects.get(pk=staff.service_manager.pk)
    assert about(annex_a_export(actor=manager, period=PERIOD).content)["List 10 - Adoption"][1:3] == (0, 1)
    opening = people_services.sealed_record_open(
        actor=manager, child_id=ada.pk, reason="COURT", explanation="The court asks for the adoption's dates"
    )

    opened = annex_a_export(actor=manager, period=PERIOD)
    assert about(opened.content)["List 10 - Adoption"][1:3] == (1, 0)
    logged = AuditEvent.objects.get(action="child.export", child=ada)
    assert logged.detail["opening"] == opening.pk and logged.detail["reason"] == "COURT"


def test_the_command_line_writes_the_workbook_and_is_audited(staff, contacted_child, tmp_path):
    out = tmp_path / "annex-a.xlsx"
    printed = io.StringIO()
    call_command("export_annex_a", "--from", "2026-03-01", "--to", "2026-08-31", "--out", str(out), stdout=printed)

    assert about(out.read_bytes())["List 1 - Contacts"][1:3] == (1, 0)
    assert "List 1 - Contacts: 1 rows" in printed.getvalue()
    event = exports().get()
    assert event.actor is None and event.detail["source"] == "command line"

    with pytest.raises(CommandError, match="not a date"):
        call_command("export_annex_a", "--from", "1 March", "--out", str(out))
    with pytest.raises(CommandError, match=ERROR_END_BEFORE_START):
        call_command("export_annex_a", "--from", "2026-08-31", "--to", "2026-03-01", "--out", str(out))
    with pytest.raises(CommandError, match="No active user"):
        call_command("export_annex_a", "--user", "nobody", "--out", str(out))
    assert exports().count() == 1


def _restricted_contacted_children(staff, first: int, how_many: int) -> None:
    for n in range(first, first + how_many):
        child = new_child(staff, f"Child{n}", "Guarded", born=D(2014, 1, 1 + n))
        new_contact(staff, child, at(D(2026, 4, 2 + n), 10))
        people_services.child_restrict(
            actor=staff.service_manager,
            child_id=child.pk,
            reason="A child of a member of staff",
            allowed_user_ids=[staff.service_manager.pk, staff.director.pk],
        )


def _sealed_ids_read_by_an_export(client) -> tuple[int, int]:
    """(reads of every sealed record's id, child.export audit rows) while the page exports."""
    written = AuditEvent.objects.filter(action="child.export").count()
    with CaptureQueriesContext(connection) as captured:
        response = client.post(URL, period_data(PERIOD.start, PERIOD.end))
    assert response.status_code == 200
    reads = sum(1 for q in captured.captured_queries if q["sql"].startswith(ALL_SEALED_IDS))
    return reads, AuditEvent.objects.filter(action="child.export").count() - written


ALL_SEALED_IDS = 'SELECT "people_sealedrecord"."child_id" AS "child_id" FROM "people_sealedrecord"'


def test_the_export_reads_the_sealed_records_once_however_many_audit_rows_it_writes(staff, client_for):
    """Each restricted child's own log gets an audit row, and each row asks whether the record is
    sealed: the sealed ids are read once for the request, not once per row (an audit row is no
    write that a remembered read depends on: hearth/core/request_memo.py)."""
    client = client_for(staff.service_manager)
    _restricted_contacted_children(staff, 0, 1)
    reads_for_one, rows = _sealed_ids_read_by_an_export(client)
    assert rows == 1
    _restricted_contacted_children(staff, 1, 3)
    reads_for_four, rows = _sealed_ids_read_by_an_export(client)
    assert rows == 4
    assert reads_for_four == reads_for_one == 1  # it was one a row: 4 for the four children
