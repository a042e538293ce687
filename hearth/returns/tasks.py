"""The background task that runs a return, whichever it is (django-tasks; `manage.py db_worker` runs it
in production and in the demo, docs/operations.md). Its argument is the run's id, stored in the task's
row; the run says which return it is."""

from django_tasks import task

from hearth.returns.runner import run_reconciliation, run_return


@task()
def run_return_task(run_id: int) -> None:
    run_return(run_id)


@task()
def run_reconciliation_task(run_id: int) -> None:
    """The Reconciliation page of a large council, worked out away from the request."""
    run_reconciliation(run_id)
