"""documents_check: the documents directory agrees with the Document rows (nothing lost, nothing
changed, nothing kept that no record names), and the files left by uploads that never committed
can be removed safely."""

import datetime
import os
import time
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import transaction

from hearth.audit.models import AuditEvent
from hearth.documents import services
from hearth.documents.samples import minimal_pdf
from hearth.documents.selectors import document_store_report
from hearth.testing.journeys import allocated_case, at, new_child

D = datetime.date
TWO_DAYS = 2 * 24 * 3600


@pytest.fixture
def child(staff):
    child = new_child(staff, "Ellis", "Brookfield")
    allocated_case(staff, child, at(D(2025, 5, 1), 9))
    return child


def upload(staff, child, title="Letter from school"):
    return services.document_upload(
        actor=staff.social_worker.user,
        child_id=child.pk,
        document_type_code="LETTER",
        title=title,
        dated_on=D(2025, 5, 2),
        upload=SimpleUploadedFile("letter.pdf", minimal_pdf(title)),
    )


def age(path: Path, seconds: int) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def upload_rolled_back(staff, child) -> Path:
    """An upload inside a transaction that then fails (a savepoint here, inside the test's own
    transaction): the row is gone, the file it wrote is not."""
    before = set(Path(settings.HEARTH_DOCUMENTS_ROOT).rglob("*"))
    with pytest.raises(RuntimeError), transaction.atomic():
        upload(staff, child, title="Never committed")
        raise RuntimeError("the request failed after the upload")
    (left,) = [p for p in set(Path(settings.HEARTH_DOCUMENTS_ROOT).rglob("*")) - before if p.is_file()]
    return left


def run(*arguments) -> str:
    out = StringIO()
    call_command("documents_check", *arguments, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_file_left_by_an_upload_that_never_committed_is_found_after_the_grace_period_and_removed(staff, child):
    kept = upload(staff, child)
    left = upload_rolled_back(staff, child)
    # Young files may be uploads in flight: not reported yet.
    assert document_store_report().unnamed == []
    age(left, TWO_DAYS)
    age(services.stored_path(kept.stored_name), TWO_DAYS)
    assert document_store_report().unnamed == [left]
    assert "1 file(s) older than 24 hours are named by no document" in run()
    assert left.exists()  # only reported until asked to remove
    assert "Removed 1 file(s)" in run("--remove-unnamed")
    assert not left.exists()
    assert services.stored_path(kept.stored_name).exists()  # a document's own file is never touched
    event = AuditEvent.objects.get(action="document.unnamed_files_remove")
    assert event.detail == {"files": [left.name]}


@pytest.mark.django_db
def test_a_missing_or_changed_file_is_reported_and_the_command_fails(staff, child):
    lost, changed, sound = upload(staff, child, "Lost"), upload(staff, child, "Changed"), upload(staff, child, "Sound")
    services.stored_path(lost.stored_name).unlink()
    services.stored_path(changed.stored_name).write_bytes(b"%PDF-1.4 tampered")
    out = StringIO()
    with pytest.raises(CommandError, match="1 missing and 1 changed"):
        call_command("documents_check", "--verify", stdout=out)
    report = out.getvalue()
    assert "1 of 3 documents present and unchanged" in report
    assert f"MISSING: document {lost.public_id} (Lost)" in report
    assert f"CHANGED SINCE UPLOAD: document {changed.public_id} (Changed)" in report
    assert str(sound.public_id) not in report
    # Without --verify the contents are not read, so only the missing file is found.
    with pytest.raises(CommandError, match="1 missing and 0 changed"):
        run()


@pytest.mark.django_db
def test_a_file_a_document_names_is_never_removed_even_if_the_report_listed_it(staff, child):
    document = upload(staff, child)
    path = services.stored_path(document.stored_name)
    assert services.document_unnamed_files_remove(actor=None, paths=[path]) == []
    assert path.exists()
    assert not AuditEvent.objects.filter(action="document.unnamed_files_remove").exists()


@pytest.mark.django_db
def test_only_files_inside_the_documents_directory_can_be_removed(tmp_path):
    outside = tmp_path / "elsewhere" / "ab" / "abcdef"
    outside.parent.mkdir(parents=True)
    outside.write_bytes(b"not Hearth's")
    assert services.document_unnamed_files_remove(actor=None, paths=[outside]) == []
    assert outside.exists()


@pytest.mark.django_db
def test_a_grace_period_under_an_hour_is_refused():
    with pytest.raises(CommandError, match="--grace-hours must be 1 or more"):
        run("--grace-hours", "0")
