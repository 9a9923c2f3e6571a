"""News: the news index (with its filters and feeds), articles and their categories.

The index lives at `/actualites/` (English `/en/news/`); its articles are its children.
Filters are plain query-string links (`?categorie=`, `?tag=`, `?annee=`), combinable, read by
`editorial.forms.NewsFilterForm` and applied with the `ArticlePageQuerySet` methods; the feeds
are sub-URLs of the index (`flux/rss/`, `flux/atom/`).
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Page as PaginatorPage
from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, Page, PageManager, PageQuerySet, TranslatableMixin
from wagtail.search import index

from core.blocks import BODY_BLOCKS
from core.fragment_cache import cached_value
from core.models import BasePage, exclude_members_only
from core.pagination import CountedPaginator
from core.seo import first_stream_image, news_article_json_ld, noon
from label.blocks import EditionFiguresBlock

NEWS_PER_PAGE = 10
FEED_LENGTH = 20
RELATED_ARTICLES = 3


class NewsCategory(TranslatableMixin, models.Model):
    """A category of news ("Label", "Congrès"...), translated with wagtail-localize."""

    name = models.CharField(_("nom"), max_length=80)
    slug = models.SlugField(
        _("identifiant dans l'adresse"),
        max_length=80,
        allow_unicode=False,
        help_text=_("Utilisé dans l'adresse des actualités filtrées, par exemple « congres »."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("catégorie d'actualités")
        verbose_name_plural = _("catégories d'actualités")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="editorial_newscategory_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class ArticleTag(TaggedItemBase):
    """The through model between articles and taggit's tags."""

    content_object = ParentalKey(
        "editorial.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePageQuerySet(PageQuerySet):
    def listing(
        self, locale: Locale | int | None = None, members_only: bool = False
    ) -> "ArticlePageQuerySet":
        """Live public articles of one language (the active one by default), newest first.

        Members-only articles (flagged, or under a flagged page) are left out unless
        ``members_only`` is true: pass it only for a person who may open them (never in a
        feed, which anyone can read).
        ``locale`` may be a locale's id. Everything a card shows (image and its renditions,
        categories) is fetched in a fixed number of queries, however many articles there are.
        """
        locale = locale or Locale.get_active()
        articles = self if members_only else exclude_members_only(self)
        return (
            articles.live()
            .public()
            .filter(locale=locale)
            .select_related("image", "locale")
            .prefetch_related("image__renditions", "categories")
            .order_by("-date", "-first_published_at", "-pk")
        )

    def in_category(self, category: "NewsCategory") -> "ArticlePageQuerySet":
        return self.filter(categories=category)

    def tagged(self, tag: Tag) -> "ArticlePageQuerySet":
        return self.filter(tagged_items__tag=tag)

    def of_year(self, year: int) -> "ArticlePageQuerySet":
        return self.filter(date__year=year)


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The list of news articles of one language, with filters and feeds."""

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["editorial.ArticlePage"]
    max_count_per_parent = 1

    template = "editorial/news_index_page.html"

    class Meta:
        verbose_name = _("index des actualités")
        verbose_name_plural = _("index des actualités")

    # Queries -------------------------------------------------------------------------

    def articles(self, members_only: bool = False) -> ArticlePageQuerySet:
        """This index's live public articles (all in the index's language), newest first;
        members-only ones only with ``members_only`` (see `ArticlePageQuerySet.listing`)."""
        return ArticlePage.objects.listing(self.locale_id, members_only=members_only).child_of(self)

    def filter_choices(self, members_only: bool = False) -> dict:
        """The categories, tags and years that have at least one article here (3 queries)."""
        live_articles = ArticlePage.objects.live().public().child_of(self)
        if not members_only:
            live_articles = exclude_members_only(live_articles)
        article_ids = live_articles.values("pk")
        return {
            "categories": list(
                NewsCategory.objects.filter(locale_id=self.locale_id, articles__in=article_ids)
                .distinct()
                .order_by("name")
            ),
            "tags": list(
                Tag.objects.filter(editorial_articletag_items__content_object__in=article_ids)
                .distinct()
                .order_by("name")
            ),
            "years": [day.year for day in live_articles.dates("date", "year", order="DESC")],
        }

    def paginate(self, request: HttpRequest, articles: ArticlePageQuerySet) -> PaginatorPage:
        """One page of articles. A `?page=` that is not a number shows the first page; a number
        past the end shows the last page (Paginator.get_page), so no link ever answers 404. The
        number of articles comes with the page's rows (one query)."""
        return CountedPaginator(articles, NEWS_PER_PAGE).get_page(request.GET.get("page"))

    def feed_urls(self, request: HttpRequest | None = None) -> dict[str, str]:
        base = self.get_full_url(request)
        if not base:
            return {}
        base = base.rstrip("/") + "/"
        return {
            "rss": base + self.reverse_subpage("feed_rss").lstrip("/"),
            "atom": base + self.reverse_subpage("feed_atom").lstrip("/"),
        }

    def get_context(self, request, *args, **kwargs):
        from editorial.forms import NewsFilterForm
        from members.access import can_open_members_only

        context = super().get_context(request, *args, **kwargs)
        filters = NewsFilterForm(request.GET, locale=self.locale)
        # Members also see the members-only articles; everyone else (and every feed) does not.
        members_only = can_open_members_only(request.user)
        context.update(
            filters=filters,
            articles=self.paginate(request, filters.filter(self.articles(members_only))),
            feed_urls=self.feed_urls(request),
            index_url=self.get_url(request),
            # Kept in the fragment cache until a page, a category or a tag changes (editorial.apps).
            **cached_value(
                f"news:filters:{self.pk}:{members_only}", lambda: self.filter_choices(members_only)
            ),
        )
        return context

    # Routes --------------------------------------------------------------------------

    @path("flux/rss/", name="feed_rss")
    def feed_rss(self, request):
        from editorial.feeds import NewsRssFeed

        return NewsRssFeed()(request, index=self)

    @path("flux/atom/", name="feed_atom")
    def feed_atom(self, request):
        from editorial.feeds import NewsAtomFeed

        return NewsAtomFeed()(request, index=self)


