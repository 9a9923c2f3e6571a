"""Standard editorial pages."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BODY_BLOCKS
from core.models import BasePage
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
    subpage_types = ["editorial.StandardPage", "label.PalmaresIndexPage", "editorial.CongressPage"]

    template = "editorial/standard_page.html"

    class Meta:
        verbose_name = _("page standard")
        verbose_name_plural = _("pages standard")

    def get_og_image(self):
        return first_stream_image(self.body)
