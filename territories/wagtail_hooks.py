"""Wagtail admin of the territories app: a "Territoires" menu with collectivities, départements
and régions, each with listing, filters, search, edit form and inspect view."""

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .filters import collectivity_filterset
from .forms import CollectivityAdminForm
from .models import Collectivity, Department, Region


class CollectivityFilterSet(collectivity_filterset()):
    class Meta:
        model = Collectivity
        fields = ["kind", "department"]


class CollectivityViewSet(SnippetViewSet):
    model = Collectivity
    icon = "site"
    menu_label = _("Collectivités")
    menu_order = 100
    url_prefix = "territoires/collectivites"
    list_display = [
        "name",
        "kind",
        "department",
        Column("population", label=_("Population"), sort_key="population"),
        Column(
            "category",
            label=_("Catégorie"),
            accessor="get_category_display",
            sort_key="category_value",
        ),
    ]
    filterset_class = CollectivityFilterSet
    search_fields = ["name", "insee_code", "siren"]
    ordering = ["name"]
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "slug",
        "kind",
        "insee_code",
        "siren",
        "population",
        "population_year",
        "department",
        "region",
        "member_communes",
        "created_at",
        "updated_at",
    ]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("name"), FieldPanel("kind"), FieldPanel("slug")],
                heading=_("Identité"),
            ),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("insee_code"), FieldPanel("siren")])],
                heading=_("Codes officiels"),
            ),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("population"), FieldPanel("population_year")])],
                heading=_("Population"),
                help_text=format_lazy(
                    _(
                        "Une commune de moins de {threshold} habitants concourt comme village, "
                        "les autres comme ville ; les groupements concourent comme territoire."
                    ),
                    threshold=f"{settings.VILLAGE_POPULATION_THRESHOLD:,}".replace(",", "\u202f"),
                ),
            ),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("department"), FieldPanel("region")])],
                heading=_("Localisation"),
            ),
            FieldPanel("member_communes", widget=forms.SelectMultiple(attrs={"size": 12})),
        ],
        base_form_class=CollectivityAdminForm,
    )

    def get_queryset(self, request):
        return Collectivity.objects.with_category().select_related("department", "region")


class DepartmentFilterSet(WagtailFilterSet):
    class Meta:
        model = Department
        fields = ["region"]


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "globe"
    menu_label = _("Départements")
    menu_order = 200
    url_prefix = "territoires/departements"
    list_display = ["name", "code", "region"]
    filterset_class = DepartmentFilterSet
    search_fields = ["name", "code"]
    ordering = ["code"]
    list_per_page = 110
    inspect_view_enabled = True
    copy_view_enabled = False
    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("slug"), FieldPanel("region")]

    def get_queryset(self, request):
        return Department.objects.select_related("region")


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "globe"
    menu_label = _("Régions")
    menu_order = 300
    url_prefix = "territoires/regions"
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    ordering = ["code"]
    inspect_view_enabled = True
    copy_view_enabled = False
    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("slug")]


class TerritoriesViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Territoires")
    menu_icon = "site"
    menu_name = "territoires"
    menu_order = 250
    items = (CollectivityViewSet, DepartmentViewSet, RegionViewSet)


register_snippet(TerritoriesViewSetGroup)
