"""The public Atlaas catalogue: one page type listing the published sheets (search, filters,
pagination), with a route per sheet and a route per collectivity."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import models
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page

from core.blocks import BODY_BLOCKS
from core.fragment_cache import cached_value
from core.models import BasePage
from territories.models import Collectivity, Region

from .referentiel import Service
from .sheets import ActionSheet

PER_PAGE = 20

SheetServices = ActionSheet.services.through


def filter_sheets(sheets, data: dict):
    """Apply the cleaned filters of :class:`actions.forms.CatalogFilterForm` to ``sheets``.
    Filters on services go through a subquery of the link table: no join, no DISTINCT."""
    if data.get("q"):
        sheets = sheets.search(data["q"])
    links = None
    if data.get("service"):
        links = SheetServices.objects.filter(service__code=data["service"])
    elif data.get("enjeu"):
        links = SheetServices.objects.filter(service__enjeu__code=data["enjeu"])
    elif data.get("famille"):
        links = SheetServices.objects.filter(service__enjeu__family__code=data["famille"])
    if links is not None:
        sheets = sheets.filter(pk__in=links.values("actionsheet_id"))
    if data.get("region"):
        sheets = sheets.filter(collectivity__region__slug=data["region"])
    if data.get("categorie"):
        sheets = sheets.of_category(data["categorie"])
    if data.get("population"):
        sheets = sheets.of_population_band(data["population"])
    return sheets


def catalogue_rows(sheets):
    """What a catalogue row shows, in a constant number of queries."""
    return sheets.select_related("collectivity__region").prefetch_related(
        models.Prefetch("services", queryset=Service.objects.select_related("enjeu__family"))
    )


class ActionCatalogPage(RoutablePageMixin, BasePage):
    """The Atlaas: the published action sheets, searchable and filterable."""

    body = StreamField(BODY_BLOCKS, verbose_name=_("contenu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    parent_page_types = ["editorial.StandardPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "actions/catalog_page.html"

    class Meta:
        verbose_name = _("catalogue des fiches actions")
        verbose_name_plural = _("catalogues des fiches actions")

    def _listing(self, request, sheets, collectivity=None):
        from label.models import collectivity_history_url

        from ..forms import CatalogFilterForm

        # The whole référentiel in one query: families and enjeux come with their services.
        services = list(Service.objects.select_related("enjeu__family").order_by("name_fr"))
        enjeux = sorted({s.enjeu for s in services}, key=lambda e: (e.family.position, e.position, e.code))
        families = sorted({e.family for e in enjeux}, key=lambda f: (f.position, f.code))
        regions = list(Region.objects.order_by("name"))
        form = CatalogFilterForm(
            request.GET, families=families, enjeux=enjeux, services=services, regions=regions
        )
        filter_error = False
        if form.is_valid():
            sheets = filter_sheets(sheets, form.cleaned_data)
        else:
            filter_error = True
            form = CatalogFilterForm(families=families, enjeux=enjeux, services=services, regions=regions)
        paginator = Paginator(catalogue_rows(sheets).order_by("-started_on", "-pk"), PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        return TemplateResponse(
            request,
            self.get_template(request),
            {
                **self.get_context(request),
                "form": form,
                "filter_error": filter_error,
                "query": QueryDict() if filter_error else request.GET,
                "page_obj": page_obj,
                "collectivity": collectivity,
                "history_url": collectivity_history_url(collectivity, request) if collectivity else "",
                "base_url": self.get_url(request),
                "csv_url": reverse("actions:download_csv"),
                "json_url": reverse("actions:download_json"),
            },
        )

    @path("")
    def index_view(self, request):
        return self._listing(request, ActionSheet.objects.published())

    @path("collectivites/<slug:slug>/", name="collectivity")
    def collectivity_view(self, request, slug):
        collectivity = get_object_or_404(Collectivity, slug=slug)
        return self._listing(
            request, ActionSheet.objects.published().filter(collectivity=collectivity), collectivity
        )

    @path("fiches/<int:pk>/", name="sheet")
    def sheet_view(self, request, pk):
        sheet = get_object_or_404(
            catalogue_rows(ActionSheet.objects.visible_to(request.user)).prefetch_related("images"), pk=pk
        )
        response = TemplateResponse(
            request,
            "actions/sheet_page.html",
            {**self.get_context(request), "sheet": sheet, "base_url": self.get_url(request)},
        )
        if sheet.status != "published":
            response["Cache-Control"] = "private, no-store"
        return response


def catalogue_page(locale: Locale | None = None) -> ActionCatalogPage | None:
    """The live Atlaas catalogue of ``locale`` (the active one by default), kept in the fragment
    cache until a page changes (core.fragment_cache)."""
    locale = locale or Locale.get_active()
    return cached_value(
        f"actions:catalogue:{locale.pk}",
        lambda: ActionCatalogPage.objects.live().filter(locale=locale).order_by("path").first(),
    )
