"""Wagtail admin of the label: a "Label" menu with editions, labellisations and the CSV import."""

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from territories.models import Region

from . import admin_views
from .models import MAX_AROBASES, MIN_AROBASES, LabelEdition, Labellisation


class LabelEditionIndexView(snippet_views.IndexView):
    # Wagtail builds "Ajouter édition du label" from the verbose name: no article.
    add_item_label = _("Ajouter une édition")


class LabelEditionViewSet(SnippetViewSet):
    model = LabelEdition
    icon = "calendar"
    menu_label = _("Éditions")
    url_prefix = "label/editions"
    list_display = [
        "year",
        "number",
        "ceremony_date",
        "ceremony_city",
        "jury_president",
        "results_published_at",
    ]
    search_fields = ["ceremony_city", "jury_president"]
    ordering = ["-year"]
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = LabelEditionIndexView


class LabellisationFilterSet(WagtailFilterSet):
    arobases = django_filters.ChoiceFilter(
        label=_("Arobases"), choices=[(n, f"{n} @") for n in range(MIN_AROBASES, MAX_AROBASES + 1)]
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Région"), field_name="collectivity__region", queryset=Region.objects.all()
    )

    class Meta:
        model = Labellisation
        fields = ["edition", "arobases", "region"]


class LabellisationViewSet(SnippetViewSet):
    model = Labellisation
    icon = "tick"
    menu_label = _("Labellisations")
    url_prefix = "label/labellisations"
    list_display = [
        Column("collectivity", label=_("Collectivité"), sort_key="collectivity__name"),
        Column("edition", label=_("Édition"), sort_key="edition__year"),
        Column("arobases", label=_("Arobases"), sort_key="arobases"),
    ]
    filterset_class = LabellisationFilterSet
    search_fields = ["collectivity__name"]
    ordering = ["-edition__year", "collectivity__name"]
    list_per_page = 50
    copy_view_enabled = False
    panels = [
        FieldPanel("edition"),
        FieldPanel("collectivity"),
        FieldPanel("arobases"),
        FieldPanel("population"),
        InlinePanel("distinctions", label=_("Distinctions")),
    ]

    def get_queryset(self, request):
        return Labellisation.objects.select_related("collectivity", "edition")


class LabelViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Label")
    menu_icon = "pick"
    menu_order = 210
    items = (LabelEditionViewSet, LabellisationViewSet)


register_snippet(LabelViewSetGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path("label/import/", admin_views.import_palmares_view, name="label_import"),
        path(
            "label/editions/<int:pk>/publier/",
            admin_views.publish_results_view,
            name="label_publish_results",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def publish_results_button(snippet, user, next_url=None):
    """ "Publier les résultats" on an edition still under embargo (a confirmation page follows)."""
    if (
        isinstance(snippet, LabelEdition)
        and not snippet.is_public()
        and user.has_perm("label.change_labeledition")
    ):
        yield ListingButton(
            _("Publier les résultats"),
            reverse("label_publish_results", args=[snippet.pk]),
            icon_name="upload",
            priority=20,
        )


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return MenuItem(
        _("Import de palmarès"),
        reverse("label_import"),
        icon_name="upload",
        order=211,
    )
