"""The home page: the root of each language's tree."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from actions.blocks import LaureatesSheetsBlock
from core.blocks import BODY_BLOCKS, FeaturedContentBlock, HeroBlock
from core.fragment_cache import cached_value
from core.models import BasePage, exclude_members_only
from core.seo import first_stream_image
from editorial.models import ArticlePage, CongressPage, NewsIndexPage
from label.blocks import EditionFiguresBlock
from webinars.models import SessionPage

LATEST_NEWS = 3
UPCOMING = 3


class HomePage(BasePage):
    members_only = None  # the home page is always public
    body = StreamField(
        [
            ("hero", HeroBlock()),
            ("featured", FeaturedContentBlock()),
            ("edition_figures", EditionFiguresBlock()),
            ("laureates_sheets", LaureatesSheetsBlock()),
            *BODY_BLOCKS,
        ],
        verbose_name=_("sections"),
        blank=True,
        block_counts={"hero": {"max_num": 1}},
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    settings_panels = Page.settings_panels
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "editorial.StandardPage",
        "editorial.NewsIndexPage",
        "editorial.PressRoomPage",
        "editorial.MembersResourcesPage",
        "webinars.SeasonPage",
    ]

    template = "home/home_page.html"

    class Meta:
        verbose_name = _("page d'accueil")
        verbose_name_plural = _("pages d'accueil")

    def json_ld(self, request) -> dict:
        """The association as a schema.org Organization."""
        from core.seo import organization_json_ld

        return organization_json_ld(request, home=self)

    def get_og_image(self):
        """The hero's image, else the first image of the sections."""
        return first_stream_image(self.body, block_types=("hero",)) or first_stream_image(self.body)

    def latest_news(self) -> list[ArticlePage]:
        """The newest live public articles of the home's language."""
        return list(exclude_members_only(ArticlePage.objects.listing(self.locale_id))[:LATEST_NEWS])

    def upcoming(self) -> list[CongressPage]:
        """What comes next: the congress editions of the home's language that have not ended,
        soonest first. Empty when none is announced (the home page then leaves the section out)."""
        editions = (
            CongressPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id, end_date__gte=timezone.localdate())
        )
        return list(exclude_members_only(editions).order_by("start_date", "pk")[:UPCOMING])

    def upcoming_sessions(self, limit: int = UPCOMING) -> list[SessionPage]:
        """The next webinar sessions of the home's language, soonest first."""
        sessions = SessionPage.objects.live().public().filter(locale_id=self.locale_id).upcoming()
        return list(exclude_members_only(sessions)[:limit])

    def news_index(self) -> NewsIndexPage | None:
        """The live public news index of the home's language; kept until a page changes
        (core.fragment_cache)."""
        return cached_value(
            f"home:news-index:{self.locale_id}",
            lambda: NewsIndexPage.objects.live().public().filter(locale_id=self.locale_id).first(),
        )

    def get_context(self, request, *args, **kwargs):
        # The sections are kept in the fragment cache until a page changes (core.fragment_cache),
        # and at most a day (the congresses) or a minute (the sessions, filtered again here).
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context["latest_news"] = cached_value(f"home:news:{self.locale_id}", self.latest_news)
        context["news_index"] = self.news_index() if context["latest_news"] else None
        context["upcoming"] = cached_value(
            f"home:congresses:{self.locale_id}:{timezone.localdate(now)}", self.upcoming
        )
        sessions = cached_value(
            f"home:sessions:{self.locale_id}:{now:%Y%m%d%H%M}",
            lambda: self.upcoming_sessions(limit=2 * UPCOMING),
        )
        context["upcoming_sessions"] = [session for session in sessions if session.starts_at > now][:UPCOMING]
        return context

    @property
    def hero(self):
        """The hero section, whose title is the page's <h1>, or None."""
        return next((block for block in self.body if block.block_type == "hero"), None)
