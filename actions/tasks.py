"""Background tasks of the actions app (django-tasks), run by `manage.py db_worker`; the
services queue them with ``transaction.on_commit`` and their arguments are ids. The report
PDFs themselves are built by core's `build_generated_document`."""

from __future__ import annotations

from django_tasks import task


@task()
def build_year_reports(run_id: int) -> int:
    """Build every member's report PDF of a run's year (actions.services.report_runs); returns
    how many were built."""
    from .services.report_runs import execute_run

    return execute_run(run_id).built
