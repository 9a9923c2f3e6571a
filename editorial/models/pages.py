"""Standard editorial pages."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BODY_BLOCKS
from core.models import BasePage, members_only_paths
from core.seo import first_stream_image


class StandardPage(BasePage):
    """A page of text and blocks: the association, the label, legal notices..."""

    body = StreamField(BODY_BLOCKS, verbose_name=_("contenu"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["home.HomePage", "editorial.StandardPage"]
    subpage_types = [
        "editorial.StandardPage",
        "label.PalmaresIndexPage",
        "actions.ActionCatalogPage",
        "editorial.CongressPage",
        "editorial.MembersResourcesPage",
    ]

    template = "editorial/standard_page.html"

    class Meta:
        verbose_name = _("page standard")
        verbose_name_plural = _("pages standard")

    def get_og_image(self):
        return first_stream_image(self.body)

    def subpages(self) -> list[Page]:
        """The live public children, listed under the text (the editions under "Le Congrès"):
        dated pages (congress editions) newest first, then the others in the tree's order."""
        children = list(self.get_children().live().public().specific())
        dated = sorted(
            (child for child in children if getattr(child, "start_date", None)),
            key=lambda child: child.start_date,
            reverse=True,
        )
        return dated + [child for child in children if not getattr(child, "start_date", None)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subpages"] = self.subpages()
        return context


class MembersResourcesPage(BasePage):
    """ "Ressources réservées aux membres": lists the pages of its language that only members
    can open (the pages flagged members-only, and its own children). Flag it members-only
    too: visitors who are not members then see how to join."""

    body = StreamField(BODY_BLOCKS, verbose_name=_("contenu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["home.HomePage", "editorial.StandardPage"]
    subpage_types = ["editorial.StandardPage"]

    template = "editorial/members_resources_page.html"

    class Meta:
        verbose_name = _("ressources réservées aux membres")
        verbose_name_plural = _("ressources réservées aux membres")

    def resources(self) -> list[Page]:
        """Live pages of this page's language that are members-only, by title: the flagged
        pages (not this one nor its ancestors) and this page's children."""
        flagged = [path for path in members_only_paths() if not self.path.startswith(path)]
        condition = Q(path__startswith=self.path, depth=self.depth + 1)
        if flagged:
            condition |= Q(path__in=flagged)
        return list(
            Page.objects.live()
            .filter(condition, locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .order_by("title")
            .specific()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["resources"] = self.resources()
        return context
