"""The self-assessment report in the member portal: the page, the PDF's progress page and the
PDF's download. The collectivity is the one the portal shows; the download checks that the
person is one of the collectivity's people (or staff)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation

from core import documents
from members.services import current_collectivity
from territories.models import Collectivity

from .models import FIRST_YEAR, ReportPdf
from .services import can_edit
from .services import report_documents as pdfs
from .services.reports import build_report, charts_of, fingerprint

#: Seconds between two reloads of the progress page while the PDF is built.
REFRESH_SECONDS = 3


def _collectivity(request):
    collectivity = current_collectivity(request.user)
    if collectivity is None:
        raise Http404
    return collectivity


def _check_year(year: int) -> None:
    if year < FIRST_YEAR or year > timezone.localdate().year + 1:
        raise Http404


@login_required
def report(request, year: int | None = None):
    """The report of the portal's collectivity for a label year, with the PDF's button."""
    from label.models import LabelEdition

    collectivity = _collectivity(request)
    years = sorted(set(LabelEdition.objects.values_list("year", flat=True)), reverse=True)
    if year is None:
        year = years[0] if years else timezone.localdate().year
    _check_year(year)
    built = build_report(collectivity, year)
    language = translation.get_language()
    return render(
        request,
        "actions/portal/report.html",
        {
            "collectivity": collectivity,
            "report": built,
            "years": years,
            "pdf": pdfs.current_pdf(collectivity, year, language, fingerprint(built)),
            **charts_of(built),
        },
    )


@login_required
def report_pdf(request, year: int):
    """POST: ask for the PDF (built by the task worker), then come back here. GET: the PDF's
    state; the page reloads itself (no JavaScript) while it is built, then gives the link."""
    collectivity = _collectivity(request)
    _check_year(year)
    language = translation.get_language()
    if request.method == "POST":
        try:
            pdfs.request_pdf(collectivity=collectivity, year=year, language=language)
        except ValidationError:
            raise Http404 from None
        return redirect("actions_portal:report_pdf", year=year)
    built = build_report(collectivity, year)
    document = pdfs.current_pdf(collectivity, year, language, fingerprint(built))
    row = pdfs.report_row(collectivity, year, language)
    asked = row is not None and row.requested_at is not None
    building = document is None and asked and not pdfs.is_late(row)
    return render(
        request,
        "actions/portal/report_pdf.html",
        {
            "collectivity": collectivity,
            "year": year,
            "pdf": document,
            "building": building,
            "late": document is None and pdfs.is_late(row),
            "refresh": REFRESH_SECONDS,
        },
    )


@login_required
def report_download(request, year: int, collectivity: int):
    """The stored PDF of a collectivity's report, for its people and staff; 404 for anyone else,
    and while the PDF of the report as it is now is not built."""
    target = get_object_or_404(Collectivity, pk=collectivity)
    if not can_edit(request.user, target.pk):
        raise Http404
    _check_year(year)
    language = request.GET.get("langue") or translation.get_language()
    row = pdfs.report_row(target, year, language)
    return documents.private_download(ReportPdf.objects.current(row).first() if row is not None else None)
