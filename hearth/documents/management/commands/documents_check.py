import datetime

from django.core.management.base import BaseCommand, CommandError

from hearth.documents.selectors import document_store_report
from hearth.documents.services import document_unnamed_files_remove


class Command(BaseCommand):
    help = (
        "Check the documents directory against the database: documents whose file is missing (restore it "
        "from the backup of the directory), files changed since upload (--verify), and files no document "
        "names, left by uploads that never committed (--remove-unnamed deletes them). Exits with status 1 "
        "when a document is missing or changed, so a scheduled run can raise the alarm."
    )

    def add_arguments(self, parser):
        parser.add_argument("--verify", action="store_true", help="read every file and compare its SHA-256")
        parser.add_argument("--remove-unnamed", action="store_true", help="delete the files no document names")
        parser.add_argument(
            "--grace-hours",
            type=int,
            default=24,
            help="leave alone unnamed files younger than this, which may be uploads in flight (default 24)",
        )

    def handle(self, *args, verify=False, remove_unnamed=False, grace_hours=24, **options):
        if grace_hours < 1:
            raise CommandError("--grace-hours must be 1 or more: a younger file may be an upload in flight")
        report = document_store_report(verify=verify, grace=datetime.timedelta(hours=grace_hours))
        checked = "present and unchanged" if verify else "present"
        self.stdout.write(
            f"{report.documents - len(report.missing) - len(report.altered)} of {report.documents} documents {checked}."
        )
        for document in report.missing:
            self.stdout.write(f"MISSING: {_described(document)}")
        for document in report.altered:
            self.stdout.write(
                f"CHANGED SINCE UPLOAD: document {document.public_id} ({document.title}), child {document.child_id}"
            )
        if report.unnamed:
            if remove_unnamed:
                removed = document_unnamed_files_remove(actor=None, paths=report.unnamed)
                self.stdout.write(f"Removed {len(removed)} file(s) that no document names.")
            else:
                self.stdout.write(
                    f"{len(report.unnamed)} file(s) older than {grace_hours} hours are named by no document "
                    "(--remove-unnamed deletes them):"
                )
                for path in report.unnamed:
                    self.stdout.write(f"  {path}")
        if report.missing or report.altered:
            raise CommandError(f"{len(report.missing)} missing and {len(report.altered)} changed document file(s).")


def _described(document) -> str:
    return f"document {document.public_id} ({document.title}), child {document.child_id}"
