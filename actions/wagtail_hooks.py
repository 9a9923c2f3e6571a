"""Wagtail admin of the action sheets: an "Atlaas" menu with the référentiel (families, enjeux,
services) and the sheets, which staff moderate (publish, withdraw) and import."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import ActionSheet, Enjeu, Family, Service


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
    class Meta:
        model = ActionSheet
        fields = ["status", "collectivity"]


class ActionSheetViewSet(SnippetViewSet):
    model = ActionSheet
    icon = "doc-full"
    menu_label = _("Fiches actions")
    url_prefix = "atlaas/fiches"
    list_display = ["title", "collectivity", "status", "started_on", "ended_on", "updated_at"]
    filterset_class = ActionSheetFilterSet
    search_fields = ["title", "summary"]
    list_per_page = 50
    copy_view_enabled = False
    list_export = ["title", "collectivity", "status", "started_on", "ended_on", "external_id"]
    panels = [
        FieldPanel("collectivity"),
        FieldPanel("status"),
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
    return [path("atlaas/import/", admin_views.SheetImportView.as_view(), name="actions_import")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return all(request.user.has_perm(p) for p in admin_views.SheetImportView.permissions)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Importer des fiches actions"), reverse("actions_import"), icon_name="upload", order=321
    )


# The staff's yearly generation of the reports' PDFs registers its own pages.
from . import report_admin  # noqa: E402, F401
