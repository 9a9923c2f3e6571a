"""Public pages of the label: the palmarès index (with the collectivity history pages as
routes) and one palmarès page per edition."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, PageManager, PageQuerySet

from core.blocks import BODY_BLOCKS
from core.models import BasePage
from core.pagination import CountedPaginator
from core.seo import first_stream_image
from territories.models import Collectivity, Region

from ..access import mark_private, sees_embargoed
from .editions import MENTION_KINDS, DistinctionKind, LabelEdition, Labellisation

PER_PAGE = 25  # a light page (EcoIndex B): 25 rows of 8 elements

#: Wagtail hook through which higher apps add sections to a collectivity's history page (label
#: cannot import them). Each function registered under this name takes ``(request,
#: collectivity)`` and returns the section's HTML (a safe string, with an ``<h2>``), or "" to
#: add nothing; it must run a fixed number of queries, whatever the collectivity's data.
COLLECTIVITY_SECTIONS_HOOK = "label_collectivity_sections"


def collectivity_sections(request, collectivity: Collectivity) -> list[str]:
    """The sections other apps add to ``collectivity``'s history page, in hook order."""
    return [
        section
        for hook in hooks.get_hooks(COLLECTIVITY_SECTIONS_HOOK)
        if (section := hook(request, collectivity))
    ]


class PalmaresPageQuerySet(PageQuerySet):
    def published(self, locale: Locale | None = None) -> PalmaresPageQuerySet:
        """Live palmarès pages of one language (the active one by default) whose edition's
        results are published, newest edition first."""
        return (
            self.live()
            .public_results()
            .filter(locale=locale or Locale.get_active())
            .select_related("edition")
            .order_by("-edition__year", "path")
        )

    def public_results(self) -> PalmaresPageQuerySet:
        """Palmarès pages of the editions whose results are published (the embargo)."""
        return self.filter(edition__in=LabelEdition.objects.public())

    def embargoed(self) -> PalmaresPageQuerySet:
        """Palmarès pages of the editions whose results are still under embargo."""
        return self.filter(edition__in=LabelEdition.objects.embargoed())

    def for_year(self, year: int, locale: Locale | None = None) -> PalmaresPage | None:
        """The live palmarès page of ``year`` in ``locale`` (the active language by default), or
        None: the one way to find the page of a year, for every link to it. A year whose page
        has no live translation in that language has none there."""
        return self.published(locale).filter(edition__year=year).first()


PalmaresPageManager = PageManager.from_queryset(PalmaresPageQuerySet)


