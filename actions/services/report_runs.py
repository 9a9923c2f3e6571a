"""Build every member's report of a year at once: staff start a run from the admin, a background
task builds the PDFs one by one (core.runs) and records its progress on the run.

A PDF whose report has not changed since it was built is kept (counted as "already up to date"),
so a run started again only builds what changed.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import runs
from core.documents import DocumentBuildError
from territories.models import Collectivity

from ..models import ReportRun
from . import report_documents


def collectivities_to_report():
    """The member collectivities: those with a membership that is not resigned."""
    return Collectivity.objects.filter(membership__resigned=False).order_by("name", "pk")


@transaction.atomic
def start_run(*, actor, year: int) -> ReportRun:
    """Record a run for ``year`` and queue its task once committed. Refused while another run of
    that year is waiting or running."""
    from ..tasks import build_year_reports

    report_documents.check_request(year, settings.LANGUAGE_CODE)
    if runs.busy(ReportRun, year=year) is not None:
        raise ValidationError(
            _("Les bilans %(year)s sont déjà en cours de génération : attendez la fin de cette génération.")
            % {"year": year},
            code="busy",
        )
    run = ReportRun.objects.create(
        year=year,
        total=collectivities_to_report().count(),
        started_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    transaction.on_commit(lambda: build_year_reports.enqueue(run.pk))
    return run


def _build_one(run: ReportRun, collectivity: Collectivity) -> None:
    try:
        _document, built = report_documents.build_now(collectivity, run.year, settings.LANGUAGE_CODE)
    except DocumentBuildError as error:
        raise ValidationError(str(error)) from error
    if built:
        run.built += 1
    else:
        run.unchanged += 1


def execute_run(run_id: int) -> ReportRun:
    run = ReportRun.objects.get(pk=run_id)
    return runs.execute(
        run,
        collectivities_to_report().iterator(chunk_size=200),
        _build_one,
        label=lambda collectivity: collectivity.name,
        counters=("built", "unchanged"),
    )