def _today() -> datetime.date:
    return timezone.localdate()


class ArticlePage(BasePage):
    """A news article. Its teaser plays the part of the introduction (meta description,
    featured content), so the article has no introduction field of its own."""

    date = models.DateField(_("date"), default=_today)
    teaser = models.TextField(
        _("chapeau"),
        max_length=300,
        help_text=_("Deux phrases au plus : reprises dans la liste, les flux et la description de la page."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("texte alternatif de l'image"),
        max_length=250,
        blank=True,
        help_text=_("Obligatoire si une image est choisie : décrivez ce qu'elle montre."),
    )
    image_credit = models.CharField(_("crédit de l'image"), max_length=120, blank=True)
    # An article about a palmarès quotes the edition's figures, computed from its rows.
    body = StreamField(
        [*BODY_BLOCKS, ("edition_figures", EditionFiguresBlock())], verbose_name=_("contenu"), blank=True
    )
    categories = ParentalManyToManyField(
        NewsCategory, verbose_name=_("catégories"), blank=True, related_name="articles"
    )
    tags = ClusterTaggableManager(through=ArticleTag, verbose_name=_("mots-clés"), blank=True)

    objects = ArticlePageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("teaser"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt"), FieldPanel("image_credit")], heading=_("Image")
        ),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("categories"), FieldPanel("tags")], heading=_("Classement")),
        InlinePanel("related_links", label=_("Articles liés choisis"), max_num=RELATED_ARTICLES),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["editorial.NewsIndexPage"]
    subpage_types: list[str] = []

    template = "editorial/article_page.html"

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def save(self, *args, **kwargs):
        self._localize_categories()
        return super().save(*args, **kwargs)

    def _localize_categories(self) -> None:
        """Point the categories at their versions in this article's language.

        wagtail-localize copies the source's categories onto a translation as they are; an
        English article would otherwise show (and filter by) French categories. A category
        without a translation in this language is left out.
        """
        if not self.locale_id:
            return
        current = list(self.categories.all())
        foreign = [category.translation_key for category in current if category.locale_id != self.locale_id]
        if not foreign:
            return
        local = {
            category.translation_key: category
            for category in NewsCategory.objects.filter(translation_key__in=foreign, locale_id=self.locale_id)
        }
        self.categories = [
            category if category.locale_id == self.locale_id else local[category.translation_key]
            for category in current
            if category.locale_id == self.locale_id or category.translation_key in local
        ]

    def clean(self) -> None:
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError(
                {
                    "image_alt": _(
                        "Décrivez l'image choisie : le texte alternatif est obligatoire avec une image."
                    )
                }
            )

    summary_field = "teaser"

    @property
    def introduction(self) -> str:
        return self.teaser

    og_type = "article"

    def get_og_image(self):
        return self.image or first_stream_image(self.body)

    def json_ld(self, request: HttpRequest) -> dict:
        return news_article_json_ld(self, request, published=self.date)

    @cached_property
    def shown_categories(self) -> list["NewsCategory"]:
        """The article's categories, asked once per request (the page and its related articles)."""
        return list(self.categories.all())

    @cached_property
    def shown_tags(self) -> list[Tag]:
        return list(self.tags.all())

    def related_articles(self, limit: int = RELATED_ARTICLES) -> list["ArticlePage"]:
        """Chosen related articles first, then the newest sharing a category or a tag."""
        candidates = ArticlePage.objects.listing(self.locale_id).exclude(pk=self.pk)
        chosen_ids = [
            link.article_id
            for link in self.related_links.all()
            if link.article_id and link.article_id != self.pk
        ]
        related: list[ArticlePage] = []
        if chosen_ids:
            # A translation keeps its source's choices: show their versions in this language.
            keys = dict(ArticlePage.objects.filter(pk__in=chosen_ids).values_list("pk", "translation_key"))
            order = [keys[pk] for pk in chosen_ids if pk in keys]
            related = sorted(
                candidates.filter(translation_key__in=order),
                key=lambda article: order.index(article.translation_key),
            )
        related = related[:limit]
        if len(related) < limit:
            category_ids = [category.pk for category in self.shown_categories]
            tag_ids = [tag.pk for tag in self.shown_tags]
            if category_ids or tag_ids:
                automatic_ids = (
                    ArticlePage.objects.live()
                    .public()
                    .filter(locale_id=self.locale_id)
                    .exclude(pk__in=[self.pk, *[article.pk for article in related]])
                    .filter(Q(categories__in=category_ids) | Q(tagged_items__tag__in=tag_ids))
                    .values("pk")
                )
                related += list(candidates.filter(pk__in=automatic_ids)[: limit - len(related)])
        return related

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        parent = self.get_parent().specific
        if isinstance(parent, NewsIndexPage):
            context["feed_urls"] = parent.feed_urls(request)
            context["index_url"] = parent.get_url(request)
        # Kept in the fragment cache until a page changes; a preview shows the draft's own.
        context["related_articles"] = (
            self.related_articles()
            if getattr(request, "is_preview", False)
            else cached_value(f"news:related:{self.pk}", self.related_articles)
        )
        return context

    @property
    def published_at(self) -> datetime.datetime:
        """The article's date as an aware datetime for the feeds: noon, local time, as in the
        structured data."""
        return noon(self.date)


class ArticleRelatedLink(Orderable):
    """An article an editor chose to show under another one."""

    page = ParentalKey(ArticlePage, related_name="related_links", on_delete=models.CASCADE)
    article = models.ForeignKey(
        ArticlePage, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("article lié")
        verbose_name_plural = _("articles liés")
