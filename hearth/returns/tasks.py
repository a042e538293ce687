"""The background task that runs a return (django-tasks; `manage.py db_worker` runs it in production
and in the demo, docs/operations.md). Its argument is the run's id, stored in the task's row."""

from django_tasks import task

from hearth.returns.runner import run_903


@task()
def run_return_task(run_id: int) -> None:
    run_903(run_id)
