"""Wagtail admin of dues (a "Cotisations" menu): the tier table, applications, invoices.

Every write calls ``dues.services``; a service's ValidationError becomes the form's error.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet, SnippetViewSetGroup

from .models import DuesTier
from .services import tiers as tier_services


class CallsService:
    """A create or edit view whose write is a service call: its ValidationError is shown on the
    form with what was typed, and nothing is written."""

    def call_service(self, form):
        raise NotImplementedError

    def save_instance(self):
        return self.call_service(self.form)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            if getattr(self.object, "pk", None):
                self.object.refresh_from_db()
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class TierCreateView(CallsService, CreateView):
    def call_service(self, form):
        return tier_services.save_tier(form.instance)


class TierEditView(CallsService, EditView):
    def call_service(self, form):
        return tier_services.save_tier(form.instance)


class DuesTierViewSet(SnippetViewSet):
    model = DuesTier
    icon = "table"
    menu_label = _("Tableau des cotisations")
    menu_order = 100
    url_prefix = "cotisations/tranches"
    add_view_class = TierCreateView
    edit_view_class = TierEditView
    list_display = [
        "year",
        "kind",
        Column("band", label=_("Tranche"), accessor="band_label"),
        Column("amount", label=_("Montant"), accessor="amount_display"),
        "illustrative",
    ]
    list_filter = ["year", "kind"]
    ordering = ["-year", "kind", "population_min"]
    list_per_page = 100
    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("population_min"), FieldPanel("population_max")]),
        FieldPanel("amount_cents"),
        FieldPanel("illustrative"),
    ]


class DuesViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Cotisations")
    menu_icon = "tasks"
    menu_order = 310
    items = (DuesTierViewSet,)


register_snippet(DuesViewSetGroup)
