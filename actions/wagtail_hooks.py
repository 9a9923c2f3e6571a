"""Wagtail admin of the action sheets: an "Atlaas" menu with the référentiel (families, enjeux,
services) and the sheets, which staff moderate (publish, withdraw, with a reason kept in the
audit log) and import."""

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.widgets import Button, ListingButton
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from label.models import COLLECTIVITY_SECTIONS_HOOK
from members.services import is_staff_manager

from . import admin_views, views
from .models import ActionSheet, Enjeu, Family, Service, SheetStatus
from .panels import AWAITING, awaiting_url
from .services.sheets import LOG_APPROVE, LOG_PUBLISH, LOG_WITHDRAW


class FamilyViewSet(SnippetViewSet):
    model = Family
    icon = "folder-open-inverse"
    menu_label = _("Familles")
    url_prefix = "atlaas/familles"
    list_display = ["name_fr", "name_en", "code", "position"]
    copy_view_enabled = False
    panels = [FieldPanel("name_fr"), FieldPanel("name_en"), FieldPanel("code"), FieldPanel("position")]


class EnjeuViewSet(SnippetViewSet):
    model = Enjeu
    icon = "folder-inverse"
    menu_label = _("Enjeux")
    url_prefix = "atlaas/enjeux"
    list_display = ["name_fr", "name_en", "family", "position"]
    list_filter = ["family"]
    copy_view_enabled = False
    panels = [
        FieldPanel("name_fr"),
        FieldPanel("name_en"),
        FieldPanel("code"),
        FieldPanel("family"),
        FieldPanel("position"),
    ]

    def get_queryset(self, request):
        return Enjeu.objects.select_related("family")


class ServiceFilterSet(WagtailFilterSet):
    class Meta:
        model = Service
        fields = ["enjeu", "retired_in"]


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "tag"
    menu_label = _("Services")
    url_prefix = "atlaas/services"
    list_display = ["name_fr", "enjeu", "introduced_in", "retired_in", "replaced_by"]
    filterset_class = ServiceFilterSet
    search_fields = ["name_fr", "name_en", "code"]
    list_per_page = 50
    copy_view_enabled = False
    panels = [
        FieldPanel("name_fr"),
        FieldPanel("name_en"),
        FieldPanel("code"),
        FieldPanel("enjeu"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("introduced_in"), FieldPanel("retired_in")]),
                FieldPanel("replaced_by"),
            ],
            heading=_("Versions"),
            help_text=_(
                "Pour renommer ou fusionner un service sans toucher aux fiches existantes : retirez-le "
                "à partir d'une année et indiquez le service qui le remplace."
            ),
        ),
    ]

    def get_queryset(self, request):
        return Service.objects.select_related("enjeu__family", "replaced_by")


class ActionSheetFilterSet(WagtailFilterSet):
    moderation = django_filters.ChoiceFilter(
        label=_("Modération"),
        choices=[(AWAITING, _("À modérer"))],
        empty_label=_("Toutes les fiches"),
        method="filter_moderation",
    )

    class Meta:
        model = ActionSheet
        fields = ["moderation", "status", "collectivity"]

    def filter_moderation(self, queryset, name, value):
        return queryset.awaiting_moderation() if value == AWAITING else queryset


def moderation_buttons(sheet: ActionSheet, user, button_class=ListingButton) -> list:
    """The moderation decisions staff can take on ``sheet`` (each opens a confirmation page
    with the reason, which posts the decision)."""
    if not is_staff_manager(user):
        return []
    buttons = []
    if sheet.status == SheetStatus.PUBLISHED:
        if sheet.reviewed_at is None or sheet.updated_at > sheet.reviewed_at:
            buttons.append((_("Valider"), admin_views.PUBLISH, "check"))
        buttons.append((_("Retirer de l'Atlaas"), admin_views.WITHDRAW, "cross"))
    else:
        buttons.append((_("Publier"), admin_views.PUBLISH, "upload"))
    return [
        button_class(
            label,
            reverse("actions_moderate", args=[sheet.pk, decision]),
            icon_name=icon,
            priority=15 + index,
        )
        for index, (label, decision, icon) in enumerate(buttons)
    ]


