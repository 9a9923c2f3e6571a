"""The press panel of the admin home: releases scheduled under embargo and pages waiting in
the "Relecture" workflow. Registered in wagtail_hooks.py (``construct_homepage_panels``)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, Workflow, WorkflowState
from wagtail.permissions import page_permission_policy

from core.admin_panels import Cell, DashboardPanel, PanelTable

from .models.press import PressPageQuerySet, PressReleasePage, PressRoomPage
from .services.press import REVIEW_WORKFLOW_NAME

#: How many rows each table lists at most (the links lead to the full lists).
SHOWN = 10


def _when(value) -> str:
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


class PressPanel(DashboardPanel):
    name = "press"
    icon = "doc-full"
    order = 60

    @property
    def heading(self) -> str:
        return _("Presse")

    def is_shown(self, user) -> bool:
        return user.is_active and page_permission_policy.user_has_any_permission(
            user, ["add", "change", "publish"]
        )

    def get_tables(self, request):
        releases = PressReleasePage.objects.scheduled().only("pk", "title", "draft_title", "locale_id")[
            :SHOWN
        ]
        yield PanelTable(
            caption=_("Communiqués programmés sous embargo"),
            columns=[_("Communiqué"), _("Publication prévue le")],
            rows=[
                [
                    Cell(page.get_admin_display_title(), reverse("wagtailadmin_pages:edit", args=[page.pk])),
                    Cell(_when(page.go_live_scheduled_at)),
                ]
                for page in releases
            ],
            empty=_("Aucun communiqué programmé."),
        )
        # Any page in the workflow (releases, kits, the press room itself).
        in_review = PressPageQuerySet(Page).in_review(REVIEW_WORKFLOW_NAME).only("pk", "title", "draft_title")
        yield PanelTable(
            caption=_("Pages en attente dans « %(workflow)s »") % {"workflow": REVIEW_WORKFLOW_NAME},
            columns=[_("Page"), _("Envoyée en relecture le")],
            rows=[
                [
                    Cell(page.get_admin_display_title(), reverse("wagtailadmin_pages:edit", args=[page.pk])),
                    Cell(_when(page.review_requested_at)),
                ]
                for page in in_review[:SHOWN]
            ],
            empty=_("Aucune page en relecture."),
        )

    def get_links(self, request):
        room = PressRoomPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).only("pk").first()
        if room is not None:
            yield Cell(
                _("Communiqués et dossiers de presse"), reverse("wagtailadmin_explore", args=[room.pk])
            )
        workflow = Workflow.objects.filter(name=REVIEW_WORKFLOW_NAME).only("pk").first()
        report = f"{reverse('wagtailadmin_reports:workflow')}?status={WorkflowState.STATUS_IN_PROGRESS}"
        if workflow is not None:
            report += f"&workflow={workflow.pk}"
        yield Cell(_("Relectures en cours"), report)
