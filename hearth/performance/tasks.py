"""The background task that makes a published month's report as a PDF (django-tasks; `manage.py
db_worker` runs it in production and in the demo, docs/operations.md). Its argument is the kept
file's id (ReportFile), stored in the task's row."""

from django_tasks import task

from hearth.performance.report_pdfs import make_report_pdf


@task()
def make_report_pdf_task(file_id: int) -> None:
    make_report_pdf(file_id)