class PalmaresIndexPage(RoutablePageMixin, BasePage):
    """The list of the editions' palmarès pages; also serves ``collectivites/<slug>/``."""

    body = StreamField(BODY_BLOCKS, verbose_name=_("contenu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    parent_page_types = ["editorial.StandardPage"]
    subpage_types = ["label.PalmaresPage"]
    max_count_per_parent = 1
    template = "label/palmares_index_page.html"

    class Meta:
        verbose_name = _("index des palmarès")
        verbose_name_plural = _("index des palmarès")

    def get_og_image(self):
        return first_stream_image(self.body)

    def palmares_pages(self) -> PalmaresPageQuerySet:
        return PalmaresPage.objects.published(self.locale).child_of(self)

    @path("")
    def index_view(self, request):
        return self.render(request, context_overrides={"palmares_pages": self.palmares_pages()})

    @path("collectivites/<slug:slug>/", name="collectivity")
    def collectivity_view(self, request, slug):
        from ..charts import history_chart

        collectivity = get_object_or_404(
            Collectivity.objects.select_related("department", "region"), slug=slug
        )
        staff = sees_embargoed(request)
        rows = collectivity.labellisations.all() if staff else collectivity.labellisations.public()
        editions = LabelEdition.objects.all() if staff else LabelEdition.objects.public()
        labellisations = list(
            rows.select_related("edition").prefetch_related("distinctions").order_by("edition__year")
        )
        pages = {
            page.edition_id: page
            for page in self.palmares_pages().filter(edition__in=[item.edition_id for item in labellisations])
        }
        for item in labellisations:
            page = pages.get(item.edition_id)
            item.palmares_url = page.get_url(request) if page else ""
        by_year = {item.edition.year: item.arobases for item in labellisations}
        points = []
        if labellisations:
            years = editions.filter(
                year__gte=labellisations[0].edition.year, year__lte=labellisations[-1].edition.year
            ).values_list("year", flat=True)
            points = [(year, by_year.get(year)) for year in sorted(years)]
        response = TemplateResponse(
            request,
            "label/collectivity_history.html",
            {
                **self.get_context(request),
                "collectivity": collectivity,
                "labellisations": labellisations,
                "chart": history_chart(points),
                "points": points,
                "sections": collectivity_sections(request, collectivity),
            },
        )
        return mark_private(response) if staff else response


class PalmaresPage(BasePage):
    """The palmarès of one edition: its figures and the filterable list of labellisations."""

    edition = models.ForeignKey(
        LabelEdition, verbose_name=_("édition"), on_delete=models.PROTECT, related_name="pages"
    )
    body = StreamField(BODY_BLOCKS, verbose_name=_("contenu"), blank=True)

    objects = PalmaresPageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("edition"),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    parent_page_types = ["label.PalmaresIndexPage"]
    subpage_types: list[str] = []
    template = "label/palmares_page.html"

    class Meta:
        verbose_name = _("palmarès")
        verbose_name_plural = _("palmarès")

    def get_og_image(self):
        return first_stream_image(self.body)

    def serve(self, request, *args, **kwargs):
        """Under embargo, the page is not found, except for the team (preview, admin access)."""
        if self.edition.is_public():
            return super().serve(request, *args, **kwargs)
        if not sees_embargoed(request):
            raise Http404
        return mark_private(super().serve(request, *args, **kwargs))

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) if self.edition.is_public() else []

    def clean(self) -> None:
        super().clean()
        parent = self.get_parent() if self.pk else None
        siblings = PalmaresPage.objects.filter(edition_id=self.edition_id, locale_id=self.locale_id)
        if parent is not None:
            siblings = siblings.child_of(parent)
        if self.edition_id and siblings.exclude(pk=self.pk).exists():
            message = _("Cette édition a déjà sa page de palmarès dans cette langue.")
            raise ValidationError({"edition": message})

    def get_context(self, request, *args, **kwargs):
        from ..charts import region_tile_map
        from ..forms import DEFAULT_SORT, PalmaresFilterForm
        from ..services.figures import edition_figures

        context = super().get_context(request, *args, **kwargs)
        regions = list(Region.objects.order_by("name"))
        form = PalmaresFilterForm(request.GET, regions=regions)
        rows = Labellisation.objects.filter(edition=self.edition_id).for_table()
        sort = DEFAULT_SORT
        filter_error = False
        if form.is_valid():
            rows = filter_rows(rows, form.cleaned_data)
            sort = form.cleaned_data["tri"] or DEFAULT_SORT
        else:
            filter_error = True
            form = PalmaresFilterForm(regions=regions)
        paginator = CountedPaginator(sort_rows(rows, sort), PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        index = self.get_parent().specific
        figures = edition_figures(self.edition)
        context.update(
            {
                "figures": figures,
                "region_map": region_tile_map(figures.regions, regions),
                "embargoed": not self.edition.is_public(),
                "form": form,
                "filter_error": filter_error,
                # Links keep the filters, except values that were refused.
                "query": QueryDict() if filter_error else request.GET,
                "page_obj": page_obj,
                "sort": sort,
                "index_url": index.get_url(request),
                "csv_url": download_url(self.edition.year, "csv"),
                "json_url": download_url(self.edition.year, "json"),
            }
        )
        return context


def download_url(year: int, fmt: str) -> str:
    kwargs = {"year": str(year), "file_year": str(year), "fmt": fmt}
    return reverse("label:palmares_download", kwargs=kwargs)


def filter_rows(rows, data: dict):
    """Apply the cleaned filters of :class:`label.forms.PalmaresFilterForm` to ``rows``."""
    if data.get("arobases"):
        rows = rows.filter(arobases=data["arobases"])
    if data.get("region"):
        rows = rows.filter(collectivity__region__slug=data["region"])
    if data.get("categorie"):
        rows = rows.of_category(data["categorie"])
    if distinction := data.get("distinction"):
        kinds = MENTION_KINDS if distinction == "mention" else [DistinctionKind(distinction)]
        rows = rows.with_distinction(kinds)
    return rows


def sort_rows(rows, sort: str):
    if sort == "arobases":
        return rows.order_by("-arobases", "collectivity__name", "pk")
    if sort == "population":
        return rows.order_by(F("population_value").desc(nulls_last=True), "collectivity__name", "pk")
    return rows.order_by("collectivity__name", "pk")


def collectivity_history_urls(request=None) -> Callable[[Collectivity], str]:
    """A function giving a collectivity's label history URL (a route of the palmarès index of
    the active language), or "" for every collectivity when there is no such index."""
    index = PalmaresIndexPage.objects.live().filter(locale=Locale.get_active()).order_by("path").first()
    if index is None:
        return lambda collectivity: ""
    base = index.get_url(request)
    return lambda collectivity: (
        base + index.reverse_subpage("collectivity", kwargs={"slug": collectivity.slug})
    )


def collectivity_history_url(collectivity: Collectivity, request=None) -> str:
    """URL of ``collectivity``'s label history page, or "" (see ``collectivity_history_urls``)."""
    return collectivity_history_urls(request)(collectivity)