class ActionSheetEditView(snippet_views.EditView):
    @property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *moderation_buttons(self.object, self.request.user, Button)]


class ActionSheetViewSet(SnippetViewSet):
    model = ActionSheet
    icon = "doc-full"
    menu_label = _("Fiches actions")
    url_prefix = "atlaas/fiches"
    list_display = ["title", "collectivity", "status", "started_on", "updated_at", "reviewed_at"]
    filterset_class = ActionSheetFilterSet
    edit_view_class = ActionSheetEditView
    search_fields = ["title", "summary"]
    list_per_page = 50
    copy_view_enabled = False
    list_export = ["title", "collectivity", "status", "started_on", "ended_on", "external_id"]
    panels = [
        # No status here: staff publish and withdraw through the moderation (with a reason).
        FieldPanel("collectivity"),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("services"),
        FieldRowPanel([FieldPanel("started_on"), FieldPanel("ended_on")]),
        FieldPanel("audience"),
        FieldPanel("partners"),
        FieldPanel("budget_band"),
        FieldPanel("links"),
        FieldPanel("images"),
        FieldPanel("external_id"),
    ]

    def get_queryset(self, request):
        return ActionSheet.objects.select_related("collectivity")


class AtlaasViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Atlaas")
    menu_icon = "doc-full-inverse"
    menu_order = 320
    items = (ActionSheetViewSet, ServiceViewSet, EnjeuViewSet, FamilyViewSet)


register_snippet(AtlaasViewSetGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path("atlaas/import/", admin_views.SheetImportView.as_view(), name="actions_import"),
        path(
            "atlaas/moderation/<int:pk>/<str:decision>/",
            admin_views.moderate_sheet_view,
            name="actions_moderate",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def register_moderation_buttons(snippet, user, next_url=None):
    if isinstance(snippet, ActionSheet):
        yield from moderation_buttons(snippet, user)


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    class ModerationFormatter(LogFormatter):
        def format_message(self, log_entry):
            if reason := (log_entry.data or {}).get("reason"):
                return _("%(decision)s. Motif : %(reason)s") % {"decision": self.message, "reason": reason}
            return self.message

        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("reason", "")

    @actions.register_action(LOG_PUBLISH)
    class Publish(ModerationFormatter):
        label = _("Atlaas : fiche publiée")
        message = _("Fiche publiée par la modération")

    @actions.register_action(LOG_APPROVE)
    class Approve(ModerationFormatter):
        label = _("Atlaas : fiche validée")
        message = _("Fiche relue et validée par la modération")

    @actions.register_action(LOG_WITHDRAW)
    class Withdraw(ModerationFormatter):
        label = _("Atlaas : fiche retirée")
        message = _("Fiche retirée de l'Atlaas par la modération")


class AwaitingMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_manager(request.user)


@hooks.register("register_admin_menu_item")
def register_awaiting_menu_item():
    return AwaitingMenuItem(
        _("Fiches à modérer"),
        awaiting_url(),
        icon_name="tasks",
        order=322,
    )


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return all(request.user.has_perm(p) for p in admin_views.SheetImportView.permissions)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("Import de fiches"), reverse("actions_import"), icon_name="upload", order=321)


@hooks.register(COLLECTIVITY_SECTIONS_HOOK)
def register_collectivity_sheets_section(request, collectivity):
    """The collectivity's published sheets on its label history page."""
    return views.collectivity_sheets_section(request, collectivity)


# The staff's yearly generation of the reports' PDFs registers its own pages.
from . import report_admin  # noqa: E402, F401


@hooks.register("construct_homepage_panels")
def add_action_sheets_panel(request, panels):
    from .panels import ActionSheetsPanel

    panels.append(ActionSheetsPanel())
