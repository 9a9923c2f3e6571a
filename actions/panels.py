"""The Atlaas panel of the admin home: the sheets waiting for moderation, and the oldest of them
to read first. Registered by a hook line in wagtail_hooks.py; a fixed number of queries."""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.admin_panels import Cell, DashboardPanel, PanelTable, count

from .models import ActionSheet

#: How many of the waiting sheets the panel names.
OLDEST_SHOWN = 5
#: The value of the sheet listing's moderation filter for the sheets waiting (wagtail_hooks).
AWAITING = "attente"


def awaiting_url() -> str:
    return reverse("wagtailsnippets_actions_actionsheet:list") + f"?moderation={AWAITING}"


class ActionSheetsPanel(DashboardPanel):
    name = "actions"
    icon = "tasks"
    order = 50
    permissions = ("actions.change_actionsheet",)

    @property
    def heading(self) -> str:
        return _("Fiches actions")

    def get_tables(self, request):
        waiting = ActionSheet.objects.awaiting_moderation()
        yield PanelTable(
            caption=_("Modération de l'Atlaas"),
            columns=[_("Fiches"), _("Nombre")],
            rows=[[Cell(_("À modérer")), Cell(count(waiting.count()), awaiting_url())]],
        )
        oldest = waiting.select_related("collectivity").order_by("updated_at", "pk")[:OLDEST_SHOWN]
        yield PanelTable(
            caption=_("Les plus anciennes à modérer"),
            columns=[_("Fiche"), _("Collectivité"), _("Modifiée le")],
            rows=[
                [
                    Cell(sheet.title, reverse("wagtailsnippets_actions_actionsheet:edit", args=[sheet.pk])),
                    Cell(sheet.collectivity.name),
                    Cell(date_format(sheet.updated_at, "SHORT_DATE_FORMAT")),
                ]
                for sheet in oldest
            ],
            empty=_("Aucune fiche n'attend la modération."),
        )

    def get_links(self, request):
        yield Cell(_("Fiches à modérer"), awaiting_url())
