"""The background task that runs an import asked for on the Import page (django-tasks, as the returns'
runs; `manage.py db_worker` runs it). Its argument is the run's id."""

from django_tasks import task

from hearth.migration.import_runs import import_run_execute


@task()
def import_run_task(run_id: int) -> None:
    import_run_execute(run_id)
