"""Standard editorial pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from editorial.blocks import BODY_BLOCKS


class BasePage(Page):
    """Fields every public page shares: a short introduction used as the meta description."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        max_length=300,
        help_text=_("Deux phrases au plus ; reprises dans les résultats de recherche et le partage."),
    )

    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    class Meta:
        abstract = True

    @property
    def meta_description(self) -> str:
        return self.search_description or self.introduction

    def get_og_image(self):
        """The image shared on social networks (og:image), or None. Page types with an image
        override it."""
        return None

    def json_ld(self, request) -> dict | None:
        """Structured data (schema.org) for this page, rendered as JSON-LD in the head, or None.

        Override it per page type; articles and press releases can return
        ``editorial.seo.news_article_json_ld(self, request)``.
        """
        return None


class StandardPage(BasePage):
    """A page of text and blocks: the association, the label, legal notices..."""

    body = StreamField(BODY_BLOCKS, verbose_name=_("contenu"), blank=True)
    members_only = models.BooleanField(
        _("réservée aux adhérents"),
        default=False,
        help_text=_(
            "Seules les personnes d'une collectivité adhérente (à jour ou en délai de grâce) "
            "peuvent lire la page ; les autres voient comment adhérer. La page sort alors du plan "
            "du site, des flux et de la recherche des visiteurs."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("members_only")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["home.HomePage", "editorial.StandardPage"]
    subpage_types = ["editorial.StandardPage", "label.PalmaresIndexPage", "editorial.CongressPage"]

    template = "editorial/standard_page.html"

    def get_sitemap_urls(self, request=None):
        # Members-only pages stay out of the sitemap (see members.access and members.wagtail_hooks).
        if self.members_only:
            return []
        return super().get_sitemap_urls(request)

    class Meta:
        verbose_name = _("page standard")
        verbose_name_plural = _("pages standard")
