"""Documents: checked by size and by what they really are, stored privately under random names,
and served only to those who may see the child."""

import datetime
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.documents import services
from hearth.documents.filetypes import OLE2_MAGIC, WORD_STREAM_NAME, kind_from_content
from hearth.documents.models import Document
from hearth.documents.samples import minimal_docx, minimal_pdf, minimal_png
from hearth.testing.journeys import allocated_case, at, new_child

D = datetime.date


@pytest.fixture
def child(staff):
    child = new_child(staff, "Ellis", "Brookfield")
    allocated_case(staff, child, at(D(2025, 5, 1), 9))
    return child


def upload(staff, child, name, content, **overrides):
    arguments = {
        "actor": staff.social_worker.user,
        "child_id": child.pk,
        "document_type_code": "LETTER",
        "title": "Letter from school",
        "dated_on": D(2025, 5, 2),
        "upload": SimpleUploadedFile(name, content),
    } | overrides
    return services.document_upload(**arguments)


def stored_files() -> list[Path]:
    root = Path(settings.HEARTH_DOCUMENTS_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def legacy_word_document() -> bytes:
    # The compound-file header, padding, and a directory entry named WordDocument (UTF-16).
    return OLE2_MAGIC + b"\x00" * 1016 + WORD_STREAM_NAME + b"\x00" * 500


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("letter.pdf", minimal_pdf("Letter"), "application/pdf"),
        ("photo.PNG", minimal_png(), "image/png"),
        ("photo.jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100, "image/jpeg"),
        (
            "report.docx",
            minimal_docx("Report"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("old.doc", legacy_word_document(), "application/msword"),
    ],
)
def test_each_kind_of_file_is_kept_under_a_random_name_with_its_audit_row(staff, child, name, content, content_type):
    document = upload(staff, child, name, content)
    assert document.content_type == content_type and document.size == len(content)
    [path] = stored_files()
    assert path.read_bytes() == content
    assert path.name == document.stored_name and name.split(".")[0] not in path.name
    assert len(document.stored_name) >= 40  # 32 random bytes
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert AuditEvent.objects.filter(action="document.upload", child=child, object_id=str(document.pk)).exists()


def test_a_file_over_the_size_limit_is_refused_and_nothing_is_kept(staff, child, settings):
    settings.HEARTH_DOCUMENT_MAX_BYTES = 1024 * 1024
    too_big = minimal_pdf("Big") + b"\x00" * (1024 * 1024)
    with pytest.raises(ValidationError) as refused:
        upload(staff, child, "big.pdf", too_big)
    assert refused.value.message_dict["file"] == [services.ERROR_TOO_LARGE.format(limit=1)]
    assert not Document.objects.exists() and stored_files() == []


@pytest.mark.parametrize("name", ["run.exe", "notes.txt", "page.html", "noextension", "sheet.xlsm"])
def test_a_kind_of_file_hearth_does_not_keep_is_refused(staff, child, name):
    with pytest.raises(ValidationError) as refused:
        upload(staff, child, name, minimal_pdf("x"))
    assert refused.value.message_dict["file"] == [services.ERROR_NAME_NOT_ALLOWED]


def test_a_file_whose_name_lies_about_its_content_is_refused_with_what_it_really_is(staff, child):
    with pytest.raises(ValidationError) as refused:
        upload(staff, child, "letter.pdf", minimal_png())
    assert refused.value.message_dict["file"] == [
        services.ERROR_CONTENT_NOT_AS_NAMED.format(claimed="a PDF", actual="a PNG image")
    ]
    assert not Document.objects.exists() and stored_files() == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("letter.pdf", b"<html><script>alert(1)</script></html>"),
        ("report.docx", b"PK\x03\x04 not really a zip"),
        ("photo.jpg", b"MZ\x90\x00 an executable"),
        ("old.doc", OLE2_MAGIC + b"\x00" * 2000),  # a compound file, but not a Word one
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(staff, child, name, content):
    with pytest.raises(ValidationError) as refused:
        upload(staff, child, name, content)
    assert "but its content is not" in refused.value.message_dict["file"][0]


def test_a_zip_or_another_office_file_renamed_docx_is_refused():
    spreadsheet = io.BytesIO()
    with zipfile.ZipFile(spreadsheet, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/workbook.xml", "<workbook/>")
    assert kind_from_content(io.BytesIO(spreadsheet.getvalue())).key == "xlsx"
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as package:
        package.writestr("word/document.xml", "<w/>")
    assert kind_from_content(io.BytesIO(plain_zip.getvalue())) is None


def test_bad_details_are_refused_together(staff, child):
    with pytest.raises(ValidationError) as refused:
        upload(staff, child, "a.pdf", minimal_pdf("x"), title=" ", document_type_code="NOPE", dated_on=D(2999, 1, 1))
    assert refused.value.message_dict == {
        "document_type": [services.ERROR_TYPE_REQUIRED],
        "title": [services.ERROR_TITLE_REQUIRED],
        "dated_on": [services.ERROR_DATE_IN_FUTURE],
    }


def test_the_document_is_served_to_those_who_may_see_the_child_as_an_attachment(staff, child, client_for):
    document = upload(staff, child, "letter.pdf", minimal_pdf("Letter"))
    url = reverse("documents:download", args=[document.public_id])
    response = client_for(staff.team_manager.user).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == minimal_pdf("Letter")
    assert response["Content-Disposition"].startswith("attachment;") and "letter.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.filter(action="document.download", actor=staff.team_manager.user).exists()


def test_the_document_is_refused_to_others_with_nothing_leaked(staff, child, client_for):
    document = upload(staff, child, "letter.pdf", minimal_pdf("Letter"), title="Brookfield school letter")
    url = reverse("documents:download", args=[document.public_id])
    for user in (staff.other_social_worker.user, staff.councillor, staff.iro):
        response = client_for(user).get(url)
        assert response.status_code == 403
        page = response.content.decode()
        assert "Brookfield" not in page and "letter.pdf" not in page and "%PDF" not in page
    assert AuditEvent.objects.filter(action="access.refused", child=child).count() == 3


def test_there_is_no_guessable_url_to_a_document(staff, child, client_for):
    document = upload(staff, child, "letter.pdf", minimal_pdf("Letter"))
    url = reverse("documents:download", args=[document.public_id])
    assert str(document.public_id) in url and f"/{document.pk}/" not in url
    client = client_for(staff.service_manager)
    assert client.get(f"/documents/{document.pk}/").status_code == 404
    assert client.get(reverse("documents:download", args=["00000000-0000-4000-8000-000000000000"])).status_code == 404
    # Not under the static files, nor reachable by its stored name.
    root = Path(settings.HEARTH_DOCUMENTS_ROOT).resolve()
    assert not str(root).startswith(str(Path(settings.STATIC_ROOT).resolve()))
    assert client.get(f"/static/{document.stored_name}").status_code == 404
    assert client.get(f"/documents/{document.stored_name}").status_code == 404


def test_the_upload_page_keeps_a_file_and_lists_it_on_the_childs_page(staff, child, client_for):
    client = client_for(staff.social_worker.user)
    response = client.post(
        reverse("documents:upload", args=[child.pk]),
        {
            "file": SimpleUploadedFile("plan.pdf", minimal_pdf("Plan")),
            "document_type": "PLAN",
            "title": "Child in need plan",
            "dated_on_day": "2",
            "dated_on_month": "5",
            "dated_on_year": "2025",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("people:child_detail", args=[child.pk])).content.decode()
    document = Document.objects.get()
    assert "Child in need plan" in page and reverse("documents:download", args=[document.public_id]) in page


def test_the_upload_page_says_what_is_wrong_with_a_renamed_file(staff, child, client_for):
    response = client_for(staff.social_worker.user).post(
        reverse("documents:upload", args=[child.pk]),
        {
            "file": SimpleUploadedFile("photo.png", minimal_pdf("not a photo")),
            "document_type": "PHOTO",
            "title": "Photo",
            "dated_on_day": "2",
            "dated_on_month": "5",
            "dated_on_year": "2025",
        },
    )
    assert response.status_code == 200
    assert "named as a PNG image, but its content is a PDF" in response.content.decode()
    assert not Document.objects.exists()


def macro_enabled_docx() -> bytes:
    """A Word document with macros (a .docm) named as a .docx: its package holds word/vbaProject.bin."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(minimal_docx("Invoice"))) as source, zipfile.ZipFile(buffer, "w") as package:
        for item in source.infolist():
            package.writestr(item, source.read(item))
        package.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 synthetic macro storage")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("invoice.docx", macro_enabled_docx()),
        ("old.doc", legacy_word_document() + "_VBA_PROJECT".encode("utf-16-le") + b"\x00" * 100),
    ],
)
def test_an_office_file_with_macros_is_refused_whatever_its_name(staff, child, name, content):
    with pytest.raises(ValidationError) as refused:
        upload(staff, child, name, content)
    assert "contains macros" in refused.value.message_dict["file"][0]
    assert not Document.objects.exists() and stored_files() == []


class RecordingHandler(FileUploadHandler):
    """Stands after the cap in the handler chain, in place of Django's memory and temporary-file
    handlers, and records every byte the cap let through to be held."""

    held: list[int] = []

    def receive_data_chunk(self, raw_data, start):
        RecordingHandler.held.append(len(raw_data))
        return raw_data

    def file_complete(self, file_size):
        return SimpleUploadedFile(self.file_name, b"")


def test_an_upload_over_the_limit_is_never_held_past_the_limit_and_is_refused_with_the_form_kept(
    staff, child, client_for, settings
):
    settings.HEARTH_DOCUMENT_MAX_BYTES = 1024 * 1024
    settings.FILE_UPLOAD_HANDLERS = [
        "hearth.documents.uploads.SizeCappedUploadHandler",
        "hearth.documents.tests.test_documents.RecordingHandler",
    ]
    RecordingHandler.held = []
    big = minimal_pdf("Big") + b"\x00" * (3 * 1024 * 1024)  # three times the limit
    response = client_for(staff.social_worker.user).post(
        reverse("documents:upload", args=[child.pk]),
        {
            "file": SimpleUploadedFile("big.pdf", big),
            "document_type": "PLAN",
            "title": "Child in need plan",
            "dated_on_day": "2",
            "dated_on_month": "5",
            "dated_on_year": "2025",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The selected file must be smaller than 1 MB" in page and 'value="Child in need plan"' in page
    assert sum(RecordingHandler.held) <= settings.HEARTH_DOCUMENT_MAX_BYTES
    assert not Document.objects.exists() and stored_files() == []
