"""The PDF of a self-assessment report, through the core generated-document pattern
(core.documents): asked for from the portal (or by the staff's yearly run), built by the task
worker, kept as long as the report's fingerprint is the same.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core import documents
from core.documents import BuiltFile
from core.pdf import render_pdf
from territories.models import Collectivity

from ..models import FIRST_YEAR, CollectivityReport, ReportPdf
from .reports import build_report, charts_of, reused_reports

#: After this long without a file, the page says the build is late and offers to ask again.
LATE_AFTER = datetime.timedelta(minutes=10)


def check_request(year: int, language: str) -> None:
    if not FIRST_YEAR <= year <= timezone.localdate().year + 1:
        raise ValidationError(
            _("Choisissez une édition entre %(first)s et %(last)s.")
            % {"first": FIRST_YEAR, "last": timezone.localdate().year + 1},
            code="year",
        )
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Cette langue n'est pas proposée."), code="language")


def report_row(collectivity: Collectivity, year: int, language: str) -> CollectivityReport | None:
    return CollectivityReport.objects.filter(collectivity=collectivity, year=year, language=language).first()


def current_pdf(collectivity: Collectivity, year: int, language: str, revision: str) -> ReportPdf | None:
    """The stored PDF built for ``revision`` (the fingerprint of the report as it is now), if any:
    one query, for the page that has just built the report."""
    return (
        ReportPdf.objects.filter(
            report__collectivity=collectivity, report__year=year, report__language=language, revision=revision
        )
        .exclude(file="")
        .first()
    )


@transaction.atomic
def request_pdf(*, collectivity: Collectivity, year: int, language: str) -> CollectivityReport:
    """Ask for the PDF of the report: nothing to do when the stored one is current; otherwise the
    stale file goes and the build is queued once the transaction commits (core.documents)."""
    check_request(year, language)
    row, _created = CollectivityReport.objects.select_for_update().get_or_create(
        collectivity=collectivity, year=year, language=language
    )
    if not ReportPdf.objects.current(row).exists():
        row.requested_at = timezone.now()
        row.save(update_fields=["requested_at"])
        documents.refresh(ReportPdf, row.pk)
    return row


def is_late(row: CollectivityReport | None) -> bool:
    return row is not None and row.requested_at is not None and timezone.now() - row.requested_at > LATE_AFTER


def report_pdf(row: CollectivityReport) -> BuiltFile:
    """The builder registered with core.documents: the report as it is now, in the row's language."""
    with translation.override(row.language):
        report = build_report(row.collectivity, row.year)
        context = {
            "collectivity": row.collectivity,
            "report": report,
            "built_on": timezone.localdate(),
            "language": row.language,
            **charts_of(report),
        }
    content = render_pdf("actions/report_pdf.html", context, row.language)
    name = slugify(row.collectivity.name)[:60] or "collectivite"
    return BuiltFile(f"bilan-{row.year}-{name}-{row.language}.pdf", content, "application/pdf")


def build_now(collectivity: Collectivity, year: int, language: str) -> tuple[ReportPdf | None, bool]:
    """Build the PDF in this process (the yearly run's task): returns the document and whether it
    was built (False: the stored one was current)."""
    check_request(year, language)
    row, _created = CollectivityReport.objects.get_or_create(
        collectivity=collectivity, year=year, language=language
    )
    before = ReportPdf.objects.filter(report=row).values_list("pk", flat=True).first()
    with reused_reports():  # one report computed for the revision checks and the PDF
        document = documents.build(ReportPdf, row.pk)
    return document, document is not None and document.pk != before
