"""The weekly caseload snapshot as a background task (django-tasks, the same database backend as the
returns' nightly runs; `manage.py db_worker` runs it). Its argument is the Monday, as an ISO date."""

import datetime

from django_tasks import task

from hearth.workforce.services import caseload_week_freeze


@task()
def freeze_caseload_week_task(week_starting: str) -> None:
    caseload_week_freeze(week_starting=datetime.date.fromisoformat(week_starting))
