"""Admin pages of the staff's yearly report generation: a form that starts a run (background
task) and the run's progress page (reloads itself, no JavaScript). Hooks registered from
wagtail_hooks.py."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .models import CollectivityReport, ReportRun
from .services import report_runs

PERMISSION = "actions.add_reportrun"


def _can_run(user) -> bool:
    return user.is_active and user.has_perm(PERMISSION)


def report_runs_view(request):
    """Start the generation of a year's reports; the recent runs below."""
    if not _can_run(request.user):
        raise PermissionDenied
    error = None
    typed = request.POST.get("year", "")
    if request.method == "POST":
        try:
            run = report_runs.start_run(actor=request.user, year=int(typed))
        except ValueError:
            error = _("Indiquez l'édition en chiffres, par exemple 2026.")
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            return redirect("actions_report_run", pk=run.pk)
    return TemplateResponse(
        request,
        "actions/admin/report_runs.html",
        {
            "runs": ReportRun.objects.select_related("started_by")[:20],
            "error": error,
            "typed": typed or timezone.localdate().year,
            "members": report_runs.collectivities_to_report().count(),
        },
        status=400 if error else 200,
    )


def report_run_view(request, pk: int):
    """A run's progress, then the PDFs built for its year, with their download links."""
    if not _can_run(request.user):
        raise PermissionDenied
    run = get_object_or_404(ReportRun.objects.select_related("started_by"), pk=pk)
    reports = []
    if not run.running:
        reports = (
            CollectivityReport.objects.filter(
                year=run.year, language=settings.LANGUAGE_CODE, pdf__isnull=False
            )
            .select_related("collectivity", "pdf")
            .order_by("collectivity__name")
        )
    return TemplateResponse(request, "actions/admin/report_run.html", {"run": run, "reports": reports})


@hooks.register("register_admin_urls")
def register_report_run_urls():
    return [
        path("atlaas/bilans/", report_runs_view, name="actions_report_runs"),
        path("atlaas/bilans/<int:pk>/", report_run_view, name="actions_report_run"),
    ]


class ReportRunMenuItem(MenuItem):
    def is_shown(self, request):
        return _can_run(request.user)


@hooks.register("register_admin_menu_item")
def register_report_run_menu_item():
    return ReportRunMenuItem(
        gettext_lazy("Rapports annuels"),
        reverse("actions_report_runs"),
        icon_name="doc-full",
        order=322,
    )
