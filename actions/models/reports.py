"""The PDF of a self-assessment report, per collectivity, label year and language.

`CollectivityReport` is the object the PDF is built from (core.documents): a row per
collectivity, year and language, created when someone asks for the PDF (or by the staff's
yearly run). Its *revision* is the fingerprint of what the report shows
(:func:`actions.services.reports.fingerprint`): the collectivity's eligible sheets, the
référentiel's names, the peers' figures. The stored PDF is served as long as the fingerprint is
the same; when any of that changes, the next request builds a new one.

`ReportPdf` is stored in the private storage: only the collectivity's people and staff
download it, through a view that checks who asks.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import BackgroundRun, GeneratedDocument
from core.storage import private_storage
from territories.models import Collectivity


class CollectivityReport(models.Model):
    collectivity = models.ForeignKey(
        Collectivity, verbose_name=_("collectivité"), on_delete=models.CASCADE, related_name="action_reports"
    )
    year = models.PositiveSmallIntegerField(_("édition"))
    language = models.CharField(_("langue"), max_length=8, choices=settings.LANGUAGES)
    requested_at = models.DateTimeField(_("demandé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("bilan d'auto-évaluation")
        verbose_name_plural = _("bilans d'auto-évaluation")
        constraints = [
            models.UniqueConstraint(
                fields=["collectivity", "year", "language"], name="actions_report_one_per_year_and_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.collectivity} · {self.year} ({self.language})"


def report_file_path(instance: ReportPdf, filename: str) -> str:
    return f"actions/reports/{secrets.token_hex(8)}/{filename}"


class ReportPdf(GeneratedDocument):
    source_field = "report"

    report = models.OneToOneField(CollectivityReport, on_delete=models.CASCADE, related_name="pdf")
    file = models.FileField(_("fichier"), storage=private_storage, upload_to=report_file_path, max_length=255)

    class Meta:
        verbose_name = _("PDF d'un bilan d'auto-évaluation")
        verbose_name_plural = _("PDF des bilans d'auto-évaluation")

    @classmethod
    def sources(cls) -> models.QuerySet:
        return CollectivityReport.objects.select_related("collectivity")

    @classmethod
    def revision_of(cls, report: CollectivityReport) -> str:
        from django.utils import translation

        from ..services.reports import build_report, fingerprint

        with translation.override(report.language):  # the builder's language (services.report_documents)
            return fingerprint(build_report(report.collectivity, report.year))


class ReportRun(BackgroundRun):
    """Staff build every member's report of a year at once (actions.services.report_runs)."""

    year = models.PositiveSmallIntegerField(_("édition"))
    built = models.PositiveIntegerField(_("PDF construits"), default=0)
    unchanged = models.PositiveIntegerField(_("déjà à jour"), default=0)

    class Meta(BackgroundRun.Meta):
        verbose_name = _("génération des bilans de l'année")
        verbose_name_plural = _("générations des bilans de l'année")

    def __str__(self) -> str:
        return f"{self.year} · {self.created_at:%d/%m/%Y %H:%M}" if self.created_at else str(self.year)
